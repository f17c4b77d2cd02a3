/**
 * The Chinese of every formula-changelog entry (src/core/changelog.ts), for /zh/changelog/.
 * The English entries stay the record; each Chinese entry is keyed by `changelogKey(entry, i)`:
 * the entry's version and its place among the entries of that version ("2.0.0#3" is the fourth
 * 2.0.0 entry). Every number, formula id, path, URL key and identifier of the English appears
 * unchanged; test/core/i18n/changelog.test.ts fails on an entry without its Chinese, a key no
 * entry has, or an English number missing from the Chinese.
 */
import type { ChangelogEntry } from '../changelog';

/** "2.0.0#3": the version and the entry's index among the entries of that version. */
export function changelogKey(entries: readonly ChangelogEntry[], index: number): string {
  const entry = entries[index];
  if (!entry) throw new Error(`No changelog entry ${index}`);
  const nth = entries.slice(0, index).filter((e) => e.version === entry.version).length;
  return `${entry.version}#${nth}`;
}

export const CHANGELOG_ZH: Readonly<Record<string, string>> = {
  '1.0.0#0':
    '首次发布。约定：一次乘法或一次加法记为一个 FLOP（一次 FMA 记为 2 个）；字节按 SI 单位计（GB = 1e9 B），只有明确标注时才用 GiB；GPU 峰值均为稠密算力（不含 2:4 结构化稀疏）；参数量不含不可训练的缓冲区（因果掩码、旋转位置编码的 inv_freq）。',
  '1.0.1#0':
    '没有公式改动；修正正文勘误并补充出处。更正：模型结构一章的要点（GPT-2 的参数量和 FLOPs 大部分在各层里，而不是“几乎全部”）；显存一章（原文“一百个请求”的图景是用多头注意力公式算出的 70B 模型，GQA 版本的 checkpoint 复现不出来）。标注为更正：原文的 S′ ≪ H 条件（课程用 S′ ≪ 6H），以及原文按 L·h·d 计的每 Token 缓存（漏了 2·sizeof）。新增：原文所说训练时每个参数“约 10×”的显存，分块（tile）大小论点中“分块过大”的那一半，每章一段说明课程在哪些地方与原文不同，/references/ 页面，以及每张推导卡片上的“来源”一行。',
  '2.0.0#0':
    '统一为一个时延模型，并用公开测量数据校准。此前：每个阶段只用一条屋顶线，max(F/(G·P·η), Q/(G·W·η)) + T_comm，处处取 η = 0.8，也不计每次集合通信的固定时延；与公开测量相比约偏乐观 25%（中位数）。现在：一步是各类 kernel 依次执行（权重矩阵乘、注意力和逐元素运算，各自对应一条屋顶线），加上张量并行的全规约（NVLink 上每次 α = 10 µs），以及每步 3.2 ms、每层 34 µs 的固定开销；η_c 取 16 位峰值的 0.8、fp8 峰值的 0.49，读取权重和 KV Cache 时取 HBM 带宽的 0.9（均为拟合值；见 /reality-check/：45 个测量值上的中位误差为 8.9%）。Llama 2 70B 跑在 8×A800 上，16 个 4,000 Token 的提示词、各输出 256 个 Token：首 Token 时延 6.59 s（全注意力）或 6.39 s（因果）→ 6.53 s；每 Token 时延 12.7 ms → 18.9 ms。解码的临界批大小 B* 现在问的是权重矩阵乘何时变为计算受限（A800 上约为 137），而不是整步何时计算受限（此前：4,000 Token 时为“永远不会”）。预填充的算术强度计入激活值的访存量：该预填充从约 60,000 → 2,429 FLOP/B。平均每 Token 时延以闭式求和（不再逐个输出 Token 循环）。',
  '2.0.0#1':
    '所有推理服务与训练的答案（CLI、试算台、各章、案例）共用一套默认值，集中在 src/core/scenario/defaults.ts：因果注意力；GPU 显存按 CUDA 运行时报告的容量读取（A800/A100 80GB：79.15 GiB；H100 SXM：81,559 MiB），并预留 10%；激活值只用一种估算（显存一章的算法，分摊到张量并行的各 GPU 上）。此前 CLI 把“80GB”读作 80 GiB，试算台读作 80e9 B，而且各自计算激活值和 KV Cache（滑动窗口在一处生效、在另一处不生效）。Llama 2 70B 跑在 2×A800 上、4,000 Token 时：并发请求 12 → 10（按 80 GiB 读是 11，按 80e9 B 读是 3）；Mistral 7B 跑在 8×A800 上、10,000 Token 时：459（CLI）或 1,043（试算台）→ 1,109，各处都应用它 4,096 Token 的滑动窗口。',
  '2.0.0#2':
    '案例 llama2-70b-ttft：默认按因果注意力精确计数，与其他所有答案一致（maskFactor 0.5；取 1 即原文“每个 key 都算”的计数），其估计值就是推理服务场景给出的首 Token 时延。此前：9.50e15 FLOPs（原文的 B·S·(2N + 4·L·H·S)），按峰值 3.81 s，按 50% MFU 为 7.61 s，加上全规约为 9.45 s。现在：9.10e15 FLOPs，按峰值 3.64 s（下限），估计 6.53 s；结论仍是“不合理”。答案字段 secondsAtMfu 和 secondsWithCommunication 换成了 ttftSeconds 及其分解。MFU 案例新增 gpu 假设，超过 100% 时给出警告；layers、heads 和 headDim 取自模型。',
  '2.0.0#3':
    '新增第 11 章“推理服务实战”：连续批处理的吞吐–时延曲线（把利特尔法则用在引擎的稳态上）、分页 KV Cache（块、在途的块、放得下的请求数）、前缀缓存、分块预填充（Token 之间最长的间隔）、投机解码（Leviathan 等人的式 (1) 与定理 3.8，计入草稿模型的成本系数，验证这一步由引擎计时）、量化模型（计入缩放因子和 16 位的 Embedding）以及预填充/解码分离（KV 传输、M/D/1 预填充池、按利特尔法则确定的解码池、每 GPU 的有效吞吐）。场景引擎新增 `techniques`（kvAllocation、kvBlockTokens、prefixCache、prefillChunkTokens、speculative、weightQuantization），默认全部关闭：之前的每个答案都不变（Llama 2 70B 跑在 2×A800 上，3,000 + 1,000 Token：与之前一样按预留计是 10 个请求；分页时 12 个；1,000 Token 的前缀命中率为 90% 时，分页可放 16 个）。',
  '2.0.0#4':
    '新增第 12 章“容量与成本”和 /capstone/ 页面。给定首 Token 时延与每 Token 时延目标和请求到达率，求出：一个副本在两项目标之内最多能容纳的请求数（在场景引擎的连续批处理稳态上精确搜索）、它的有效吞吐、所需的副本数与 GPU 数（Llama 3 70B，每秒 50 个请求、每个 2,000 + 200 Token，首 Token 时延 ≤ 500 ms，每 Token 时延 ≤ 50 ms：44 张 H100，每个副本 4 张）、GPU 最少的张量并行度，以及工作点上的利特尔法则。由每 GPU 时的价格（一个输入；示例默认值为 $2，并非报价）算出每百万输入 Token 和输出 Token 的美元成本，按预填充与解码各占的 GPU 时间拆分账单。计算最优训练采用 Hoffmann 等人公布的常数（10²⁴ FLOPs：41.3B 参数，每个参数 98 个 Token）和 Besiroglu 等人的重新拟合（95.9B，18），并与每参数 20 个 Token 的经验法则并列；还有检查点大小、Young 与 Daly 的检查点间隔，以及按 Llama 3 报告的故障率算出的含故障墙钟时间（16,384 张 GPU 上 54 天 419 次中断：每次重启十分钟时有效率为 92.4%）。核心新增反向求解器（src/core/scenario/reverse.ts）：最大批大小、张量并行度、达到某一并发所需的最少 GPU 数、满足首 Token 时延目标的最长提示词。单位：美元显示为 $1.40M，请求速率显示为 requests/s；Token 数显示为 4.04T tokens（此前：4.04 Ttokens）；复制出的 Markdown 推导会转义“$”，价格不会被当成数学公式的开头。',
  '2.0.0#5':
    '训练时若某款 GPU 没有所要数据类型的 Tensor Core 峰值，就退回到最接近的一种并给出 peak-dtype-fallback 警告，与推理服务的做法一致。此前：trainingScenario（CLI 的 training 命令、试算台和训练计算器）遇到 V100 会直接拒绝，报“NVIDIA V100 SXM2 没有规格书给出的 bf16 峰值”，即使只问显存也是如此。现在：Llama 2 7B 在 64 张 V100 上、假设 MFU 为 40%，按 125 TFLOP/s 的 fp16 峰值计时（1T Token 需 146 天），显存结果不变。显示：算术强度达到 10⁷（1000 万）FLOP/B 及以上时写成 10 的幂（3.33e11：“333000000000 FLOP/B”→“3.33 × 10¹¹ FLOP/B”）；越界消息打印被拒绝的值时，与打印边界的写法一致（“实际为 1e+300”→“实际为 1e300”，“实际为 1000000000000000”→“实际为 1,000,000,000,000,000”）。',
  '2.0.0#6':
    '一个量只有一个公式。gpu.ridgePoint（P/W，曾在 GPU 一章重复注册）并入 matmul.ridgePoint，variants.moeFlopsPerToken（2·N_active）并入 flops.perToken（2N，N 为一个 Token 经过的参数量）。旧 id 仍可解析，旧锚点（/gpu-peak/#gpu-ridge-point、/variants/#moe-flops-per-token）仍落在同一个推导上、给出同样的数字（H100 为 295 FLOP/B；Mixtral 8x7B 为 25.8 GFLOPs）。没有数字改变：每个公式现在都经由各模型的数字所用的同一组函数计算（KV Cache 的乘积、权重计数、每个权重每 Token 2 FLOPs、注意力矩阵乘、F/(G·P·η)、GPU 时，各只有一处实现）。',
  '2.1.0#0':
    '没有数字改变；只改记号。所有推导中一个符号只有一个含义（现在有测试保证）：并行度写作 DP、TP、PP、CP 和 EP（此前：D、t、p、c、e，而 D 还表示 Token 预算）；G 处处表示 GPU 数（此前也用 n 和 M），GPU-h 表示一次训练的 GPU 时（此前：G）；因果系数为 m_mask（m 仍表示微批数）；一次前向计算中的 Token 数为 N_tok（此前：T，它也用来表示秒）；达到的峰值占比为 η_c（此前：u，有四种含义）；每层集合通信次数为 n_AR 和 n_a2a；每个参数的优化器字节数为 b_opt（此前：K，即矩阵乘的内维）；Tensor Core 指令形状为 m_mma·k_mma·n_mma。锚点、id 和 URL 键均不变。',
  '2.1.0#1':
    '只指定模型或 GPU、没给出其参数的链接。此前：/memory/?kv.model=llama-2-13b&kv.S=8192 在下拉框中显示 Llama 2 13B，计算时却用字段里留下的层数和 KV 头数（70B 的：2.68 GB）；GPU 峰值计算器对 ?peak.gpu=h100-sxm 同样保留了 A800 的各项参数。现在：链接设定了模型（或 GPU）而省略了它会填入的字段时，按在下拉框中选中它来理解（Llama 2 13B、8,192 Token：6.71 GB）；链接自己设定的字段则保留。越界消息现在说的是最长上下文和最快加速器的一百倍（不是一千倍），以及任一矩阵乘维度上的一万亿。',
  '2.1.0#2':
    '/zh/ 下的中文版：每一页都有，公式、锚点、习题 id 和 URL 键与英文版相同，所以链接里的数字在两种语言下都能复现；计算器、推导、错误和警告均为中文，CLI 支持 --lang zh（JSON 不变），中文正文里的计数写成万/亿并在旁边给出精确数字，另有术语表（/glossary/）。两个版本的数字由同一个核心计算。',
  '2.1.1#0':
    '没有数字改变；改进阅读体验，减轻页面体积。字段下方的提示随其他输入变化（案例会说出当前选中的 GPU 及其规格书峰值；GPU 时会复述字段里的数值）。在手机上，计算器把主要问题两个一行排在结果之前（时延计算器的第一个结果距其顶部 362 px，此前为 682），/models/ 可用菜单给卡片排序，/cases/ 把每个案例的步骤折叠成带结果的一行（1366 px 宽时页面高 10,460 px，此前为 20,556）。每一页最多加载 100 KB JavaScript（试算台为 120 KB），中文页面也不例外：浏览器拿到的预设 config 和 GPU 表去掉了没有任何 island 读取的部分，中文页面只加载其计算器首屏显示的中文。数学字体随页面一起到达，加载时正文不再重排。一个概念只用一个中文术语（拐点、计算受限、访存受限），更多计算器、图表和数据说明已译成中文。',
  '2.1.2#0':
    '没有数字改变；中文版处处是中文。此前：/zh/cases/ 的问题、步骤标题和结论是英文，符号表、参考文献的说明、实测对照页、各图、本更新日志、推导卡片里对参考文章的引用、图表摘要、复制出的设定行，以及每个 CLI 命令的 --help --lang zh 也都是英文。现在每一处都在它所翻译的英文旁边有中文（每部分一个词条目录，各有测试：文本缺中文、残留英文或丢了数字都会失败）；论文标题、作者、代码和名称保持原样。',
};
