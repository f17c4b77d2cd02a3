/**
 * The Chinese of the notes the data records carry, keyed by record id (src/data imports nothing
 * of ours, so its English stays there and the Chinese sits here). A page picks the Chinese on
 * /zh/ pages and falls back to the English where an id has no entry.
 * test/core/i18n/dataNotes.test.ts holds every key to a record and every figure of the English
 * (counts, byte totals, commits) to the Chinese.
 */

const HUB = (repo: string, extra = '') =>
  `Hugging Face Hub 上 ${repo} 的 safetensors 元数据（huggingface.co/api/models/${repo} → safetensors.total，即检查点中存储的元素个数），多个转录了 Hub 数字的公开仓库都记录了这个值${extra}`;

/** Where each preset's official parameter count comes from (PRESET_RECORDS[].officialParamsSource), in Chinese. */
export const OFFICIAL_PARAMS_SOURCE_ZH: Readonly<Record<string, string>> = {
  gpt2: '广为引用的 GPT-2 small 参数量，绑定的 wte/lm_head 只计一次（如 nanoGPT）。HF 检查点还存了 12 个因果掩码缓冲区 h.*.attn.bias（1×1×1024×1024），它们不是参数，所以按 safetensors 统计得到的是 137,022,720。',
  'bloom-7b1': 'bigscience/bloom-7b1 的模型卡（“7,069,016,064 parameters”），即 Hugging Face 报告的数字，转录模型卡的公开仓库中有记录。',
  'falcon-7b':
    '一个 falcon-7b 微调模型的 safetensors 索引（huggingface.co/Pitchboy/falcon-7b-facts @757646d）：bf16 下 total_size 为 13,843,441,408 B，即 6,921,720,704 个参数（绑定的输出头只存一份）。TII 本身没有给出精确数字。',
  'opt-6.7b':
    '没有找到官方的精确数字（OPT 论文写的是 6.7B）。6,658,473,984 是公开性能分析代码中记录的检查点重新计数（“exact from profiling”），包含 2050 行的可学习位置表（偏移 2），绑定的输出头只计一次。',
  'pythia-6.9b': 'Pythia README（github.com/EleutherAI/pythia）的模型表：6.9B = 6,857,302,016 个参数，其中非 Embedding 参数 6,444,163,072 个。',
  'llama-2-7b':
    "github.com/huggingface/huggingface.js @fe42e68 的 packages/gguf/src/gguf.spec.ts 中，测试 'should get param count for llama2 7b' 期望的值为 6_738_415_616。",
  'llama-2-13b':
    'Llama-2-13b-hf 的 pytorch_model.bin.index.json（同一份拷贝，fp32）：total_size 52,063,467,520 B / 4 = 13,015,866,880 个元素，减去 40 个长度为 64 的旋转位置编码 inv_freq 缓冲区，得 13,015,864,320。',
  'llama-2-70b':
    'Llama-2-70b-chat-hf 的 pytorch_model.bin.index.json，权重形状与基座模型相同（github.com/HPMLL/llm-benchmark @0347b4f models/Llama-2-70b-chat-hf/，fp32）：total_size 275,906,613,248 B / 4 = 68,976,653,312 个元素，减去 80 个长度为 64 的旋转位置编码 inv_freq 缓冲区，得 68,976,648,192。',
  'llama-3-8b': HUB('meta-llama/Meta-Llama-3-8B', '：8,030,261,248（Llama 3.1 8B 的数字相同）'),
  'llama-3-70b': HUB('meta-llama/Llama-3.3-70B-Instruct', '：70,553,706,496，与 Meta-Llama-3-70B 相同'),
  'llama-3.1-8b': HUB('meta-llama/Llama-3.1-8B', '：8,030,261,248'),
  'llama-3.1-405b': HUB('meta-llama/Llama-3.1-405B', '：405,853,388,800'),
  'mistral-7b':
    'mistralai/Mistral-7B-v0.1 在 Hub 提交 26bca36 的 model.safetensors.index.json（同一 git 镜像）：bf16 下 total_size 为 14,483,464,192 B，即 291 个张量共 7,241,732,096 个参数（两个 LFS 分片为 9,942,981,696 + 4,540,516,344 B，差值是各自的 JSON 头）；公开仓库转录的 Hub safetensors 元数据给出同样的 7,241,732,096。',
  'mixtral-8x7b': HUB('mistralai/Mixtral-8x7B-v0.1', '：46,702,792,704（top-2 时激活 12,879,925,248）'),
  'qwen2.5-7b': 'Qwen/Qwen2.5-7B 的 model.safetensors.index.json：bf16 下 total_size 为 15,231,233,024 B，即 7,615,616,512 个参数（模型卡：7.61B）。',
  'qwen1.5-moe-a2.7b': HUB('Qwen/Qwen1.5-MoE-A2.7B', '：14,315,784,192（模型卡：总参数量 14.3B，激活 2.7B）'),
  'qwen3-8b': 'Qwen/Qwen3-8B 的 model.safetensors.index.json：bf16 下 total_size 为 16,381,470,720 B，即 8,190,735,360 个参数（模型卡：8.2B）。',
  'qwen3-30b-a3b': HUB('Qwen/Qwen3-30B-A3B', '：30,532,122,624（模型卡：总参数量 30.5B，激活 3.3B）'),
  'gemma-2b':
    'google/gemma-2b 的 model.safetensors.index.json（github.com/ananddhanabal/gemma 中的拷贝）：bf16 下 total_size 为 5,012,344,832 B，即 2,506,172,416 个参数。',
  'gemma-2-9b': HUB('google/gemma-2-9b', '：9,241,705,984'),
  'phi-3-mini': HUB('microsoft/Phi-3-mini-4k-instruct', '：3,821,079,552（模型卡：3.8B）'),
  'deepseek-v2-lite':
    'DeepSeek-V2-Lite-Chat 的 4 个 safetensors 文件（5,291 个张量）逐个求和：15,706,484,224（shared/data/models/official-counts.json）；DeepSeek 模型卡：15.7B。',
  'deepseek-v2': HUB(
    'deepseek-ai/DeepSeek-V2',
    '：235,741,434,880（模型卡：总参数量 236B，激活 21B）。按精确字符串搜索，在多个公开文件中都能找到同一数字，其中一张按检查点列出的表给 DeepSeek-V2、-V2-Chat 和 -V2-Chat-0628 的值都是 235741434880；没有找到官方的精确数字',
  ),
  'deepseek-v3':
    'DeepSeek-V3 主模型（671B），由多份独立重新计数按检查点头信息逐张量统计：671,026,419,200 = 61 层、Embedding、输出头、各归一化层和 e_score_correction_bias；MTP 模块（第 61 层，+14B）和 FP8 缩放张量不计入。',
};

/** The reality check's metric names (src/core/reality/inference.ts METRIC_LABELS), in Chinese. */
export const METRIC_LABELS_ZH: Readonly<Record<string, string>> = {
  ttft: '首 Token 时延',
  itl: '每 Token 时延',
  throughput: '输出吞吐',
  e2e: '端到端时延',
};

/** How a training record's MFU is recomputed (src/core/reality/training.ts `basis`), by its English. */
export const TRAINING_BASIS_ZH: Readonly<Record<string, string>> = {
  'from the reported tokens per second on the reported accelerators': '由公布的每秒 Token 数和所用加速卡算出',
  'from the reported GPU-hours and tokens: a whole-run average, restarts and idle time included':
    '由公布的 GPU 时和 Token 数算出：整次训练的平均值，含重启和空闲时间',
  'the accelerator is not in the GPU table': '该加速卡不在 GPU 表中',
  'the record reports its MFU but not the throughput or GPU-hours to recompute it': '记录只给出 MFU，没有给出可用来重算的吞吐或 GPU 时',
};

/** The measurements file's description (src/data/measurements/published.json `description`), in Chinese. */
export const MEASUREMENTS_DESCRIPTION_ZH =
  '公开发表的 LLM 推理实测（H100/H200，多为 FP8）和训练任务（H100、H800、TPU、V100），用于校准和检验时延模型与 MFU 模型。数值均按各来源的原始报告记录；凡是推算得到的，都放在 derived 下并标注 inferred=true。另有一部分公开实测单独留出，用来在模型没有拟合过的数据上检验校准结果。';
