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
 * Renamed anchors: `page#old-anchor` → the formula now explaining it. The page renders
 * the old anchor next to the new one, so `page#old-anchor` keeps landing in the right place.
 * Add an entry whenever a formula's anchor or page changes; never delete one.
 */
export const ALIASES: Readonly<Record<string, { id: string }>> = {
  // The tensors chapter once called the ridge point "ridge"; kept as the pattern for future renames.
  'tensors#ridge': { id: 'matmul.ridgePoint' },
};

/** The formula registered under `id`; throws for an unknown id so a typo fails the build. */
export function getFormula(id: string): AnyFormula {
  const formula = BY_ID.get(id);
  if (!formula) throw new Error(`Unknown formula id "${id}"`);
  return formula;
}

/** True if `id` is registered. */
export function hasFormula(id: string): boolean {
  return BY_ID.has(id);
}
