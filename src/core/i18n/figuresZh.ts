/**
 * The Chinese of the course figures (src/components/figures): titles, labels, text
 * alternatives and captions, keyed by the English template as the figure code writes it
 * (`say('…', value)` or `N_('…')`; `{}` stands for an interpolated value, the Chinese uses `{}` in
 * order or `{0}`, `{1}`… where word order differs). Numbers, symbols, units and model and GPU
 * names arrive as values and are never translated. test/components/figures.test.ts fails on a
 * template without an entry here or an entry whose template is no longer in the figures.
 * Build time only: the figures are static SVG, so no page ships this text as JavaScript.
 */
export const FIGURES_ZH: Readonly<Record<string, string>> = {
  // charts/ScatterPlot.astro (the reality check's plots): axes and the band's key.
  'measured ({})': '实测（{}）',
  'predicted ({})': '预测（{}）',
  'shaded: within ±{} of measured': '阴影：与实测相差 ±{} 以内',
  // decoderBlock.ts: the steps of the forward pass and the text alternative.
  'Token ids': 'Token id',
  'Embedding lookup': 'Embedding 查表',
  '+ position embedding': '+ 位置向量',
  'QKV projection': 'QKV 投影',
  'Multi-head attention': '多头注意力',
  scores: '分数',
  'Output projection': '输出投影',
  '+ residual': '+ 残差',
  'FFN up and gate': 'FFN 升维与门控',
  'FFN up': 'FFN 升维',
  'FFN down': 'FFN 降维',
  'Final {}': '最终 {}',
  'LM head': '语言模型头',
  Logits: 'Logits',
  '{} gives {}': '{} 得到 {}',
  '{} (scores {}) gives {}': '{}（分数 {}）得到 {}',
  '{} (scores {})': '{}（分数 {}）',
  '{} (weight {} {}) gives {}': '{}（权重 {} {}）得到 {}',
  '{} (weight {} {})': '{}（权重 {} {}）',
  'The data flow of {} for B = {} sequence of S = {} tokens, every tensor as symbols and sizes. {}. Then each of the L = {} layers, which keep the shape {}: {}. After the last layer: {}.':
    '{} 的数据流：B = {} 条序列，每条 S = {} 个 Token，每个张量都给出符号形状和具体大小。{}。随后是 L = {} 层中的每一层，各层保持形状 {}：{}。最后一层之后：{}。',
  'The data flow of {} for B = {} sequences of S = {} tokens, every tensor as symbols and sizes. {}. Then each of the L = {} layers, which keep the shape {}: {}. After the last layer: {}.':
    '{} 的数据流：B = {} 条序列，每条 S = {} 个 Token，每个张量都给出符号形状和具体大小。{}。随后是 L = {} 层中的每一层，各层保持形状 {}：{}。最后一层之后：{}。',
  // DecoderBlockFigure.astro.
  'Each of the L = {} layers': '每一层（共 L = {} 层）',
  'Decoder-only forward pass of {}, with the shape of every tensor': '{} 的前向计算（仅解码器架构），标出每个张量的形状',
  Step: '步骤',
  'Shape in symbols': '符号形状',
  'shape in symbols, then its size': '先写符号形状，再写具体大小',
  'Figure: one forward pass of {}, shape by shape.': '图：{} 的一次前向计算，逐个形状展开。',
  "Token ids become vectors by a lookup, pass through L = {} identical layers that keep the residual stream's shape {}, and leave as one score per vocabulary entry. Beside each box is the weight it reads (for attention, its score tensor); beside each arrow, the tensor it carries. The sizes are for B = {} and S = {}, computed at build time by the same core as every calculator.":
    'Token id 经查表变成向量，穿过 L = {} 个相同的层（各层保持残差流的形状 {}），最后变成词表中每一项各一个分数。每个方框旁边是它读取的权重（注意力则是它的分数张量）；每个箭头旁边是它传递的张量。大小按 B = {}、S = {} 计算，在构建时由与所有计算器相同的核心算出。',

  // multiHead.ts: the tensors, the steps between them and the text alternative.
  'Q by head': '按头拆开的 Q',
  'Q, heads first': '头维在前的 Q',
  'Scores, then weights': '分数（softmax 后为权重）',
  'Heads’ outputs': '各头的输出',
  'Heads side by side': '并排的各头',
  Merged: '合并结果',
  transpose: '转置',
  '{} ({} {}) gives {} {}': '{}（{} {}）得到{} {}',
  '{} gives {} {}': '{}，得到{} {}',
  'Multi-head attention in {}: h = {} heads of d = {} numbers. Only the two products compute; the views and transposes only reorder. {}.':
    '{} 的多头注意力：h = {} 个头，每个头 d = {} 个数。只有两次乘法在计算，view 和转置只重排。{}。',
  // MultiHeadFigure.astro.
  'Multi-head attention as reshapes around two products, {}': '多头注意力：两次乘法及其前后的变形，{}',
  'h = {} heads of d = {};': 'h = {} 个头，每个 d = {}；',
  '{} drawn, one colour each.': '图中画出 {} 个，各用一种颜色。',
  'reorders, no FLOPs': '只重排，没有 FLOPs',
  'a batched product': '一次批量矩阵乘',
  'Figure: multi-head attention is two batched products between reshapes.': '图：多头注意力就是夹在变形之间的两次批量矩阵乘。',
  "The queries are viewed as h = {} heads of d = {} and transposed so that the head becomes a batch dimension; Q·Kᵀ and the product with V then run on all heads at once, and the heads are merged back. Dashed arrows only reorder memory; solid ones compute. Four heads are drawn; the sizes are {}'s for B = {}, S = {} and S′ = {}, computed by the core.":
    '先把 query 看成 h = {} 个头、每个 d = {}，再转置，让头成为一个批维度；随后 Q·Kᵀ 以及与 V 的乘积在所有头上一次完成，最后把各头合并回去。虚线箭头只重排内存，实线箭头才做计算。图中画出四个头；大小是 {} 在 B = {}、S = {}、S′ = {} 时的数值，由核心算出。',

  // roofline.ts: the two kernels and the text alternative.
  'decode GEMV': '解码 GEMV',
  'prefill GEMM': '预填充 GEMM',
  'The {} {} has an intensity of {} and can reach {}: memory-bound': '{} {} 的算术强度为 {}，最高可达 {}：访存受限',
  'The {} {} has an intensity of {} and can reach {}: compute-bound': '{} {} 的算术强度为 {}，最高可达 {}：计算受限',
  'Roofline of the {} in {}: attainable FLOP/s against arithmetic intensity, both on log scales. Below the ridge point at {} the rate is the memory bandwidth, {}, times the intensity; above it, the peak of {}. {}.':
    '{} 在 {} 下的屋顶线：纵轴为可达 FLOP/s，横轴为算术强度，均为对数坐标。在拐点 {} 以左，速率等于显存带宽 {} 乘以算术强度；在拐点以右，速率等于峰值 {}。{}。',
  // RooflineFigure.astro.
  '{}, memory-bound': '{}，访存受限',
  '{}, compute-bound': '{}，计算受限',
  'peak {} ({})': '峰值 {}（{}）',
  'ridge point {}': '拐点 {}',
  'slope: {}': '斜率：{}',
  decode: '解码',
  prefill: '预填充',
  'Roofline of the {} ({}) with its ridge point and two matrix products': '{}（{}）的屋顶线、拐点和两个矩阵乘',
  'arithmetic intensity, FLOP/B (log scale)': '算术强度，FLOP/B（对数坐标）',
  'attainable FLOP/s (log scale)': '可达 FLOP/s（对数坐标）',
  'arithmetic intensity, FLOP/B (log)': '算术强度，FLOP/B（对数）',
  'ridge point': '拐点',
  'Figure: the roofline of the {} in {}.': '图：{} 在 {} 下的屋顶线。',
  "A kernel can go no faster than the lower of two lines: the memory slope, {} times its arithmetic intensity, and the flat roof at the peak. They meet at the ridge point, {}. The {}, one token through a weight as in a decode step, sits far down the slope; the {}, a prompt through the same weight, sits under the roof. All numbers come from the core's GPU table and matmul formulas.":
    'kernel 的速度不会超过两条线中较低的那条：一条是访存斜线，即 {} 乘以它的算术强度；另一条是峰值处的水平屋顶。两条线交于拐点 {}。{} 相当于解码步里一个 Token 过一个权重，落在斜线远远的下方；{} 是整段提示词过同一个权重，落在屋顶之下。所有数字都来自核心的 GPU 表和矩阵乘公式。',

  // parallelSplits.ts: the four panels, their cuts and the text alternative.
  'Data parallel: split B': '数据并行：切分 B',
  'Context parallel: split S': '上下文并行：切分 S',
  'Pipeline parallel: split L': '流水并行：切分 L',
  'Tensor parallel: split h and I': '张量并行：切分 h 和 I',
  sequences: '条序列',
  tokens: '个 Token',
  layers: '层',
  heads: '个头',
  'FFN columns': '列 FFN',
  '{} = {} of {} {}': '{} = {}，共 {} {}',
  '{} = {} of {}': '{} = {}，共 {}',
  '{}: each GPU holds [{}] × {} = [{}] × {} layers, {}': '{}。每张 GPU 持有 [{}] × {} = [{}] × {} 层，{}',
  'One {} training workload, B = {} sequences of S = {} tokens through L = {} layers of width H = {}, cut four ways over {} GPUs each. {}.':
    '{0} 的一个训练工作负载：B = {1} 条序列，每条 S = {2} 个 Token，经过宽度 H = {4} 的 L = {3} 层，按四种方式各切到 {5} 张 GPU 上。{6}。',
  // ParallelSplitsFigure.astro and ParallelSplitsSvg.astro.
  '{} = {} GPUs, each holds': '{} = {} 张 GPU，每张持有',
  '{}, but': '{}，但',
  'Data, context, pipeline and tensor parallelism as four cuts of one [B, S, H] × L workload, {}':
    '数据并行、上下文并行、流水并行和张量并行：同一个 [B, S, H] × L 工作负载的四种切法，{}',
  'L layers →': 'L 层 →',
  'B sequences': 'B 条序列',
  'Figure: four parallelisms are four cuts of one workload.': '图：四种并行就是同一工作负载的四种切法。',
  "Each grid is the same training step: columns are layers, rows are the tokens of {} sequences (each split in four chunks), and each cell is a vector of H numbers, drawn as four slices. The colour says which of {} GPUs holds it. Data parallelism gives each GPU whole sequences, context parallelism a chunk of every sequence, pipeline parallelism consecutive layers, and tensor parallelism a slice of every layer's heads and FFN. Sizes are {}'s, from the core.":
    '每个网格都是同一个训练步：列是层，行是 {} 条序列的 Token（每条分成四块），每个格子是一个 H 维向量，画成四片。颜色表示 {} 张 GPU 中由哪一张持有它。数据并行让每张 GPU 持有完整的序列，上下文并行持有每条序列的一块，流水并行持有连续的若干层，张量并行持有每一层注意力头和 FFN 的一片。大小取自 {}，由核心算出。',

  // kvLayouts.ts: what each kind keeps, its lines in the figure and the text alternative.
  'a key and a value for each of the h = {} heads': 'h = {} 个头各有一个 key 和一个 value',
  'one key and one value shared by all h = {} query heads': '一个 key 和一个 value，由全部 h = {} 个 query 头共用',
  'a key and a value for each of g = {} groups of query heads (h = {})': 'query 头（h = {1}）分成 g = {0} 组，每组一个 key 和一个 value',
  'one latent of r_kv = {} numbers and one rope key of d_R = {}, shared by all h = {} heads':
    '一个 r_kv = {} 个数的潜向量和一个 d_R = {} 的 RoPE key，由全部 h = {} 个头共用',
  'h = {} query heads,': 'h = {} 个 query 头，',
  'each with its own K and V': '每个头都有自己的 K 和 V',
  'h = {} query heads': 'h = {} 个 query 头',
  'share a single K and V': '共用一组 K 和 V',
  'h = {} query heads in g = {} groups,': 'h = {} 个 query 头分成 g = {} 组，',
  'one K and V per group': '每组共用一组 K 和 V',
  'h = {} heads share one latent': 'h = {} 个头共用一个潜向量',
  'c_KV of r_kv = {} numbers': 'c_KV，含 r_kv = {} 个数',
  'and one rope key k_R of d_R = {}': '以及一个 RoPE key k_R，d_R = {}',
  '{}, {}: {}; {} = {} numbers per token per layer; {} per token over L = {} layers': '{0}，{1}：{2}；每 Token 每层 {3} = {4} 个数；L = {6} 层合计每 Token {5}',
  'What the KV cache keeps per token and layer, and the bytes per token of a real model of each kind ({}, all layers). {}.':
    'KV Cache 每个 Token 每层保存什么，以及每类真实模型每个 Token 的字节数（{}，全部层）。{}。',
  // KvLayoutsFigure.astro.
  'per token and layer: {} = {}': '每 Token 每层：{} = {}',
  'per token, L = {} layers: ': '每 Token，L = {} 层：',
  'What MHA, MQA, GQA and MLA cache per token and layer, with bytes per token of a real model of each':
    'MHA、MQA、GQA 和 MLA 每个 Token 每层缓存什么，以及每类真实模型每个 Token 的字节数',
  'Figure: four ways to cache keys and values.': '图：缓存 key 和 value 的四种方式。',
  "Drawn with eight query heads (top row of each panel): MHA keeps a key and a value per head, MQA one pair for all heads, GQA one pair per group, and MLA a single compressed latent plus a small rope key from which every head's keys and values are recomputed (dashed). The numbers are the real models', in {}; the bars compare bytes per token, which also depend on each model's layer count and head size.":
    '图中画了八个 query 头（每块的第一行）：MHA 为每个头保存一个 key 和一个 value，MQA 所有头共用一对，GQA 每组一对，MLA 只保存一个压缩的潜向量和一个很小的 RoPE key，每个头的 key 和 value 都由它们重新算出（虚线）。数字来自真实模型，数据类型为 {}；条形比较的是每个 Token 的字节数，它还取决于各模型的层数和头维度。',
};
