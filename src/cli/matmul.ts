/**
 * `matmul --m M --k K --n N [--batch A] [--dtype bf16]`: FLOPs (2·A·M·K·N), bytes moved
 * and arithmetic intensity of `[A,M,K] @ [K,N]`.
 */
import { bytesPerElement, DTYPES } from '../core/dtypes';
import { matmulBytes, matmulFlops, matmulIntensity } from '../core/matmul/matmul';
import { defineCommand, type FlagTable } from './args';

/** The flags of `matmul`: parsing, bounds and `--help` come from this table. */
export const MATMUL_FLAGS = {
  m: { kind: 'integer', bound: 'matmulDim', unit: 'rows', required: true, description: 'rows of the left operand, M' },
  k: { kind: 'integer', bound: 'matmulDim', unit: 'elements', required: true, description: 'the shared (contracted) dimension, K' },
  n: { kind: 'integer', bound: 'matmulDim', unit: 'columns', required: true, description: 'columns of the right operand, N' },
  batch: { kind: 'integer', bound: 'matmulDim', unit: 'copies', default: 1, description: 'copies A of the left operand ([A,M,K] @ [K,N])' },
  dtype: { kind: 'enum', choices: DTYPES, default: 'bf16', description: 'element type (sets the bytes per element)' },
} as const satisfies FlagTable;

/**
 * `matmul`: FLOPs, bytes and intensity of `[A,M,K] @ [K,N]`.
 * @example matmulCommand.execute(['--m', '2', '--k', '3', '--n', '4']) //=> { kind: 'result', result: { …, flops: 48, bytes: 52, … }, json: false }
 */
export const matmulCommand = defineCommand({
  name: 'matmul',
  summary: 'FLOPs, bytes and arithmetic intensity of [A,M,K] @ [K,N]',
  positionals: [],
  flags: MATMUL_FLAGS,
  run({ flags }) {
    const shape = { A: flags.batch, M: flags.m, K: flags.k, N: flags.n };
    const s = bytesPerElement(flags.dtype);
    return {
      shape: { batch: shape.A, m: shape.M, k: shape.K, n: shape.N },
      dtype: flags.dtype,
      flops: matmulFlops(shape),
      bytes: matmulBytes({ ...shape, s }),
      arithmeticIntensity: matmulIntensity({ ...shape, s }),
    };
  },
});
