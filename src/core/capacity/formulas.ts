// The capacity formulas for the registry: formula modules only, so the registry pulls in no scenario or preset code.
import { sloFormulas } from './slo';
import { costFormulas } from './cost';
import { chinchillaFormulas } from './chinchilla';
import { checkpointFormulas } from './checkpoint';

export const formulas = [...sloFormulas, ...costFormulas, ...chinchillaFormulas, ...checkpointFormulas];
