/**
 * Every registered formula's worked example, with the value it must give, worked out by
 * hand from the formula as written (the arithmetic is in the comment above each row), not
 * by the code under test. A formula whose compute changes a result, or a new formula
 * without a row here, fails.
 *
 * Exact integers are compared exactly; other values to 12 significant figures.
 */
import { describe, expect, it } from 'vitest';
import { FORMULAS } from '../../src/core/registry';

type Row = readonly [id: string, expected: number, compare: 'exact' | 'close'];

const WORKED: readonly Row[] = [
  // 2·4096·4096·4096
  ['matmul.flops', 137_438_953_472, 'exact'],
  // (4096·4096 + 4096·4096 + 4096·4096)·2
  ['matmul.bytes', 100_663_296, 'exact'],
  // 2·8·2048·4096·4096
  ['matmul.batchedFlops', 549_755_813_888, 'exact'],
  // (8·2048·4096 + 4096·4096 + 8·2048·4096)·2
  ['matmul.batchedBytes', 301_989_888, 'exact'],
  // (2·1·4096·4096·4096)/((1·4096·4096 + 4096·4096 + 1·4096·4096)·2)
  ['matmul.intensity', 1365.3333333333333, 'close'],
  // 312,000,000,000,000/2,039,000,000,000
  ['matmul.ridgePoint', 153.01618440411966, 'close'],
  // max(137,438,953,472/312,000,000,000,000, 100,663,296/2,039,000,000,000)
  ['matmul.rooflineTime', 0.0004405094662564103, 'close'],
  // 512·4·108·1,410,000,000
  ['gpu.peakFlops', 311_869_440_000_000, 'exact'],
  // 400,000,000,000/2
  ['gpu.perDirectionBandwidth', 200_000_000_000, 'exact'],
  // 2·(8·4·8)
  ['gpu.tensorCoreFlopsPerClock', 512, 'exact'],
  // 4·108
  ['gpu.tensorCoreCount', 432, 'exact'],
  // (311,869,440,000,000 - 312,000,000,000,000)/312,000,000,000,000
  ['gpu.peakDeviation', -0.00041846153846153845, 'close'],
  // min(312,000,000,000,000, 1·2,039,000,000,000)
  ['gpu.attainableFlops', 2_039_000_000_000, 'exact'],
  // 0.8·312,000,000,000,000
  ['gpu.practicalPeak', 249_600_000_000_000, 'exact'],
  // (4096·4096)/(ceil(ceil(4096/128)·ceil(4096/128)/108)·108·128·128)
  ['gpu.tileEfficiency', 0.9481481481481482, 'close'],
  // 64/8
  ['variants.kvHeadSaving', 8, 'exact'],
  // (21·8192 + 21·min(8192, 4096))·4096·2
  ['variants.mixedWindowKvCache', 2_113_929_216, 'exact'],
  // (2·128·128)/(512 + 64)
  ['variants.mlaCompression', 56.888888888888886, 'close'],
  // (46,702,792,704 - 45,097,156,608 + 45,097,156,608/8)·2
  ['variants.expertParallelWeights', 14_485_561_344, 'exact'],
  // 256·ceil(floor(1·floor(8·4096/3))/256)
  ['variants.swigluWidth', 11_008, 'exact'],
  // 12·32·4096^2 + 32,000·4096
  ['params.approx', 6_573_522_944, 'exact'],
  // 4·4096^2
  ['params.attentionPerLayer', 67_108_864, 'exact'],
  // 2·8192·64·128 + 2·8192·8·128
  ['params.attentionPerLayerGqa', 150_994_944, 'exact'],
  // 8·4096^2
  ['params.ffnPerLayer', 134_217_728, 'exact'],
  // 3·4096·11,008
  ['params.ffnGatedPerLayer', 135_266_304, 'exact'],
  // 32,000·4096
  ['params.embedding', 131_072_000, 'exact'],
  // 46,702,792,704 - 32·(8 - 2)·3·4096·14,336
  ['params.moeActive', 12_879_925_248, 'exact'],
  // 12·4096^2
  ['params.layerApprox', 201_326_592, 'exact'],
  // 3·2·1·1024·4096^2
  ['flops.qkvProjection', 103_079_215_104, 'exact'],
  // 4·1·1024·1024·4096
  ['flops.attentionScores', 17_179_869_184, 'exact'],
  // 2·1·1024·4096^2
  ['flops.outProjection', 34_359_738_368, 'exact'],
  // 16·1·1024·4096^2
  ['flops.ffn', 274_877_906_944, 'exact'],
  // 2·1·1024·4096·32,000
  ['flops.lmHead', 268_435_456_000, 'exact'],
  // 1·4096·(2·6,738,415,616 + 4·32·4096·4096)
  ['flops.forward', 63_997_193_748_480, 'exact'],
  // 2·6,738,415,616
  ['flops.perToken', 13_476_831_232, 'exact'],
  // 2·1·1024·(2·8192·64·128 + 2·8192·8·128)
  ['flops.attentionProjectionsGqa', 309_237_645_312, 'exact'],
  // 4·1·4096·(1024·1024 - 1024·(1024 - 1)/2)
  ['flops.attentionScoresCausal', 8_598_323_200, 'exact'],
  // 2·2·1·1024·4096·16,384
  ['flops.ffnPlain', 274_877_906_944, 'exact'],
  // 3·2·1·1024·4096·11,008
  ['flops.ffnGated', 277_025_390_592, 'exact'],
  // 24·1·1024·4096^2 + 4·1·1024·1024·4096
  ['flops.layer', 429_496_729_600, 'exact'],
  // 6,738,415,616/(2·32·4096)
  ['flops.attentionCrossover', 25705.015625, 'close'],
  // 6,738,415,616·2
  ['memory.weights', 13_476_831_232, 'exact'],
  // 2·80·4000·8·128·2
  ['memory.kvCache', 1_310_720_000, 'exact'],
  // 2·80·8·128·2
  ['memory.kvCachePerToken', 327_680, 'exact'],
  // (512 + 64)·61·1·2
  ['memory.mlaKvCache', 70_272, 'exact'],
  // 2·32·min(32,768, 4096)·8·128·2
  ['memory.slidingWindowKvCache', 536_870_912, 'exact'],
  // 2·4000·(2·8192 + 86,016) + 4·1·32,000
  ['memory.inferenceActivations', 819_328_000, 'exact'],
  // 137,953,296,384 + 100·1,310,720,000 + 819,328,000
  ['memory.inferenceTotal', 269_844_624_384, 'exact'],
  // ceil(137,953,296,384/1,310,720,000)
  ['memory.kvCrossover', 106, 'exact'],
  // 6·6,738,415,616
  ['training.flopsPerToken', 40_430_493_696, 'exact'],
  // 8·6,738,415,616
  ['training.flopsPerTokenRecompute', 53_907_324_928, 'exact'],
  // 6·70,553,706,496 + 12·1·80·64·128·8192
  ['training.attentionFlops', 487_746_748_416, 'exact'],
  // 420,000,000,000·15,000,000,000,000
  ['training.totalFlops', 6.3e24, 'close'],
  // 6.3e+24/(16,384·989,000,000,000,000·0.4)
  ['training.time', 971995.6632330638, 'close'],
  // 6.3e+24/(989,000,000,000,000·0.4·3600)
  ['training.gpuHours', 4423660.26289181, 'close'],
  // (2 + 2 + 4 + 8)·6,738,415,616
  ['training.modelStateBytes', 107_814_649_856, 'exact'],
  // 7,500,000,000·(2/64^(3>=3) + 2/64^(3>=2) + 12/64^(3>=1))
  ['training.zero', 1_875_000_000, 'exact'],
  // 2048·1·12,288·(34 + 5·96·2048/12,288)
  ['training.activationBytes', 2_868_903_936, 'exact'],
  // 2048·1·12,288·(10 + 24/8 + 5·96·2048/(12,288·8))
  ['training.activationBytesTp', 578_813_952, 'exact'],
  // (2048·1·12,288/8)·(34 + 5·96·2048/12,288)
  ['training.activationBytesTpSp', 358_612_992, 'exact'],
  // 34·2048·1·12,288/8
  ['training.activationBytesSelective', 106_954_752, 'exact'],
  // 2·2048·1·12,288/1
  ['training.activationBytesFull', 50_331_648, 'exact'],
  // 13,476,831,232 + 32·33,554,432
  ['training.memoryPerGpu', 14_550_573_056, 'exact'],
  // 6.3e+24/(16,384·989,000,000,000,000·2,592,000)
  ['training.mfuFromTime', 0.14999933074584318, 'close'],
  // 420,000,000,000·400/(1·989,000,000,000,000)
  ['mfu.mfu', 0.1698685540950455, 'close'],
  // 420,000,000,000·15,000,000,000,000/(6,400,000·3600·989,000,000,000,000)
  ['mfu.fromGpuHours', 0.2764787664307381, 'close'],
  // (420,000,000,000 + 140,000,000,000)·400/(1·989,000,000,000,000)
  ['mfu.hfu', 0.22649140546006066, 'close'],
  // 8·312,000,000,000,000·0.8/(2·70,000,000,000)
  ['mfu.inferenceCeiling', 14262.857142857143, 'close'],
  // 16·4000·(2·68,976,648,192 + 4·80·8192·1·4000)
  ['latency.prefillFlops', 9500099608576000.0, 'close'],
  // max(8,800,000,000,000,000/(8·312,000,000,000,000·0.8), 1,800,000,000,000/(8·2,039,000,000,000·0.9))
  ['latency.kernelRoofline', 4.407051282051282, 'close'],
  // 0.0032 + 80·3.4e-05
  ['latency.stepOverhead', 0.00592, 'close'],
  // 4.4 + 0.34 + 0.05 + 1.84 + 0.006
  ['latency.prefill', 6.636, 'close'],
  // 0.0094 + 0.0015 + 7e-07 + 0.0016 + 0.0059
  ['latency.decode', 0.0184007, 'close'],
  // 1e-05 + 2·(8 - 1)/8·1,048,576,000/160,000,000,000
  ['latency.allReduce', 0.011478799999999999, 'close'],
  // 2·80·(1e-05 + 2·(8 - 1)/8·64,000·8192·2/160,000,000,000)
  ['latency.tensorParallelComm', 1.8366079999999998, 'close'],
  // 137,953,296,384·312,000,000,000,000·0.8/(137,953,296,384·2,039,000,000,000·0.9)
  ['latency.decodeCriticalBatch', 136.01438613699526, 'close'],
  // 16/0.04
  ['latency.decodeThroughput', 400, 'exact'],
  // (4 - 1)/(8 + 4 - 1)
  ['parallel.pipelineBubble', 0.2727272727272727, 'close'],
  // 2·(8 - 1)/8·6,738,415,616·2
  ['parallel.dataAllReduce', 23_584_454_656, 'exact'],
  // 4·32·2·(8 - 1)/8·1·4096·4096·2
  ['parallel.tensorComm', 7_516_192_768, 'exact'],
  // 4·32·(8 - 1)/8·1·4096·2·4096·2
  ['parallel.expertAllToAll', 7_516_192_768, 'exact'],
  // 2·8·1·4096·8192·2
  ['parallel.pipelineP2P', 1_073_741_824, 'exact'],
  // 2·2·1·(4 - 1)/4·1·131,072·8·128·2
  ['parallel.contextComm', 805_306_368, 'exact'],
  // 16·8·4·1
  ['parallel.worldSize', 512, 'exact'],
  // 6·70,000,000,000·8·1·4096/(8·4·1)
  ['parallel.flopsPerGpu', 430_080_000_000_000, 'exact'],
  // 430,080,000,000,000/(989,000,000,000,000·0.5)/(1 - 0.2727272727272727)
  ['parallel.stepTime', 1.1958746208291202, 'close'],
  // 2·80·4000·8·128·2
  ['serving.kvPerRequest', 1_310_720_000, 'exact'],
  // 2·85,899,345,920·0.9 - 137,953,296,384 - 819,200,000
  ['serving.kvBudget', 15_846_326_272, 'exact'],
  // floor(15,846,326,272/1,310,720,000)
  ['serving.maxConcurrency', 12, 'exact'],
  // 2·4000·(8192 + 3·28,672/2)·2
  ['serving.activationBytes', 819_200_000, 'exact'],
  // 10·1000/57.8
  ['serving.continuousThroughput', 173.01038062283737, 'close'],
  // 2·32·32·128·2·16
  ['serving.kvBlockBytes', 8_388_608, 'exact'],
  // floor(15,846,326,272/5,242,880)
  ['serving.kvBlocksAvailable', 3_022, 'exact'],
  // (1/200)·Σ_{j=1..200} ⌈(4,000 + j)/16⌉, each term 250 + ⌈j/16⌉: (200·250 + 16·(1 + … + 12) + 8·13)/200 = 51,352/200
  ['serving.kvBlocksInFlight', 256.76, 'close'],
  // floor((3022 - 0)/(256.76 - 0·0))
  ['serving.pagedConcurrency', 11, 'exact'],
  // (3000 + (1000 + 1)/2)/4096
  ['serving.kvSlotUtilization', 0.8546142578125, 'close'],
  // 16·min(floor(1000/16), floor((4000 - 1)/16))
  ['serving.prefixCachedTokens', 992, 'exact'],
  // 0.8·430,000,000,000,000 + (1 - 0.8)·580,000,000,000,000
  ['serving.prefixPrefillFlops', 460_000_000_000_000, 'exact'],
  // 0.8·0.15 + (1 - 0.8)·0.2
  ['serving.prefixTtft', 0.15999999999999998, 'close'],
  // ceil(4000/512)
  ['serving.prefillChunks', 8, 'exact'],
  // 0.03 + 0.5
  ['serving.decodeGap', 0.53, 'close'],
  // 8·0.09
  ['serving.chunkedTtft', 0.72, 'close'],
  // (1 - 0.8^(5 + 1))/(1 - 0.8)
  ['serving.speculativeTokens', 3.68928, 'close'],
  // (1 - 0.8^(5 + 1))/((1 - 0.8)·(5·0.05 + 1))
  ['serving.speculativeSpeedup', 2.951424, 'close'],
  // 0.0035/0.0151
  ['serving.speculativeCost', 0.23178807947019867, 'close'],
  // (5·0.0035 + 0.0158)/3.68928
  ['serving.speculativeTpot', 0.009026151444184232, 'close'],
  // 4 + 20/128
  ['serving.quantBitsPerWeight', 4.15625, 'close'],
  // (68,451,041,280·4 + 534,773,760·20)/8 + 525,606,912·2
  ['serving.quantizedWeights', 36_613_668_864, 'exact'],
  // 655,360,000/(4·50,000,000,000·0.8)
  ['serving.kvTransfer', 0.004096, 'close'],
  // 2·(0.5 - 0 - 0.2)/(0.2·(2·(0.5 - 0) - 0.2))
  ['serving.prefillPoolRate', 3.749999999999999, 'close'],
  // 64/((201 - 1)·0.04)
  ['serving.decodePoolRate', 8, 'exact'],
  // min(1·3.75, 1·8)/(1·4 + 1·4)
  ['serving.disaggregatedGoodput', 0.46875, 'close'],
  // 2·32,000·4096 + 32·(4·4096^2 + 3·4096·11,008 + 2·4096) + 4096
  ['cases.llamaParams', 6_738_415_616, 'exact'],
  // 5·10
  ['capacity.littlesLaw', 50, 'exact'],
  // ceil(50/4.4)
  ['capacity.replicas', 12, 'exact'],
  // 12·4
  ['capacity.fleetGpus', 48, 'exact'],
  // 4.4/4
  ['capacity.goodputPerGpu', 1.1, 'close'],
  // 1e6·8·2·0.75/(3600·880)
  ['capacity.costPerMillionTokens', 3.787878787878788, 'close'],
  // 8·2/(3600·4.4)
  ['capacity.costPerRequest', 0.0010101010101010099, 'close'],
  // 48·2·730
  ['capacity.monthlyCost', 70_080, 'exact'],
  // 1,000,000/2·3600·989,400,000,000,000·0.4
  ['capacity.budgetFlops', 7.12368e23, 'close'],
  // 1.69 + 406.4/70,000,000,000^0.34 + 410.7/1,400,000,000,000^0.28
  ['capacity.chinchillaLoss', 1.9366454705587173, 'close'],
  // (0.34·406.4/(0.28·410.7))^(1/(0.34 + 0.28))·(1e+24/6)^(0.28/(0.34 + 0.28))
  ['capacity.chinchillaParams', 41296702419.415146, 'close'],
  // (0.34·406.4/(0.28·410.7))^(-1/(0.34 + 0.28))·(1e+24/6)^(0.34/(0.34 + 0.28))
  ['capacity.chinchillaTokens', 4035834749563.6807, 'close'],
  // sqrt(1e+24/(6·20))
  ['capacity.tokensPerParamRule', 91287092917.52768, 'close'],
  // (2 + 12)·405,000,000,000
  ['capacity.checkpointBytes', 5_670_000_000_000, 'exact'],
  // 5,670,000,000,000/2,000,000,000,000
  ['capacity.checkpointWrite', 2.835, 'close'],
  // 16,384·54·24/419
  ['capacity.gpuMtbf', 50677.00238663484, 'close'],
  // 50,677·3600/16,384
  ['capacity.clusterMtbf', 11135.0830078125, 'close'],
  // sqrt(2·2.84·11,135)
  ['capacity.youngInterval', 251.48916477653663, 'close'],
  // sqrt(2·2.84·11,135)·(1 + sqrt(2.84/(2·11,135))/3 + 2.84/(18·11,135)) - 2.84
  ['capacity.dalyInterval', 249.59939492785114, 'close'],
  // (251 + 2.84)/2 + 600
  ['capacity.lostWork', 726.92, 'close'],
  // 4,665,600·(1 + 2.84/251)/(1 - 727/11,135)
  ['capacity.wallClock', 5047970.14518406, 'close'],
];

const byId = new Map(FORMULAS.map((f) => [f.id, f]));

describe('worked examples', () => {
  it.each(WORKED)('%s(example) = %d', (id, expected, compare) => {
    const f = byId.get(id);
    expect(f, `${id} is registered`).toBeDefined();
    const value = f!.derive(f!.example).value;
    if (compare === 'exact') expect(value).toBe(expected);
    else expect(Math.abs(value - expected)).toBeLessThanOrEqual(1e-12 * Math.abs(expected));
  });

  it('every registered formula has a worked example here, once', () => {
    const ids = WORKED.map(([id]) => id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(FORMULAS.map((f) => f.id).filter((id) => !ids.includes(id))).toEqual([]);
  });
});
