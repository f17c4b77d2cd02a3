/**
 * The Chinese of the worked cases (src/core/cases/*.ts) and of the words their views add
 * (src/components/CaseView.astro, src/components/islands/CaseCalculator.tsx): titles, questions,
 * the assumptions' sources, step titles, verdicts, headline conventions. Keyed by the English
 * as the code writes it, `{}` for an interpolated value (./translate.ts); a value a template
 * captures (a term that explains a gap, how the memory was read) is translated in turn, and a
 * number, a model or a GPU name passes through. The terms are those of content/zh/13-cases.mdx.
 * test/core/i18n/cases.test.ts runs the cases with their defaults and with overrides, and fails
 * on a text without Chinese here, on English left in a translation, and on a key no case produces.
 *
 * Only the server (CaseView, the cheat sheet) and the islands' lazy catalogue
 * (src/components/i18n/zhBundle.ts) import it: English pages never load it.
 */
export const CASES_ZH: Readonly<Record<string, string>> = {
  // Llama 3 70B: MFU of the training run (src/core/cases/llama3-70b-mfu.ts)
  'Llama 3 70B: what MFU did the training run reach?': 'Llama 3 70B：那次训练的 MFU 是多少？',
  'Llama 3 70B was trained on 15T tokens with sequences of up to 8K in 6.4M H100 GPU-hours. What fraction of the H100’s 989 TFLOP/s peak did that use?':
    'Llama 3 70B 以最长 8K 的序列在 15T Token 上训练，耗时 6.4M（640 万）H100 GPU 时。这用上了 H100 989 TFLOP/s 峰值的百分之多少？',
  'The article’s round 70B; the checkpoint’s exact count (70,553,706,496) is answered beside it.':
    '原文取整的 70B；checkpoint 的精确参数量（70,553,706,496）在旁边给出。',
  '8K, the pre-training context; only the attention-inclusive MFU depends on it.': '8K，预训练的上下文长度；只有计入注意力的 MFU 与它有关。',
  '15T, from the Llama 3 model card (“15T+”).': '15T，取自 Llama 3 model card（“15T+”）。',
  '6.4M H100-80GB GPU-hours, from the Llama 3 model card; it covers the whole run, stalls and restarts included.':
    '6.4M H100-80GB GPU 时，取自 Llama 3 model card；涵盖整次训练，停顿和重启都算在内。',
  '989 TFLOP/s dense bf16, as the question states (H100 SXM datasheet: 989.4, half the 1,979 “with sparsity”).':
    '稠密 bf16 989 TFLOP/s，与题目一致（H100 SXM 数据手册：989.4，是“稀疏”口径 1,979 的一半）。',
  'FLOPs per token: 6N with the assumed N': '每 Token 计算量：按假设的 N 取 6N',
  'FLOPs of the whole run: per-token FLOPs × tokens': '整次训练的计算量：每 Token 计算量 × Token 数',
  'MFU with 6N and the assumed N (the headline)': '按 6N 和假设的 N 算 MFU（主数字）',
  'FLOPs per token: 6N with the checkpoint’s exact N': '每 Token 计算量：按 checkpoint 的精确 N 取 6N',
  'MFU with the exact N': '按精确的 N 算 MFU',
  'FLOPs per token: 6N plus every attention score (PaLM)': '每 Token 计算量：6N 加上全部注意力分数（PaLM）',
  'MFU with the attention scores counted (PaLM)': '计入注意力分数的 MFU（PaLM）',
  'About {} MFU by the 6N convention ({} counting the full attention scores of {}-token sequences as PaLM does), averaged over the whole run.':
    '按 6N 口径，整次训练平均的 MFU 约为 {0}（像 PaLM 那样计入 {2} Token 序列的全部注意力分数则为 {1}）。',
  '6N per token, N = the params assumption, attention scores not counted': '每 Token 6N，N 取参数量假设，不计注意力分数',

  // Llama 2 7B: where the 7B comes from (src/core/cases/llama2-7b-params.ts)
  'Llama 2 7B: where the 7B comes from': 'Llama 2 7B：7B 是怎么来的？',
  'How does Llama 2 7B’s “7B” come out of its config, exactly? And how many FLOPs does training and inference take per token?':
    'Llama 2 7B 的 “7B” 究竟是怎样从它的配置里精确算出来的？训练和推理每个 Token 各花多少 FLOPs？',
  'The Hugging Face config.json of meta-llama/Llama-2-7b-hf: L = 32, H = 4,096, I = 11,008, V = 32,000, untied head. Any preset, or "custom" with a pasted config.':
    'meta-llama/Llama-2-7b-hf 的 Hugging Face config.json：L = 32，H = 4,096，I = 11,008，V = 32,000，head 不共享。也可换成任一预设，或选 "custom" 并粘贴配置。',
  'Only read when model is "custom".': '仅在 model 为 "custom" 时读取。',
  'The exact count, by the closed form of a Llama-style model': '精确计数：Llama 式模型的闭式',
  'The article’s approximation, 12LH² + VH': '原文的近似式 12LH² + VH',
  'Training FLOPs per token: 6N with the exact N': '每 Token 训练计算量：按精确的 N 取 6N',
  'Inference FLOPs per token: 2N with the exact N': '每 Token 推理计算量：按精确的 N 取 2N',
  '{} parameters (“{}B”); 12LH² + VH gives {} ({}), mostly the {} ({}). Training costs 6N ≈ {} per token, inference 2N ≈ {}.':
    '{} 个参数（“{}B”）；12LH² + VH 给出 {}（{}），差距主要来自{}（{}）。训练每 Token 花 6N ≈ {}，推理 2N ≈ {}。',
  '{} parameters (“{}B”); 12LH² + VH gives {} ({}). Training costs 6N ≈ {} per token, inference 2N ≈ {}.':
    '{} 个参数（“{}B”）；12LH² + VH 给出 {}（{}）。训练每 Token 花 6N ≈ {}，推理 2N ≈ {}。',
  // The term that explains most of the approximation's gap (src/core/params/params.ts, paramsApprox), named in the verdict.
  'untied LM head: a second V×H matrix': '不共享的 LM head：多出一个 V×H 矩阵',
  'gated FFN: 3·H·I with I = {}, instead of 2·H·4H': '门控 FFN：3·H·I，I = {}，而不是 2·H·4H',
  // The attention term explains the gap with parentheses of its own, so the verdict is matched whole.
  '{} parameters (“{}B”); 12LH² + VH gives {} ({}), mostly the K and V have h_kv·d = {} outputs and Q has h·d = {}, not H = {} (GQA/MQA or head_dim ≠ H/h) ({}). Training costs 6N ≈ {} per token, inference 2N ≈ {}.':
    '{} 个参数（“{}B”）；12LH² + VH 给出 {}（{}），差距主要来自注意力投影：K 和 V 的输出为 h_kv·d = {}，Q 为 h·d = {}，而不是 H = {}（GQA/MQA，或 head_dim ≠ H/h）（{}）。训练每 Token 花 6N ≈ {}，推理 2N ≈ {}。',
  '{} routed experts of width {} and a router, instead of one 4H FFN': '共 {} 个宽度为 {} 的路由专家和一个路由器，而不是一个 4H 的 FFN',
  '{} routed experts of width {}, shared experts and a router, instead of one 4H FFN':
    '共 {} 个宽度为 {} 的路由专家、共享专家和一个路由器，而不是一个 4H 的 FFN',
  '{} routed experts of width {}, shared experts, dense layers and a router, instead of one 4H FFN':
    '共 {} 个宽度为 {} 的路由专家、共享专家、稠密层和一个路由器，而不是一个 4H 的 FFN',
  'learned position table': '可学习的位置编码表',
  'biases of the projections': '各投影的偏置',

  // Llama 2 70B on 8×A800: time to first token (src/core/cases/llama2-70b-ttft.ts)
  'Llama 2 70B on 8×A800: is a 600–700 ms first token reasonable?': '8×A800 上的 Llama 2 70B：首 Token 600–700 ms 合理吗？',
  'Llama 2 70B runs on 8 A800s; 16 requests each bring 4,000 input tokens and want their first token in about 600–700 ms. Is that a reasonable requirement?':
    'Llama 2 70B 部署在 8 张 A800 上；16 个请求各带 4,000 个输入 Token，要求首 Token 在 600–700 ms 左右出来。这个要求合理吗？',
  'A800 datasheet dense fp16/bf16: 312 TFLOP/s (first principles: 2·(8·4·8)·4·108·1.41 GHz = 311.87).':
    'A800 数据手册的稠密 fp16/bf16 峰值：312 TFLOP/s（由第一性原理：2·(8·4·8)·4·108·1.41 GHz = 311.87）。',
  'Causal (0.5), as the kernels run and as every other answer on this site counts; the reference article counts every key (1).':
    '因果（0.5），与 kernel 的实际做法、本站其他所有答案的计法一致；参考文章计入每个 key（1）。',
  'η_c: the share of the 16-bit peak the matmuls reach; 0.8 is the calibrated default (the article’s A800 ceiling).':
    'η_c：矩阵乘能达到的 16 位峰值比例；0.8 是校准的默认值（即原文所说的 A800 上限）。',
  'A800 NVLink is capped at 400 GB/s bidirectional, 200 GB/s each way.': 'A800 的 NVLink 限速为双向 400 GB/s，即每个方向 200 GB/s。',
  'Share of the per-direction link a ring all-reduce reaches; the all-reduces are assumed not to overlap compute.':
    '环形 all-reduce 能达到的单向链路带宽比例；假设 all-reduce 不与计算重叠。',
  'Prefill FLOPs by the article’s formula (2N per prompt token counts the embedding lookup and the norms as matmul work and the LM head at every position; the engine below counts only the matmuls, the LM head at each prompt’s last token: {} less)':
    '按原文公式算的预填充计算量（每个提示词 Token 取 2N，把 embedding 查表和归一化也算成矩阵乘，并在每个位置都算 LM head；下面的引擎只算矩阵乘，LM head 只算每条提示词的最后一个 Token：少 {}）',
  // The serving scenario's prefill steps (src/core/scenario/servingSteps.ts) under the titles the case shows.
  'Fixed cost of each step': '每步的固定开销',
  'Prefill: weight matmuls on their roofline': '预填充：权重矩阵乘，按屋顶线模型',
  'Prefill: attention on its roofline': '预填充：注意力，按屋顶线模型',
  'Prefill: tensor-parallel all-reduces': '预填充：张量并行的 all-reduce',
  'Time to first token (prefill)': '首 Token 时延（预填充）',
  'Reasonable: the estimate is {} ({}), within the {} asked.': '合理：估算为 {}（{}），在要求的 {} 之内。',
  'compute {}, all-reduces {}': '计算 {}，all-reduce {}',
  'Not reasonable: the {} prompts of {} tokens need {}, {} even at 100% of {}×{}; the estimate is {} ({}). Not even one such request alone meets {}; all of them together would need {} of peak even with nothing else in the way.':
    '不合理：{0} 条 {1} Token 的提示词需要 {2}，即便用满 {4}×{5} 的 100% 也要 {3}；估算为 {6}（{7}）。这样的请求哪怕只有一个也达不到 {8}；全部一起，即使没有任何其他开销，也需要峰值的 {9}。',
  'Not reasonable: the {} prompts of {} tokens need {}, {} even at 100% of {}×{}; the estimate is {} ({}). Only one such request alone meets {}; all of them together would need {} of peak even with nothing else in the way.':
    '不合理：{0} 条 {1} Token 的提示词需要 {2}，即便用满 {4}×{5} 的 100% 也要 {3}；估算为 {6}（{7}）。只有单独一个这样的请求能达到 {8}；全部一起，即使没有任何其他开销，也需要峰值的 {9}。',
  'Not reasonable: the {} prompts of {} tokens need {}, {} even at 100% of {}×{}; the estimate is {} ({}). At most {} such requests together meet {}; all of them together would need {} of peak even with nothing else in the way.':
    '不合理：{0} 条 {1} Token 的提示词需要 {2}，即便用满 {4}×{5} 的 100% 也要 {3}；估算为 {6}（{7}）。最多 {8} 个这样的请求一起能达到 {9}；全部一起，即使没有任何其他开销，也需要峰值的 {10}。',

  // Llama 2 70B on 2×A800: maximum concurrency (src/core/cases/llama2-70b-concurrency.ts)
  'Llama 2 70B on 2×A800: maximum concurrency': '2×A800 上的 Llama 2 70B：最大并发',
  'Llama 2 70B in fp16 on 2 A800s, with inputs plus outputs of at most 4,000 tokens: how many requests can the system run at once?':
    '2 张 A800 以 fp16 部署 Llama 2 70B，每个请求输入加输出最多 4,000 Token：系统同时能跑多少个请求？',
  'What the CUDA runtime reports of an "80GB" A800: 79.15 GiB (81,050 MiB), the figure a server’s memory fraction multiplies. The card carries 80 GiB of HBM2e (nvidia-smi lists 81,920 MiB); read as 80e9 bytes as marketed it is 7.4% less.':
    'CUDA 运行时报告的 “80GB” A800 显存：79.15 GiB（81,050 MiB），推理服务的显存比例乘的就是这个数。卡上有 80 GiB 的 HBM2e（nvidia-smi 显示 81,920 MiB）；按宣传理解为 80e9 字节则少 7.4%。',
  'vLLM’s default gpu_memory_utilization = 0.9: 10% reserved for the CUDA context, NCCL buffers, CUDA graphs and fragmentation.':
    'vLLM 默认的 gpu_memory_utilization = 0.9：预留 10% 给 CUDA 上下文、NCCL 缓冲区、CUDA Graph 和碎片。',
  'The activation working set of one 4,000-token prefill, tensor parallel over both GPUs (gated FFN: gate, up and product alive at once).':
    '一次 4,000 Token 预填充的激活值工作集，在两张 GPU 上张量并行（门控 FFN：gate、up 和两者的乘积同时存在）。',
  'fp16 weights and KV cache: 2 bytes.': 'fp16 的权重和 KV Cache：2 字节。',
  'KV cache per request of {} tokens: GQA’s {} KV heads': '每个 {} Token 请求的 KV Cache：GQA 的 {} 个 KV 头',
  'The same cache had it used multi-head attention: {} KV heads': '若用多头注意力，同样的缓存：{} 个 KV 头',
  'Memory left for the KV cache on {}: usable memory − weights − activations': '{} 上留给 KV Cache 的显存：可用显存 − 权重 − 激活值',
  'Maximum concurrent requests: {}, {}-token contexts (the answer)': '最大并发请求数：{}，上下文 {} Token（答案）',
  'Maximum concurrent requests had it used multi-head attention: same memory, {}× the cache': '若用多头注意力的最大并发请求数：同样的显存，{}× 的缓存',
  'No request of {} tokens fits: the weights take {} of the {} usable.': '一个 {0} Token 的请求也放不下：可用的 {2} 中，权重就占了 {1}。',
  'About {} concurrent requests of up to {} tokens (memory read as {}): the weights take {} of the {} usable, and each request caches {} thanks to GQA ({} KV heads); with multi-head attention ({}× the KV) {}.':
    '约 {0} 个并发请求，每个最多 {1} Token（显存的理解方式：{2}）：可用的 {4} 中权重占 {3}，得益于 GQA（{6} 个 KV 头），每个请求只缓存 {5}；若用多头注意力（KV 为 {7}×），{8}。',
  'the CUDA runtime reports it': 'CUDA 运行时报告的值',
  'marketed, 80e9 B': '宣传口径，80e9 B',
  'not one would fit': '一个也放不下',
  'only one would fit': '只能放下一个',
  '{} would': '能放下 {} 个',

  // What the views add: a step that reuses an earlier step's formula (CaseView.astro) and its source link.
  'Step {}’s formula again.': '再次用到第 {} 步的公式。',
  'Step {}’s formula again, with {}.': '再次用到第 {} 步的公式：{}。',
  '{} {} instead of {}': '{}改为 {}（原为 {}）',
  'defined in “{}”': '定义见“{}”',
  // The calculator's live notes (CaseCalculator.tsx, src/components/state/cases.ts).
  'From the {} datasheet:': '{} 数据手册中的值：',
  ' (the field holds {})': '（输入框中现为 {}）',
  'Changed from the question:': '与题目不同的输入：',
  ' (question: {})': '（题目中为 {}）',
  pasted: '已粘贴',
  // The setup each copied derivation names (CASE_UIS[id].setup in src/components/state/cases.ts).
  'Llama 3 70B trained on {} tokens in {} of {} at {}, N = {}': 'Llama 3 70B，在 {2}（{3}）上用 {1} 训练 {0} Token，N = {4}',
  'Llama 2 70B on {} × {}, {} requests of {} input tokens, target {} to {}': 'Llama 2 70B，{} × {}，{} 个请求，各 {} 个输入 Token，目标 {} 到 {}',
  'Llama 2 70B in {} on {} × {}, requests of up to {} tokens, memory read {}, u = {}':
    'Llama 2 70B，{0}，{1} × {2}，每个请求最多 {3} Token，显存的理解方式：{4}，u = {5}',
};
