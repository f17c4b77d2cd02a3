/**
 * Where a GPU's peak FLOP/s come from, and the other figures the course reads off a
 * datasheet: memory, bandwidth, interconnect.
 *
 * Peak = compute units × matrix units per compute unit × dense FLOPs per clock per
 * matrix unit × clock. An A800 tensor core does an 8×4×8 MMA per clock, 2·(8·4·8) =
 * 512 FLOPs; 4 per SM, 108 SMs, 1.41 GHz: 512·4·108·1.41e9 = 311.87 TFLOP/s, the
 * "312 TFLOPS" of the datasheet.
 * @see NVIDIA A100 Tensor Core GPU Architecture whitepaper (2020), table 1
 */
import { defineFormula, texGigahertz, type Domain } from '../formula';
import { InputError, GiB } from '../units';
import { ridgePointFlopsPerByte } from '../matmul/matmul';
import { GPUS } from '../../data/gpus';
import { GPU_DTYPES, type GpuDtype, type GpuSpec } from './spec';

export * from './spec';

/** Every accelerator in the reference table, in table order. */
export function listGpus(): readonly GpuSpec[] {
  return GPUS;
}

/** Ids of every accelerator, e.g. `['v100-sxm2-32gb', 'a100-sxm-80gb', …]`. */
export const GPU_IDS: readonly string[] = GPUS.map((g) => g.id);

const BY_ID = new Map<string, GpuSpec>();
for (const gpu of GPUS) {
  BY_ID.set(gpu.id, gpu);
  for (const alias of gpu.aliases) BY_ID.set(alias, gpu);
}

/**
 * The accelerator with this id (or alias, case-insensitive).
 * Throws InputError('gpu') naming the known ids for anything else.
 * @example getGpu('a800-sxm-80gb').computeUnits //=> 108
 */
export function getGpu(id: string): GpuSpec {
  const gpu = BY_ID.get(id.trim().toLowerCase());
  if (!gpu) throw new InputError('gpu', `Unknown GPU "${id}". Known: ${GPU_IDS.join(', ')}`);
  return gpu;
}

/** What a person types to describe hardware that is not in the table. */
export interface CustomGpuInput {
  id?: string;
  name?: string;
  /** SMs / CUs. */
  computeUnits: number;
  /** Tensor cores per SM. */
  matrixUnitsPerComputeUnit: number;
  /** Dense FLOPs per clock per tensor core for bf16 (an FMA is 2). */
  flopsPerClockPerUnit: number;
  /** Hz. */
  clockHz: number;
  /** Datasheet dense bf16 FLOP/s; defaults to the derived peak. */
  datasheetBf16?: number;
  /** Memory capacity as marketed, bytes (SI). */
  memoryBytes: number;
  /** B/s */
  memoryBandwidth: number;
  /** Bidirectional interconnect B/s; 0 or omitted for none. */
  interconnectBandwidth?: number;
}

/**
 * A GpuSpec for hardware not in the table, from its raw fields. Checks every number and
 * throws InputError naming the field.
 * @example customGpu({ computeUnits: 108, matrixUnitsPerComputeUnit: 4, flopsPerClockPerUnit: 512, clockHz: 1.41e9, memoryBytes: 80e9, memoryBandwidth: 2.039e12 }).datasheet.bf16 //=> 311869440000000
 */
export function customGpu(raw: CustomGpuInput): GpuSpec {
  const fields: Array<[keyof CustomGpuInput, Domain]> = [
    ['computeUnits', 'positiveInt'],
    ['matrixUnitsPerComputeUnit', 'positiveInt'],
    ['flopsPerClockPerUnit', 'positive'],
    ['clockHz', 'positive'],
    ['memoryBytes', 'positive'],
    ['memoryBandwidth', 'positive'],
  ];
  for (const [key, domain] of fields) {
    const v = raw[key];
    const ok = typeof v === 'number' && Number.isFinite(v) && v > 0 && (domain !== 'positiveInt' || Number.isInteger(v));
    if (!ok) throw new InputError(key, `${key} must be ${domain === 'positiveInt' ? 'a whole number of at least 1' : 'a number greater than 0'}`);
  }
  for (const key of ['datasheetBf16', 'interconnectBandwidth'] as const) {
    const v = raw[key];
    if (v !== undefined && !(Number.isFinite(v) && v >= 0)) throw new InputError(key, `${key} must be a number of at least 0`);
  }
  const derived = raw.computeUnits * raw.matrixUnitsPerComputeUnit * raw.flopsPerClockPerUnit * raw.clockHz;
  const bf16 = raw.datasheetBf16 && raw.datasheetBf16 > 0 ? raw.datasheetBf16 : derived;
  return {
    id: raw.id ?? 'custom',
    aliases: [],
    name: raw.name ?? 'Custom accelerator',
    vendor: 'custom',
    architecture: 'custom',
    computeUnitType: 'SM',
    computeUnits: raw.computeUnits,
    matrixUnitType: 'matrix unit',
    matrixUnitsPerComputeUnit: raw.matrixUnitsPerComputeUnit,
    flopsPerClockPerUnit: { bf16: raw.flopsPerClockPerUnit, fp16: raw.flopsPerClockPerUnit, fp8: null, tf32: null },
    mmaNote: 'entered by hand',
    clockHz: raw.clockHz,
    clockNote: 'entered by hand',
    datasheet: {
      bf16,
      fp16: bf16,
      fp8: null,
      tf32: null,
      fp32: null,
      fp64: null,
      int8: null,
      fp4: null,
      fp16WithFp16Accumulate: null,
    },
    datasheetAsPrinted: raw.datasheetBf16 ? 'entered by hand' : 'none entered; the derived peak is used',
    sparsePrinted: false,
    memoryBytes: raw.memoryBytes,
    memoryBinaryBytes: null,
    memoryNote: 'entered by hand',
    memoryBandwidth: raw.memoryBandwidth,
    interconnect: {
      name: raw.interconnectBandwidth ? 'custom' : 'none',
      bandwidth: raw.interconnectBandwidth ? raw.interconnectBandwidth : null,
      direction: 'bidirectional aggregate (as entered)',
    },
    pcie: 'unknown',
    notes: '',
  };
}

/** The parts a peak is built from. */
export interface PeakParts {
  /** SMs (or CUs, TensorCores). */
  units: number;
  /** Tensor cores per SM. */
  matrixUnits: number;
  /** Dense FLOPs per clock per tensor core (2 × FMAs). */
  flopsPerClock: number;
  /** Hz. */
  clockHz: number;
}

/**
 * Peak FLOP/s from first principles: units × matrixUnits × flopsPerClock × clock.
 * @example peakFlopsPerSecond({ units: 108, matrixUnits: 4, flopsPerClock: 512, clockHz: 1.41e9 }) //=> 311869440000000
 */
export function peakFlopsPerSecond(p: PeakParts): number {
  return p.units * p.matrixUnits * p.flopsPerClock * p.clockHz;
}

/** The parts of `gpu`'s derivation for `dtype`, or null when one is unpublished. */
export function peakParts(gpu: GpuSpec, dtype: GpuDtype = 'bf16'): PeakParts | null {
  const flopsPerClock = gpu.flopsPerClockPerUnit[dtype];
  if (gpu.computeUnits === null || gpu.matrixUnitsPerComputeUnit === null || gpu.clockHz === null || flopsPerClock === null) return null;
  return { units: gpu.computeUnits, matrixUnits: gpu.matrixUnitsPerComputeUnit, flopsPerClock, clockHz: gpu.clockHz };
}

/**
 * Peak derived from SMs × tensor cores × FLOPs/clock × clock, or null when a part is
 * unpublished (B200, H20's firmware-limited rate) or the dtype has no tensor path.
 * @example derivedPeakFlops(getGpu('h100-sxm'), 'bf16') //=> 989429760000000
 */
export function derivedPeakFlops(gpu: GpuSpec, dtype: GpuDtype = 'bf16'): number | null {
  const parts = peakParts(gpu, dtype);
  return parts ? peakFlopsPerSecond(parts) : null;
}

/** Peaks the rest of the core asks for: tensor dtypes plus non-tensor fp32. */
export type PeakDtype = GpuDtype | 'fp32';

/** True for a dtype with a peak in the table. */
export function isPeakDtype(value: string): value is PeakDtype {
  return value === 'fp32' || (GPU_DTYPES as readonly string[]).includes(value);
}

/**
 * The dense peak FLOP/s for `dtype`: the datasheet figure (default) or the derived one.
 * Throws InputError('dtype') when the part has no such figure (V100 bf16, A100 fp8).
 * @example gpuPeakFlopsPerSecond(getGpu('a800-sxm-80gb')) //=> 312000000000000
 * @example gpuPeakFlopsPerSecond(getGpu('a800-sxm-80gb'), 'bf16', 'derived') //=> 311869440000000
 */
export function gpuPeakFlopsPerSecond(gpu: GpuSpec, dtype: PeakDtype = 'bf16', basis: 'datasheet' | 'derived' = 'datasheet'): number {
  const value = basis === 'derived' && dtype !== 'fp32' ? derivedPeakFlops(gpu, dtype) : gpu.datasheet[dtype];
  if (value === null || !(value > 0)) {
    throw new InputError('dtype', `${gpu.name} has no ${basis} ${dtype} peak in the table`);
  }
  return value;
}

/**
 * Interconnect bandwidth in one direction, B/s: half the bidirectional aggregate.
 * What a ring all-reduce's sends are limited by. Throws InputError('gpu') for a part
 * without one (L40S, RTX 4090).
 * @example perDirectionBandwidth(getGpu('a800-sxm-80gb')) //=> 200000000000
 */
export function perDirectionBandwidth(gpu: GpuSpec): number {
  if (gpu.interconnect.bandwidth === null) {
    throw new InputError('gpu', `${gpu.name} has no GPU-to-GPU interconnect in the table (${gpu.interconnect.name})`);
  }
  return oneDirection(gpu.interconnect.bandwidth);
}

/**
 * One direction of a link quoted as the sum of both: W/2.
 * @example oneDirection(400e9) //=> 200000000000
 */
export function oneDirection(bidirectionalBandwidth: number): number {
  return bidirectionalBandwidth / 2;
}

/**
 * How to read a GPU's memory: as marketed ('GB': "80GB" = 80e9 B), as physically built
 * ('GiB': 80 GiB of DRAM), or as the CUDA runtime reports it to a program ('runtime':
 * what a server's memory fraction multiplies; less than the physical capacity, since the
 * driver keeps some).
 */
export type MemoryReading = 'GB' | 'GiB' | 'runtime';

export const MEMORY_READINGS: readonly MemoryReading[] = ['runtime', 'GiB', 'GB'];

/** True for 'GB', 'GiB' and 'runtime'. */
export function isMemoryReading(value: string): value is MemoryReading {
  return (MEMORY_READINGS as readonly string[]).includes(value);
}

/**
 * Memory capacity in bytes under the chosen reading. 'GiB' uses the physical binary
 * capacity when the table has one and falls back to the marketed SI figure otherwise;
 * 'runtime' uses the runtime's figure when recorded, else nvidia-smi's, else falls back
 * like 'GiB' (see `memoryReadingUsed`).
 * @example gpuMemoryBytes(getGpu('a800-sxm-80gb'), 'GB') //=> 80000000000
 * @example gpuMemoryBytes(getGpu('a800-sxm-80gb'), 'GiB') //=> 85899345920
 * @example gpuMemoryBytes(getGpu('a800-sxm-80gb'), 'runtime') //=> 84986691584
 */
export function gpuMemoryBytes(gpu: GpuSpec, reading: MemoryReading = 'GB'): number {
  if (reading === 'runtime') {
    if (gpu.memoryRuntimeBytes !== undefined) return gpu.memoryRuntimeBytes;
    if (gpu.memoryReportedMiB !== undefined) return gpu.memoryReportedMiB * 2 ** 20;
    return gpu.memoryBinaryBytes ?? gpu.memoryBytes;
  }
  return reading === 'GiB' ? (gpu.memoryBinaryBytes ?? gpu.memoryBytes) : gpu.memoryBytes;
}

/**
 * Which figure `gpuMemoryBytes(gpu, reading)` really used: the runtime reading falls back
 * to nvidia-smi's, then to the physical or marketed capacity when a part has no recorded
 * runtime figure; 'GiB' falls back to 'GB' for parts sold by their usable capacity (H200).
 * @example memoryReadingUsed(getGpu('l4'), 'runtime') //=> 'GiB'
 */
export function memoryReadingUsed(gpu: GpuSpec, reading: MemoryReading): 'runtime' | 'nvidia-smi' | 'GiB' | 'GB' {
  if (reading === 'runtime') {
    if (gpu.memoryRuntimeBytes !== undefined) return 'runtime';
    if (gpu.memoryReportedMiB !== undefined) return 'nvidia-smi';
  }
  if (reading === 'GB') return 'GB';
  return gpu.memoryBinaryBytes !== null ? 'GiB' : 'GB';
}

/** The `gpu` CLI command's view of a part (design.md's field names). */
export interface GpuSummary {
  id: string;
  name: string;
  peakFlops: { bf16: number | null; fp16: number | null; fp8?: number; tf32: number | null; fp32: number | null };
  derivedPeakFlops: { bf16: number | null; fp16: number | null; fp8: number | null } | null;
  memoryBytes: number;
  memoryBinaryBytes: number | null;
  memoryGiB: number | null;
  memoryBandwidth: number;
  interconnectBandwidth: number | null;
  interconnectBandwidthPerDirection: number | null;
  ridgePoint: number | null;
  parts: PeakParts | null;
  sparsePrinted: boolean;
  datasheetAsPrinted: string;
}

/** Everything the `gpu` command prints. */
export function gpuSummary(gpu: GpuSpec): GpuSummary {
  const derivedBf16 = derivedPeakFlops(gpu, 'bf16');
  const derivedFp16 = derivedPeakFlops(gpu, 'fp16');
  const headline = gpu.datasheet.bf16 ?? gpu.datasheet.fp16;
  return {
    id: gpu.id,
    name: gpu.name,
    peakFlops: {
      bf16: gpu.datasheet.bf16,
      fp16: gpu.datasheet.fp16,
      ...(gpu.datasheet.fp8 !== null ? { fp8: gpu.datasheet.fp8 } : {}),
      tf32: gpu.datasheet.tf32,
      fp32: gpu.datasheet.fp32,
    },
    derivedPeakFlops: derivedBf16 === null && derivedFp16 === null ? null : { bf16: derivedBf16, fp16: derivedFp16, fp8: derivedPeakFlops(gpu, 'fp8') },
    memoryBytes: gpu.memoryBytes,
    memoryBinaryBytes: gpu.memoryBinaryBytes,
    memoryGiB: gpu.memoryBinaryBytes === null ? null : gpu.memoryBinaryBytes / GiB,
    memoryBandwidth: gpu.memoryBandwidth,
    interconnectBandwidth: gpu.interconnect.bandwidth,
    interconnectBandwidthPerDirection: gpu.interconnect.bandwidth === null ? null : oneDirection(gpu.interconnect.bandwidth),
    ridgePoint: headline === null ? null : ridgePointFlopsPerByte({ peakFlopsPerSecond: headline, bandwidth: gpu.memoryBandwidth }),
    parts: peakParts(gpu, gpu.flopsPerClockPerUnit.bf16 === null ? 'fp16' : 'bf16'),
    sparsePrinted: gpu.sparsePrinted,
    datasheetAsPrinted: gpu.datasheetAsPrinted,
  };
}

export const peakFlopsFormula = defineFormula({
  id: 'gpu.peakFlops',
  anchor: 'peak-flops',
  page: 'gpu-peak',
  title: 'Peak FLOP/s from first principles',
  description: 'Dense tensor-core peak: FLOPs each tensor core does per clock, times tensor cores per SM, times SMs, times the clock.',
  lhs: 'P_{\\text{peak}}',
  unit: 'FLOP/s',
  symbols: { f: 'f_{\\text{TC}}', t: 'n_{\\text{TC}}', n: 'n_{\\text{SM}}', clock: 'f_{\\text{clk}}' },
  labels: {
    f: 'FLOPs per clock per tensor core',
    t: 'Tensor cores per SM',
    n: 'SMs',
    clock: 'Clock (Hz)',
  },
  domains: { f: 'positive', t: 'positiveInt', n: 'positiveInt', clock: 'positive' },
  tex: (v) => String.raw`${v.f} \cdot ${v.t} \cdot ${v.n} \cdot ${v.clock}`,
  compute: ({ f, t, n, clock }) => peakFlopsPerSecond({ units: n, matrixUnits: t, flopsPerClock: f, clockHz: clock }),
  formatInput: { clock: texGigahertz },
  // A800: an 8×4×8 MMA per clock is 2·(8·4·8) = 512 FLOPs; 4 tensor cores, 108 SMs, 1.41 GHz.
  example: { f: 512, t: 4, n: 108, clock: 1.41e9 },
  sig: 4,
  notes: [
    'Dense: 2:4 structured sparsity doubles the datasheet figure and is not counted.',
    'An FMA counts as 2 FLOPs; f = 2 × the tensor core’s multiply-accumulates per clock.',
    'A800/A100: 2·(8·4·8)·4·108·1.41 GHz = 311.87 TFLOP/s (datasheet 312).',
  ],
});

export const perDirectionBandwidthFormula = defineFormula({
  id: 'gpu.perDirectionBandwidth',
  anchor: 'interconnect-per-direction',
  page: 'gpu-peak',
  title: 'Interconnect bandwidth per direction',
  description: 'Datasheets quote NVLink as the sum of both directions; a ring sends in one direction at half of it.',
  lhs: 'W_{\\text{link}}',
  unit: 'B/s',
  symbols: { W: 'W_{\\text{bidir}}' },
  labels: { W: 'Bidirectional interconnect bandwidth (B/s)' },
  domains: { W: 'positive' },
  tex: (v) => String.raw`\frac{${v.W}}{2}`,
  compute: ({ W }) => oneDirection(W),
  // A800: NVLink capped at 400 GB/s bidirectional (A100: 600).
  example: { W: 400e9 },
});

export const gpuFormulas = [peakFlopsFormula, perDirectionBandwidthFormula];
