import { describe, expect, it } from 'vitest';
import { FORMULAS } from '../../src/core/registry';
import { SYMBOLS } from '../../src/core/symbols';

/**
 * One letter, one meaning. Every symbol a registered formula uses is declared here with the
 * words its label must contain; a formula that gives a letter another meaning (K for the
 * optimizer's bytes, when K is a matmul's inner dimension) fails. A scope (a pattern over
 * formula ids) limits a meaning to the formulas where it holds.
 */
type Meaning = readonly [tex: string, keywords: readonly string[], scope?: RegExp];

const MEANINGS: readonly Meaning[] = [
  ['A', ['batch copies a']],
  ['B', ['batch', 'requests']],
  ['B_d', ['requests decoding together']],
  ['C', ['training flops', 'training budget']],
  ['D', ['training tokens']],
  ['E', ['routed experts e']],
  ['E[\\text{tokens}]', ['tokens per target pass']],
  ['F', ['flops']],
  ['F_{\\text{GPU}}', ['flops per gpu per step']],
  ['F_{\\text{hit}}', ['prefill flops of a hit']],
  ['F_{\\text{miss}}', ['prefill flops of a miss']],
  ['F_{\\text{recomp}}', ['recomputed flops per token']],
  ['F_{\\text{token}}', ['model flops per token']],
  ['F_{\\text{train}}', ['training flops per token']],
  ['G', ['gpus']],
  ['G_d', ['gpus per decode instance']],
  ['G_p', ['prefill instance']],
  ['G_{\\text{total}}', ['gpus billed']],
  ['H', ['hidden size']],
  ['I', ['ffn width']],
  ['I_e', ['expert width']],
  ['I_{\\text{arith}}', ['arithmetic intensity']],
  ['K', ['inner dimension'], /^matmul\./],
  ['L', ['layers']],
  ['L_f', ['full-attention layers']],
  ['L_w', ['windowed layers']],
  ['L_{\\text{MoE}}', ['moe layers']],
  ['M', ['rows'], /^(matmul\.|gpu\.tileEfficiency$)/],
  ['M_t', ['tile rows']],
  ['M_w', ['weights']],
  ['M_{KV}', ['kv cache per request']],
  ['M_{\\text{GPU}}', ['memory per gpu']],
  ['M_{\\text{KV}}(S)', ['kv cache of the prompt']],
  ['M_{\\text{KV}}^{\\text{free}}', ['memory for the kv cache']],
  ['M_{\\text{KV}}^{\\text{req}}', ['kv cache per request']],
  ['M_{\\text{act}}', ['activations']],
  ['M_{\\text{blk}}', ['bytes per block']],
  ['M_{\\text{ckpt}}', ['checkpoint bytes']],
  ['M_{\\text{msg}}', ['message bytes']],
  ['M_{\\text{states}}^{\\text{GPU}}', ['model states per gpu']],
  ['M_{\\text{weights}}', ['weights']],
  ['N', ['parameters']],
  // [M,K]@[K,N] as the article writes a matmul: N is its output width only there.
  ['N', ['output columns'], /^(matmul\.|gpu\.tileEfficiency$)/],
  ['N_q', ['quantized weights']],
  ['N_t', ['tile columns']],
  ['N_{16}', ['parameters kept 16-bit']],
  ['N_{\\text{blk}}', ['blocks that fit']],
  ['N_{\\text{exp}}', ['routed-expert parameters']],
  ['N_{\\text{out}}', ['tokens whose logits are kept']],
  ['N_{\\text{tok}}', ['tokens in the pass']],
  ['O', ['output tokens']],
  ['P_{\\text{derived}}', ['derived peak']],
  ['P_{\\text{peak}}', ['peak flop/s']],
  ['P_{\\text{sheet}}', ['datasheet peak']],
  ['Q', ['bytes']],
  ['Q_w', ['weight bytes']],
  ["S'", ['context', 'cached tokens']],
  ['S', ['new tokens', 'sequence length', 'prompt tokens']],
  ['S_{\\text{chunk}}', ['tokens per chunk']],
  ['S_{\\text{in}} + S_{\\text{out}}', ['input + output tokens']],
  ['S_{\\text{pre}}', ['shared prefix tokens']],
  ['S_{\\text{rsv}}', ['token slots reserved per request']],
  ['T', ['wall-clock', 'training time']],
  ['T^{*}_{\\text{TTFT}}', ['ttft target']],
  ['T_0', ['fixed cost of the step']],
  ['T_d', ['decode step of the running batch']],
  ['T_{\\text{KV}}', ['kv transfer']],
  ['T_{\\text{TPOT}}', ['time per output token']],
  ['T_{\\text{attn}}', ['attention on its roofline']],
  ['T_{\\text{comm}}', ['tensor-parallel all-reduces']],
  ['T_{\\text{elem}}', ['elementwise traffic']],
  ['T_{\\text{hit}}', ['prefill time of a hit']],
  ['T_{\\text{matmul}}', ['weight matmuls on their roofline']],
  ['T_{\\text{miss}}', ['prefill time of a miss']],
  ['T_{\\text{obs}}', ['observation window']],
  ['T_{\\text{req}}', ['per request']],
  ['V', ['vocabulary v']],
  ['W', ['window w']],
  ['W_{\\text{bidir}}', ['bidirectional interconnect bandwidth']],
  ['W_{\\text{link}}', ['link bandwidth']],
  ['W_{\\text{mem}}', ['memory bandwidth']],
  ['W_{\\text{store}}', ['storage write bandwidth']],
  ['X', ['throughput', 'tokens per second']],
  ['\\Delta T', ['time the heaviest prefill work adds']],
  ['\\alpha', ['latency per all-reduce']],
  ['\\alpha_N', ['exponent']],
  ['\\alpha_{\\text{acc}}', ['acceptance rate \u03b1']],
  ['\\bar{T}_{\\text{hyb}}', ['mean hybrid step']],
  ['\\bar{n}_{\\text{blk}}', ['blocks a request holds on average']],
  ['\\beta_D', ['exponent']],
  ['\\delta', ['checkpoint write time']],
  ['\\eta_c', ['share of the peak reached']],
  ['\\eta_m', ['share of the bandwidth reached']],
  ['\\eta_{\\text{link}}', ['share of the link reached']],
  ['\\gamma', ['draft tokens per pass \u03b3']],
  ['\\lambda', ['arrival rate', 'requests per second']],
  ['\\lambda_d', ['rate per decode instance']],
  ['\\lambda_p', ['rate per prefill instance']],
  ['\\lambda_{\\text{rep}}', ['requests/s one replica serves within the targets']],
  ['\\mathcal{A}', ['fitted constant \ud835\udcd0']],
  ['\\mathcal{B}', ['fitted constant \ud835\udcd1']],
  ['\\mathcal{E}', ['irreducible loss \ud835\udcd4']],
  ['\\mathrm{CP}', ['context-parallel size cp']],
  ['\\mathrm{DP}', ['data-parallel size dp']],
  ['\\mathrm{EP}', ['expert-parallel size ep']],
  ['\\mathrm{PP}', ['pipeline stages pp']],
  ['\\mathrm{TP}', ['tensor-parallel size tp']],
  ['\\tau', ['checkpoint interval']],
  ['\\text{GPU-h}', ['gpu-hours']],
  ['\\text{MFU}', ['mfu']],
  ['\\text{MTBF}', ['job mtbf']],
  ['\\text{MTBF}_{\\text{GPU}}', ['mtbf per gpu']],
  ['b', ['micro-batch size']],
  ['b_g', ['bytes per gradient']],
  ['b_w', ['bytes per weight']],
  ['b_{\\text{Adam}}', ['bytes of adam moments per parameter']],
  ['b_{\\text{blk}}', ['tokens per block b']],
  ['b_{\\text{master}}', ['bytes per fp32 master weight']],
  ['b_{\\text{opt}}', ['bytes of optimizer state per parameter']],
  ['c', ['ffn tensors alive at once']],
  ['c_{\\text{GPU}}', ['price per gpu-hour']],
  ['c_{\\text{budget}}', ['budget']],
  ['c_{\\text{draft}}', ['cost coefficient c']],
  ['d', ['head dim']],
  ['d_R', ['rope key dim']],
  ['f', ['matmul flops per sequence per step']],
  ['f_{\\text{TC}}', ['flops per clock per tensor core']],
  ['f_{\\text{bubble}}', ['bubble fraction']],
  ['f_{\\text{clk}}', ['clock']],
  ['f_{\\text{mult}}', ['ffn_dim_multiplier']],
  ['f_{\\text{phase}}', ['share of gpu time in this phase']],
  ['g', ['weights per group g']],
  ['h', ['heads']],
  ['h_{kv}', ['kv heads']],
  ['k', ['experts per token']],
  ['k_{\\text{mma}}', ['instruction inner dimension']],
  ['m', ['micro-batches']],
  ['m_{\\text{mask}}', ['mask factor']],
  ['m_{\\text{mma}}', ['instruction rows']],
  ['m_{\\text{of}}', ['multiple_of']],
  ['n_d', ['decode instances']],
  ['n_g', ['scale groups']],
  ['n_p', ['prefill instances']],
  ['n_{\\text{AR}}', ['all-reduces per layer']],
  ['n_{\\text{SM}}', ['sms']],
  ['n_{\\text{TC}}', ['tensor cores per sm']],
  ['n_{\\text{a2a}}', ['all-to-alls per moe layer']],
  ['n_{\\text{chunk}}', ['chunks']],
  ['n_{\\text{fail}}', ['interruptions seen']],
  ['n_{\\text{mma}}', ['instruction columns']],
  ['n_{\\text{pre}}', ['blocks of the shared prefix']],
  ['n_{\\text{rep}}', ['replicas']],
  ['n_{kv}', ['numbers cached per layer and token']],
  ['q_s', ['per group']],
  ['q_w', ['bits per weight']],
  ['r', ['tokens per parameter']],
  ['r_{\\text{hit}}', ['prefix hit rate']],
  ['r_{kv}', ['kv latent rank']],
  ['s', ['bytes per element']],
  ['t_d(B_d)', ['decode step at that batch']],
  ['t_p', ['prefill of one prompt']],
  ['t_{\\text{draft}}', ['draft decode step']],
  ['t_{\\text{layer}}', ['fixed seconds per layer']],
  ['t_{\\text{lost}}', ['time lost per failure']],
  ['t_{\\text{restart}}', ['restart time']],
  ['t_{\\text{step}}', ['fixed seconds per step']],
  ['t_{\\text{target}}', ['target decode step']],
  ['t_{\\text{verify}}', ['target verification step']],
  ['u', ['usable fraction']],
  ['w', ['widest working set per token w']],
  ['z', ['zero stage']],
];

interface Use {
  id: string;
  tex: string;
  label: string;
}

function uses(formulas: readonly { id: string; symbols: object; labels?: object }[]): Use[] {
  return formulas.flatMap((f) =>
    Object.entries(f.symbols as Record<string, string>).map(([key, tex]) => ({
      id: f.id,
      tex,
      label: String((f.labels as Record<string, string> | undefined)?.[key] ?? key),
    })),
  );
}

/** The uses whose label does not carry a declared meaning of their symbol, each with why. */
function clashes(all: readonly Use[], meanings: readonly Meaning[]): string[] {
  return all.flatMap((u) => {
    const declared = meanings.filter(([tex]) => tex === u.tex);
    if (declared.length === 0) return [`${u.id}: ${u.tex} is not declared`];
    const label = u.label.toLowerCase();
    const fits = declared.some(([, words, scope]) => (!scope || scope.test(u.id)) && words.some((w) => label.includes(w)));
    return fits ? [] : [`${u.id}: ${u.tex} labelled “${u.label}”, declared as ${declared.map(([, w]) => w.join(' / ')).join(' or ')}`];
  });
}

describe('notation: one symbol, one meaning', () => {
  it('every symbol of every registered formula carries its declared meaning', () => {
    expect(clashes(uses(FORMULAS), MEANINGS)).toEqual([]);
  });

  it('declares no meaning that no formula uses', () => {
    const used = new Set(uses(FORMULAS).map((u) => u.tex));
    expect(MEANINGS.map(([tex]) => tex).filter((tex) => !used.has(tex))).toEqual([]);
  });

  it('bites: K for optimizer bytes, T for tokens and an undeclared letter are refused', () => {
    const bad = [
      { id: 'capacity.checkpointBytes', symbols: { k: 'K' }, labels: { k: 'Optimizer bytes per parameter' } },
      { id: 'serving.activationBytes', symbols: { T: 'T' }, labels: { T: 'Tokens in the forward pass' } },
      { id: 'x.y', symbols: { z: '\\zeta' }, labels: { z: 'Something new' } },
    ];
    expect(clashes(uses(bad), MEANINGS)).toEqual([
      'capacity.checkpointBytes: K labelled “Optimizer bytes per parameter”, declared as inner dimension',
      'serving.activationBytes: T labelled “Tokens in the forward pass”, declared as wall-clock / training time',
      'x.y: \\zeta is not declared',
    ]);
  });

  it('the notation page lists each symbol once', () => {
    const texs = SYMBOLS.flatMap((s) => s.tex.split(',\\,'));
    expect(texs.filter((t, i) => texs.indexOf(t) !== i)).toEqual([]);
  });

  it('the parallel degrees are DP, TP, PP, CP and EP wherever a formula uses them', () => {
    const degrees = uses(FORMULAS).filter((u) => /^(data|tensor|pipeline|context|expert)-parallel (size|degree)|^pipeline stages/i.test(u.label));
    expect(degrees.length).toBeGreaterThan(10);
    expect(degrees.filter((u) => !/^\\mathrm\{(DP|TP|PP|CP|EP)\}$/.test(u.tex))).toEqual([]);
  });
});
