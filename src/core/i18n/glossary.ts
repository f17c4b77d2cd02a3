/**
 * The one list of the course's terms, Chinese ↔ English (issue 15). The Chinese edition writes
 * each term as given here (the reference article's own vocabulary where it has one: 算力, 访存量,
 * 显存, 隐空间, 词表 …); /glossary/ and /zh/glossary/ are built from this list, each term linking to
 * the section (page slug + heading id, identical in both editions) that first explains it.
 * test/core/i18n/glossary.test.ts checks that every anchor is a heading of that page.
 *
 * Others may append entries (one line each), keeping the course's order: by the chapter that
 * first explains the term.
 */
export interface GlossaryTerm {
  /** The term as the Chinese edition writes it. */
  zh: string;
  /** The English term, as the English edition and English sources write it. */
  en: string;
  /** Abbreviation both editions use, if any (TTFT, GQA …). */
  abbr?: string;
  /** Page slug of the first explanation (a chapter, 'notation' …). */
  page: string;
  /** Heading id on that page (the same in both editions). */
  anchor: string;
  /** The Chinese reference article uses this term (its vocabulary is the edition's). */
  article?: boolean;
}

export const GLOSSARY: readonly GlossaryTerm[] = [
  // 1 Tensors
  { zh: '张量', en: 'tensor', page: 'tensors', anchor: 'tensors', article: true },
  { zh: '形状', en: 'shape', page: 'tensors', anchor: 'llm-shapes' },
  { zh: '批大小', en: 'batch size', page: 'tensors', anchor: 'llm-shapes', article: true },
  { zh: '序列长度', en: 'sequence length', page: 'tensors', anchor: 'llm-shapes', article: true },
  { zh: '矩阵乘', en: 'matrix multiplication', abbr: 'matmul', page: 'tensors', anchor: 'matmul-cost', article: true },
  { zh: '计算量', en: 'compute (FLOPs)', page: 'tensors', anchor: 'matmul-cost', article: true },
  { zh: '浮点运算次数', en: 'floating-point operations', abbr: 'FLOPs', page: 'tensors', anchor: 'matmul-cost' },
  { zh: '批量矩阵乘', en: 'batched matmul', page: 'tensors', anchor: 'batched-matmul' },
  { zh: '算术强度', en: 'arithmetic intensity', page: 'tensors', anchor: 'intensity' },
  { zh: '访存量', en: 'memory traffic (bytes moved)', page: 'tensors', anchor: 'intensity', article: true },
  { zh: '残差流', en: 'residual stream', page: 'tensors', anchor: 'llm-shapes' },
  // 2 GPU peak
  { zh: '张量核心', en: 'tensor core', abbr: 'Tensor Core', page: 'gpu-peak', anchor: 'tensor-core', article: true },
  { zh: '数据类型', en: 'data type', abbr: 'dtype', page: 'gpu-peak', anchor: 'tensor-core', article: true },
  { zh: '算力', en: 'compute throughput (FLOP/s)', page: 'gpu-peak', anchor: 'peak-from-hardware', article: true },
  { zh: '峰值算力', en: 'peak FLOP/s', page: 'gpu-peak', anchor: 'peak-from-hardware' },
  { zh: '流式多处理器', en: 'streaming multiprocessor', abbr: 'SM', page: 'gpu-peak', anchor: 'peak-from-hardware', article: true },
  { zh: '时钟频率', en: 'clock frequency', page: 'gpu-peak', anchor: 'peak-from-hardware', article: true },
  { zh: '分块（tile）与波（wave）', en: 'output tiles and waves', page: 'gpu-peak', anchor: 'approaching-peak' },
  { zh: '实际算力上限', en: 'practical ceiling', page: 'gpu-peak', anchor: 'approaching-peak', article: true },
  { zh: '显存带宽', en: 'memory bandwidth', page: 'gpu-peak', anchor: 'bandwidth-ridge' },
  { zh: '拐点', en: 'ridge point', page: 'gpu-peak', anchor: 'bandwidth-ridge' },
  { zh: '屋顶线模型', en: 'roofline model', abbr: 'roofline', page: 'gpu-peak', anchor: 'roofline-model' },
  { zh: '计算受限', en: 'compute-bound', page: 'gpu-peak', anchor: 'roofline-model' },
  { zh: '访存受限', en: 'memory-bound', page: 'gpu-peak', anchor: 'roofline-model' },
  { zh: '结构化稀疏', en: 'structured sparsity', page: 'gpu-peak', anchor: 'datasheet-traps' },
  { zh: 'GPU 互联（NVLink）', en: 'GPU interconnect', abbr: 'NVLink', page: 'gpu-peak', anchor: 'datasheet-traps' },
  // 3 Anatomy
  { zh: '编码器', en: 'encoder', page: 'anatomy', anchor: 'encoder-decoder', article: true },
  { zh: '解码器', en: 'decoder', page: 'anatomy', anchor: 'encoder-decoder', article: true },
  { zh: '交叉注意力', en: 'cross-attention', page: 'anatomy', anchor: 'encoder-decoder', article: true },
  { zh: '自注意力', en: 'self-attention', page: 'anatomy', anchor: 'encoder-decoder', article: true },
  { zh: '仅编码器架构', en: 'encoder-only', page: 'anatomy', anchor: 'families' },
  { zh: '仅解码器架构', en: 'decoder-only', page: 'anatomy', anchor: 'families', article: true },
  { zh: '隐空间维度（隐藏维度）', en: 'hidden size', page: 'anatomy', anchor: 'data-flow', article: true },
  { zh: '分词器', en: 'tokenizer', page: 'anatomy', anchor: 'embedding-lookup', article: true },
  { zh: '词元（Token）', en: 'token', page: 'anatomy', anchor: 'embedding-lookup', article: true },
  { zh: '词表', en: 'vocabulary', page: 'anatomy', anchor: 'embedding-lookup', article: true },
  { zh: '词嵌入', en: 'embedding', page: 'anatomy', anchor: 'embedding-lookup', article: true },
  { zh: '旋转位置编码', en: 'rotary position embedding', abbr: 'RoPE', page: 'anatomy', anchor: 'embedding-lookup' },
  { zh: '解码器层', en: 'decoder layer', page: 'anatomy', anchor: 'decoder-layers' },
  { zh: '残差连接', en: 'residual connection', page: 'anatomy', anchor: 'decoder-layers', article: true },
  { zh: '归一化', en: 'normalisation (LayerNorm, RMSNorm)', page: 'anatomy', anchor: 'decoder-layers', article: true },
  { zh: '语言模型头', en: 'LM head', page: 'anatomy', anchor: 'lm-head' },
  { zh: 'Logits（未归一化分数）', en: 'logits', page: 'anatomy', anchor: 'lm-head' },
  { zh: 'Softmax', en: 'softmax', page: 'anatomy', anchor: 'sampling', article: true },
  { zh: '采样', en: 'sampling', page: 'anatomy', anchor: 'sampling' },
  { zh: '贪心解码', en: 'greedy decoding', page: 'anatomy', anchor: 'sampling' },
  { zh: '推理', en: 'inference', page: 'anatomy', anchor: 'inference-vs-training', article: true },
  { zh: '训练', en: 'training', page: 'anatomy', anchor: 'inference-vs-training', article: true },
  { zh: '自回归生成', en: 'autoregressive generation', page: 'anatomy', anchor: 'inference-vs-training' },
  // 4 Attention and FFN
  { zh: '查询、键、值', en: 'query, key, value', abbr: 'Q, K, V', page: 'attention-ffn', anchor: 'qkv', article: true },
  { zh: '注意力', en: 'attention', page: 'attention-ffn', anchor: 'single-head', article: true },
  { zh: '单头注意力', en: 'single-head attention', page: 'attention-ffn', anchor: 'single-head', article: true },
  { zh: '多头注意力', en: 'multi-head attention', abbr: 'MHA', page: 'attention-ffn', anchor: 'multi-head', article: true },
  { zh: '头维度', en: 'head dimension', page: 'attention-ffn', anchor: 'multi-head' },
  { zh: '因果掩码', en: 'causal mask', page: 'attention-ffn', anchor: 'causal' },
  { zh: '输出投影', en: 'output projection', page: 'attention-ffn', anchor: 'output-projection' },
  { zh: '多查询注意力', en: 'multi-query attention', abbr: 'MQA', page: 'attention-ffn', anchor: 'gqa', article: true },
  { zh: '分组查询注意力', en: 'grouped-query attention', abbr: 'GQA', page: 'attention-ffn', anchor: 'gqa', article: true },
  { zh: '前馈网络', en: 'feed-forward network', abbr: 'FFN', page: 'attention-ffn', anchor: 'ffn', article: true },
  { zh: 'FFN 中间维度', en: 'FFN intermediate size', page: 'attention-ffn', anchor: 'ffn' },
  { zh: '激活函数', en: 'activation function', page: 'attention-ffn', anchor: 'ffn' },
  { zh: '门控 FFN', en: 'gated FFN (SwiGLU)', page: 'attention-ffn', anchor: 'gated-ffn' },
  // 5 Parameters and FLOPs
  { zh: '参数量', en: 'parameter count', page: 'parameters-and-flops', anchor: 'whole-model', article: true },
  { zh: '前向计算', en: 'forward pass', page: 'parameters-and-flops', anchor: 'forward-pass', article: true },
  { zh: '每 Token 计算量', en: 'FLOPs per token', page: 'parameters-and-flops', anchor: 'two-n', article: true },
  { zh: 'Embedding 共享', en: 'tied embeddings', page: 'parameters-and-flops', anchor: 'whole-model' },
  { zh: '激活参数量', en: 'active parameters', page: 'parameters-and-flops', anchor: 'why-it-misses' },
  { zh: '注意力交叉点', en: 'attention crossover context', page: 'parameters-and-flops', anchor: 'when-attention-matters' },
  // 6 Memory
  { zh: '显存', en: 'GPU memory (HBM)', page: 'memory', anchor: 'where-memory-goes', article: true },
  { zh: '显存占用', en: 'memory footprint', page: 'memory', anchor: 'where-memory-goes', article: true },
  { zh: '权重', en: 'weights', page: 'memory', anchor: 'weights', article: true },
  { zh: 'KV Cache（键值缓存）', en: 'KV cache', page: 'memory', anchor: 'why-cache-kv', article: true },
  { zh: '激活值', en: 'activations', page: 'memory', anchor: 'activations', article: true },
  { zh: '并发', en: 'concurrency (requests in flight)', page: 'memory', anchor: 'one-vs-hundred', article: true },
  { zh: 'GB 与 GiB', en: 'GB vs GiB', page: 'memory', anchor: 'gb-vs-gib' },
  // 7 Training
  { zh: '训练步', en: 'training step', page: 'training', anchor: 'training-step' },
  { zh: '反向计算', en: 'backward pass', page: 'training', anchor: 'backward-pass', article: true },
  { zh: '梯度', en: 'gradient', page: 'training', anchor: 'backward-pass', article: true },
  { zh: 'GPU 时', en: 'GPU-hours', page: 'training', anchor: 'flops-to-days' },
  { zh: '数据并行', en: 'data parallelism', abbr: 'DP', page: 'training', anchor: 'gradient-sync', article: true },
  { zh: '梯度同步', en: 'gradient synchronisation', page: 'training', anchor: 'gradient-sync' },
  { zh: '全规约', en: 'all-reduce', page: 'training', anchor: 'gradient-sync' },
  { zh: '模型状态', en: 'model states', page: 'training', anchor: 'model-states' },
  { zh: '优化器状态', en: 'optimizer states', page: 'training', anchor: 'model-states', article: true },
  { zh: '混合精度训练', en: 'mixed-precision training', page: 'training', anchor: 'model-states' },
  { zh: 'ZeRO 分片', en: 'ZeRO sharding', abbr: 'ZeRO', page: 'training', anchor: 'zero-sharding' },
  { zh: '张量并行', en: 'tensor parallelism', abbr: 'TP', page: 'training', anchor: 'tensor-sequence-parallel', article: true },
  { zh: '序列并行', en: 'sequence parallelism', abbr: 'SP', page: 'training', anchor: 'tensor-sequence-parallel', article: true },
  { zh: '重计算', en: 'activation recomputation', page: 'training', anchor: 'recomputation' },
  { zh: '主权重', en: 'master weights (fp32)', page: 'training', anchor: 'model-states' },
  { zh: '一阶矩和二阶矩', en: 'Adam moments (first and second)', page: 'training', anchor: 'model-states' },
  { zh: '选择性重计算', en: 'selective recomputation', page: 'training', anchor: 'recomputation' },
  { zh: '完全重计算', en: 'full recomputation (activation checkpointing)', page: 'training', anchor: 'recomputation' },
  // 8 MFU and latency
  { zh: '算力利用率', en: 'utilisation', page: 'mfu-and-latency', anchor: 'utilisation', article: true },
  { zh: '模型算力利用率', en: 'model FLOPs utilisation', abbr: 'MFU', page: 'mfu-and-latency', anchor: 'mfu-from-a-run', article: true },
  { zh: '硬件算力利用率', en: 'hardware FLOPs utilisation', abbr: 'HFU', page: 'mfu-and-latency', anchor: 'mfu-and-hfu' },
  { zh: '吞吐', en: 'throughput', page: 'mfu-and-latency', anchor: 'throughput-ceiling', article: true },
  { zh: '时延', en: 'latency', page: 'mfu-and-latency', anchor: 'throughput-ceiling', article: true },
  { zh: '预填充', en: 'prefill', page: 'mfu-and-latency', anchor: 'prefill', article: true },
  { zh: '首 Token 时延', en: 'time to first token', abbr: 'TTFT', page: 'mfu-and-latency', anchor: 'prefill', article: true },
  { zh: '解码', en: 'decode', page: 'mfu-and-latency', anchor: 'decode', article: true },
  { zh: '每 Token 时延', en: 'time per output token', abbr: 'TPOT', page: 'mfu-and-latency', anchor: 'decode', article: true },
  { zh: '批处理', en: 'batching', page: 'mfu-and-latency', anchor: 'batching' },
  // 9 Parallelism
  { zh: '全局批大小', en: 'global batch size', page: 'parallelism', anchor: 'data-parallel' },
  { zh: '流水并行', en: 'pipeline parallelism', abbr: 'PP', page: 'parallelism', anchor: 'pipeline-parallel', article: true },
  { zh: '微批', en: 'micro-batch', page: 'parallelism', anchor: 'pipeline-parallel' },
  { zh: '流水线气泡', en: 'pipeline bubble', page: 'parallelism', anchor: 'pipeline-parallel' },
  { zh: '上下文并行', en: 'context parallelism', abbr: 'CP', page: 'parallelism', anchor: 'context-parallel' },
  { zh: '专家并行', en: 'expert parallelism', abbr: 'EP', page: 'parallelism', anchor: 'expert-parallel' },
  { zh: '1F1B 调度', en: 'one-forward-one-backward schedule', abbr: '1F1B', page: 'parallelism', anchor: 'pipeline-parallel' },
  { zh: '交错式流水线调度', en: 'interleaved pipeline schedule', page: 'parallelism', anchor: 'pipeline-parallel' },
  { zh: '负载均衡损失', en: 'load-balancing loss', page: 'parallelism', anchor: 'expert-parallel' },
  // 10 Variants
  { zh: '滑动窗口注意力', en: 'sliding-window attention', page: 'variants', anchor: 'sliding-window' },
  { zh: '混合专家', en: 'mixture of experts', abbr: 'MoE', page: 'variants', anchor: 'moe' },
  { zh: '路由器', en: 'router (top-k gating)', page: 'variants', anchor: 'moe' },
  { zh: '多头潜在注意力', en: 'multi-head latent attention', abbr: 'MLA', page: 'variants', anchor: 'mla' },
  { zh: '共享专家', en: 'shared experts', page: 'variants', anchor: 'moe' },
  { zh: '潜向量', en: 'latent vector (MLA)', page: 'variants', anchor: 'mla' },
  // 11 Serving in practice
  { zh: '连续批处理', en: 'continuous batching', page: 'serving-in-practice', anchor: 'continuous-batching' },
  { zh: '利特尔法则', en: "Little's law", page: 'serving-in-practice', anchor: 'continuous-batching' },
  { zh: '分页 KV Cache', en: 'paged KV cache (PagedAttention)', page: 'serving-in-practice', anchor: 'paged-kv-cache' },
  { zh: '前缀缓存', en: 'prefix caching', page: 'serving-in-practice', anchor: 'prefix-caching' },
  { zh: '分块预填充', en: 'chunked prefill', page: 'serving-in-practice', anchor: 'chunked-prefill' },
  { zh: '投机解码', en: 'speculative decoding', page: 'serving-in-practice', anchor: 'speculative-decoding' },
  { zh: '草稿模型', en: 'draft model', page: 'serving-in-practice', anchor: 'speculative-decoding' },
  { zh: '量化', en: 'quantization', page: 'serving-in-practice', anchor: 'quantization', article: true },
  { zh: '预填充/解码分离', en: 'prefill/decode disaggregation', page: 'serving-in-practice', anchor: 'disaggregation' },
  { zh: '有效吞吐', en: 'goodput', page: 'serving-in-practice', anchor: 'disaggregation' },
  { zh: '排队（M/D/1 队列）', en: 'queueing (M/D/1 queue)', page: 'serving-in-practice', anchor: 'disaggregation' },
  { zh: '工作点', en: 'operating point', page: 'serving-in-practice', anchor: 'continuous-batching' },
  { zh: '块表', en: 'block table', page: 'serving-in-practice', anchor: 'paged-kv-cache' },
  { zh: '接受率', en: 'acceptance rate', page: 'serving-in-practice', anchor: 'speculative-decoding' },
  { zh: '缩放因子', en: 'quantization scale', page: 'serving-in-practice', anchor: 'quantization' },
  // 12 Capacity and cost
  { zh: '服务等级目标', en: 'service-level objective', abbr: 'SLO', page: 'capacity-and-cost', anchor: 'slo-capacity' },
  { zh: '副本', en: 'replica', page: 'capacity-and-cost', anchor: 'slo-capacity' },
  { zh: '每 Token 成本', en: 'cost per token', page: 'capacity-and-cost', anchor: 'cost' },
  { zh: '计算最优训练', en: 'compute-optimal training (Chinchilla)', page: 'capacity-and-cost', anchor: 'training-budget' },
  { zh: '检查点', en: 'checkpoint', page: 'capacity-and-cost', anchor: 'checkpoints-and-failures' },
  { zh: '盈亏平衡价格比', en: 'break-even price ratio', page: 'capacity-and-cost', anchor: 'cost' },
  { zh: '每参数 20 个 Token 的经验法则', en: '20 tokens per parameter rule', page: 'capacity-and-cost', anchor: 'training-budget' },
  { zh: '平均故障间隔', en: 'mean time between failures', abbr: 'MTBF', page: 'capacity-and-cost', anchor: 'checkpoints-and-failures' },
  // Notation
  { zh: '符号', en: 'symbol', page: 'notation', anchor: 'symbols' },
  { zh: '单位', en: 'unit', page: 'notation', anchor: 'units' },
];
