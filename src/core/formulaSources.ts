/**
 * Where each registered formula comes from: one or more entries of the bibliography
 * (./references.ts), and for the reference article the section it follows. Derivation
 * cards show these as a "Sources" line; a test checks that every formula in the registry
 * has at least one source and that every source exists.
 *
 * Kept apart from the formula definitions so that a citation can change without
 * touching a formula, and so that an island can import it without the formulas.
 */
import { type ARTICLE_SECTIONS, articleSectionLabel, getReference, type Reference } from './references';

export interface FormulaSource {
  /** A reference id (./references.ts). */
  ref: string;
  /** For the article: its section number (a key of ARTICLE_SECTIONS). For others: a section, table or appendix. */
  section?: string;
}

const article = (section: keyof typeof ARTICLE_SECTIONS & string): FormulaSource => ({ ref: 'article', section });
const cite = (ref: string, section?: string): FormulaSource => (section === undefined ? { ref } : { ref, section });

export const FORMULA_SOURCES: Readonly<Record<string, readonly FormulaSource[]>> = {
  // Chapter 1: tensors
  'matmul.flops': [article('1.2')],
  'matmul.bytes': [article('1.2')],
  'matmul.batchedFlops': [article('1.2')],
  'matmul.batchedBytes': [article('1.2')],
  'matmul.intensity': [cite('williams-2009'), cite('nvidia-matmul-guide')],
  'matmul.ridgePoint': [cite('williams-2009'), cite('nvidia-a100-datasheet'), cite('nvidia-h100-datasheet')],
  'matmul.rooflineTime': [cite('williams-2009')],

  // Chapter 2: GPU peak
  'gpu.peakFlops': [article('1.3'), cite('nvidia-a100-whitepaper')],
  'gpu.perDirectionBandwidth': [cite('nvidia-a100-whitepaper'), cite('nvidia-h100-whitepaper')],
  'gpu.tensorCoreFlopsPerClock': [article('1.3'), cite('nvidia-a100-whitepaper')],
  'gpu.tensorCoreCount': [article('1.3'), cite('nvidia-a100-whitepaper')],
  'gpu.peakDeviation': [cite('nvidia-a100-datasheet'), cite('nvidia-h100-datasheet')],
  'gpu.attainableFlops': [cite('williams-2009')],
  'gpu.practicalPeak': [article('1.3')],
  'gpu.tileEfficiency': [cite('nvidia-matmul-guide', 'tile and wave quantization'), article('1.3')],

  // Chapter 3: anatomy
  'params.embedding': [article('2.3')],
  'flops.lmHead': [article('2.4')],

  // Chapter 4: attention and FFN
  'params.attentionPerLayer': [article('2.7')],
  'params.attentionPerLayerGqa': [cite('ainslie-2023')],
  'params.ffnPerLayer': [article('2.8')],
  'params.ffnGatedPerLayer': [cite('shazeer-2020'), cite('touvron-2023-llama', '§2.2')],
  'params.layerApprox': [article('2.10')],
  'flops.qkvProjection': [article('2.6')],
  'flops.attentionScores': [article('2.6'), article('2.7')],
  'flops.outProjection': [article('2.6')],
  'flops.ffn': [article('2.8')],
  'flops.attentionProjectionsGqa': [cite('ainslie-2023')],
  'flops.attentionScoresCausal': [cite('vaswani-2017'), cite('dao-2022')],
  'flops.ffnPlain': [article('2.8')],
  'flops.ffnGated': [cite('shazeer-2020')],
  'flops.layer': [article('2.9'), article('2.11')],

  // Chapter 5: parameters and FLOPs
  'params.approx': [article('2.10')],
  'flops.forward': [article('2.11')],
  'flops.perToken': [article('2.11'), cite('kaplan-2020', '§2.1'), cite('jiang-2024'), cite('fedus-2021')],
  'flops.attentionCrossover': [article('2.11'), cite('kaplan-2020', '§2.1')],

  // Chapter 6: inference memory
  'memory.weights': [article('2.12')],
  'memory.kvCache': [article('2.12'), cite('pope-2022', '§2')],
  'memory.kvCachePerToken': [article('2.12'), cite('ainslie-2023')],
  'memory.inferenceActivations': [article('2.12'), cite('dao-2022')],
  'memory.inferenceTotal': [article('2.12'), cite('kwon-2023')],
  'memory.kvCrossover': [article('2.12')],

  // Chapter 7: training
  'training.flopsPerToken': [article('2.14'), cite('kaplan-2020', '§2.1')],
  'training.flopsPerTokenRecompute': [cite('korthikanti-2022'), cite('chowdhery-2022', 'appendix B')],
  'training.attentionFlops': [cite('chowdhery-2022', 'appendix B')],
  'training.totalFlops': [cite('kaplan-2020', '§2.1')],
  'training.time': [cite('narayanan-2021')],
  'training.gpuHours': [cite('narayanan-2021'), cite('llama3-model-card')],
  'training.modelStateBytes': [cite('rajbhandari-2020', '§3.1'), cite('megatron-distributed-optimizer'), article('2.15')],
  'training.zero': [cite('rajbhandari-2020', '§5, figure 1')],
  'training.activationBytes': [cite('korthikanti-2022', '§4'), article('2.15')],
  'training.activationBytesTp': [cite('korthikanti-2022', '§4')],
  'training.activationBytesTpSp': [cite('korthikanti-2022', '§4')],
  'training.activationBytesSelective': [cite('korthikanti-2022', '§4')],
  'training.activationBytesFull': [cite('korthikanti-2022', '§4')],
  'training.memoryPerGpu': [cite('korthikanti-2022', '§4.2.3'), cite('rajbhandari-2020')],
  'training.mfuFromTime': [cite('chowdhery-2022', 'appendix B')],

  // Chapter 8: MFU and latency
  'mfu.mfu': [article('2.16'), cite('chowdhery-2022', 'appendix B')],
  'mfu.fromGpuHours': [cite('chowdhery-2022', 'appendix B'), cite('llama3-model-card')],
  'mfu.hfu': [cite('chowdhery-2022', 'appendix B')],
  'mfu.inferenceCeiling': [article('2.16')],
  'latency.prefillFlops': [article('2.11'), cite('pope-2022', '§2')],
  'latency.prefill': [cite('pope-2022', '§2'), cite('williams-2009')],
  'latency.decode': [cite('pope-2022', '§2'), cite('williams-2009')],
  'latency.allReduce': [cite('patarasuk-2009'), cite('shoeybi-2019', '§3')],
  'latency.tensorParallelComm': [cite('shoeybi-2019', '§3'), cite('pope-2022')],
  'latency.decodeCriticalBatch': [cite('pope-2022', '§2'), cite('williams-2009')],
  'latency.decodeThroughput': [cite('pope-2022')],
  'latency.kernelRoofline': [cite('williams-2009'), cite('pope-2022', '§2')],
  'latency.stepOverhead': [cite('trtllm-perf-138f96d4'), cite('nim-benchmarking'), cite('vllm-perf-ci')],
  'serving.kvPerRequest': [article('2.12'), cite('ainslie-2023')],
  'serving.kvBudget': [cite('vllm-engine-args'), cite('kwon-2023')],
  'serving.maxConcurrency': [article('questions'), cite('kwon-2023')],
  'serving.activationBytes': [article('2.12')],

  // Chapter 11: serving in practice
  'serving.continuousThroughput': [cite('yu-2022-orca'), cite('little-1961')],
  'serving.kvBlockBytes': [cite('kwon-2023', '§3, KV bytes per token; §4.1, blocks'), cite('vllm-engine-args', 'block_size')],
  'serving.kvBlocksAvailable': [cite('kwon-2023', '§4.2, KV cache manager'), cite('vllm-engine-args', 'gpu_memory_utilization')],
  'serving.kvBlocksInFlight': [cite('kwon-2023', '§4.3, waste only in the last block')],
  'serving.pagedConcurrency': [cite('kwon-2023', '§4.2–4.4'), cite('vllm-prefix-caching')],
  'serving.kvSlotUtilization': [cite('kwon-2023', 'figure 2 and §3.1')],
  'serving.prefixCachedTokens': [cite('vllm-prefix-caching'), cite('zheng-2023-sglang', '§3, RadixAttention')],
  'serving.prefixPrefillFlops': [cite('zheng-2023-sglang', '§3, RadixAttention'), cite('vllm-prefix-caching')],
  'serving.prefixTtft': [cite('zheng-2023-sglang', '§3, RadixAttention'), cite('vllm-prefix-caching')],
  'serving.prefillChunks': [cite('agrawal-2023-sarathi'), cite('agrawal-2024-sarathi-serve', '§4, chunked prefills and the token budget')],
  'serving.decodeGap': [cite('agrawal-2024-sarathi-serve', 'generation stalls'), cite('agrawal-2023-sarathi')],
  'serving.chunkedTtft': [cite('agrawal-2024-sarathi-serve', '§4'), cite('agrawal-2023-sarathi')],
  'serving.speculativeTokens': [cite('leviathan-2023', 'Eq. (1)')],
  'serving.speculativeSpeedup': [cite('leviathan-2023', 'Theorem 3.8, Corollary 3.9')],
  'serving.speculativeCost': [cite('leviathan-2023', 'Definition 3.7')],
  'serving.speculativeTpot': [cite('leviathan-2023', 'Eq. (1), Theorem 3.8')],
  'serving.quantBitsPerWeight': [cite('frantar-2023-gptq'), cite('lin-2024-awq')],
  'serving.quantizedWeights': [cite('frantar-2023-gptq'), cite('lin-2024-awq'), cite('micikevicius-2022-fp8')],
  'serving.kvTransfer': [cite('zhong-2024-distserve'), cite('patel-2024-splitwise')],
  'serving.prefillPoolRate': [cite('zhong-2024-distserve', 'the M/D/1 analysis of a prefill instance')],
  'serving.decodePoolRate': [cite('little-1961'), cite('zhong-2024-distserve')],
  'serving.disaggregatedGoodput': [cite('zhong-2024-distserve', 'goodput'), cite('patel-2024-splitwise')],

  // Chapter 9: parallelism
  'parallel.pipelineBubble': [cite('huang-2019'), cite('narayanan-2021', '§2.2')],
  'parallel.dataAllReduce': [cite('patarasuk-2009'), cite('rajbhandari-2020', '§7')],
  'parallel.tensorComm': [cite('shoeybi-2019', '§3'), cite('korthikanti-2022', '§4.2.2')],
  'parallel.expertAllToAll': [cite('lepikhin-2020'), cite('fedus-2021')],
  'parallel.pipelineP2P': [cite('narayanan-2021'), cite('huang-2019')],
  'parallel.contextComm': [cite('liu-2023')],
  'parallel.worldSize': [article('2.17'), cite('narayanan-2021')],
  'parallel.flopsPerGpu': [cite('narayanan-2021')],
  'parallel.stepTime': [cite('narayanan-2021')],

  // Chapter 10: variants
  'variants.kvHeadSaving': [cite('shazeer-2019'), cite('ainslie-2023')],
  'variants.mixedWindowKvCache': [cite('gemma2-2024'), cite('beltagy-2020')],
  'variants.mlaCompression': [cite('deepseek-v2-2024', '§2.1')],
  'variants.expertParallelWeights': [cite('lepikhin-2020'), cite('fedus-2021')],
  'variants.swigluWidth': [cite('shazeer-2020'), cite('touvron-2023-llama', '§2.2'), cite('meta-llama-model-py')],
  'params.moeActive': [cite('jiang-2024')],
  'memory.mlaKvCache': [cite('deepseek-v2-2024', '§2.1')],
  'memory.slidingWindowKvCache': [cite('jiang-2023'), cite('beltagy-2020')],

  // Chapter 11: cases
  'cases.llamaParams': [cite('touvron-2023-llama2'), cite('hf-llama-2-7b'), cite('meta-llama-model-py')],

  // Chapter 12: capacity and cost
  'capacity.littlesLaw': [cite('little-1961')],
  'capacity.replicas': [cite('zhong-2024-distserve', '§2, goodput and per-GPU goodput')],
  'capacity.fleetGpus': [cite('zhong-2024-distserve', '§2, goodput and per-GPU goodput')],
  'capacity.goodputPerGpu': [cite('zhong-2024-distserve', '§1–2, goodput')],
  'capacity.costPerMillionTokens': [cite('pope-2022', '§1, cost as chip-seconds per token'), cite('zhong-2024-distserve', '§1, cost per request')],
  'capacity.costPerRequest': [cite('zhong-2024-distserve', '§1, cost per request'), cite('pope-2022', '§1, cost as chip-seconds per token')],
  'capacity.monthlyCost': [cite('pope-2022', '§1, cost as chip-seconds per token')],
  'capacity.budgetFlops': [cite('chowdhery-2022', 'appendix B, MFU'), cite('kaplan-2020', '§2.1, 6N per token')],
  'capacity.chinchillaLoss': [cite('hoffmann-2022', '§3.3 and appendix D, eq. (10)'), cite('besiroglu-2024')],
  'capacity.chinchillaParams': [cite('hoffmann-2022', '§3.3, eq. (4); table 2'), cite('besiroglu-2024')],
  'capacity.chinchillaTokens': [cite('hoffmann-2022', '§3.3, eq. (4); table 2'), cite('besiroglu-2024')],
  'capacity.tokensPerParamRule': [cite('hoffmann-2022', 'abstract: 70B parameters, 1.4T tokens'), cite('besiroglu-2024')],
  'capacity.checkpointBytes': [cite('rajbhandari-2020', '§3.1, model states'), cite('llama3-herd-2024', '§3.3.1, checkpoints')],
  'capacity.checkpointWrite': [cite('llama3-herd-2024', '§3.3.1, storage')],
  'capacity.gpuMtbf': [cite('llama3-herd-2024', '§3.3.4, table 5')],
  'capacity.clusterMtbf': [cite('young-1974'), cite('llama3-herd-2024', '§3.3.4')],
  'capacity.youngInterval': [cite('young-1974')],
  'capacity.dalyInterval': [cite('daly-2006')],
  'capacity.lostWork': [cite('young-1974'), cite('daly-2006')],
  'capacity.wallClock': [cite('young-1974'), cite('daly-2006'), cite('llama3-herd-2024', '§3.3.4, effective training time')],
};

/** A formula source resolved for display. */
export interface ResolvedSource {
  ref: Reference;
  section?: string;
  /** Link text, e.g. "Korthikanti et al. 2022, §4" or "the reference article, §2.11, inference FLOPs". */
  label: string;
  /** The anchor on /references/, i.e. the reference id. */
  anchor: string;
}

/**
 * The sources of a registered formula, resolved to their references, in citation order.
 * An unknown formula id, or a formula without sources, gives an empty list.
 * @example sourcesOf('training.activationBytes')[0]?.label //=> "Korthikanti et al. 2022, §4"
 */
export function sourcesOf(formulaId: string): ResolvedSource[] {
  return (FORMULA_SOURCES[formulaId] ?? []).map((s) => {
    const ref = getReference(s.ref);
    const where = s.section === undefined ? '' : `, ${ref.id === 'article' ? articleSectionLabel(s.section) : s.section}`;
    return { ref, ...(s.section === undefined ? {} : { section: s.section }), label: `${ref.short}${where}`, anchor: ref.id };
  });
}

/**
 * The formula ids that cite a reference, in registry-independent insertion order.
 * @example formulasCiting('patarasuk-2009') //=> ["latency.allReduce", "parallel.dataAllReduce"]
 */
export function formulasCiting(refId: string): string[] {
  return Object.entries(FORMULA_SOURCES)
    .filter(([, sources]) => sources.some((s) => s.ref === refId))
    .map(([id]) => id);
}
