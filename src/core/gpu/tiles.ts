/**
 * Tile and wave quantization: why a matmul that is too small, or not a multiple of the
 * kernel's tile, leaves tensor cores idle.
 *
 * A GEMM kernel splits the [M,N] output into tiles of Mt×Nt and gives one tile at a
 * time to each SM. With ⌈M/Mt⌉·⌈N/Nt⌉ tiles and n SMs the work runs in
 * ⌈tiles/n⌉ waves; every wave costs as much as a full one, and every tile as much as a
 * full Mt×Nt tile. The useful fraction of the tensor-core time is
 *
 *   η = M·N / (⌈⌈M/Mt⌉·⌈N/Nt⌉ / n⌉ · n · Mt · Nt)
 *
 * Model assumptions: all tiles take the same time; one tile per SM at a time (no split-K
 * or stream-K scheduling, which real libraries use to soften the last wave).
 * @see NVIDIA, "Matrix Multiplication Background User's Guide" (Deep Learning Performance
 *   docs), sections on tile quantization and wave quantization
 */
import { checkInputs, defineFormula } from '../formula';

export interface TileInput {
  /** Rows of the output (B·S tokens for a weight matmul). */
  M: number;
  /** Columns of the output. */
  N: number;
  /** Tile rows. */
  Mt: number;
  /** Tile columns. */
  Nt: number;
  /** SMs that take tiles. */
  units: number;
}

export interface TileWaves {
  tiles: number;
  waves: number;
  /** Tile slots the waves provide: waves × units. */
  slots: number;
  /** Useful fraction of the tensor-core time, η. */
  efficiency: number;
}

/**
 * Tiles, waves and the useful fraction η of a GEMM's output tiling.
 * @example tileWaves({ M: 4096, N: 4096, Mt: 128, Nt: 128, units: 108 }) //=> { tiles: 1024, waves: 10, slots: 1080, efficiency: 0.948… }
 */
export function tileWaves(p: TileInput): TileWaves {
  checkInputs(
    p as unknown as Record<keyof TileInput, number>,
    { M: 'positiveInt', N: 'positiveInt', Mt: 'positiveInt', Nt: 'positiveInt', units: 'positiveInt' },
    { M: 'M', N: 'N', Mt: 'Tile rows', Nt: 'Tile columns', units: 'SMs' },
  );
  const tiles = Math.ceil(p.M / p.Mt) * Math.ceil(p.N / p.Nt);
  const waves = Math.ceil(tiles / p.units);
  const slots = waves * p.units;
  return { tiles, waves, slots, efficiency: (p.M * p.N) / (slots * p.Mt * p.Nt) };
}

export const tileEfficiencyFormula = defineFormula({
  id: 'gpu.tileEfficiency',
  anchor: 'tile-efficiency',
  page: 'gpu-peak',
  title: 'Tile and wave efficiency',
  description: 'The share of tensor-core time spent on real output when [M,N] is cut into Mt×Nt tiles handed out one per SM in waves.',
  lhs: '\\eta',
  unit: 'ratio',
  symbols: { M: 'M', N: 'N', Mt: 'M_t', Nt: 'N_t', n: 'n_{\\text{SM}}' },
  labels: { M: 'Output rows M', N: 'Output columns N', Mt: 'Tile rows M_t', Nt: 'Tile columns N_t', n: 'SMs' },
  domains: { M: 'positiveInt', N: 'positiveInt', Mt: 'positiveInt', Nt: 'positiveInt', n: 'positiveInt' },
  tex: (v) =>
    String.raw`\frac{${v.M} \cdot ${v.N}}{\left\lceil \lceil ${v.M} / ${v.Mt} \rceil \cdot \lceil ${v.N} / ${v.Nt} \rceil \,/\, ${v.n} \right\rceil \cdot ${v.n} \cdot ${v.Mt} \cdot ${v.Nt}}`,
  compute: ({ M, N, Mt, Nt, n }) => tileWaves({ M, N, Mt, Nt, units: n }).efficiency,
  // A 4096×4096 output in 128×128 tiles on an A800's 108 SMs: 1,024 tiles in 10 waves of 108.
  example: { M: 4096, N: 4096, Mt: 128, Nt: 128, n: 108 },
  notes: ['Assumes every tile costs a full tile’s time and one tile per SM at a time; split-K and stream-K kernels soften the last wave.'],
});

export const tileFormulas = [tileEfficiencyFormula];
