/**
 * The latency formulas the course shows: a kernel class on its roofline, the fixed cost of
 * a step, the tensor-parallel all-reduces, and how they add up to the time to first token
 * and the time per output token. The arithmetic lives in ./step.ts (one site, shared with
 * the scenario engine that answers serving questions); these formulas call it.
 *
 *   T_kernel = max(F/(G·P·η_c), Q/(G·W·η_m))                      a kernel class on its roofline
 *   T_step   = T_matmul + T_attention + T_elementwise + T_comm + T_0
 *   T_comm   = 2·L·(α + 2·(G−1)/G · T·H·s / (W_link·η_link))       two all-reduces per layer
 *   T_0      = t_step + L·t_layer
 *
 * G GPUs share the work evenly under tensor parallelism (each holds 1/G of the weights
 * and KV heads and does 1/G of the FLOPs). The all-reduce is a ring: each GPU sends and
 * receives 2·(G−1)/G of the message (Patarasuk & Yuan 2009).
 * @see Shoeybi et al., "Megatron-LM" (2019), §3: two all-reduces per layer in forward
 * @see Williams, Waterman & Patterson, "Roofline" (CACM 2009)
 */
import { defineFormula } from '../formula';
import { articleForwardFlops } from '../flops/flops';
import { CALIBRATION } from './calibration';
import { allReduceSeconds, fixedStepSeconds, rooflineSeconds, tensorParallelCommSeconds } from './step';

export const prefillFlopsFormula = defineFormula({
  id: 'latency.prefillFlops',
  anchor: 'prefill-flops',
  page: 'mfu-and-latency',
  title: 'Prefill FLOPs',
  description:
    'B prompts of S tokens: 2N per token for the weights plus 4·L·H per token and key for scores and values; m_mask = 1 counts every key (the article), 1/2 a causal mask.',
  lhs: 'F_{\\text{prefill}}',
  unit: 'FLOPs',
  symbols: { B: 'B', S: 'S', N: 'N', L: 'L', H: 'H', m: 'm_{\\text{mask}}' },
  labels: {
    B: 'Requests B',
    S: 'Prompt tokens S',
    N: 'Parameters N',
    L: 'Layers L',
    H: 'Hidden size H (h·d where the heads do not add up to it)',
    m: 'Mask factor m_mask (1 full, 0.5 causal)',
  },
  domains: { B: 'positiveInt', S: 'positiveInt', N: 'positive', L: 'positiveInt', H: 'positiveInt', m: 'fraction' },
  tex: (v) => String.raw`${v.B} \cdot ${v.S} \cdot (2 \cdot ${v.N} + 4 \cdot ${v.L} \cdot ${v.H} \cdot ${v.m} \cdot ${v.S})`,
  compute: ({ B, S, N, L, H, m }) => articleForwardFlops({ B, S, N, L, H, Sc: m * S }),
  // Llama 2 70B (exact N), 16 requests of 4,000 tokens, full scores.
  example: { B: 16, S: 4000, N: 68_976_648_192, L: 80, H: 8192, m: 1 },
  approximate: true,
  notes: ['2N counts the embedding table as if it were a matmul; the exact per-component count is in the FLOPs chapter.'],
});

export const kernelRooflineFormula = defineFormula({
  id: 'latency.kernelRoofline',
  anchor: 'kernel-roofline',
  page: 'mfu-and-latency',
  title: 'A kernel class on its roofline',
  description:
    'The weight matmuls of a step, or its attention, on G GPUs: the slower of doing their FLOPs at a share of the peak and moving their bytes at a share of the bandwidth.',
  lhs: 'T_{\\text{kernel}}',
  unit: 's',
  symbols: { F: 'F', G: 'G', P: 'P_{\\text{peak}}', ec: '\\eta_c', Q: 'Q', W: 'W_{\\text{mem}}', em: '\\eta_m' },
  labels: {
    F: 'FLOPs of the kernels',
    G: 'GPUs (tensor parallel)',
    P: 'Peak FLOP/s per GPU',
    ec: 'Share of the peak reached',
    Q: 'Bytes they move (weights, activations or KV cache)',
    W: 'Memory bandwidth per GPU (B/s)',
    em: 'Share of the bandwidth reached',
  },
  domains: { F: 'nonNegative', G: 'positiveInt', P: 'positive', ec: 'fraction', Q: 'nonNegative', W: 'positive', em: 'fraction' },
  tex: (v) => String.raw`\max\left(\frac{${v.F}}{${v.G} \cdot ${v.P} \cdot ${v.ec}}, \frac{${v.Q}}{${v.G} \cdot ${v.W} \cdot ${v.em}}\right)`,
  compute: ({ F, G, P, ec, Q, W, em }) => rooflineSeconds({ flops: F, bytes: Q, gpus: G, peak: P, bandwidth: W, computeEfficiency: ec, memoryEfficiency: em }),
  // The weight matmuls of Llama 2 70B prefilling 16 × 4,000 tokens on 8×A800 at the calibrated shares.
  example: { F: 8.8e15, G: 8, P: 312e12, ec: CALIBRATION.computeEfficiency, Q: 1.8e12, W: 2.039e12, em: CALIBRATION.memoryEfficiency },
  approximate: true,
  notes: [
    'A prefill’s matmuls are compute-bound; a small decode batch’s are memory-bound (every weight read for a few tokens).',
    'η_c and η_m are the calibrated shares of peak (see the reality-check page): 100% gives the bare roofline, a lower bound.',
  ],
});

export const stepOverheadFormula = defineFormula({
  id: 'latency.stepOverhead',
  anchor: 'step-overhead',
  page: 'mfu-and-latency',
  title: 'Fixed cost of a forward step',
  description:
    'What no roofline term covers: scheduling the batch, sampling, launching kernels, and per layer the small kernels between the big ones. It dominates short prompts and small decode batches.',
  lhs: 'T_0',
  unit: 's',
  symbols: { ts: 't_{\\text{step}}', L: 'L', tl: 't_{\\text{layer}}' },
  labels: { ts: 'Fixed seconds per step', L: 'Layers L', tl: 'Fixed seconds per layer' },
  domains: { ts: 'nonNegative', L: 'positiveInt', tl: 'nonNegative' },
  tex: (v) => String.raw`${v.ts} + ${v.L} \cdot ${v.tl}`,
  compute: ({ ts, L, tl }) => fixedStepSeconds({ step: ts, layers: L, perLayer: tl }),
  example: { ts: CALIBRATION.stepOverheadSeconds, L: 80, tl: CALIBRATION.layerOverheadSeconds },
  notes: ['Both are fitted on published measurements of TensorRT-LLM, NIM and vLLM; see the reality-check page.'],
});

const stepSymbols = { Tm: 'T_{\\text{matmul}}', Ta: 'T_{\\text{attn}}', Te: 'T_{\\text{elem}}', Tc: 'T_{\\text{comm}}', T0: 'T_0' } as const;
const stepDomains = { Tm: 'nonNegative', Ta: 'nonNegative', Te: 'nonNegative', Tc: 'nonNegative', T0: 'nonNegative' } as const;
const stepTex = (v: Record<keyof typeof stepSymbols, string>) => String.raw`${v.Tm} + ${v.Ta} + ${v.Te} + ${v.Tc} + ${v.T0}`;
const stepLabels = {
  Tm: 'Weight matmuls on their roofline (s)',
  Ta: 'Attention on its roofline (s)',
  Te: 'Elementwise traffic (s)',
  Tc: 'Tensor-parallel all-reduces (s)',
  T0: 'Fixed cost of the step (s)',
} as const;
const stepSum = ({ Tm, Ta, Te, Tc, T0 }: Record<keyof typeof stepSymbols, number>) => Tm + Ta + Te + Tc + T0;

export const prefillLatencyFormula = defineFormula({
  id: 'latency.prefill',
  anchor: 'prefill-latency',
  page: 'mfu-and-latency',
  title: 'Time to first token (prefill)',
  description:
    'The prompts’ forward pass: its weight matmuls and its attention, each on its roofline, the memory-bound operations between them, the all-reduces and the fixed cost, one after another. Compute-bound for any real prompt.',
  lhs: 'T_{\\text{TTFT}}',
  unit: 's',
  symbols: stepSymbols,
  labels: stepLabels,
  domains: stepDomains,
  tex: stepTex,
  compute: stepSum,
  // Llama 2 70B, 16 × 4,000 tokens on 8×A800 under the calibrated model (rounded parts).
  example: { Tm: 4.4, Ta: 0.34, Te: 0.05, Tc: 1.84, T0: 0.006 },
  approximate: true,
  notes: [
    'Kernels run one after another, so their times add; communication is assumed not to overlap compute.',
    'Queueing and tokenisation in a server come on top; under continuous batching a prompt may also wait for others’ prefills.',
  ],
});

export const decodeLatencyFormula = defineFormula({
  id: 'latency.decode',
  anchor: 'decode-latency',
  page: 'mfu-and-latency',
  title: 'Time per output token (decode step)',
  description:
    'One decode step for B sequences: every weight is read for one token each and attention reads each sequence’s whole KV cache, so memory bandwidth, not FLOPs, sets the time; the all-reduces and the fixed cost come on top.',
  lhs: 'T_{\\text{TPOT}}',
  unit: 's',
  symbols: stepSymbols,
  labels: stepLabels,
  domains: stepDomains,
  tex: stepTex,
  compute: stepSum,
  // Llama 2 70B, 16 sequences at 4,200 tokens of context on 8×A800 (rounded parts).
  example: { Tm: 0.0094, Ta: 0.0015, Te: 0.0000007, Tc: 0.0016, T0: 0.0059 },
  approximate: true,
  notes: [
    'The time per output token is the mean over the O − 1 steps, summed in closed form (the step is affine in its context); shown here is the last, longest step.',
    'Batching more sequences adds FLOPs and KV bytes but reads the weights once: the way to use a memory-bound GPU.',
  ],
});

export const allReduceFormula = defineFormula({
  id: 'latency.allReduce',
  anchor: 'all-reduce-time',
  page: 'mfu-and-latency',
  title: 'Ring all-reduce time',
  description: 'A fixed cost α before any byte moves, then a ring: each GPU sends and receives 2·(G−1)/G of the message at the link’s per-direction bandwidth.',
  lhs: 'T_{\\text{AR}}',
  unit: 's',
  symbols: { a: '\\alpha', M: 'M_{\\text{msg}}', G: 'G', W: 'W_{\\text{link}}' },
  labels: { a: 'Latency per all-reduce (s)', M: 'Message bytes M_msg', G: 'GPUs', W: 'Per-direction link bandwidth, effective (B/s)' },
  domains: { a: 'nonNegative', M: 'nonNegative', G: 'positiveInt', W: 'positive' },
  tex: (v) => String.raw`${v.a} + \frac{2 \cdot (${v.G} - 1)}{${v.G}} \cdot \frac{${v.M}}{${v.W}}`,
  compute: ({ a, M, G, W }) => allReduceSeconds({ bytes: M, gpus: G, bandwidth: W, latency: a }),
  // One prefill all-reduce of Llama 2 70B: 64,000 tokens × 8,192 × 2 bytes over 8 A800s (200 GB/s each way, 80% reached).
  example: { a: 10e-6, M: 64000 * 8192 * 2, G: 8, W: 160e9 },
  notes: [
    'Tensor parallelism needs two per layer in the forward pass (after attention and after the FFN).',
    'α ≈ 10 µs on NVLink: what NCCL all-reduces of decode-sized messages take on 8×H100 (SGLang PR #2904).',
  ],
});

export const tensorParallelCommFormula = defineFormula({
  id: 'latency.tensorParallelComm',
  anchor: 'tensor-parallel-comm-time',
  page: 'mfu-and-latency',
  title: 'Tensor-parallel communication per forward pass',
  description:
    'Two ring all-reduces per layer of the [N_tok, H] activation, N_tok the tokens in the step: latency-bound in decode, bandwidth-bound in prefill.',
  lhs: 'T_{\\text{comm}}',
  unit: 's',
  symbols: { L: 'L', a: '\\alpha', T: 'N_{\\text{tok}}', H: 'H', s: 's', G: 'G', W: 'W_{\\text{link}}' },
  labels: {
    L: 'Layers',
    a: 'Latency per all-reduce (s)',
    T: 'Tokens in the pass N_tok (B·S for prefill, B for decode)',
    H: 'Hidden size',
    s: 'Bytes per element',
    G: 'GPUs',
    W: 'Per-direction link bandwidth, effective (B/s)',
  },
  domains: { L: 'positiveInt', a: 'nonNegative', T: 'positiveInt', H: 'positiveInt', s: 'positive', G: 'positiveInt', W: 'positive' },
  tex: (v) => String.raw`2 \cdot ${v.L} \cdot \left(${v.a} + \frac{2 \cdot (${v.G} - 1)}{${v.G}} \cdot \frac{${v.T} \cdot ${v.H} \cdot ${v.s}}{${v.W}}\right)`,
  compute: ({ L, a, T, H, s, G, W }) => tensorParallelCommSeconds({ layers: L, tokens: T, hidden: H, bytesPerElement: s, gpus: G, bandwidth: W, latency: a }),
  // Llama 2 70B prefill of 16 × 4,000 tokens on 8×A800, 80% of 200 GB/s per direction.
  example: { L: 80, a: 10e-6, T: 64000, H: 8192, s: 2, G: 8, W: 160e9 },
  notes: ['A decode step of a 70B model on 8 GPUs pays 2·80 = 160 all-reduces of a few kilobytes: about 1.6 ms of α alone.'],
});

export const latencyFormulas = [
  prefillFlopsFormula,
  kernelRooflineFormula,
  stepOverheadFormula,
  prefillLatencyFormula,
  decodeLatencyFormula,
  allReduceFormula,
  tensorParallelCommFormula,
];
