/**
 * The bibliography's own words in Chinese (src/core/references.ts): each entry's note and, where it
 * supplies the reality check's data, what it measured, keyed by the entry's id; and the article's
 * sections by their number. Titles, authors and venues stay as published (no translation of a
 * paper's title). /zh/references/ reads this at build time (src/components/pages/ReferencesPage.astro).
 * test/core/i18n/pages.test.ts holds every note and measurement to an entry here, every key to a
 * reference, and every figure of the English (numbers, sections, repositories) to the Chinese.
 */

/** The sections of the reference article (ARTICLE_SECTIONS), in Chinese. */
export const ARTICLE_SECTIONS_ZH: Readonly<Record<string, string>> = {
  questions: '开篇的四个问题',
  '1.1': '张量',
  '1.2': '矩阵乘与张量乘矩阵',
  '1.3': 'GPU 的标称峰值从何而来',
  '2.1': '原始的 Transformer',
  '2.2': 'GPT-2 的整体结构',
  '2.3': '前处理：Embedding 查表',
  '2.4': '后处理：语言模型头',
  '2.5': '解码器层的堆叠',
  '2.6': '单头注意力与多头注意力',
  '2.7': '注意力的参数量与计算量',
  '2.8': 'FFN 的参数量与计算量',
  '2.9': '一层的汇总',
  '2.10': '参数量',
  '2.11': '推理计算量',
  '2.12': '推理显存',
  '2.13': '从推理到训练',
  '2.14': '训练计算量',
  '2.15': '训练显存',
  '2.16': '模型算力利用率（MFU）',
  '2.17': '从公式看并行',
  '3': '架构变体',
  '3.1': '注意力变体（MQA、GQA；原文在此中断）',
};

/**
 * The section of the article a citation points to, in Chinese words.
 * @example articleSectionLabelZh('2.11') //=> "§2.11，推理计算量"
 */
export function articleSectionLabelZh(section: string): string {
  const title = ARTICLE_SECTIONS_ZH[section];
  if (title === undefined) throw new Error(`Unknown article section "${section}"`);
  return section === 'questions' ? title : `§${section}，${title}`;
}

const HUB_COUNT = '精确参数量取自 Hub 上的 safetensors 元数据。';

/**
 * Titles the course writes itself (not a document's published title), as gettext templates: each
 * preset's config.json entry (references.ts `hf`). Published titles stay as they are.
 */
export const REFERENCE_TITLES_ZH: Readonly<Record<string, string>> = {
  '{}: config.json and model card (Hugging Face)': '{}：config.json 与模型卡（Hugging Face）',
};

/** Each reference's note (Reference.note), in Chinese, by reference id. */
export const REFERENCE_NOTES_ZH: Readonly<Record<string, string>> = {
  article:
    '本课程所依据的中文文章（《如何定量分析 Llama 3，大模型系统工程师视角的 Transformer 架构》）。出处只能部分确认：我们手上的是一份论坛转载，日期为 2024-10-07；besthub.dev 上的一篇英文摘要把它归于百度 Geek 说（Baidu Geek Talk，百度Geek说）。我们没有找到原始发表处，所以不给地址。这份转载的正文在第 3.1 节介绍分组查询注意力时中断，开篇许诺的四个问题的答案也没有给出；其余部分由本课程补全。',
  'vaswani-2017': 'Transformer：编码器、解码器、缩放点积注意力与多头注意力、因果掩码。',
  'radford-2019': 'GPT-2，第 3 章逐级追踪的仅解码器模型。',
  'devlin-2019': '仅编码器架构一族：掩码 Token 训练，双向注意力。',
  'brown-2020': 'GPT-3；它 175B 的形状是第 7 章激活值显存的例子。',
  'kaplan-2020': '§2.1：前向计算每 Token 约 2N FLOPs，外加一个与上下文有关的项；训练约为 6N。',
  'chowdhery-2022': '提出模型算力利用率（MFU）；附录 B 在 6N 之外计入注意力分数与值的两次乘积。§4 给出 PaLM 540B 的 MFU 为 46.2%、HFU 为 57.8%。',
  'korthikanti-2022':
    '§4：每层激活值显存 s·b·h·(34 + 5·a·s/h)，以及张量并行和序列并行下的情形；选择性重计算；§4.2.3 讨论 1F1B 流水线调度。参考文章的激活值一项引用的就是这篇论文。',
  'rajbhandari-2020': '§3.1：混合精度 Adam 下，模型状态每个参数占 16 字节；§5 与图 1：ZeRO 的三个阶段；§7：通信量。',
  'shoeybi-2019': '§3：先按列、再按行切分的张量并行，前向计算中每层两次全规约。',
  'narayanan-2021': '§2–3：张量并行、流水并行与数据并行的组合，流水线气泡与交错式调度；端到端训练时间的估算。',
  'huang-2019': '微批流水并行及其气泡 (p − 1)/(m + p − 1)。',
  'patarasuk-2009': '环形全规约：每个进程发送和接收数据的 2·(p − 1)/p，在带宽上是最优的。',
  'pope-2022': '§2：预填充与解码的开销、KV Cache、解码何时访存受限何时计算受限，以及两者转换时的批大小。',
  'kwon-2023': 'vLLM 的分页 KV Cache；发现为每个请求预留一段连续的最大长度空间的系统，只有 20–40% 的 KV 显存真正存了 Token。',
  'yu-2022-orca': '生成式请求的迭代级调度（连续批处理）。',
  'little-1961': '利特尔法则：系统中的平均数量等于到达率乘以平均停留时间。',
  'leviathan-2023':
    '投机解码：草稿模型猜出 γ 个 Token，目标模型一次前向验证它们，且输出分布与自身完全一致。式 (1)：每次前向得到 (1 − α^{γ+1})/(1 − α) 个 Token；定义 3.7：代价系数 c；定理 3.8：期望的墙钟时间改进 (1 − α^{γ+1})/((1 − α)(γc + 1))；推论 3.9：当 α > c 时至少为 (1 + α)/(1 + c)。',
  'zheng-2023-sglang': 'RadixAttention：已完成请求的 KV Cache 保存在一棵以 Token 为键的基数树中，新请求复用最长的已缓存前缀；按 LRU 淘汰叶子节点。',
  'agrawal-2023-sarathi': '分块预填充：把提示切成等长的块，每块与正在运行的请求的解码在同一步中执行，解码的访存受限工作借用块的计算时间完成。',
  'agrawal-2024-sarathi-serve':
    '无停顿调度：每步有一个 Token 预算（实验中为 512 和 2,048），先放入正在进行的解码，再放入预填充块，这样任何提示都不会让已在生成的请求停下来。',
  'patel-2024-splitwise': '提示阶段与 Token 阶段放在不同的机器上（甚至不同代的 GPU），在提示阶段运行的同时，KV Cache 逐层经 InfiniBand 传出。',
  'micikevicius-2022-fp8': 'E4M3 与 E5M2 两种 8 位浮点格式（每个值一个字节），按张量缩放；即 Hopper 与 Ada 的 FP8 Tensor Core 所用的格式。',
  'frantar-2023-gptq': '对线性层做 3 位和 4 位权重量化，每组权重一个缩放因子（和零点），分组结果中每组 128 个；Embedding 与输出头保留 16 位。',
  'lin-2024-awq': 'INT4 仅权重量化，每组 128 个、每组一个缩放因子，并在矩阵乘内部反量化的内核：16 位计算，4 位权重访存。',
  'dao-2022': '分块计算的注意力：从不把分数矩阵写入显存，反向计算时重新算出。',
  'williams-2009': '可达性能等于峰值算力与“算术强度 × 带宽”两者中较小的一个。',
  'shazeer-2019': '多查询注意力：所有查询头共用一个键头和一个值头。',
  'ainslie-2023': '分组查询注意力，以及把多头注意力检查点的键头和值头取平均池化、再用约 5% 的预训练算力转换过来的方法。',
  'beltagy-2020': '面向长文档的滑动窗口（局部）注意力。',
  'jiang-2023': '每一层都用 W = 4096 的滑动窗口注意力，KV Cache 为滚动缓冲区。',
  'jiang-2024': '每层 8 个专家，top-2 路由；总参数量 47B，激活参数量 13B。',
  'shazeer-2017': '稀疏门控的混合专家层。',
  'lepikhin-2020': 'Transformer 中的 top-2 混合专家，专家分片到多个设备上，用 all-to-all 分发 Token。',
  'fedus-2021': 'top-1 路由、专家容量与负载均衡损失。',
  'deepseek-v2-2024': '§2.1：多头潜在注意力；报告其 KV Cache 比 DeepSeek 67B 小 93.3%，最大生成吞吐为其 5.76×。',
  'deepseek-v3-2024': '总参数量 671B，激活参数量 37B；无辅助损失的负载均衡，靠每个专家的路由偏置实现。',
  'shazeer-2020': 'SwiGLU 与 GeGLU 前馈网络；三个矩阵、宽度取 2/3，参数量保持不变。',
  'zhang-2019': 'RMSNorm：不减均值，也没有偏置。',
  'su-2021': '旋转位置编码：没有参数，按位置旋转查询和键。',
  'touvron-2023-llama': '§2.2：用 RMSNorm 做前置归一化，宽度为 2/3 · 4H 的 SwiGLU，旋转位置编码。',
  'touvron-2023-llama2': '34B 和 70B 模型使用 GQA，出于推理可扩展性的考虑；表 18 是 GQA 的消融实验。',
  'llama3-herd-2024':
    '表 4：Llama 3 405B 在 8,192 到 16,384 块 H100 上的 BF16 MFU 为 38–43%；§3.3 中 TP 8 × CP × PP 16 × DP 的并行布局。§3.3.1：检查点存储可持续 2 TB/s（峰值 7 TB/s）；§3.3.4 与表 5：预训练的一段 54 天记录中有 466 次任务中断，其中 419 次是意外中断，有效训练时间超过 90%。',
  'gemma2-2024': '局部注意力层（4,096 Token 的窗口）与全局注意力层交替。',
  'bloom-2022': 'BLOOM 系列及其覆盖的 46 种自然语言，这解释了它 250,880 个 Token 的词表。',
  'liu-2023': '上下文并行：键和值的分块在设备组成的环上依次传递，与注意力计算重叠。',
  'hoffmann-2022':
    'Chinchilla。§3.3：参数化损失 E + A/N^α + B/D^β，以及式 (4) 给出的计算最优 N 与 D 的闭式解；附录 D 式 (10)：拟合值 E = 1.69，A = 406.4，B = 410.7，α = 0.34，β = 0.28；表 2：该方法的 a = 0.46，b = 0.54，另两种方法为 0.50。Chinchilla 本身：70B 参数，1.4T Token。',
  'besiroglu-2024':
    '用从原论文图中读出的数据重新拟合 Hoffmann et al. 的方法 3：E = 1.8172，A = 482.01，B = 2085.43，α = 0.3478，β = 0.3658，与论文另两种方法一致（每个参数约 20 个 Token）；并发现论文公布的常数经过取整，原始拟合过早停止。',
  'zhong-2024-distserve':
    '定义有效吞吐（goodput）：在目标比例的请求（例如 90%）同时满足 TTFT 和 TPOT 目标的前提下，能服务的最高请求速率；以每 GPU 的有效吞吐为优化目标，它决定每个请求的成本。',
  'young-1974': '使检查点与故障所损失时间最少的检查点间隔，一阶近似为 √(2·δ·MTBF)。',
  'daly-2006':
    '在 Young 的间隔上加入高阶项：δ < 2M 时为 √(2δM)·(1 + ⅓·√(δ/2M) + ⅑·δ/2M) − δ，否则为 M；图 3–5 用仿真验证（例如 M = 24 h，δ = 5 min：117 min）。',
  'nvidia-v100-whitepaper': 'V100 的 SM 数、每个 SM 的 Tensor Core 数与时钟频率；其第一张表用的是初步的 1455 MHz 时钟。',
  'nvidia-a100-whitepaper':
    '108 个 SM，每个 4 个第三代 Tensor Core（共 432 个），加速时钟 1410 MHz，12 条 NVLink 3 链路共 600 GB/s；A800 是同一颗芯片，NVLink 限制在 400 GB/s。',
  'nvidia-a100-datasheet': '稠密 bf16 与 fp16 为 312 TFLOPS（稀疏时 624），SXM 80GB 版本为 80 GB HBM2e、2,039 GB/s。',
  'nvidia-h100-whitepaper': '132 个 SM，每个 4 个第四代 Tensor Core，每个 Tensor Core 每时钟周期 1,024 次稠密 bf16 FLOPs，NVLink 4 为 900 GB/s。',
  'nvidia-h100-datasheet': '印的 bf16 算力 1,979 TFLOPS 是“稀疏时”的数字；稠密值是它的一半，即 989.4。SXM 版本的 HBM3 带宽为 3.35 TB/s。',
  'nvidia-hopper-blog': '发布时的表格给的是初步数字（H100 SXM 稠密 fp16 为 1,000 TFLOPS），按量产时钟变为 989.4。',
  'nvidia-ga102-whitepaper': '附录 A：RTX 3090 与 A40，包括 GeForce 以 fp32 累加时只有一半速率。',
  'nvidia-ada-whitepaper': '附录中 RTX 4090、L40 和 L4 的表格。',
  'nvidia-l40s-datasheet': '它的稠密 bf16 数字（362.05）与稀疏数字（733）对不上；GPU 表说明了这处出入。',
  'nvidia-blackwell-specs': '通过公开转载读到 NVIDIA 的表格（GPU 表中逐项列出）；NVIDIA 没有公布这些型号的 SM 数和 Tensor Core 时钟。',
  'nvidia-h200-specs': '计算部分与 H100 相同（GH100），配 141 GB HBM3e、4.8 TB/s；通过 NVIDIA 表格的公开转载读到。',
  'amd-instinct-specs': 'Instinct 各型号的计算单元数、时钟、矩阵峰值算力和显存（以 GiB 表示）。',
  'google-tpu-docs': '每一代一页（…/tpu/docs/v4、…/v5e、…/v5p）：TensorCore、MXU、bf16 与 int8 峰值、以 GiB 计的 HBM、ICI 带宽。',
  'intel-gaudi-specs': '通过 GPU 表中逐项列出的来源读到。',
  'a800-export-report':
    'A800 即 NVLink 限制在 400 GB/s 的 A100；H800 同样限制了 H100 的 NVLink。NVIDIA 没有为两者发布完整规格书，所以 GPU 表标出了无法确认的数字。',
  'hf-gpt2': '官方参数量：广为引用的 124,439,808，绑定的输出头只计一次（如 nanoGPT）。',
  'hf-bloom-7b1': '模型卡给出 7,069,016,064 个参数。',
  'hf-falcon-7b': '没有官方的精确数字；模型页写明所用的检查点索引。',
  'hf-opt-6.7b': '没有官方的精确数字；模型页写明所用的重新计数。',
  'hf-pythia-6.9b': '官方参数量取自 Pythia README 的模型表。',
  'hf-llama-2-7b': '精确参数量 6,738,415,616，与 huggingface.js 的 GGUF 测试核对过。',
  'hf-llama-2-13b': '精确参数量取自检查点索引，减去旋转位置编码的缓冲区。',
  'hf-llama-2-70b': '精确参数量取自检查点索引，减去旋转位置编码的缓冲区。',
  'hf-llama-3-8b': HUB_COUNT,
  'hf-llama-3-70b': '配置取自形状相同的同系列模型 Llama 3.3 70B；精确数字取自 Hub 上的 safetensors 元数据。',
  'hf-llama-3.1-8b': HUB_COUNT,
  'hf-llama-3.1-405b': HUB_COUNT,
  'hf-mistral-7b': '读取于 Hub 提交 26bca36；这份配置声明了 4,096 Token 的滑动窗口。',
  'hf-mixtral-8x7b': '精确的总参数量和激活参数量取自 Hub 上的 safetensors 元数据。',
  'hf-qwen2.5-7b': '精确参数量取自检查点索引（模型卡：7.61B）。',
  'hf-qwen1.5-moe-a2.7b': '模型卡：总参数量 14.3B，激活 2.7B。',
  'hf-qwen3-8b': '精确参数量取自检查点索引（模型卡：8.2B）。',
  'hf-qwen3-30b-a3b': '模型卡：总参数量 30.5B，激活 3.3B。',
  'hf-gemma-2b': '精确参数量取自检查点索引。',
  'hf-gemma-2-9b': HUB_COUNT,
  'hf-phi-3-mini': '模型卡：3.8B。',
  'hf-deepseek-v2-lite': '精确参数量由检查点的各个张量求和得到（模型卡：15.7B）。',
  'hf-deepseek-v2': '配置取自形状与 V2 相同的 DeepSeek-V2.5（模型卡：总参数量 236B，激活 21B）。',
  'hf-deepseek-v3': '只计主模型：多 Token 预测模块和 fp8 缩放张量不计入（技术报告：总参数量 671B，激活 37B）。',
  'llama3-model-card': '超过 15T 训练 Token，8K 上下文；8B 模型用了 1.3M H100-80GB GPU 时，70B 模型用了 6.4M。',
  'mistral-7b-v02-model-card': '在相对 v0.1 的改动中列出“No Sliding-Window Attention”（取消滑动窗口注意力），上下文为 32K。',
  'nvidia-matmul-guide': 'GEMM 的算术强度、分块量化与波量化。',
  'megatron-distributed-optimizer': '每个参数的字节数：16 位参数与梯度为 20，16 位参数加 fp32 梯度为 18，fp32 参数与梯度为 16。',
  'vllm-engine-args': '--gpu-memory-utilization：引擎可用的显存比例，默认 0.9。',
  'vllm-prefix-caching':
    '每个 KV 块连同它的 Token 和前缀一起计算哈希；“we only cache full blocks”（只缓存满块）；即使一个请求的每个块都命中，也要为得到 logits 重新计算它的最后一个 Token（kv_cache_manager.py）。',
  'hf-transformers-models': '每种架构按 config.json 创建哪些张量：精确参数量正是按这份清单逐项计算的。',
  'meta-llama-model-py':
    'SwiGLU 的宽度规则：2/3 · 4H，乘以 ffn_dim_multiplier，再向上取整到 multiple_of 的倍数（Llama 2 70B 的 params.json 中分别为 1.3 和 4096）。',
  'nanogpt-model-py': '把 GPT-2 的词表从 50,257 填充到 50,304，“for efficiency”（为了效率）。',
};

/** What each source measured for the reality check (Reference.measurements), in Chinese, by reference id. */
export const REFERENCE_MEASUREMENTS_ZH: Readonly<Record<string, string>> = {
  'brown-2020': 'GPT-3 175B 的训练计算量（表 D.1）。',
  'chowdhery-2022': 'PaLM 540B 在 TPU v4 上的训练及其 MFU，以及表 3 给出的 GPT-3 和 Gopher 的 MFU（§4、表 3、附录 B）。',
  'deepseek-v3-2024': 'DeepSeek-V3 在 H800 上的预训练：GPU 时与 Token 数（表 1，§3–4）。',
  'llama3-herd-2024': 'Llama 3 405B 在 8K 与 16K 块 H100 上各训练阶段的 MFU（§3.3.2，表 4）。',
  'rae-2021': 'Gopher 280B 在 TPU v3 上的训练（表 1 及算力附录）。',
  'thoppilan-2022': 'LaMDA 137B 在 TPU v3 上的预训练（§10，能耗与碳足迹）。',
  'patterson-2021': 'GPT-3 在 V100 上训练所用的 GPU 数与天数（表 4）。',
  'llama3-model-card': 'Llama 3 8B 与 70B 预训练的 GPU 时。',
  'llama31-model-card': 'Llama 3.1 8B、70B 与 405B 训练的 GPU 时。',
  'trtllm-perf-v05': 'Llama 2 70B 在 H100 上以 FP8 运行的输出吞吐，取自高吞吐表。',
  'trtllm-h200-blog': 'Llama 2 70B 在 H200 上的输出吞吐。',
  'trtllm-perf-138f96d4': 'Llama 2 7B 与 70B 在 H100 上的首 Token 时延（低时延表），以及 Llama 2 70B 的峰值吞吐。',
  'trtllm-perf-overview': 'Llama 3.3 70B 与 Llama 3.1 405B 在 H100 上用 TensorRT-LLM 1.0 运行的输出吞吐，张量并行度和长度如文中所列。',
  'nim-benchmarking': 'Llama 3.3 70B Instruct 在 H100 上用 NIM 1.8、固定并发时的首 Token 时延、每 Token 时延和吞吐。',
  'vllm-perf-ci': 'Llama 3 70B 在 H200 上的平均端到端时延，取自 vLLM 的每夜性能基准。',
  'llm-foundry-benchmarks': 'MPT 7B 到 70B 在 H100 上的训练 MFU。',
};
