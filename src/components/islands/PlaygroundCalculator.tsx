import { useEffect, type ReactNode } from 'react';
import type { IslandProps } from '../calculator/Calculator';
import { useHydrated } from '../calculator/useHydrated';
import { LangContext, useT } from '../i18n/i18n';
import { T } from '../i18n/T';
import { CopyButton } from '../controls/CopyButton';
import { writeQuery, type FieldSpec } from '../state/fields';
import { installSearchShortcut } from '../state/shortcuts';
import { useCalculatorState, useComputed, type CalculatorState, type LinkedFills } from '../state/useCalculatorState';
import { CUSTOM_MODEL } from '../state/pickers';
import { PLAYGROUND, PLAYGROUND_FIELDS, computePlayground, labelOf, type PlaygroundValues } from './playground/definition';
import { CompareResults, compareWarnings } from './playground/compare';
import { ScenarioForm, ViewBody, coreErrorOf } from './playground/form';
import { B_NS, MODES, MODE_FIELDS, REVERSE_FIELDS, REVERSE_FIELD_FOR, REVERSE_NS, SOLVED, USES, type Mode } from './playground/modes';
import { ReverseResults, computeReverse } from './playground/reverse';

export { PLAYGROUND } from './playground/definition';

type Fields = typeof PLAYGROUND_FIELDS;
type Name = keyof Fields & string;
type ReverseName = keyof typeof REVERSE_FIELDS & string;

const NAMES = Object.keys(PLAYGROUND_FIELDS) as Name[];
const REVERSE_NAMES = Object.keys(REVERSE_FIELDS) as ReverseName[];
/** The inputs a serving question reads: reverse mode shows these and hides the training run's. */
const SERVING_NAMES: readonly Name[] = ['model', 'config', 'wdtype', 'gpu', 'G', 'B', 'Sin', 'Sout', 'kvdtype', 'reading', 'u'];
const SERVING_GROUPS = (PLAYGROUND.groups ?? [])
  .map((g) => ({ ...g, names: g.names.filter((n) => SERVING_NAMES.includes(n)), ...(g.advanced ? { legend: 'More: KV-cache type, memory reading' } : {}) }))
  .filter((g) => g.names.length > 0);
const GROUPS = PLAYGROUND.groups ?? [{ names: NAMES }];
/** Compare mode folds the training run too, so A and B stay short; a folded group says how many of its inputs differ. */
const COMPARE_GROUPS = GROUPS.map((g) => (g.names.includes('D') ? { ...g, advanced: true } : g));
const REVERSE_GROUPS = [{ legend: 'Question', names: REVERSE_NAMES }];
const ANCHOR = PLAYGROUND.anchor;

/** The same fields labelled for one scenario ("B · GPUs G"), so two sets on one page never share a label. */
function labelled<F extends Record<string, FieldSpec>>(fields: F, prefix: string): F {
  return Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, { ...f, label: `${prefix}${f.label}` }])) as F;
}
const FIELDS_A = labelled(PLAYGROUND_FIELDS, 'A · ');
const FIELDS_B = labelled(PLAYGROUND_FIELDS, 'B · ');

const textOf = (spec: FieldSpec, raw: string) => (spec.kind === 'select' ? labelOf(spec, raw) : raw);

/** "differs from B: 8", in the island's language (the other scenario's value as the field shows it). */
function DiffersText({ otherName, value }: { otherName: 'A' | 'B'; value: string }) {
  const t = useT();
  return <>{otherName === 'A' ? t(`differs from A: ${t(value)}`) : t(`differs from B: ${t(value)}`)}</>;
}

/** What differs between A's and B's value of a field, said in words under the field. */
function differsNote(name: Name, mine: CalculatorState<Fields>, other: CalculatorState<Fields>, otherName: 'A' | 'B', ns: string): ReactNode | null {
  const spec: FieldSpec = PLAYGROUND_FIELDS[name];
  if (mine.values[name] === other.values[name]) return null;
  if (name === 'config' && mine.values.model !== CUSTOM_MODEL) return null;
  const value = name === 'config' ? 'another config.json' : textOf(spec, other.raw[name]);
  return (
    <p className="pg-differs-note" data-testid={`${ns}-differs-${name}`}>
      <span aria-hidden="true">≠ </span>
      <DiffersText otherName={otherName} value={value} />
    </p>
  );
}

/**
 * The playground: one model × hardware × workload in three modes. Forward (the default, and
 * every link without `pg.mode`): every result for the inputs. Reverse: solve for GPUs, the
 * tensor-parallel degree, the batch or the longest prompt within TTFT and TPOT targets, with
 * why and the forward scenario at the answer. Compare: scenario A (`pg.*`) and scenario B
 * (`pgb.*`) side by side, every result row with its difference. One link keeps it all.
 */
/**
 * The GPU count drives the training layout: with TP·PP fixed, DP is what fills G. Changing G (by
 * hand or by a link that leaves DP out) sets DP = G/(TP·PP) when that is whole, so one edited field
 * never leaves the serving answers stale behind a training layout that no longer adds up.
 */
const DP_FOLLOWS_G: LinkedFills<Fields> = {
  G: (text, raw) => {
    const gpus = Number(text);
    const perReplica = Number(raw.tp) * Number(raw.pp);
    if (!Number.isInteger(gpus) || gpus < 1 || !Number.isInteger(perReplica) || perReplica < 1 || gpus % perReplica !== 0) return {};
    return { dp: String(gpus / perReplica) } as Partial<Record<Name, string>>;
  },
};

function followG(state: CalculatorState<Fields>): CalculatorState<Fields> {
  return {
    ...state,
    set: (field, text) => (field === 'G' ? state.setMany({ ...DP_FOLLOWS_G.G!(text, state.raw), G: text }) : state.set(field, text)),
  };
}

export default function PlaygroundCalculator({ lang = 'en' }: IslandProps) {
  useEffect(installSearchShortcut, []);
  const t = useT(lang);
  const live = useHydrated();
  const modeState = useCalculatorState('pg', MODE_FIELDS);
  const a = followG(useCalculatorState('pg', PLAYGROUND_FIELDS, DP_FOLLOWS_G));
  const b = followG(useCalculatorState(B_NS, FIELDS_B, DP_FOLLOWS_G));
  const rq = useCalculatorState(REVERSE_NS, REVERSE_FIELDS);
  const mode = modeState.values.mode as Mode;
  const solve = rq.values.solve;

  const solved = mode === 'reverse' ? (SOLVED[solve] ?? []) : [];
  // As Calculator.tsx: only the errors of fields on screen stop a computation (a hidden config box, a solved input, the training run in reverse mode do not).
  const onScreen = (n: Name, raw: Readonly<Record<Name, string>>) =>
    (PLAYGROUND.shown?.(n, raw) ?? true) && (mode !== 'reverse' || (SERVING_NAMES.includes(n) && !solved.includes(n)));
  const blocks = (st: CalculatorState<Fields>) => NAMES.some((n) => st.errors[n] !== undefined && onScreen(n, st.raw));
  const computedA = useComputed(() => (mode === 'reverse' ? null : computePlayground(a.values)), [...NAMES.map((n) => a.values[n]), mode], !blocks(a));
  const computedB = useComputed(() => (mode === 'compare' ? computePlayground(b.values) : null), [...NAMES.map((n) => b.values[n]), mode], !blocks(b));
  const computedR = useComputed(
    () => (mode === 'reverse' ? computeReverse(a.values, rq.values) : null),
    [...SERVING_NAMES.map((n) => a.values[n]), ...REVERSE_NAMES.map((n) => rq.values[n]), mode],
    !(blocks(a) || rq.hasErrors),
  );

  // When compare mode opens on a link without scenario B, B starts as a copy of A.
  useEffect(() => {
    if (mode !== 'compare') return;
    const params = new URLSearchParams(window.location.search);
    if (NAMES.some((n) => params.has(`${B_NS}.${n}`))) return;
    b.setMany(a.raw);
    // Only when the mode changes: a B the reader edits stays theirs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mode]);

  const link = (anchor: string = ANCHOR) => {
    const url = new URL(a.linkUrl(anchor));
    let query = url.search;
    if (mode !== 'forward' || url.searchParams.has('pg.mode')) query = writeQuery(query, 'pg', { mode });
    if (mode === 'compare') query = writeQuery(query, B_NS, b.raw);
    if (mode === 'reverse') query = writeQuery(query, REVERSE_NS, rq.raw);
    return `${url.origin}${url.pathname}${query}${url.hash}`;
  };
  const words = { t, lang };
  const setup = (v: PlaygroundValues) => PLAYGROUND.setup?.(v, words) ?? '';

  // Core errors by field: A's from whichever computation ran on it, B's from B's, the question's from the reverse answer.
  const errorA =
    mode === 'reverse' ? coreErrorOf(computedR, PLAYGROUND_FIELDS, PLAYGROUND.fieldFor) : coreErrorOf(computedA, PLAYGROUND_FIELDS, PLAYGROUND.fieldFor);
  const errorB = coreErrorOf(computedB, PLAYGROUND_FIELDS, PLAYGROUND.fieldFor);
  const errorR = coreErrorOf(computedR, REVERSE_FIELDS, REVERSE_FIELD_FOR);
  const generalOf = (c: typeof computedA | typeof computedR, owned: (field: string | null) => boolean) =>
    c.status === 'error' && c.error !== '' && !owned(c.field) ? c.error : null;
  const ownsA = (field: string | null) => field !== null && (field in PLAYGROUND_FIELDS || (PLAYGROUND.fieldFor?.[field] ?? null) !== null);
  const ownsAShown = (field: string | null) => {
    if (!ownsA(field)) return false;
    const name = (field! in PLAYGROUND_FIELDS ? field : PLAYGROUND.fieldFor![field!]) as Name;
    return !solved.includes(name) && (mode !== 'reverse' || SERVING_NAMES.includes(name));
  };
  const ownsR = (field: string | null) => ownsAShown(field) || (field !== null && (field in REVERSE_FIELDS || field in REVERSE_FIELD_FOR));

  const differing = (names: readonly Name[]) => {
    const n = names.filter(
      (name) => a.values[name] !== b.values[name] && (name !== 'config' || a.values.model === CUSTOM_MODEL || b.values.model === CUSTOM_MODEL),
    ).length;
    return n === 0 ? '' : ` (${n} differ${n === 1 ? 's' : ''})`;
  };
  const formA = (prefix: string) => (
    <ScenarioForm
      ns="pg"
      fields={PLAYGROUND_FIELDS}
      groups={mode === 'reverse' ? SERVING_GROUPS : mode === 'compare' ? COMPARE_GROUPS : GROUPS}
      {...(mode === 'compare' ? { legendSuffix: differing } : {})}
      state={a}
      coreError={errorA}
      shown={(name, raw) => (PLAYGROUND.shown ? PLAYGROUND.shown(name, raw) : true)}
      legendPrefix={prefix}
      {...(mode === 'compare' ? { specOf: (name: Name) => FIELDS_A[name] } : {})}
      replace={(name) =>
        solved.includes(name) ? (
          <div className="field pg-solved" data-testid={`pg-solved-${name}`}>
            <span className="pg-solved-label">{t(PLAYGROUND_FIELDS[name].label)}</span>
            <p className="hint">
              <T>solved for: see the answer below</T>
            </p>
          </div>
        ) : null
      }
      {...(mode === 'compare' ? { after: (name: Name) => differsNote(name, a, b, 'B', 'pg') } : {})}
    />
  );
  const formB = (
    <ScenarioForm
      ns={B_NS}
      fields={FIELDS_B}
      groups={COMPARE_GROUPS}
      legendSuffix={differing}
      state={b}
      coreError={errorB}
      shown={(name, raw) => (PLAYGROUND.shown ? PLAYGROUND.shown(name, raw) : true)}
      legendPrefix="B · "
      after={(name) => differsNote(name, b, a, 'A', B_NS)}
    />
  );
  const uses = USES[solve] ?? REVERSE_NAMES;
  // A target no setup can meet is said next to that target's field too, not only under the answer.
  const unreachable =
    mode === 'reverse' && computedR.result && !computedR.stale && computedR.result.answer.value === null ? computedR.result.answer.warnings : [];
  const targetNote = (name: ReverseName): ReactNode | null => {
    const w = unreachable.find((x) => x.field !== undefined && x.field !== null && REVERSE_FIELD_FOR[x.field] === name);
    if (!w) return null;
    return (
      <p className="note warning pg-target-note" data-testid={`pgr-${name}-unreachable`}>
        <span aria-hidden="true">✗ </span>
        <T>No setup tried meets this target: see the answer.</T>
      </p>
    );
  };
  const formR = (
    <ScenarioForm
      ns={REVERSE_NS}
      fields={REVERSE_FIELDS}
      groups={REVERSE_GROUPS}
      state={rq}
      coreError={errorR}
      after={targetNote}
      disabled={(name) => !uses.includes(name)}
      specOf={(name) => (uses.includes(name) ? REVERSE_FIELDS[name] : { ...REVERSE_FIELDS[name], hint: `not used for this question` })}
    />
  );

  let results: ReactNode = null;
  let stale: boolean;
  let general: string | null;
  if (mode === 'forward') {
    stale = computedA.stale;
    general = generalOf(computedA, ownsA);
    const r = computedA.result;
    if (r) results = <ViewBody ns="pg" view={PLAYGROUND.view(r, a.values, stale, words)} stale={stale} link={() => link()} context={setup(a.values)} />;
  } else if (mode === 'reverse') {
    stale = computedR.stale;
    general = generalOf(computedR, ownsR);
    const r = computedR.result;
    if (r) {
      const apply = () => {
        a.setMany({ G: String(r.at.G), B: String(r.at.B), Sin: String(r.at.Sin) });
        modeState.set('mode', 'forward');
      };
      results = <ReverseResults r={r} stale={stale} link={() => link()} context={setup(r.at)} onApply={apply} />;
    }
  } else {
    stale = computedA.stale || computedB.stale;
    general = generalOf(computedA, ownsA) ?? generalOf(computedB, ownsA);
    const ra = computedA.result;
    const rb = computedB.result;
    if (ra && rb) {
      results = (
        <>
          {compareWarnings(ra.serving.warnings.concat(ra.training.warnings), rb.serving.warnings.concat(rb.training.warnings)).map(({ ns, warning: w }) => (
            <p className="note warning" key={`${ns}-${w.code}`} data-testid={`${ns}-warning-${w.code}`}>
              {t(w.message)}
            </p>
          ))}
          <CompareResults ra={ra} va={a.values} rb={rb} vb={b.values} />
        </>
      );
    }
  }

  return (
    <LangContext.Provider value={lang}>
      <section
        className="calculator"
        id={ANCHOR}
        aria-labelledby={`${ANCHOR}-title`}
        aria-busy={live ? undefined : true}
        data-live={live ? 'true' : 'false'}
        data-mode={mode}
      >
        <h3 className="calc-title" id={`${ANCHOR}-title`}>
          {t(PLAYGROUND.title)}
        </h3>
        <noscript>
          <p className="note">
            {t('This calculator needs JavaScript to respond to its inputs: the results below are its defaults, computed when the page was built.')}
          </p>
        </noscript>
        {/* A disabled fieldset disables every input in it until the island runs. The mode and the question come first;
          on phones the results follow them and the scenario's long list of inputs comes after (playground.astro's CSS). */}
        <fieldset className="calc-inputs pg-top" disabled={!live}>
          <legend className="sr-only">
            <T>Mode</T>
          </legend>
          <fieldset className="pg-modes">
            <legend>
              <T>Mode</T>
            </legend>
            <div className="pg-mode-options">
              {MODES.map((m, i) => (
                // The first option's id is `pg-mode`, so the URL-key snapshot pins `pg.mode`.
                <label key={m.value} className="pg-mode">
                  <input
                    type="radio"
                    name="pg-mode"
                    id={i === 0 ? 'pg-mode' : `pg-mode-${m.value}`}
                    value={m.value}
                    checked={mode === m.value}
                    onChange={() => modeState.set('mode', m.value)}
                  />
                  <span>
                    <strong>{t(m.label)}</strong> <small>{t(m.hint)}</small>
                  </span>
                </label>
              ))}
            </div>
            {modeState.errors.mode && (
              <p className="error" role="alert" id="pg-mode-error">
                {t(modeState.errors.mode)}
              </p>
            )}
          </fieldset>
          <div hidden={mode !== 'reverse'} className="pg-reverse-inputs">
            {formR}
          </div>
          {mode === 'compare' && (
            <div className="pg-compare-actions">
              <button type="button" onClick={() => b.setMany(a.raw)} data-testid="pg-copy-a-to-b">
                <T>Copy A to B</T>
              </button>
              <button
                type="button"
                onClick={() => {
                  const [ra, rb] = [a.raw, b.raw];
                  a.setMany(rb);
                  b.setMany(ra);
                }}
                data-testid="pg-swap"
              >
                <T>Swap A and B</T>
              </button>
            </div>
          )}
          {mode !== 'reverse' && (
            <p className="pg-skip">
              <a href="#pg-results">
                <T>Skip to the results</T>
              </a>
            </p>
          )}
        </fieldset>
        <fieldset className="calc-inputs pg-scenario" disabled={!live}>
          <legend className="sr-only">{t(mode === 'reverse' ? 'The serving scenario' : 'Inputs')}</legend>
          {mode === 'compare' ? (
            <div className="pg-compare-inputs">
              <section className="pg-col" aria-labelledby="pg-col-a">
                <h4 id="pg-col-a">
                  <T>Scenario A</T>
                </h4>
                {formA('A · ')}
              </section>
              <section className="pg-col" aria-labelledby="pg-col-b">
                <h4 id="pg-col-b">
                  <T>Scenario B</T>
                </h4>
                {formB}
              </section>
            </div>
          ) : (
            <>
              {formA('')}
              {/* Scenario B's inputs stay in the page (hidden) so their URL keys are pinned and their state kept. */}
              <div hidden className="pg-b-inputs">
                {formB}
              </div>
            </>
          )}
        </fieldset>
        <div className="pg-output" id="pg-results" tabIndex={-1}>
          {general && (
            <p className="error" role="alert">
              {general}
            </p>
          )}
          {stale && (
            <p className="stale-note">
              <T>Showing the last valid result: fix the highlighted input to update it.</T>
            </p>
          )}
          <div className={stale ? 'stale' : undefined} aria-live="polite">
            {results}
          </div>
        </div>
        <div className="calc-actions">
          <CopyButton label={t('Copy link to these numbers')} text={() => link(ANCHOR)} />
        </div>
      </section>
    </LangContext.Provider>
  );
}
