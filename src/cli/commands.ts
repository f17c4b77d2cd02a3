// Commands beyond matmul, one module each (model, gpu, inference, training, case).
import type { Command } from './args';
import { modelCommand } from './model';

export const extraCommands: Record<string, Command> = { model: modelCommand };
