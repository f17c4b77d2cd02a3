// Every command, one module each, in the order `--help` lists them.
import type { Command } from './args';
import { matmulCommand } from './matmul';
import { modelCommand } from './model';
import { gpuCommand } from './gpu';
import { inferenceCommand } from './inference';
import { trainingCommand } from './training';
import { caseCommand } from './case';

/** The CLI's commands by name. A Map, so no name can reach an object's prototype. */
export const COMMANDS: ReadonlyMap<string, Command> = new Map(
  [matmulCommand, modelCommand, gpuCommand, inferenceCommand, trainingCommand, caseCommand].map((c) => [c.name, c]),
);
