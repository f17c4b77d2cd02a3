// Commands beyond matmul, one module each (model, gpu, inference, training, case).
import type { Command } from './args';

export const extraCommands: Record<string, Command> = {};
