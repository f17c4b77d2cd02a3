// Commands beyond matmul, one module each (model, gpu, inference, training, case).
import type { Command } from './args';
import { modelCommand } from './model';
import { gpuCommand } from './gpu';
import { inferenceCommand } from './inference';
import { trainingCommand } from './training';
import { caseCommand } from './case';

export const extraCommands: Record<string, Command> = { model: modelCommand, gpu: gpuCommand, inference: inferenceCommand, training: trainingCommand, case: caseCommand };
