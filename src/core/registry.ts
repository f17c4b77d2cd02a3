/**
 * Every formula by id. The id is stable and its anchor lives on exactly one page;
 * tests check both against content/ and the built site. A renamed anchor keeps its
 * old name in ALIASES so links in people's design docs keep working.
 */
import type { AnyFormula } from './formula';
import { formulas as matmul } from './matmul';
import { formulas as gpu } from './gpu';
import { formulas as variants } from './variants';
import { formulas as params } from './params';
import { formulas as flops } from './flops';
import { formulas as memory } from './memory';
import { formulas as training } from './training';
import { formulas as mfu } from './mfu';
import { formulas as latency } from './latency';
import { formulas as parallel } from './parallel';
import { formulas as serving } from './serving';
import { formulas as cases } from './cases';
import { formulas as capacity } from './capacity/formulas';

export const FORMULAS: readonly AnyFormula[] = [
  ...matmul,
  ...gpu,
  ...variants,
  ...params,
  ...flops,
  ...memory,
  ...training,
  ...mfu,
  ...latency,
  ...parallel,
  ...serving,
  ...cases,
  ...capacity,
];

const BY_ID = new Map(FORMULAS.map((f) => [f.id, f]));

/**
 * Retired ids: a formula merged into another (one quantity, one formula) keeps its old id
 * working in `getFormula`, `<Derivation>` and `<Value>`. Never delete an entry.
 */
export const ID_ALIASES: Readonly<Record<string, string>> = {
  // The GPU chapter registered P/W a second time; the tensors chapter's formula is the one.
  'gpu.ridgePoint': 'matmul.ridgePoint',
  // 2·N_active is 2N with N the parameters a token passes through.
  'variants.moeFlopsPerToken': 'flops.perToken',
};

/**
 * Renamed anchors: `page#old-anchor` → the formula now explaining it. On the formula's own
 * page the primary <Derivation> renders the old anchor next to the new one; an anchor on
 * another page (a formula merged into one introduced earlier) stands beside a second
 * showing of the formula there (`<Derivation … primary={false} />`, content tests check it),
 * so `page#old-anchor` keeps landing in the right place. Add an entry whenever a formula's
 * anchor or page changes; never delete one.
 */
export const ALIASES: Readonly<Record<string, { id: string }>> = {
  // The tensors chapter once called the ridge point "ridge"; kept as the pattern for future renames.
  'tensors#ridge': { id: 'matmul.ridgePoint' },
  'gpu-peak#gpu-ridge-point': { id: 'matmul.ridgePoint' },
  'variants#moe-flops-per-token': { id: 'flops.perToken' },
};

/** The formula registered under `id` (or a retired id, see ID_ALIASES); throws for an unknown id so a typo fails the build. */
export function getFormula(id: string): AnyFormula {
  const formula = BY_ID.get(ID_ALIASES[id] ?? id);
  if (!formula) throw new Error(`Unknown formula id "${id}"`);
  return formula;
}

/** True if `id` is registered (or a retired id of a registered formula). */
export function hasFormula(id: string): boolean {
  return BY_ID.has(ID_ALIASES[id] ?? id);
}
