/**
 * Reverse mode: the playground's serving inputs and a question (solve for G, the TP degree,
 * B or S within TTFT and TPOT targets) → the core's answer (src/core/scenario/reverseModes.ts)
 * with its derivation of why, and the forward scenario at the answer, shown with the forward
 * view's own result groups so the numbers are the ones forward mode shows for those inputs.
 */
import type { ReactNode } from 'react';
import type { Batching, Limit } from '../../../core/scenario/reverse';
import { solveReverse, type ConstraintCheck, type ReverseAnswer, type ReversePoint, type ReverseQuantity } from '../../../core/scenario/reverseModes';
import { servingDerivations } from '../../../core/scenario/servingSteps';
import { formatBytes, formatInteger, formatQuantity, formatSeconds } from '../../../core/units';
import { MoreDerivations } from '../../controls/MoreDerivations';
import { useT } from '../../i18n/i18n';
import { Results, type ResultItem } from '../../controls/Results';
import { resolveGpu, resolveModelChoice } from '../../state/pickers';
import { Group, RowGroups, latencyGroup, memoryGroup, requestsText, servingInputOf, type PlaygroundValues } from './definition';
import type { ReverseValues } from './modes';

/** The reverse question for these inputs, answered by the core; `at` is the playground's inputs at the answer. */
export function computeReverse(v: PlaygroundValues, q: ReverseValues) {
  const spec = resolveModelChoice(v.model, v.config);
  const hw = resolveGpu(v.gpu);
  const answer = solveReverse({
    quantity: q.solve as ReverseQuantity,
    serving: servingInputOf(v, spec, hw),
    targets: { ttftSeconds: q.ttft, tpotSeconds: q.tpot },
    batching: q.batching as Batching,
    arrivalRate: q.lambda,
  });
  const at: PlaygroundValues = { ...v, G: answer.at.gpus, B: answer.at.batch, Sin: answer.at.inputTokens };
  return { spec, hw, answer, at, steps: servingDerivations(spec, answer.at.scenario) };
}

export type ReverseResult = ReturnType<typeof computeReverse>;

const LIMIT_TEXT: Readonly<Record<Limit, string>> = {
  ttft: 'the TTFT target',
  tpot: 'the TPOT target',
  memory: 'memory',
  context: 'the model’s context',
  bound: 'the search’s range',
  candidates: 'the degrees tried',
};

const CONSTRAINT_LABEL: Readonly<Record<ConstraintCheck['constraint'], string>> = {
  memory: 'Memory needed',
  context: 'Tokens per request, S + O',
  ttft: 'Time to first token',
  tpot: 'Time per output token',
};

/** The island's translator (English unchanged on English pages). */
type Tr = (english: string) => string;

function checkValue(c: ConstraintCheck, t: Tr): string {
  switch (c.constraint) {
    case 'memory':
      return formatBytes(c.value);
    case 'context':
      return t(`${formatInteger(c.value)} tokens`);
    default:
      return formatSeconds(c.value);
  }
}

function checkLimit(c: ConstraintCheck, t: Tr): string {
  switch (c.constraint) {
    case 'memory':
      return t(`${formatBytes(c.limit)} usable`);
    case 'context':
      return t(`${formatInteger(c.limit)}-token context`);
    default:
      return t(`target ${formatSeconds(c.limit)}`);
  }
}

/** ✓ or ✗ with a word: a verdict never told by colour alone. */
function Verdict({ ok }: { ok: boolean }) {
  const t = useT();
  return ok ? (
    <span className="pg-ok">
      <span aria-hidden="true">✓ </span>
      {t('meets')}
    </span>
  ) : (
    <span className="pg-miss">
      <span aria-hidden="true">✗ </span>
      {t('misses')}
    </span>
  );
}

/** Where a point sits, in the question's own words ("B = 13", "S = 2,394 tokens", "G = 8"). */
function pointName(quantity: ReverseQuantity, p: ReversePoint, t: Tr): string {
  switch (quantity) {
    case 'gpus':
      return `G = ${formatInteger(p.gpus)}`;
    case 'tp':
      return p.gpus === 1 ? t(`${requestsText(p.batch)} on 1 GPU`) : t(`${requestsText(p.batch)} on ${formatInteger(p.gpus)} GPUs`);
    case 'batch':
      return `B = ${formatInteger(p.batch)}`;
    case 'prompt':
      return t(`S = ${formatInteger(p.inputTokens)} tokens`);
  }
}

/** Why a point fails its first constraint: "memory is exceeded (…)" or "the TTFT target is missed (…)". */
function failure(c: ConstraintCheck, t: Tr): string {
  return c.constraint === 'memory'
    ? t(`memory is exceeded (${checkValue(c, t)} needed, ${checkLimit(c, t)})`)
    : t(`${t(LIMIT_TEXT[c.constraint])} is missed (${checkValue(c, t)}, ${checkLimit(c, t)})`);
}

/** The sentence that says why the answer stops where it does. */
function whySentence(a: ReverseAnswer, t: Tr): string {
  if (a.value === null) return t('Nothing meets every constraint: see the warning.');
  const beyond = a.beyond;
  const failed = beyond?.checks.find((c) => !c.ok);
  if (a.quantity === 'gpus') {
    if (!beyond || !failed) return t(`One GPU already holds the ${requestsText(a.at.batch)} within the targets.`);
    return t(`${formatInteger(a.value)} GPUs is the fewest: on ${formatInteger(beyond.gpus)}, ${failure(failed, t)}.`);
  }
  if (!beyond || !failed) {
    return a.limitedBy === 'context'
      ? t('The model’s trained context, not a target, ends the search: a longer prompt would not fit it with the output tokens.')
      : t(`The search stops at ${t(LIMIT_TEXT[a.limitedBy ?? 'bound'])}.`);
  }
  const point = pointName(a.quantity, beyond, t);
  return a.quantity === 'prompt'
    ? t(`With one more prompt token (${point}), ${failure(failed, t)}: ${t(LIMIT_TEXT[failed.constraint])} is the limit.`)
    : t(`With one more request (${point}), ${failure(failed, t)}: ${t(LIMIT_TEXT[failed.constraint])} is the limit.`);
}

function headline(r: ReverseResult): ResultItem[] {
  const a = r.answer;
  const limit = a.limitedBy === null ? 'nothing: the smallest candidate' : LIMIT_TEXT[a.limitedBy];
  const limitRow: ResultItem = {
    label: a.value === null ? 'Fails on' : 'Limited by',
    value: limit,
    detail:
      a.batching === 'continuous'
        ? 'latency read as continuous batching (TTFT with queueing, mean time between tokens)'
        : 'latency read as a static batch (as forward mode: B prompts prefilled together, decoded in lock-step)',
    testId: 'pgr-limit',
  };
  switch (a.quantity) {
    case 'gpus':
      return [
        {
          label: 'GPUs G (one tensor-parallel replica)',
          value: a.value === null ? 'none' : formatInteger(a.value),
          detail:
            a.value === null
              ? `no degree up to ${formatInteger(a.at.gpus)} meets every constraint`
              : `hold ${requestsText(a.at.batch)} of ${formatInteger(a.at.inputTokens)} + ${formatInteger(a.at.scenario.outputTokens)} tokens within the targets`,
          testId: 'pgr-answer',
        },
        limitRow,
      ];
    case 'tp': {
      const p = a.plan;
      return [
        {
          label: 'Tensor-parallel degree',
          value: a.value === null ? 'none' : `${formatInteger(a.value)} GPU${a.value === 1 ? '' : 's'} per replica`,
          detail: `the fewest GPUs in all for ${formatQuantity(a.arrivalRate ?? 0, 'requests/s')}`,
          testId: 'pgr-answer',
        },
        ...(p && p.replicas !== null && p.gpusTotal !== null && p.steady
          ? [
              {
                label: 'Replicas',
                value: formatInteger(p.replicas),
                detail: `each completes up to ${formatQuantity(p.steady.requestsPerSecond, 'requests/s')} within the targets`,
                testId: 'pgr-replicas',
              },
              { label: 'GPUs in all', value: formatInteger(p.gpusTotal), testId: 'pgr-gpus-total' },
              {
                label: 'Requests in flight per replica, B*',
                value: formatInteger(p.concurrency ?? 0),
                detail: 'the most within the targets',
                testId: 'pgr-in-flight',
              },
            ]
          : []),
        limitRow,
      ];
    }
    case 'batch':
      return [
        {
          label: 'Concurrent requests B',
          value: a.value === null ? 'none' : formatInteger(a.value),
          detail: `on ${formatInteger(a.at.gpus)} GPUs within the targets`,
          testId: 'pgr-answer',
        },
        limitRow,
      ];
    case 'prompt':
      return [
        {
          label: 'Longest prompt S',
          value: a.value === null ? 'none' : `${formatInteger(a.value)} tokens`,
          detail: `${requestsText(a.at.batch)} prefilled together, ${formatInteger(a.at.scenario.outputTokens)} output tokens each`,
          testId: 'pgr-answer',
        },
        limitRow,
      ];
  }
}

/** The constraints at the answer and one step past it: the derivation of why. */
function WhyTable({ a }: { a: ReverseAnswer }) {
  const t = useT();
  const points = [a.at, ...(a.beyond ? [a.beyond] : [])];
  const at = pointName(a.quantity, a.at, t);
  const head = [a.value === null ? t(`${at} (closest tried)`) : t(`${at} (answer)`), ...(a.beyond ? [pointName(a.quantity, a.beyond, t)] : [])];
  const limitHead = t('Target or limit');
  return (
    <>
      <p className="pg-table-title" id="pgr-why-title">
        {a.beyond ? t('Constraints at the answer and one step past it') : t('Constraints at the answer')}
      </p>
      <div className="table-scroll">
        <table className="pg-why pg-cards" data-testid="pgr-why" aria-labelledby="pgr-why-title">
          <thead>
            <tr>
              <th scope="col">{t('Constraint')}</th>
              {head.map((h) => (
                <th scope="col" key={h}>
                  {h}
                </th>
              ))}
              <th scope="col">{limitHead}</th>
            </tr>
          </thead>
          <tbody>
            {a.at.checks.map((c, i) => (
              <tr key={c.constraint} data-constraint={c.constraint}>
                <th scope="row">{t(CONSTRAINT_LABEL[c.constraint])}</th>
                {points.map((p, j) => {
                  const check = p.checks[i]!;
                  return (
                    <td key={j} data-label={head[j]}>
                      {checkValue(check, t)} <Verdict ok={check.ok} />
                    </td>
                  );
                })}
                <td data-label={limitHead}>{checkLimit(c, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Every GPU count tried (gpus) or every degree's plan (tp). */
function Candidates({ a }: { a: ReverseAnswer }) {
  const t = useT();
  if (a.quantity === 'gpus' && a.candidates.length > 0) {
    return (
      <>
        <p className="pg-table-title" id="pgr-candidates-title">
          {t('GPU counts tried (the degrees the model’s heads divide into), fewest first')}
        </p>
        <div className="table-scroll">
          <table className="pg-why pg-cards" data-testid="pgr-candidates" aria-labelledby="pgr-candidates-title">
            <thead>
              <tr>
                <th scope="col">G</th>
                <th scope="col">{t('Memory')}</th>
                <th scope="col">TTFT</th>
                <th scope="col">TPOT</th>
                <th scope="col">{t('Outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {a.candidates.map((p) => (
                <tr key={p.gpus}>
                  <th scope="row">G = {formatInteger(p.gpus)}</th>
                  <td data-label={t('Memory')}>{p.scenario.memory.fits ? t('fits') : t('does not fit')}</td>
                  <td data-label="TTFT">{formatSeconds(p.ttftSeconds)}</td>
                  <td data-label="TPOT">{formatSeconds(p.tpotSeconds)}</td>
                  <td data-label={t('Outcome')}>{p.failed === null ? <Verdict ok /> : t(`misses ${t(LIMIT_TEXT[p.failed])}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </>
    );
  }
  if (a.quantity === 'tp' && a.plans.length > 0) {
    return (
      <>
        <p className="pg-table-title" id="pgr-candidates-title">
          {t(`Every degree’s plan for ${formatQuantity(a.arrivalRate ?? 0, 'requests/s')} (continuous batching)`)}
        </p>
        <div className="table-scroll">
          <table className="pg-why pg-cards" data-testid="pgr-candidates" aria-labelledby="pgr-candidates-title">
            <thead>
              <tr>
                <th scope="col">{t('Degree')}</th>
                <th scope="col">{t('B* per replica')}</th>
                <th scope="col">{t('Replicas')}</th>
                <th scope="col">{t('GPUs in all')}</th>
                <th scope="col">{t('B* limited by')}</th>
              </tr>
            </thead>
            <tbody>
              {a.plans.map((p) => (
                <tr key={p.gpusPerReplica} className={p.gpusPerReplica === a.value ? 'pg-chosen' : undefined}>
                  <th scope="row">
                    {p.gpusPerReplica === 1 ? t('1 GPU per replica') : t(`${formatInteger(p.gpusPerReplica)} GPUs per replica`)}
                    {p.gpusPerReplica === a.value && <> {t('(chosen)')}</>}
                  </th>
                  <td data-label={t('B* per replica')}>{p.concurrency === null ? t('none') : formatInteger(p.concurrency)}</td>
                  <td data-label={t('Replicas')}>{p.replicas === null ? '—' : formatInteger(p.replicas)}</td>
                  <td data-label={t('GPUs in all')}>{p.gpusTotal === null ? '—' : formatInteger(p.gpusTotal)}</td>
                  <td data-label={t('B* limited by')}>{p.limitedBy === null ? '—' : t(LIMIT_TEXT[p.limitedBy])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </>
    );
  }
  return null;
}

interface ReverseResultsProps {
  r: ReverseResult;
  stale: boolean;
  link: () => string;
  /** The setup in words, for copied derivations. */
  context: string;
  /** Opens forward mode on the answer's inputs. */
  onApply: () => void;
  children?: ReactNode;
}

export function ReverseResults({ r, stale, link, context, onApply }: ReverseResultsProps) {
  const t = useT();
  const a = r.answer;
  const scenario = a.at.scenario;
  const throughput = r.steps.find((d) => d.id === 'latency.decodeThroughput');
  return (
    <>
      <Results items={headline(r)} />
      <p className="pg-why-text" data-testid="pgr-why-text">
        {whySentence(a, t)}
      </p>
      {a.warnings.map((w) => (
        <p className="note warning" key={w.code} data-testid={`pgr-warning-${w.code}`}>
          {w.message}
        </p>
      ))}
      {a.value !== null && a.at.gpus > 8 && (
        <p className="note">
          {t(
            'More than eight GPUs in one tensor-parallel group spans more than one 8-GPU node; the latency model times the all-reduces at the GPU’s own link bandwidth, as if within one node, so this answer is optimistic.',
          )}
        </p>
      )}
      <WhyTable a={a} />
      <Candidates a={a} />
      <Group id="pgr-at" title={a.value === null ? 'The forward scenario where the search stopped' : 'The forward scenario at the answer'}>
        <p className="note">
          {t(
            `The numbers forward mode shows for ${requestsText(r.at.B)} of ${formatInteger(r.at.Sin)} + ${formatInteger(r.at.Sout)} tokens on ${formatInteger(r.at.G)} GPUs.`,
          )}{' '}
          <button type="button" onClick={onApply} data-testid="pgr-apply">
            {t('Open these inputs in forward mode')}
          </button>
        </p>
      </Group>
      <RowGroups groups={[memoryGroup(scenario, r.at, r.spec, r.hw, null), latencyGroup(scenario, r.at, throughput)]} prefix="pgr" />
      <MoreDerivations items={r.steps} stale={stale} link={link} context={context} />
    </>
  );
}
