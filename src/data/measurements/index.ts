/**
 * Published inference and training measurements, each with its source, copied from the
 * team's research (shared/data/measurements/published.json, schema 1). The latency model
 * is calibrated on the inference records and `/reality-check/` shows every record beside
 * the model's prediction. Values are as each source reports them; anything computed by
 * the researchers sits under `derived`.
 */
import published from './published.json';

/** A value the source did not report directly but the researchers inferred. */
export interface Inferred {
  value: number;
  inferred: boolean;
  formula?: string;
  note?: string;
}

export interface InferenceRecord {
  id: string;
  record_type: 'inference';
  model: string;
  engine: string;
  hardware: string;
  n_gpus?: number;
  tp: number;
  precision: string;
  /** A batch size, or "concurrency N", or "max load …". */
  batch_size: number | string;
  input_len: number;
  output_len: number;
  metrics: {
    ttft_ms?: number;
    itl_ms?: number;
    tpot_p50_ms?: number;
    throughput_out_tok_s?: number | Inferred;
    throughput_out_tok_s_per_gpu?: number;
    e2e_latency_mean_ms?: number;
  };
  derived?: Record<string, Inferred>;
  scenario?: string;
  source: string;
  notes?: string;
}

export interface TrainingRecord {
  id: string;
  record_type: 'training';
  model: string;
  kind?: string;
  accelerator?: string;
  accel_count?: number | string | null | { value: number; inferred?: boolean; note?: string };
  params?: { value: number; active?: number; exact?: boolean; note?: string };
  arch?: Record<string, unknown>;
  tokens_total?: number;
  gpu_hours?: number | Record<string, number>;
  throughput?: Record<string, number>;
  mfu?: number;
  hfu?: number | null;
  mfu_definition?: string;
  mfu_reported_range?: [number, number];
  mfu_reported_elsewhere?: number;
  derived?: Record<string, Inferred>;
  source: string;
  notes?: string;
  [key: string]: unknown;
}

export type MeasurementRecord = InferenceRecord | TrainingRecord;

export const MEASUREMENTS_DESCRIPTION: string = published.description;

export const MEASUREMENT_RECORDS: readonly MeasurementRecord[] = published.records as unknown as MeasurementRecord[];

export const INFERENCE_RECORDS: readonly InferenceRecord[] = MEASUREMENT_RECORDS.filter((r): r is InferenceRecord => r.record_type === 'inference');

export const TRAINING_RECORDS: readonly TrainingRecord[] = MEASUREMENT_RECORDS.filter((r): r is TrainingRecord => r.record_type === 'training');
