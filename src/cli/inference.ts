/**
 * `inference <model> --gpu ID --gpus N --batch B --input S --output O [--dtype bf16]`:
 * prefill FLOPs, TTFT and mean TPOT by roofline with tensor parallelism over the N GPUs,
 * weights, KV cache and the maximum concurrency for requests of S + O tokens.
 *
 * Conventions (all printed in the JSON): FLOPs are the exact per-component count with a
 * causal mask (`--attention full` counts every key, as the reference article does);
 * efficiencies default to 0.8 of peak compute, memory bandwidth and link bandwidth; an
 * "80GB" card is read as 80 GiB (`--memory-reading GB` for 80e9 B) and 10% is reserved.
 */
import { bytesPerElement, DTYPES, isDtype, type Dtype } from '../core/dtypes';
import { checkInputs } from '../core/formula';
import { getGpu, gpuMemoryBytes, gpuPeakFlops, type MemoryReading, type PeakDtype } from '../core/gpu/gpu';
import { DEFAULT_EFFICIENCIES, estimateInferenceLatency } from '../core/latency/latency';
import { decodeStepFlops, prefillFlops } from '../core/flops/flops';
import { kvCacheBytesPerToken, weightsBytes } from '../core/memory/memory';
import { activeParams } from '../core/params/params';
import {
  DEFAULT_MEMORY_UTILIZATION,
  kvBudgetBytes,
  maxConcurrency,
  servingActivationBytes,
} from '../core/serving/serving';
import { InputError } from '../core/units';
import { numberFlag, optionalNumberFlag, stringFlag, type Command } from './args';
import { loadModel } from './model';

/** The tensor-core rate a dtype computes at: weight-only int8/int4 dequantise to bf16; fp32 runs as tf32. */
function computeDtype(dtype: Dtype): PeakDtype {
  if (dtype === 'int8' || dtype === 'int4') return 'bf16';
  if (dtype === 'fp32') return 'tf32';
  return dtype;
}

export const inferenceCommand: Command = {
  usage:
    'inference <model> --gpu ID --gpus N --batch B --input S --output O [--dtype bf16] [--attention causal|full] [--compute-efficiency 0.8] [--memory-efficiency 0.8] [--comm-efficiency 0.8] [--memory-reading GiB|GB] [--utilization 0.9]',
  run(positionals, flags) {
    const { spec } = loadModel(positionals[0]);
    const gpu = getGpu(stringFlag(flags, 'gpu'));
    const work = {
      gpus: numberFlag(flags, 'gpus'),
      batch: numberFlag(flags, 'batch'),
      input: numberFlag(flags, 'input'),
      output: numberFlag(flags, 'output'),
    };
    checkInputs(work, { gpus: 'positiveInt', batch: 'positiveInt', input: 'positiveInt', output: 'positiveInt' }, {
      gpus: '--gpus',
      batch: '--batch',
      input: '--input',
      output: '--output',
    });
    const dtype = stringFlag(flags, 'dtype', 'bf16');
    if (!isDtype(dtype)) throw new InputError('dtype', `--dtype must be one of ${DTYPES.join(', ')}, got "${dtype}"`);
    const attention = stringFlag(flags, 'attention', 'causal');
    if (attention !== 'causal' && attention !== 'full') throw new InputError('attention', `--attention must be causal or full, got "${attention}"`);
    const reading = stringFlag(flags, 'memory-reading', 'GiB');
    if (reading !== 'GiB' && reading !== 'GB') throw new InputError('memory-reading', `--memory-reading must be GiB or GB, got "${reading}"`);
    const eff = {
      compute: optionalNumberFlag(flags, 'compute-efficiency', DEFAULT_EFFICIENCIES.compute),
      memory: optionalNumberFlag(flags, 'memory-efficiency', DEFAULT_EFFICIENCIES.memory),
      comm: optionalNumberFlag(flags, 'comm-efficiency', DEFAULT_EFFICIENCIES.comm),
      allReduceLatency: optionalNumberFlag(flags, 'all-reduce-latency', DEFAULT_EFFICIENCIES.allReduceLatency),
    };
    const utilization = optionalNumberFlag(flags, 'utilization', DEFAULT_MEMORY_UTILIZATION);
    checkInputs(
      { ...eff, utilization },
      { compute: 'fraction', memory: 'fraction', comm: 'fraction', allReduceLatency: 'nonNegative', utilization: 'fraction' },
      {
        compute: '--compute-efficiency',
        memory: '--memory-efficiency',
        comm: '--comm-efficiency',
        allReduceLatency: '--all-reduce-latency',
        utilization: '--utilization',
      },
    );
    const peakDtype = computeDtype(dtype);
    const peak = gpuPeakFlops(gpu, peakDtype);
    // Weight-only quantisation keeps the KV cache in bf16.
    const kvBytesPerElement = dtype === 'int8' || dtype === 'int4' ? 2 : bytesPerElement(dtype);
    const weights = weightsBytes(spec, dtype);
    const kvPerToken = kvCacheBytesPerToken(spec, kvBytesPerElement);
    let linkBandwidth = 1;
    if (work.gpus > 1) {
      const bidirectional = optionalNumberFlag(flags, 'link-bandwidth', gpu.interconnect.bandwidth ?? 0);
      if (!(bidirectional > 0)) {
        throw new InputError('link-bandwidth', `${gpu.name} has no GPU-to-GPU link in the table; pass --link-bandwidth (bidirectional B/s)`);
      }
      linkBandwidth = bidirectional / 2;
    }
    const latency = estimateInferenceLatency(
      {
        params: activeParams(spec),
        layers: spec.layers,
        attentionWidth: spec.heads * spec.headDim,
        hidden: spec.hidden,
        weightsBytes: weights,
        kvBytesPerToken: kvPerToken,
        activationBytesPerElement: 2,
        // Serving computes logits for the last position only.
        prefillFlops: (b, s, mode) => prefillFlops({ spec, batch: b, promptTokens: s, attention: mode, logits: 'last' }).total,
        decodeStepFlops: (b, context) => decodeStepFlops({ spec, batch: b, contextTokens: context }).total,
      },
      { gpus: work.gpus, peak, memoryBandwidth: gpu.memoryBandwidth, linkBandwidth },
      { batch: work.batch, input: work.input, output: work.output, attention },
      eff,
    );
    const memoryPerGpu = gpuMemoryBytes(gpu, reading as MemoryReading);
    const activations = servingActivationBytes({
      gpus: work.gpus,
      tokens: work.input,
      hidden: spec.hidden,
      ffnWidth: spec.moe ? Math.max(spec.ffnWidth, spec.moe.expertWidth * spec.moe.topK) : spec.ffnWidth,
      ffnTensors: spec.ffn === 'gated' ? 3 : 2,
      bytesPerElement: 2,
    });
    const budget = kvBudgetBytes({ gpus: work.gpus, memoryPerGpu, utilization, weightsBytes: weights, activationBytes: activations });
    const kvPerRequest = (work.input + work.output) * kvPerToken;
    const kvCacheBytes = work.batch * kvPerRequest;
    return {
      model: spec.id,
      gpu: gpu.id,
      gpus: work.gpus,
      dtype,
      attention,
      prefillFlops: latency.prefillFlops,
      ttftSeconds: latency.ttftSeconds,
      tpotSeconds: latency.tpotSeconds,
      totalSeconds: latency.totalSeconds,
      prefillRegime: latency.prefill.regime,
      decodeRegime: latency.decodeLast.regime,
      prefill: latency.prefill,
      decodeFirst: latency.decodeFirst,
      decodeLast: latency.decodeLast,
      weightsBytes: weights,
      kvCacheBytes,
      kvCacheBytesPerRequest: kvPerRequest,
      activationBytes: activations,
      memoryBytes: work.gpus * memoryPerGpu,
      memoryReading: reading,
      fits: weights + activations + kvCacheBytes <= work.gpus * memoryPerGpu * utilization,
      maxConcurrency: maxConcurrency(budget, kvPerRequest),
      assumptions: { peakFlops: peak, peakDtype, efficiencies: eff, utilization, linkBandwidthPerDirection: work.gpus > 1 ? linkBandwidth : null },
    };
  },
};
