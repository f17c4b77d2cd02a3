/**
 * The version of the core's formulas and the conventions behind them. A link keeps
 * its inputs in the URL; if a convention ever changes (what a FLOP counts, GB vs GiB,
 * whether attention is in MFU), the change is recorded here with the version, so a
 * number in an old design doc can be traced to the convention it was computed under.
 */
export interface ChangelogEntry {
  version: string;
  /** ISO date. */
  date: string;
  /** Formula ids affected (empty for site-wide conventions). */
  formulas: readonly string[];
  change: string;
}

export const CHANGELOG: readonly ChangelogEntry[] = [
  {
    version: '1.0.0',
    date: '2026-11-28',
    formulas: [],
    change:
      'First release. Conventions: one FLOP is one multiply or one add (an FMA is 2); bytes are SI (GB = 1e9 B), GiB only when labelled; GPU peaks are dense (no 2:4 sparsity); parameter counts exclude non-trainable buffers (causal masks, rotary inv_freq).',
  },
  {
    version: '1.0.1',
    date: '2026-12-02',
    formulas: [],
    change:
      'No formula changed; errata in the text and sources added. Corrected: the anatomy takeaways (the layers hold most, not \u201cnearly all\u201d, of GPT-2\u2019s parameters and FLOPs); the memory chapter (the article\u2019s hundred-request picture is a 70B model with the multi-head formula, which the GQA checkpoint does not reproduce). Marked as corrections: the article\u2019s S\u2032 \u226a H condition (the course uses S\u2032 \u226a 6H) and its per-token L\u00b7h\u00b7d cache (missing 2\u00b7sizeof). Added: the article\u2019s \u201cabout 10\u00d7\u201d training memory per parameter, the too-large half of the tile-size point, a note in each chapter on where the course departs from the article, the /references/ page, and a Sources line on every derivation card.',
  },
  {
    version: '2.0.0',
    date: '2026-12-02',
    formulas: [
      'latency.prefill',
      'latency.decode',
      'latency.allReduce',
      'latency.tensorParallelComm',
      'latency.kernelRoofline',
      'latency.stepOverhead',
      'latency.decodeCriticalBatch',
    ],
    change:
      'One latency model, calibrated on published measurements. Before: each phase was one roofline, max(F/(G\u00b7P\u00b7\u03b7), Q/(G\u00b7W\u00b7\u03b7)) + T_comm, with \u03b7 = 0.8 everywhere and no per-collective latency; against published measurements it was optimistic by about 25% (median). After: a step is its kernel classes one after another (the weight matmuls, attention and the elementwise work, each on its own roofline), the tensor-parallel all-reduces with \u03b1 = 10 \u00b5s each on NVLink, and a fixed cost of 3.2 ms per step and 34 \u00b5s per layer; \u03b7_c = 0.8 of the 16-bit peak, 0.49 of the fp8 peak, 0.9 of HBM bandwidth for weights and for the KV cache (fitted; see /reality-check/: median error 8.9% over 45 measured numbers). Llama 2 70B on 8\u00d7A800, 16 prompts of 4,000 tokens, 256 out: TTFT 6.59 s (full attention) or 6.39 s (causal) \u2192 6.53 s; TPOT 12.7 ms \u2192 18.9 ms. The decode critical batch B* now asks when the weight matmuls turn compute-bound (about 137 on an A800), not the whole step (before: \u201cnever\u201d at 4,000 tokens). Prefill intensity counts activation traffic: about 60,000 \u2192 2,429 FLOP/B for that prefill. The mean TPOT is summed in closed form (no loop over output tokens).',
  },
  {
    version: '2.0.0',
    date: '2026-12-02',
    formulas: ['serving.kvBudget', 'serving.maxConcurrency'],
    change:
      'One set of defaults for every serving and training answer (CLI, playground, chapters, cases), in src/core/scenario/defaults.ts: causal attention; a GPU\u2019s memory read as the CUDA runtime reports it (A800/A100 80GB: 79.15 GiB; H100 SXM: 81,559 MiB) with 10% reserved; one activation estimate (the memory chapter\u2019s, split over the tensor-parallel GPUs). Before, the CLI read \u201c80GB\u201d as 80 GiB, the playground as 80e9 B, and each computed its own activations and KV cache (sliding windows applied in one and not the other). Llama 2 70B on 2\u00d7A800 at 4,000 tokens: 12 \u2192 10 concurrent requests (11 read as 80 GiB, 3 as 80e9 B); Mistral 7B on 8\u00d7A800 at 10,000 tokens: 459 (CLI) or 1,043 (playground) \u2192 1,109, its 4,096-token window applied everywhere.',
  },
  {
    version: '2.0.0',
    date: '2026-12-02',
    formulas: ['latency.prefillFlops'],
    change:
      'Worked case llama2-70b-ttft: the default counts causal attention exactly, like every other answer (maskFactor 0.5; 1 gives the article\u2019s every-key count), and its estimate is the serving scenario\u2019s time to first token. Before: 9.50e15 FLOPs (the article\u2019s B\u00b7S\u00b7(2N + 4\u00b7L\u00b7H\u00b7S)), 3.81 s at peak, 7.61 s at 50% MFU, 9.45 s with all-reduces. After: 9.10e15 FLOPs, 3.64 s at peak (the lower bound), 6.53 s estimated; still not reasonable. The answer fields secondsAtMfu and secondsWithCommunication are replaced by ttftSeconds and its breakdown. The MFU case takes a gpu assumption and warns above 100%; layers, heads and headDim come from the model.',
  },
  {
    version: '2.0.0',
    date: '2026-12-02',
    formulas: [
      'serving.continuousThroughput',
      'serving.kvBlockBytes',
      'serving.kvBlocksAvailable',
      'serving.kvBlocksInFlight',
      'serving.pagedConcurrency',
      'serving.kvSlotUtilization',
      'serving.prefixCachedTokens',
      'serving.prefixPrefillFlops',
      'serving.prefixTtft',
      'serving.prefillChunks',
      'serving.decodeGap',
      'serving.chunkedTtft',
      'serving.speculativeTokens',
      'serving.speculativeSpeedup',
      'serving.speculativeCost',
      'serving.speculativeTpot',
      'serving.quantBitsPerWeight',
      'serving.quantizedWeights',
      'serving.kvTransfer',
      'serving.prefillPoolRate',
      'serving.decodePoolRate',
      'serving.disaggregatedGoodput',
    ],
    change:
      'New chapter 11, Serving in practice: continuous batching\u2019s throughput\u2013latency curve (Little\u2019s law on the engine\u2019s steady state), a paged KV cache (blocks, blocks in flight, requests that fit), prefix caching, chunked prefill (the worst gap between tokens), speculative decoding (Leviathan et al.\u2019s Eq. (1) and Theorem 3.8, with the draft\u2019s cost coefficient and the verification pass timed by the engine), quantized checkpoints (scales and 16-bit embeddings counted) and prefill/decode disaggregation (KV transfer, an M/D/1 prefill pool, a decode pool by Little\u2019s law, goodput per GPU). The scenario engine gains `techniques` (kvAllocation, kvBlockTokens, prefixCache, prefillChunkTokens, speculative, weightQuantization), all off by default: every earlier answer is unchanged (Llama 2 70B on 2\u00d7A800, 3,000 + 1,000 tokens: 10 requests reserved as before; 12 paged; 16 paged with a 1,000-token prefix hit by 90%).',
  },
  {
    version: '2.0.0',
    date: '2026-12-02',
    formulas: [
      'capacity.littlesLaw',
      'capacity.replicas',
      'capacity.fleetGpus',
      'capacity.goodputPerGpu',
      'capacity.costPerMillionTokens',
      'capacity.costPerRequest',
      'capacity.monthlyCost',
      'capacity.budgetFlops',
      'capacity.chinchillaLoss',
      'capacity.chinchillaParams',
      'capacity.chinchillaTokens',
      'capacity.tokensPerParamRule',
      'capacity.checkpointBytes',
      'capacity.checkpointWrite',
      'capacity.gpuMtbf',
      'capacity.clusterMtbf',
      'capacity.youngInterval',
      'capacity.dalyInterval',
      'capacity.lostWork',
      'capacity.wallClock',
    ],
    change:
      'New chapter 12, Capacity and cost, and a /capstone/ page. From TTFT and TPOT targets and an arrival rate: the largest number of requests a replica holds within both (an exact search over the scenario engine\u2019s continuous-batching steady state), its goodput, the replicas and GPUs (Llama 3 70B, 50 requests/s of 2,000 + 200 tokens, TTFT \u2264 500 ms, TPOT \u2264 50 ms: 44 H100s in replicas of 4), the tensor-parallel degree with the fewest GPUs, and Little\u2019s law at the operating point. Dollars per million input and output tokens from a price per GPU-hour (an input; the example default is $2, not a quote), splitting the bill by the prefill and decode shares of GPU time. Compute-optimal training with Hoffmann et al.\u2019s published constants (10\u00b2\u2074 FLOPs: 41.3B parameters, 98 tokens each) and Besiroglu et al.\u2019s refit (95.9B, 18), beside the 20-tokens rule; checkpoint size, Young\u2019s and Daly\u2019s intervals and the wall time with failures at Llama 3\u2019s reported rate (419 interruptions in 54 days on 16,384 GPUs: 92.4% effective with ten-minute restarts). Reverse solvers in the core (src/core/scenario/reverse.ts): largest batch, tensor-parallel degree, fewest GPUs for a concurrency, longest prompt for a TTFT target. Units: dollars print as $1.40M and request rates as requests/s; token counts print as 4.04T tokens (before: 4.04 Ttokens); a copied Markdown derivation escapes \u201c$\u201d so prices do not open math.',
  },
  {
    version: '2.0.0',
    date: '2026-12-02',
    formulas: [],
    change:
      'Training on a part without the asked tensor-core rate falls back to its nearest one with a peak-dtype-fallback warning, as serving does. Before: trainingScenario (the CLI\u2019s training, the playground and the training calculators) refused a V100 with \u201cNVIDIA V100 SXM2 has no datasheet bf16 peak\u201d, even for a memory-only question. After: Llama 2 7B on 64 V100s at an assumed 40% MFU is timed at the 125 TFLOP/s fp16 peak (146 days for 1T tokens), its memory unchanged. Display: an arithmetic intensity from 10 million FLOP/B up reads as a power of ten (3.33e11: \u201c333000000000 FLOP/B\u201d \u2192 \u201c3.33 \u00d7 10\u00b9\u00b9 FLOP/B\u201d); a bound message prints the value it refused the way it prints the bound (\u201cgot 1e+300\u201d \u2192 \u201cgot 1e300\u201d, \u201cgot 1000000000000000\u201d \u2192 \u201cgot 1,000,000,000,000,000\u201d).',
  },
  {
    version: '2.0.0',
    date: '2026-12-02',
    formulas: ['matmul.ridgePoint', 'flops.perToken'],
    change:
      'One formula per quantity. gpu.ridgePoint (P/W, registered a second time in the GPU chapter) is merged into matmul.ridgePoint, and variants.moeFlopsPerToken (2\u00b7N_active) into flops.perToken (2N, N the parameters a token passes through). The old ids still resolve and the old anchors (/gpu-peak/#gpu-ridge-point, /variants/#moe-flops-per-token) still land on the same derivation with the same numbers (295 FLOP/B for an H100; 25.8 GFLOPs for Mixtral 8x7B). No number changed: every formula now computes through the same functions the per-model figures use (one site for the KV-cache product, the weight counts, 2 FLOPs per weight per token, the attention matmuls, F/(G\u00b7P\u00b7\u03b7), GPU-hours).',
  },
  {
    version: '2.1.0',
    date: '2026-12-02',
    formulas: [],
    change:
      'No number changed; notation. One symbol, one meaning across every derivation (a test now enforces it): the parallel degrees are written DP, TP, PP, CP and EP (before: D, t, p, c, e, with D also the token budget); G counts GPUs everywhere (before also n and M) and GPU-h is a run\u2019s GPU-hours (before: G); the causal factor is m_mask (m stays micro-batches); tokens in a pass are N_tok (before: T, also used for seconds); the share of the peak reached is \u03b7_c (before: u in four senses); collectives per layer are n_AR and n_a2a; optimizer bytes per parameter b_opt (before: K, the matmul\u2019s inner dimension); tensor-core instruction shapes m_mma\u00b7k_mma\u00b7n_mma. Anchors, ids and URL keys are unchanged.',
  },
  {
    version: '2.1.0',
    date: '2026-12-02',
    formulas: [],
    change:
      'Links that name a model or a GPU but not its figures. Before: /memory/?kv.model=llama-2-13b&kv.S=8192 showed Llama 2 13B in the select but computed with the layers and KV heads left in the fields (the 70B\u2019s: 2.68 GB); the GPU-peak calculator likewise kept the A800\u2019s parts for ?peak.gpu=h100-sxm. After: a link that sets a model (or a GPU) and leaves out the fields it fills is read as picking it would be (Llama 2 13B at 8,192 tokens: 6.71 GB); a field the link sets itself is kept. Bound messages now say a hundred times (not a thousand) the longest context and the fastest accelerator, and a trillion along any matmul dimension.',
  },
  {
    version: '2.1.0',
    date: '2026-12-02',
    formulas: [],
    change:
      'A Chinese edition under /zh/: every page, with the same formulas, anchors, problem ids and URL keys, so a link\u2019s numbers reproduce in either language; calculators, derivations, errors and warnings in Chinese, the CLI with --lang zh (JSON unchanged), counts in Chinese prose as \u4e07/\u4ebf with the exact figure beside them, and a glossary (/glossary/). Numbers are computed by the same core in both editions.',
  },
  {
    version: '2.1.1',
    date: '2026-12-02',
    formulas: [],
    change:
      'No number changed; reading and weight. Hints under a field follow the other inputs (a case names the GPU chosen now and its datasheet peak; GPU-hours read back what the field holds). On phones calculators ask their main questions two to a row before the results (the latency calculator\u2019s first result 362 px below its top instead of 682), /models/ sorts its cards with a menu, and /cases/ folds each case\u2019s steps to one line with its result (10,460 px tall at 1366 px, from 20,556). Every page ships at most 100 KB of JavaScript (the playground 120 KB), Chinese pages included: the browser gets the preset configs and GPU table without what no island reads, and a Chinese page loads only the Chinese its calculators first show. Math fonts arrive with the page, so text no longer reflows when they load. One Chinese term per idea (\u62d0\u70b9, \u8ba1\u7b97\u53d7\u9650, \u8bbf\u5b58\u53d7\u9650) and more of the calculators, charts and data notes in Chinese.',
  },
  {
    version: '2.1.2',
    date: '2026-12-02',
    formulas: [],
    change:
      'No number changed; the Chinese edition reads in Chinese everywhere. Before: /zh/cases/ asked its questions, titled its steps and gave its verdicts in English, and the notation table, the references\u2019 notes, the reality check, the figures, this changelog, the derivation cards\u2019 article citations, chart summaries, copied setup lines and every CLI command\u2019s --help --lang zh were English too. Now each has its Chinese beside the English it translates (one catalogue per part, each with a test that fails on a text without Chinese, on English left in it or on a lost number); paper titles, authors, code and names stay as published.',
  },
];

/** The current formulas version: the newest changelog entry. */
export const FORMULAS_VERSION: string = CHANGELOG[CHANGELOG.length - 1]?.version ?? '0.0.0';
