/**
 * `<command> --help --lang zh`: the help text in Chinese. The English help is built from the
 * commands' flag tables (./args.ts helpText) and stays the one source; this module reads it line
 * by line — usage, headings, each argument's and flag's description, the facts in brackets (unit,
 * required, default, range) and the notes — and renders each through HELP_ZH, keyed by the
 * English as the tables write it (`{}` for an interpolated value, src/core/i18n/translate.ts).
 * Flag names, placeholders, ids, units that are symbols and every number stay as they are.
 * test/cli/lang.test.ts fails on a description without its Chinese, on English left in a
 * command's Chinese help, and on a key no help line produces.
 */
import { translate } from '../core/i18n/messages';
import { CASES_ZH } from '../core/i18n/casesZh';
import { translator } from '../core/i18n/translate';

/** English help text (descriptions, summaries, notes, word units) → Chinese. */
export const HELP_ZH: Readonly<Record<string, string>> = {
  // Command summaries (also the list `--help` prints).
  'FLOPs, bytes and arithmetic intensity of [A,M,K] @ [K,N]': '[A,M,K] @ [K,N] 的计算量、访存字节数和算术强度',
  'Datasheet and first-principles peak FLOP/s, memory, bandwidth and interconnect of a GPU, with sources':
    '一张 GPU 的数据手册峰值与按硬件参数推导的峰值 FLOP/s、显存、带宽和互联，附出处',
  'Exact parameter ledger of a preset or a config.json, the 12LH² + VH approximation, active parameters, KV cache per token':
    '预设模型或 config.json 的逐张量精确参数清单、12LH² + VH 近似、激活参数量、每 Token 的 KV Cache',
  'Serving a model on --gpus tensor-parallel GPUs: memory and maximum concurrency, TTFT and TPOT (estimates with their parts), throughput':
    '在 --gpus 张张量并行 GPU 上部署模型：显存与最大并发、TTFT 与 TPOT（估算值及其组成）、吞吐',
  'Training FLOPs per token, MFU and HFU, and per-GPU memory and communication under a parallel layout':
    '训练的每 Token 计算量、MFU 与 HFU，以及给定并行布局下每张 GPU 的显存和通信量',
  'One of the four worked questions: its steps, assumptions, answer and verdict; any assumption can be overridden by name':
    '四个实战问题之一：步骤、假设、答案和结论；任何假设都可以按名字覆盖',
  // matmul
  'rows of the left operand, M': '左操作数的行数 M',
  'the shared (contracted) dimension, K': '共享（被缩并）的维度 K',
  'columns of the right operand, N': '右操作数的列数 N',
  'copies A of the left operand ([A,M,K] @ [K,N])': '左操作数的份数 A（[A,M,K] @ [K,N]）',
  'element type (sets the bytes per element)': '元素类型（决定每个元素的字节数）',
  // every command
  'print the result as one compact JSON line': '把结果输出为一行紧凑的 JSON',
  'print this help and exit': '打印本帮助后退出',
  // model, gpu
  'a preset id, `list` for every preset, or a path to a Hugging Face config.json': '预设 id；`list` 列出所有预设；或 Hugging Face config.json 的路径',
  'a GPU id (e.g. a800-sxm-80gb, h100-sxm), `list` for every id, or `custom` with the flags below':
    'GPU id（例如 a800-sxm-80gb、h100-sxm）；`list` 列出所有 id；或 `custom` 加下面的选项',
  'gpu custom: streaming multiprocessors (compute units)': 'gpu custom：流式多处理器（AMD 为计算单元）数',
  'gpu custom: tensor cores per SM': 'gpu custom：每个 SM 的张量核心数',
  'gpu custom: dense bf16 FLOPs per clock per tensor core (an FMA is 2)': 'gpu custom：每个张量核心每周期的稠密 bf16 FLOPs（一次 FMA 计 2）',
  'gpu custom: boost clock, e.g. 1.41e9': 'gpu custom：加速频率，例如 1.41e9',
  'gpu custom: memory as marketed, SI bytes (80e9)': 'gpu custom：标称显存，十进制字节（80e9）',
  'gpu custom: memory bandwidth': 'gpu custom：显存带宽',
  'gpu custom: GPU-to-GPU bandwidth, bidirectional; omit or 0 for none': 'gpu custom：GPU 间双向带宽；不给或给 0 表示没有互联',
  // inference, training
  'a preset id (see `model list`) or a path to a Hugging Face config.json': '预设 id（见 `model list`）或 Hugging Face config.json 的路径',
  'GPU id (see `gpu list`)': 'GPU id（见 `gpu list`）',
  'GPUs the model is tensor parallel over': '模型做张量并行所用的 GPU 数',
  'requests served together (the batch B)': '一起服务的请求数（批大小 B）',
  'prompt tokens per request (S)': '每个请求的提示词 Token 数（S）',
  'generated tokens per request (O)': '每个请求生成的 Token 数（O）',
  'weights dtype (fp8 runs fp8 tensor cores where the GPU has them; int8/int4 are weight-only)':
    '权重数据类型（GPU 有 fp8 张量核心时 fp8 用它计算；int8/int4 只量化权重）',
  "KV-cache dtype (default: the weights' for floats, bf16 under int8/int4 weights)": 'KV Cache 数据类型（默认：浮点权重时与权重相同，int8/int4 权重时为 bf16）',
  'prefill score FLOPs: causal mask, or every key as the reference article counts': '预填充的注意力分数计算量：因果掩码，或像参考文章那样每个 key 都算',
  "peak FLOP/s per GPU to use instead of the datasheet's for the weights' dtype": '每张 GPU 的峰值 FLOP/s，用来代替数据手册上权重数据类型的峰值',
  'η_c: share of the 16-bit (and tf32) peak the matmuls reach': 'η_c：矩阵乘达到 16 位（及 tf32）峰值的比例',
  'η_c8: share of the fp8 peak fp8 matmuls reach (fitted on published measurements)': 'η_c8：fp8 矩阵乘达到 fp8 峰值的比例（在公开测量数据上拟合）',
  'η_m: share of peak HBM bandwidth weight and activation reads reach': 'η_m：读取权重和激活值时达到 HBM 峰值带宽的比例',
  'η_kv: share of peak HBM bandwidth decode attention reaches reading the KV cache': 'η_kv：解码注意力读取 KV Cache 时达到 HBM 峰值带宽的比例',
  'share of the per-direction link bandwidth a ring all-reduce reaches': '环形 all-reduce 达到单向链路带宽的比例',
  'α: fixed latency of each tensor-parallel all-reduce (default by link: 10 µs NVLink, 25 µs PCIe)':
    'α：每次张量并行 all-reduce 的固定时延（默认按链路：NVLink 10 µs，PCIe 25 µs）',
  't_step: fixed seconds per forward step (scheduling, sampling, launches)': 't_step：每个前向步的固定秒数（调度、采样、kernel 启动）',
  't_layer: fixed seconds per layer per step': 't_layer：每步每层的固定秒数',
  "one GPU's memory: as the CUDA runtime reports it, the GiB built, or the GB marketed": '一张 GPU 的显存：按 CUDA 运行时报告的值、实际的 GiB，或标称的 GB',
  'tokens in the largest forward pass whose activations must fit (default: --input)': '激活值必须放得下的最大一次前向的 Token 数（默认：--input）',
  'share of each GPU the server uses (vLLM gpu_memory_utilization); the rest is reserved':
    '服务占用每张 GPU 显存的比例（vLLM 的 gpu_memory_utilization）；其余预留',
  "GPU-to-GPU bandwidth, bidirectional (default: the GPU table's interconnect)": 'GPU 间双向带宽（默认：GPU 表中的互联带宽）',
  'training tokens D (15T = 15e12)': '训练 Token 数 D（15T = 15e12）',
  'training sequence length S': '训练序列长度 S',
  'GPU-hours the run took': '这次训练用掉的 GPU 时',
  'GPUs in the run (with --tokens-per-second or --mfu; with --gpu-hours for the wall time)':
    '训练所用 GPU 数（配合 --tokens-per-second 或 --mfu；配合 --gpu-hours 时算墙钟时间）',
  'training throughput of the whole run (with --gpus)': '整个训练的吞吐（配合 --gpus）',
  'an assumed MFU (with --gpus): prints the time the run takes': '假设的 MFU（配合 --gpus）：输出训练所需时间',
  "N to use instead of the model's exact count (e.g. a paper's 7.5e9)": '代替模型精确参数量的 N（例如论文里的 7.5e9）',
  "attention-score FLOPs MFU counts: none (6N), or PaLM's 12·L·h·d·S, halved for causal":
    'MFU 计入的注意力分数计算量：none（6N），或 PaLM 的 12·L·h·d·S，因果时减半',
  'the tensor-core peak the MFU is measured against': 'MFU 所对照的张量核心峰值',
  "peak FLOP/s per GPU instead of the datasheet's (e.g. 989e12)": '每张 GPU 的峰值 FLOP/s，代替数据手册的值（例如 989e12）',
  'tensor parallel: splits heads and the FFN width': '张量并行：切分注意力头和 FFN 宽度',
  'pipeline parallel: splits the layers into stages': '流水并行：把层切成若干阶段',
  'data parallel: replicas; default: GPUs / (TP·PP·CP)': '数据并行：副本数；默认：GPU 数 / (TP·PP·CP)',
  'context parallel: splits the sequence': '上下文并行：切分序列',
  "expert parallel: splits an MoE's experts, inside the data-parallel group": '专家并行：在数据并行组内切分 MoE 的专家',
  'sequence parallelism alongside tensor parallelism (Korthikanti et al.)': '与张量并行一起使用序列并行（Korthikanti et al.）',
  'ZeRO stage: 1 shards optimizer states, 2 + gradients, 3 + weights': 'ZeRO 阶段：1 切分优化器状态，2 再加梯度，3 再加权重',
  'activation recomputation: none, selective (attention core) or full (every layer)': '激活重计算：none（不重计算）、selective（注意力核心）或 full（每一层）',
  'sequences per micro-batch b': '每个微批的序列数 b',
  'sequences per optimizer step (default: b·DP, or 4 micro-batches per pipeline stage)': '每个优化器步的序列数（默认：b·DP，或每个流水阶段 4 个微批）',
  'model states: adam16 (16 B/param), adam18 (fp32 grads), adam20 (fp16 with fp32 grad copy)':
    '模型状态：adam16（16 B/参数），adam18（fp32 梯度），adam20（fp16 加 fp32 梯度副本）',
  "activation count: flash (this model, FlashAttention, no dropout) or korthikanti (the paper's GPT-3 block)":
    '激活值计法：flash（本模型结构，FlashAttention，无 dropout）或 korthikanti（论文中的 GPT-3 块）',
  // Notes after the flags (a note may run over two lines; each line is its own key).
  "Defaults are the site's: causal attention, memory as the CUDA runtime reports it with 10% reserved, the calibrated latency":
    '默认值与网站一致：因果注意力，显存按 CUDA 运行时报告的值并预留 10%，使用校准过的时延',
  'model (its error against published measurements is on /reality-check/). `assumptions` in the JSON lists what was used.':
    '模型（它相对公开测量数据的误差见 /reality-check/）。JSON 中的 `assumptions` 列出实际采用的假设。',
  'Default --attention none: 6N per token, N the active parameters (Kaplan et al. 2020); `mfuByConvention` prints all three.':
    '默认 --attention none：每 Token 6N，N 为激活参数量（Kaplan et al. 2020）；`mfuByConvention` 给出三种约定下的值。',
  'Memory per GPU: model states after ZeRO over DP, plus activations at the 1F1B peak (Korthikanti et al. 2022).':
    '每张 GPU 的显存：ZeRO 在 DP 上切分后的模型状态，加上 1F1B 峰值时的激活值（Korthikanti et al. 2022）。',
  'Cases (`case <id> --help` lists its assumptions with their defaults and units):': '实战问题（`case <id> --help` 列出它的假设及默认值和单位）：',
  'Flags of every case:': '每个实战问题都接受的选项：',
  'Every flag is an assumption of the case, named as in its JSON `assumptions`.': '每个选项都是这个问题的一条假设，名字与 JSON 中 `assumptions` 的一致。',
  // The worked cases' assumptions (`case <id> --help`; the questions are in src/core/i18n/casesZh.ts).
  'N for the headline MFU (the article’s round 70B)': '计算标题 MFU 用的 N（原文取整的 70B）',
  'training tokens D': '训练 Token 数 D',
  'GPU-hours of the whole run': '整个训练的 GPU 时',
  'dense 16-bit peak per GPU': '每张 GPU 的稠密 16 位峰值',
  'preset whose config is counted, or `custom` to count --config': '要计数其 config 的预设，或 `custom` 表示计数 --config',
  'a Hugging Face config.json (its text), read when --model is custom': 'Hugging Face config.json（文本内容），--model 为 custom 时读取',
  'GPUs, tensor parallel': 'GPU 数，张量并行',
  'prompts prefilled together': '一起预填充的提示词数',
  'tokens per prompt': '每个提示词的 Token 数',
  '1: every key counted (the article); 0.5: causal mask': '1：每个 key 都算（原文）；0.5：因果掩码',
  'a realistic prefill MFU': '现实的预填充 MFU',
  'low end of the first-token target': '首 Token 时延目标的下限',
  'high end of the first-token target': '首 Token 时延目标的上限',
  'HBM bandwidth per GPU': '每张 GPU 的 HBM 带宽',
  'GPU-to-GPU link per direction': 'GPU 间链路的单向带宽',
  'share of the link a ring all-reduce reaches': '环形 all-reduce 达到的链路带宽比例',
  'how a marketed "80GB" is read: what the runtime sees, 80 GiB, or 80e9 B': '标称的 "80GB" 怎么读：运行时看到的值、80 GiB，或 80e9 B',
  'share of each GPU the server uses; the rest is reserved': '服务占用每张 GPU 显存的比例；其余预留',
  'bytes per weight and per KV element': '每个权重和每个 KV 元素的字节数',
  'input + output tokens per request, at most': '每个请求的输入 + 输出 Token 数上限',
  'tokens in the largest forward pass (activation working set)': '最大一次前向的 Token 数（激活值工作集）',
  'share of keys': '占 key 的比例',
  // Units that are words (a symbol such as B/s, FLOP/s, Hz or s stays as it is).
  rows: '行',
  elements: '个元素',
  columns: '列',
  copies: '份',
  SMs: '个 SM',
  'per SM': '每个 SM',
  'FLOPs/clock': 'FLOPs/周期',
  GPUs: '张 GPU',
  requests: '个请求',
  tokens: '个 Token',
  'share of peak': '占峰值的比例',
  'share of memory': '占显存的比例',
  params: '个参数',
  sequences: '个序列',
};

// The cases' questions (the summary line of `case <id> --help`) come from their own catalogue.
const zh = translator(HELP_ZH, CASES_ZH);

/** One description, summary or note in Chinese: this catalogue, else the core's messages, else as it is. */
function words(english: string): string {
  return zh.has(english) ? zh(english) : translate(english, 'zh');
}

/** The bracketed facts of a flag: `unit: tokens; required; default: 1; range: 1 to 100` → `单位：个 Token；必填；…`. */
function facts(text: string): string {
  return text
    .split('; ')
    .map((fact) => {
      if (fact === 'required') return '必填';
      const [key, ...rest] = fact.split(': ');
      const value = rest.join(': ');
      if (key === 'unit') return `单位：${words(value)}`;
      if (key === 'default') return `默认：${value}`;
      if (key === 'range') return `范围：${value.replace(/^0 or /, '0 或 ').replace(' to ', ' 到 ')}`;
      return fact;
    })
    .join('；');
}

const FLAG_LINE = /^( {2}(?:--\S+(?: <[^>]*>)?|<\S+>))( +)(.*?)(?: \[((?:unit|required|default|range)[^\]]*)\])?$/;

/**
 * A command's `--help` text in Chinese, line by line.
 * @example helpInChinese('Flags:\n  --m <N>                        rows of the left operand, M [unit: rows; required; range: 1 to 1,000,000,000,000]')
 * //=> '选项：\n  --m <N>                        左操作数的行数 M [单位：行；必填；范围：1 到 1,000,000,000,000]'
 */
export function helpInChinese(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      if (line === '') return line;
      if (line.startsWith('Usage: ')) {
        return `用法：${line.slice('Usage: '.length).replace(' [flags]', ' [选项]').replace('[--<assumption> value …]', '[--<假设名> 值 …]')}`;
      }
      if (line === 'Arguments:') return '参数：';
      if (line === 'Flags:') return '选项：';
      const flag = FLAG_LINE.exec(line);
      if (flag) {
        const [, head, pad, description, bracket] = flag;
        return `${head}${pad}${words(description!)}${bracket !== undefined ? ` [${facts(bracket)}]` : ''}`;
      }
      // A case's row in `case --help`: its id and the names of its flags.
      if (/^ {2}\S+ +(?:--\S+ ?)*$/.test(line)) return line;
      return words(line);
    })
    .join('\n');
}
