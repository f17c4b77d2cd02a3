import { isDtype, bytesPerElement, DTYPES } from '../core/dtypes';
import { matmulFlops, matmulBytes, matmulIntensity } from '../core/matmul/matmul';
import { checkInputs } from '../core/formula';
import { InputError } from '../core/units';
import { numberFlag, optionalNumberFlag, stringFlag, type Command } from './args';

export const matmulCommand: Command = {
  usage: 'matmul --m M --k K --n N [--batch A] [--dtype bf16]',
  run(_positionals, flags) {
    const shape = {
      A: optionalNumberFlag(flags, 'batch', 1),
      M: numberFlag(flags, 'm'),
      K: numberFlag(flags, 'k'),
      N: numberFlag(flags, 'n'),
    };
    checkInputs(shape, { A: 'positiveInt', M: 'positiveInt', K: 'positiveInt', N: 'positiveInt' }, {
      A: '--batch',
      M: '--m',
      K: '--k',
      N: '--n',
    });
    const dtype = stringFlag(flags, 'dtype', 'bf16');
    if (!isDtype(dtype)) throw new InputError('dtype', `--dtype must be one of ${DTYPES.join(', ')}, got "${dtype}"`);
    const s = bytesPerElement(dtype);
    return {
      shape: { batch: shape.A, m: shape.M, k: shape.K, n: shape.N },
      dtype,
      flops: matmulFlops(shape),
      bytes: matmulBytes({ ...shape, s }),
      arithmeticIntensity: matmulIntensity({ ...shape, s }),
    };
  },
};
