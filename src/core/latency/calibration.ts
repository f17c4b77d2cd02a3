/**
 * The few physical parameters that turn a roofline into an estimate that meets measured
 * latency: how much of each peak real kernels reach, what one collective costs before
 * any byte moves, and the fixed cost of a forward step and of each layer in it.
 *
 *   T_step = max(F_mm/(G·P_w·η_w), (Q_w + Q_act)/(G·W·η_m))      weight matmuls
 *          + max(F_att/(G·P_a·η_c), Q_kv/(G·W·η_kv))             attention
 *          + Q_elementwise/(G·W·η_m)                               norms, activations, residuals
 *          + 2·L·(α + 2·(G−1)/G · T·H·s / (W_link·η_link))         tensor-parallel all-reduces (G > 1)
 *          + t_step + L·t_layer                                    fixed costs
 *
 * P_w is the peak of the weights' data type (fp8 weights run fp8 tensor cores, η_w = η_c8;
 * 16-bit, tf32 and weight-only int8/int4 weights run the 16-bit or tf32 rate, η_w = η_c),
 * P_a the 16-bit peak attention runs at. Each kernel class is its own roofline; the classes
 * run one after another, so their times add. Each parameter below has a source or a fit: the fit
 * minimises the squared log error over the published measurements in
 * src/data/measurements/published.json (`npm run calibrate` reruns it and prints the
 * errors; `/reality-check/` shows every record beside its prediction).
 */
import type { GpuSpec } from '../gpu/spec';

export interface LatencyCalibration {
  /** η_c: fraction of the dense 16-bit (and tf32) tensor-core peak a large matmul reaches. */
  computeEfficiency: number;
  /** η_c8: fraction of the dense fp8 peak the fp8 weight matmuls reach. */
  fp8ComputeEfficiency: number;
  /** η_m: fraction of peak HBM bandwidth reached streaming weights and activations. */
  memoryEfficiency: number;
  /** η_kv: fraction of peak HBM bandwidth reached reading the KV cache in decode attention. */
  kvEfficiency: number;
  /** η_link: fraction of the per-direction link bandwidth a ring all-reduce reaches. */
  linkEfficiency: number;
  /** α: seconds one all-reduce costs before any byte moves; null to take it from the interconnect. */
  allReduceLatencySeconds: number | null;
  /** t_step: fixed seconds per forward step (scheduling, sampling, launches). */
  stepOverheadSeconds: number;
  /** t_layer: seconds per layer per step that no roofline term covers (norms, rotary, launches). */
  layerOverheadSeconds: number;
}

/**
 * The calibrated defaults, used by every surface.
 * η_c = 0.8: the share of the 16-bit peak tuned tensor-core kernels reach, the article's
 * own ceiling for the A800 (about 80% of 312 TFLOP/s). The calibration set has no 16-bit
 * prefill to fit it on, so it is taken, not fitted.
 * η_link = 0.8: NCCL ring all-reduces reach 75–90% of the link rate at large messages.
 * η_c8, η_m, η_kv, t_step and t_layer are fitted on the calibration set by least absolute
 * log error (robust to the few records of 2023 engines the model does not describe), each
 * within physical bounds (η ≤ 0.9: HBM copy kernels reach about 90% of the datasheet rate).
 */
export const CALIBRATION: Readonly<LatencyCalibration> = {
  computeEfficiency: 0.8,
  fp8ComputeEfficiency: 0.49,
  memoryEfficiency: 0.9,
  kvEfficiency: 0.9,
  linkEfficiency: 0.8,
  allReduceLatencySeconds: null,
  stepOverheadSeconds: 3.2e-3,
  layerOverheadSeconds: 34e-6,
};

/** The bare roofline: every peak reached, nothing fixed. A lower bound, never a forecast. */
export const IDEAL_CALIBRATION: Readonly<LatencyCalibration> = {
  computeEfficiency: 1,
  fp8ComputeEfficiency: 1,
  memoryEfficiency: 1,
  kvEfficiency: 1,
  linkEfficiency: 1,
  allReduceLatencySeconds: 0,
  stepOverheadSeconds: 0,
  layerOverheadSeconds: 0,
};

/** How GPUs of one kind talk to each other, for the per-collective latency α. */
export type InterconnectFamily = 'nvlink' | 'infinity-fabric' | 'ici' | 'roce' | 'pcie';

/**
 * α per interconnect family, seconds.
 * NVLink: 10 µs, what NCCL-based all-reduces of decode-sized messages take on 8×H100
 * (sgl-project/sglang PR #2904, 2025: 9.1–10.1 µs at TP 2/4/8 for 512 B–32 KB; the
 * engines' custom one-shot kernels reach 4–6 µs). The others are assumptions of the same
 * order with no measurement in the calibration set: Infinity Fabric and ICI like NVLink;
 * RoCE between nodes 25 µs; PCIe 25 µs (rings through the host bridge).
 */
export const ALL_REDUCE_LATENCY_SECONDS: Readonly<Record<InterconnectFamily, number>> = {
  nvlink: 10e-6,
  'infinity-fabric': 10e-6,
  ici: 10e-6,
  roce: 25e-6,
  pcie: 25e-6,
};

/**
 * The interconnect family of a part, read off its interconnect's name.
 * @example interconnectFamily(getGpu('a800-sxm-80gb')) //=> 'nvlink'
 */
export function interconnectFamily(gpu: GpuSpec): InterconnectFamily {
  const name = gpu.interconnect.name;
  if (gpu.interconnect.bandwidth === null || /^none/i.test(name)) return 'pcie';
  if (/nvlink/i.test(name)) return 'nvlink';
  if (/infinity fabric/i.test(name)) return 'infinity-fabric';
  if (/ici/i.test(name)) return 'ici';
  if (/roce/i.test(name)) return 'roce';
  return 'pcie';
}

/**
 * α for `gpu` under `calibration`: the calibration's own value when set, else the family's.
 * @example allReduceLatencySeconds(getGpu('h100-sxm'), CALIBRATION) //=> 0.00001
 */
export function allReduceLatencySeconds(gpu: GpuSpec, calibration: LatencyCalibration): number {
  return calibration.allReduceLatencySeconds ?? ALL_REDUCE_LATENCY_SECONDS[interconnectFamily(gpu)];
}

/**
 * η of the weight matmuls for the data type they run at.
 * @example matmulEfficiency('fp8', CALIBRATION) //=> CALIBRATION.fp8ComputeEfficiency
 */
export function matmulEfficiency(peakDtype: string, calibration: LatencyCalibration): number {
  return peakDtype === 'fp8' ? calibration.fp8ComputeEfficiency : calibration.computeEfficiency;
}
