/**
 * An accelerator as the course needs it: the parts its peak FLOP/s are built from,
 * the datasheet figures beside them, memory and interconnect, and where each figure
 * came from.
 *
 * Conventions (design.md): a FLOP is one multiply or one add, so one FMA is 2 FLOPs.
 * Peaks are dense (no 2:4 sparsity); where a vendor prints only the sparse figure it
 * is halved here and `datasheetAsPrinted` keeps the printed text. Bytes are SI; the
 * binary (GiB) capacity is a separate, labelled field. Interconnect bandwidth is the
 * bidirectional aggregate per device (NVLink 4: 900 GB/s = 450 GB/s each way).
 */

/** The tensor-core data types a peak is quoted for. */
export const GPU_DTYPES = ['bf16', 'fp16', 'fp8', 'tf32'] as const;
export type GpuDtype = (typeof GPU_DTYPES)[number];

/** One source behind one or more figures, e.g. `{ field: 'sm/tc/clock', source: '…' }`. */
export interface GpuSource {
  field: string;
  source: string;
}

/** Dense datasheet peaks in FLOP/s (OP/s for int8); null where the part has no such path or none is published. */
export interface DatasheetPeaks {
  bf16: number | null;
  /** FP16 tensor rate with FP32 accumulate (what mixed-precision training uses). */
  fp16: number | null;
  fp8: number | null;
  tf32: number | null;
  /** Non-tensor (vector) FP32. */
  fp32: number | null;
  fp64: number | null;
  int8: number | null;
  fp4: number | null;
  /** GeForce parts only: FP16 inputs with FP16 accumulate, twice the FP32-accumulate rate. */
  fp16WithFp16Accumulate: number | null;
}

export interface GpuSpec {
  /** Stable id, e.g. `a800-sxm-80gb`; used in URLs and on the CLI. */
  id: string;
  /** Other ids that resolve to this part (e.g. the reference table's `a800-sxm4-80gb`). */
  aliases: readonly string[];
  name: string;
  vendor: string;
  architecture: string;
  /** 'SM' (NVIDIA), 'CU' (AMD), 'TensorCore' (TPU), 'MME' (Gaudi). */
  computeUnitType: string;
  /** SMs / CUs / TensorCores per device; null when unpublished. */
  computeUnits: number | null;
  matrixUnitType: string;
  /** Tensor cores (matrix units) per SM/CU; null when unpublished. */
  matrixUnitsPerComputeUnit: number | null;
  /**
   * Dense FLOPs per clock per matrix unit for each dtype (2 × FMAs); null where the
   * unit has no path for the dtype or the rate is not published.
   */
  flopsPerClockPerUnit: Record<GpuDtype, number | null>;
  /** The MMA shape or rate behind `flopsPerClockPerUnit`, in words. */
  mmaNote: string;
  /** The clock the datasheet's tensor figures assume (Hz); null when unpublished. */
  clockHz: number | null;
  clockNote: string;
  datasheet: DatasheetPeaks;
  /** The datasheet's own words for the headline bf16/fp16 figure (sparse or dense). */
  datasheetAsPrinted: string;
  /** True when the vendor printed the headline figure with sparsity (halved here). */
  sparsePrinted: boolean;
  /** Memory capacity as marketed, SI bytes (80 GB → 8e10). */
  memoryBytes: number;
  /**
   * The physical capacity in binary bytes when the marketed "X GB" is really X GiB of
   * DRAM (an "80GB" A100 or H100 has 80 GiB = 85,899,345,920 B); null when the marketed
   * figure is itself a capped, usable number (H200, B200).
   */
  memoryBinaryBytes: number | null;
  memoryNote: string;
  /**
   * Total memory as `nvidia-smi` reports it, MiB (2^20 B); absent when not recorded.
   * Lower than the physical capacity: the driver reserves some (ECC, firmware).
   */
  memoryReportedMiB?: number;
  /**
   * Total memory the CUDA runtime reports to a program (cudaMemGetInfo, torch's
   * total_memory), bytes: what a server's memory fraction multiplies. Absent when not recorded.
   */
  memoryRuntimeBytes?: number;
  /** Where the two figures above come from. */
  memoryRuntimeSource?: string;
  /** Peak memory bandwidth, B/s (SI). */
  memoryBandwidth: number;
  interconnect: {
    name: string;
    /** Bidirectional aggregate per device, B/s; null when there is none or it is unpublished. */
    bandwidth: number | null;
    /** How the figure is counted, in words. */
    direction: string;
  };
  pcie: string;
  /** Sources and unverified figures live in ./gpuSources.ts (read through src/core/gpu/sources.ts). */
  notes: string;
}
