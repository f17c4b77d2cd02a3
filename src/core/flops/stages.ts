/**
 * A decoder-only model's data flow, stage by stage, from token ids to the next token:
 * the shape each stage produces, the parameters it owns and the forward FLOPs it costs.
 *
 *   tokenizer        text → ids [B, S]                      no parameters, no GPU FLOPs
 *   embedding        [B, S] → [B, S, H]  gather rows of W_E [V, H]: V·H parameters, 0 FLOPs
 *   positions        + W_P[0..S)  (learned positions only, GPT-2): a table, an add
 *   L layers         [B, S, H] → [B, S, H]  attention + FFN, the bulk of the FLOPs
 *   final norm       [B, S, H] → [B, S, H]
 *   LM head          [B, S_out, H]@[H, V] → [B, S_out, V]: 2·B·S_out·H·V FLOPs
 *   softmax/sampling [B, S_out, V] → next ids [B, 1] (inference) or a scalar loss (training)
 *
 * S_out is S in training (every position predicts its next token) and 1 in inference
 * (only the last position's logits pick the next token). Parameters come from the
 * exact ledger (countParams) and add up to its total; FLOPs come from forwardFlops, which
 * counts matmuls only (norms, softmax and adds are O(B·S·H) and left out) and add up to
 * its total.
 * @see Radford et al., "Language Models are Unsupervised Multitask Learners" (GPT-2, 2019)
 */
import { bytesPerElement, type Dtype } from '../dtypes';
import type { ModelSpec } from '../model/spec';
import { countParams, type ParamRow } from '../params/params';
import { checkInputs } from '../formula';
import { InputError } from '../units';
import { checkBound } from '../bounds';
import { forwardFlops, type FlopsBreakdown } from './flops';

/** How the network is run: training (all positions, loss), prefill (prompt, last logits), one decode step. */
export type Pass = 'training' | 'prefill' | 'decode';
export const PASSES: readonly Pass[] = ['training', 'prefill', 'decode'];

export type StageKey = 'tokenizer' | 'embedding' | 'positions' | 'layers' | 'finalNorm' | 'lmHead' | 'sampling';

/** One dimension of a shape: its symbol and its size. */
export interface Dim {
  label: string;
  size: number;
}

export interface DecoderStage {
  key: StageKey;
  title: string;
  /** What the stage does, in words. */
  operation: string;
  /** Shape of the tensor the stage produces. */
  out: Dim[];
  outElements: number;
  /** Bytes of that tensor: token ids as int64, activations and logits in the chosen dtype. */
  outBytes: number;
  /** Shape of the one weight it reads, or null (the layers hold many; see `paramsPerLayer`). */
  weight: Dim[] | null;
  params: number;
  /** params / total parameters */
  paramsShare: number;
  flops: number;
  /** flops / total forward FLOPs */
  flopsShare: number;
  /** False where the stage's arithmetic is left out of the FLOP count (O(B·S·H) work). */
  flopsCounted: boolean;
  note: string;
}

export interface DecoderTrace {
  pass: Pass;
  /** B */
  batch: number;
  /** Tokens each sequence feeds through the layers in this pass: S (training, prefill) or 1 (decode). */
  newTokens: number;
  /** Positions each new token attends to, S'. */
  contextTokens: number;
  /** Positions per sequence whose logits are computed: S in training, 1 in inference. */
  logitTokens: number;
  stages: DecoderStage[];
  byKey: Partial<Record<StageKey, DecoderStage>>;
  totalParams: number;
  totalFlops: number;
  /** Attention (QKV, scores, A·V, output) over all layers. */
  attentionFlops: number;
  /** FFN (dense, experts, shared experts, router) over all layers. */
  ffnFlops: number;
  /** Parameters of one layer when all layers are alike, else null. */
  paramsPerLayer: number | null;
  breakdown: FlopsBreakdown;
  /** True when the parameter and FLOP counts are exact integers (each total ≤ 2^53 − 1); else show "≈". */
  exact: boolean;
}

/** PyTorch keeps token ids as int64 (torch.long). */
const TOKEN_ID_BYTES = 8;

function product(dims: readonly Dim[]): number {
  return dims.reduce((a, d) => a * d.size, 1);
}

function sumRows(rows: readonly ParamRow[], pred: (r: ParamRow) => boolean): number {
  return rows.reduce((a, r) => (pred(r) ? a + r.count : a), 0);
}

/**
 * The stages of one forward pass of `spec` over B sequences of S tokens.
 * Throws InputError naming `batch` or `seq` for values that are not whole numbers ≥ 1.
 * @example decoderStages({ spec: getPreset('gpt2').spec, batch: 1, seq: 1024, pass: 'training' }).byKey.lmHead.flops //=> 79047426048
 */
export function decoderStages(p: { spec: ModelSpec; batch: number; seq: number; pass: Pass; dtype?: Dtype }): DecoderTrace {
  checkInputs({ batch: p.batch, seq: p.seq }, { batch: 'positiveInt', seq: 'positiveInt' }, { batch: 'Batch B', seq: 'Sequence length S' });
  checkBound(p.batch, 'batch', 'batch', 'Batch B');
  checkBound(p.seq, 'sequence', 'seq', 'Sequence length S');
  if (!PASSES.includes(p.pass)) throw new InputError('pass', `pass must be one of ${PASSES.join(', ')}`);
  const { spec, batch: B, seq: S, pass } = p;
  const s = bytesPerElement(p.dtype ?? 'bf16');
  const { hidden: H, vocab: V, layers: L, embeddingDim: E } = spec;

  const newTokens = pass === 'decode' ? 1 : S;
  const logitTokens = pass === 'training' ? S : 1;
  const breakdown = forwardFlops({
    spec,
    batch: B,
    newTokens,
    contextTokens: S,
    attention: 'causal',
    logits: pass === 'training' ? 'all' : 'last',
  });
  const c = breakdown.components;
  const ledger = countParams(spec);
  const rows = ledger.rows;
  const total = ledger.total;
  const totalFlops = breakdown.total;
  const seqDim: Dim = { label: pass === 'decode' ? '1' : 'S', size: newTokens };
  const hidden: Dim[] = [{ label: 'B', size: B }, seqDim, { label: 'H', size: H }];

  const stage = (x: Omit<DecoderStage, 'outElements' | 'outBytes' | 'paramsShare' | 'flopsShare'>, bytesEach = s): DecoderStage => {
    const outElements = product(x.out);
    return {
      ...x,
      outElements,
      outBytes: outElements * bytesEach,
      paramsShare: total > 0 ? x.params / total : 0,
      flopsShare: totalFlops > 0 ? x.flops / totalFlops : 0,
    };
  };

  const stages: DecoderStage[] = [];
  stages.push(
    stage(
      {
        key: 'tokenizer',
        title: 'Tokenizer',
        operation: pass === 'decode' ? 'the token sampled in the previous step' : 'text → token ids (on the CPU)',
        out: [{ label: 'B', size: B }, seqDim],
        weight: null,
        params: 0,
        flops: 0,
        flopsCounted: true,
        note: 'The vocabulary and merge rules are a file, not weights; ids are int64.',
      },
      TOKEN_ID_BYTES,
    ),
  );
  stages.push(
    stage({
      key: 'embedding',
      title: 'Embedding lookup',
      operation: 'gather one row of W_E per token id',
      out: hidden,
      weight: [
        { label: 'V', size: V },
        { label: E === H ? 'H' : 'E', size: E },
      ],
      params: sumRows(rows, (r) => r.group === 'embedding' || r.name.startsWith('embed_norm')),
      flops: c.embedding,
      flopsCounted: true,
      note:
        E !== H
          ? 'A lookup: no multiplications. This model embeds in E dimensions and projects to H (project_in).'
          : 'A lookup, not a matmul: memory reads only, 0 FLOPs.',
    }),
  );
  if (spec.positions === 'learned') {
    stages.push(
      stage({
        key: 'positions',
        title: 'Position embedding',
        operation: 'add row p of W_P to the token at position p',
        out: hidden,
        weight: [
          { label: 'P', size: spec.maxPositions },
          { label: 'H', size: H },
        ],
        params: ledger.positionEmbedding,
        flops: 0,
        flopsCounted: false,
        note: 'A second lookup and an elementwise add (B·S·H adds, not counted).',
      }),
    );
  }
  const layerParams = sumRows(rows, (r) => r.perLayer);
  stages.push(
    stage({
      key: 'layers',
      title: `${L} decoder layers`,
      operation: 'attention then FFN, each with a norm and a residual add',
      out: hidden,
      // Many matrices per layer, not one shape: see paramsPerLayer and chapter 4.
      weight: null,
      params: layerParams,
      flops: breakdown.layers,
      flopsCounted: true,
      note: `Every layer maps [B, ${seqDim.label}, H] to the same shape; ${spec.positions === 'rotary' ? 'rotary positions are applied to q and k inside attention, with no parameters' : 'positions were added before the first layer'}.`,
    }),
  );
  const finalNorm = sumRows(rows, (r) => r.group === 'norms' && !r.perLayer && !r.name.startsWith('embed_norm'));
  if (spec.extras.finalNorm) {
    stages.push(
      stage({
        key: 'finalNorm',
        title: 'Final norm',
        operation: spec.norm === 'rmsnorm' ? 'RMSNorm over H' : 'LayerNorm over H',
        out: hidden,
        weight: [{ label: 'H', size: H }],
        params: finalNorm,
        flops: 0,
        flopsCounted: false,
        note: 'A few operations per element, not counted.',
      }),
    );
  }
  const logitsOut: Dim[] = [
    { label: 'B', size: B },
    { label: pass === 'training' ? 'S' : '1', size: logitTokens },
    { label: 'V', size: V },
  ];
  stages.push(
    stage({
      key: 'lmHead',
      title: 'LM head',
      operation: pass === 'training' ? 'logits for every position: [B·S, H]@[H, V]' : 'logits for the last position only: [B, H]@[H, V]',
      out: logitsOut,
      weight: [
        { label: E === H ? 'H' : 'E', size: E },
        { label: 'V', size: V },
      ],
      params: ledger.lmHead,
      flops: c.lmHead,
      flopsCounted: true,
      note: spec.tiedEmbeddings
        ? 'Tied: the weight is W_E transposed, already counted in the embedding.'
        : 'Untied: its own V×H matrix, as many parameters as the embedding.',
    }),
  );
  stages.push(
    stage(
      {
        key: 'sampling',
        title: pass === 'training' ? 'Softmax and loss' : 'Softmax and sampling',
        operation:
          pass === 'training' ? 'cross-entropy of each position against the next token' : 'probabilities over V, pick the next token (greedy or sampled)',
        out:
          pass === 'training'
            ? []
            : [
                { label: 'B', size: B },
                { label: '1', size: 1 },
              ],
        weight: null,
        params: 0,
        flops: 0,
        flopsCounted: false,
        note: 'About B·S_out·V exponentials and adds: small next to the LM head, not counted.',
      },
      pass === 'training' ? 4 : TOKEN_ID_BYTES,
    ),
  );

  const byKey: Partial<Record<StageKey, DecoderStage>> = {};
  for (const st of stages) byKey[st.key] = st;
  return {
    pass,
    batch: B,
    newTokens,
    contextTokens: S,
    logitTokens,
    stages,
    byKey,
    totalParams: total,
    totalFlops,
    attentionFlops: c.qkv + c.scores + c.av + c.out,
    ffnFlops: c.ffn + c.experts + c.sharedExperts + c.router,
    paramsPerLayer: ledger.perLayer,
    breakdown,
    exact: ledger.exact && breakdown.exact,
  };
}
