/**
 * The notation table in Chinese (src/core/symbols.ts SYMBOLS), keyed by each symbol's TeX, which
 * is the same in both editions. The English stays in symbols.ts; /zh/notation/ reads the Chinese
 * here at build time (src/components/SymbolTable.astro), so no page loads it in the browser.
 * test/core/i18n/pages.test.ts holds every symbol to an entry, every entry to a symbol, and every
 * figure of the English meaning to the Chinese.
 */

export interface SymbolTextZh {
  name: string;
  meaning: string;
}

/** The name and meaning of each symbol, in Chinese, by its TeX. */
export const SYMBOLS_ZH: Readonly<Record<string, SymbolTextZh>> = {
  B: { name: '批大小', meaning: '一次前向计算中同时处理的序列条数。' },
  S: { name: '新 Token 数', meaning: '本次前向中每条序列处理的 Token 数：预填充时是提示长度，解码一步时是 1。' },
  "S'": { name: '上下文长度', meaning: '每个新 Token 要关注的 Token 数，包括已缓存的（无缓存的预填充中 S′ = S）。' },
  H: { name: '隐藏维度', meaning: '残差流的宽度：层与层之间，每个 Token 都是一个由 H 个数组成的向量（隐空间维度）。' },
  h: { name: '注意力头数', meaning: '每层的查询头数。' },
  'h_{kv}': { name: 'KV 头数', meaning: '每层的键/值头数：MHA 为 h，MQA 为 1，GQA 为 h 的某个因数。' },
  d: { name: '头维度', meaning: '单个注意力头的宽度。通常等于 H/h，但有些模型单独指定（Gemma、Qwen 3）。' },
  L: { name: '层数', meaning: 'Transformer 块（解码器层）的个数。' },
  V: { name: '词表大小', meaning: 'Embedding 表的行数，也是语言模型头的列数。' },
  N: { name: '参数量', meaning: '可训练参数的总数（MoE 模型计入全部专家；激活参数量记作 N_active）。' },
  I: { name: 'FFN 中间维度', meaning: '前馈网络的中间维度：GPT-2 中为 4H，SwiGLU 模型约为 8H/3（取整）。' },
  E: { name: '专家数', meaning: '每个 MoE 层的路由专家数。' },
  k: { name: '每 Token 专家数', meaning: '每个 Token 被发往的路由专家数（top-k）。' },
  s: { name: '每元素字节数', meaning: '一个数的存储大小：fp32 为 4，bf16/fp16 为 2，fp8/int8 为 1，int4 为 0.5。' },
  F: { name: 'FLOPs', meaning: '浮点运算次数；一次乘法或一次加法记一次 FLOP，一次乘加记两次。' },
  'P_{\\text{peak}}': { name: '峰值算力', meaning: '稠密（不计 2:4 稀疏）Tensor Core 的算力，取自规格书或按硬件原理推出。' },
  'W_{\\text{mem}}': { name: '显存带宽', meaning: 'HBM 与芯片之间每秒传输的字节数。' },
  Q: { name: '访存量', meaning: '一个内核的访存量：读入的操作数加上写出的结果。' },
  G: { name: 'GPU 数', meaning: '一个模型切分到的加速卡数（推理服务时即张量并行度）。' },
  D: { name: '训练 Token 数', meaning: '一次训练消耗的 Token 数（Token 预算：Llama 3 为 15T）。' },
  '\\mathrm{DP},\\,\\mathrm{TP},\\,\\mathrm{PP},\\,\\mathrm{CP},\\,\\mathrm{EP}': {
    name: '并行度',
    meaning: '数据并行、张量并行、流水并行、上下文并行和专家并行的组大小；所用 GPU 数为 DP·TP·PP·CP（专家并行组从数据并行的 GPU 中划分）。',
  },
  m: { name: '微批数', meaning: '流水线每步的微批数；流水线气泡为 (PP−1)/(m+PP−1)。' },
  O: { name: '输出 Token 数', meaning: '一个请求生成的 Token 数；第一个来自预填充，其余 O − 1 个来自解码步。' },
  'T_{\\text{req}}': { name: '请求耗时', meaning: '一个请求在副本中停留的秒数，从到达到最后一个 Token（利特尔法则：B = λ·T_req）。' },
  'b_{\\text{blk}}': { name: '每块 Token 数', meaning: '分页 KV Cache 中一个块容纳的 Token 数（vLLM 的 block_size，默认 16）。' },
  'N_{\\text{blk}}': { name: 'KV 块数', meaning: '扣除权重和激活值后，剩余显存能放下的分页 KV Cache 块数。' },
  '\\bar{n}_{\\text{blk}}': { name: '在用块数', meaning: '一个请求生成期间平均占用的块数，最后一块只填了一部分。' },
  'r_{\\text{hit}}': { name: '前缀命中率', meaning: '共享前缀已在 KV Cache 中的请求所占比例，取 0 到 1。' },
  'S_{\\text{pre}},\\,S_{\\text{hit}}': {
    name: '共享前缀与缓存命中前缀',
    meaning: '请求之间共享的提示 Token 数，以及缓存命中时跳过的 Token 数（按整块计，提示的最后一个 Token 不会跳过）。',
  },
  'S_{\\text{chunk}}': { name: '预填充块长', meaning: '每步与正在进行的解码一起预填充的提示 Token 数（分块预填充）。' },
  '\\alpha_{\\text{acc}}': {
    name: '接受率',
    meaning: '草稿模型猜出的一个 Token 被目标模型接受的概率（Leviathan et al. 的 α；本课程中单独的 α 表示全规约时延）。',
  },
  '\\gamma': { name: '草稿长度', meaning: '目标模型每次验证前，草稿模型猜测的 Token 数。' },
  'c_{\\text{draft}}': { name: '代价系数', meaning: '草稿模型一步解码与目标模型一步解码的耗时之比（Leviathan et al. 的 c）。' },
  'q_w,\\,q_s,\\,g': {
    name: '量化布局',
    meaning: '每个量化权重的位数、每组缩放因子和零点的位数，以及每组的权重数（int4、每组 128 个：4 + 20/128 位）。',
  },
  '\\lambda': { name: '到达率', meaning: '每秒到达一个副本或一个资源池的请求数（λ_p：一个预填充实例，λ_d：一个解码实例）。' },
  'T_{\\text{KV}}': { name: 'KV 传输时间', meaning: '把一个请求的 KV Cache 从预填充 GPU 传到解码 GPU 所需的秒数。' },
  '\\lambda_{\\text{rep}}': { name: '副本有效吞吐', meaning: '一个副本每秒完成、且平均 TTFT 和 TPOT 都在目标之内的请求数。' },
  'n_{\\text{rep}},\\,G_{\\text{total}}': { name: '副本数与集群 GPU 数', meaning: '一个到达率所需的副本数，以及它们占用的 GPU 数（副本数 × G）。' },
  'c_{\\text{GPU}}': { name: '每 GPU 时价格', meaning: '每块 GPU 每小时的美元价格：这是输入；计算器的初始值只是示例，不是报价。' },
  '\\rho,\\,f_{\\text{phase}}': {
    name: '时间占比',
    meaning: 'ρ：副本用于预填充的时间占比；f_phase：计入某一阶段的时间占比（输入 Token 取 ρ，输出 Token 取 1 − ρ）。',
  },
  '\\mathcal{L},\\,\\mathcal{E},\\,\\mathcal{A},\\,\\mathcal{B}': {
    name: '拟合损失（Chinchilla）',
    meaning: 'Hoffmann et al. 的 L = E + A/N^α + B/D^β，单位为每 Token 的 nat；用花体字母，是因为本课程中 E、B、L 已表示专家数、批大小和层数。',
  },
  '\\alpha_N,\\,\\beta_D': { name: '损失指数（Chinchilla）', meaning: '拟合损失随参数量和随 Token 数下降的快慢（论文给出 0.34 和 0.28）。' },
  'N_{\\text{opt}},\\,D_{\\text{opt}}': { name: '计算最优规模', meaning: '在 6·N·D FLOPs 的预算下使拟合损失最小的参数量和训练 Token 数。' },
  '\\delta,\\,\\tau': { name: '检查点写入时间与间隔', meaning: '训练为写一次检查点而等待的秒数，以及两次检查点之间的训练秒数。' },
  '\\text{MTBF}': { name: '平均故障间隔', meaning: '单块 GPU 的平均故障间隔（以小时计，MTBF_GPU），或 G 块 GPU 上同步训练任务的平均故障间隔（MTBF_GPU/G）。' },
};

/** The table's own words (caption, headings), in Chinese. */
export const SYMBOL_TABLE_ZH = {
  region: '符号',
  caption: '课程中用到的每个符号',
  symbol: '符号',
  name: '名称',
  meaning: '含义',
  configKey: 'config.json 中的键',
} as const;

/** The table of symbols individual formulas bring (src/components/FormulaSymbolTable.astro), in Chinese. */
export const FORMULA_SYMBOL_TABLE_ZH = {
  caption: '各公式自带的符号',
  symbol: '符号',
  meaning: '含义',
  usedIn: '用于',
  /** After the first four formulas: "and {} more". */
  more: '，另有 {} 个',
} as const;
