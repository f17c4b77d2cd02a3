/**
 * Where each accelerator figure in ./gpus.ts comes from, and which figures are not
 * confirmed. Kept apart from the specs so the calculators in the browser ship the
 * numbers without ~25 KB of citations; the CLI (`gpu <id>`) and the tests read both.
 */
import type { GpuSource } from './gpuSpec';

export interface GpuProvenance {
  sources: readonly GpuSource[];
  unverified: readonly string[];
}

export const GPU_SOURCES: Readonly<Record<string, GpuProvenance>> = {
  'v100-sxm2-32gb': {
    sources: [
      {
        field: 'sm/tc/clock',
        source:
          "NVIDIA Tesla V100 (Volta) whitepaper, Table 1 'Comparison of NVIDIA Tesla GPUs' (preliminary May-2017 version: 80 SMs, 8 Tensor Cores/SM, 1455 MHz, 120 Tensor TFLOPS) - read via copies at techrival.com and xenon.com.au",
      },
      {
        field: 'sm/tc/clock',
        source: "Cornell Virtual Workshop 'GPU example: Tesla V100' (cvw.cac.cornell.edu): 1.53 GHz boost, 15.7 TFLOPS FP32, 7.8 TFLOPS FP64",
      },
      {
        field: 'fma_per_tc',
        source:
          "NVIDIA Developer blog 'Programming Tensor Cores in CUDA 9' (developer.nvidia.com/programming-tensor-cores-cuda-9-0): 'up to 125 Tensor TFLOPS'; Tensor Core = 4x4x4 matrix FMA (64 FMA/clock)",
      },
      { field: 'fma_per_tc', source: 'nvidia.com Tensor Core page (de-de/data-center/tensorcore): each of the 640 V100 Tensor Cores operates on 4x4 matrices' },
      {
        field: 'tensor_tflops',
        source:
          "NVIDIA Developer blog 'Programming Tensor Cores in CUDA 9' (developer.nvidia.com/programming-tensor-cores-cuda-9-0): 'up to 125 Tensor TFLOPS'; Tensor Core = 4x4x4 matrix FMA (64 FMA/clock)",
      },
      {
        field: 'fp32/fp64',
        source: "Cornell Virtual Workshop 'GPU example: Tesla V100' (cvw.cac.cornell.edu): 1.53 GHz boost, 15.7 TFLOPS FP32, 7.8 TFLOPS FP64",
      },
      { field: 'memory', source: 'leiphone.com GTC-2017 report: V100 16 GB HBM2, 900 GB/s' },
    ],
    unverified: [
      'interconnect_bandwidth (300 GB/s NVLink2 is the V100 SXM2 datasheet value but was not retrieved)',
      '32 GB capacity (only the 16 GB launch figure was retrieved)',
      'memory_bandwidth for the 32 GB SKU',
      'binary memory capacity (32 GB HBM2 = 4 stacks x 8 GiB = 32 GiB physical (inferred: DRAM dies are power-of-two; unverified))',
    ],
  },
  'a100-sxm-80gb': {
    sources: [
      {
        field: 'sm/tc/clock',
        source:
          'NVIDIA A100 Tensor Core GPU Architecture whitepaper (v1.0), summarized by fudzilla.com: 108 SMs, 432 Tensor Cores, up to 1410 MHz, 12 NVLink links = 600 GB/s total, PCIe Gen4',
      },
      {
        field: 'sm/tc/clock',
        source:
          'glennklockwood.com/garden/processors/A100 (cites NVIDIA A100 datasheet r4 and Ampere whitepaper): 108 SMs, 4 TC/SM, 2.039 TB/s (80GB), 1.555 TB/s (40GB), NVLink 300+300 GB/s, PCIe Gen4 32+32 GB/s; TFLOPS table FP32 19.5, TF32 156/312, BF16 312/624, INT8 624/1248, FP64 9.7/19.5',
      },
      {
        field: 'sm/tc/clock',
        source: "Paderborn PC2 wiki 'NVIDIA A100 40GB with NVLINK': datasheet table (*with sparsity) + deviceQuery: 108 MPs, 1410 MHz, 40441 MiB reported",
      },
      { field: 'fma_per_tc', source: 'tinygrad nvidia_notes: A100 Tensor Core 8x4x8 FP16 = 256 FMA/clock; 432*256*1410 MHz*2 = 312 TFLOPS' },
      {
        field: 'datasheet_tflops',
        source:
          'glennklockwood.com/garden/processors/A100 (cites NVIDIA A100 datasheet r4 and Ampere whitepaper): 108 SMs, 4 TC/SM, 2.039 TB/s (80GB), 1.555 TB/s (40GB), NVLink 300+300 GB/s, PCIe Gen4 32+32 GB/s; TFLOPS table FP32 19.5, TF32 156/312, BF16 312/624, INT8 624/1248, FP64 9.7/19.5',
      },
      {
        field: 'datasheet_tflops',
        source: "Paderborn PC2 wiki 'NVIDIA A100 40GB with NVLINK': datasheet table (*with sparsity) + deviceQuery: 108 MPs, 1410 MHz, 40441 MiB reported",
      },
      {
        field: 'memory',
        source:
          'glennklockwood.com/garden/processors/A100 (cites NVIDIA A100 datasheet r4 and Ampere whitepaper): 108 SMs, 4 TC/SM, 2.039 TB/s (80GB), 1.555 TB/s (40GB), NVLink 300+300 GB/s, PCIe Gen4 32+32 GB/s; TFLOPS table FP32 19.5, TF32 156/312, BF16 312/624, INT8 624/1248, FP64 9.7/19.5',
      },
      {
        field: 'memory',
        source:
          "thundercompute.com 'NVIDIA A100 Specifications' table: boost 1410 MHz all SKUs; BW 1,555 (PCIe 40GB), 1,935 (PCIe 80GB), 1,555 (SXM 40GB), 2,039 GB/s (SXM 80GB); TDP 250/300/400 W; NVLink 3.0 600 GB/s",
      },
      {
        field: 'nvlink',
        source:
          'NVIDIA A100 Tensor Core GPU Architecture whitepaper (v1.0), summarized by fudzilla.com: 108 SMs, 432 Tensor Cores, up to 1410 MHz, 12 NVLink links = 600 GB/s total, PCIe Gen4',
      },
      {
        field: 'nvlink',
        source:
          'glennklockwood.com/garden/processors/A100 (cites NVIDIA A100 datasheet r4 and Ampere whitepaper): 108 SMs, 4 TC/SM, 2.039 TB/s (80GB), 1.555 TB/s (40GB), NVLink 300+300 GB/s, PCIe Gen4 32+32 GB/s; TFLOPS table FP32 19.5, TF32 156/312, BF16 312/624, INT8 624/1248, FP64 9.7/19.5',
      },
    ],
    unverified: [],
  },
  'a800-sxm-80gb': {
    sources: [
      {
        field: 'nvlink_and_identity',
        source:
          'tweakers.net (citing Reuters), Nov 2022: A800 identical to A100 except NVLink limited to 400 GB/s (A100: 600 GB/s); same performance figures, 80 GB HBM2e, 400 W SXM / 300 W PCIe',
      },
      { field: 'sm/tc/clock', source: 'siliconcat.net A800 PCIe 40GB spec page: 108 SMs, 432 Tensor Cores, boost 1410 MHz' },
      {
        field: 'datasheet_tflops',
        source:
          'tweakers.net (citing Reuters), Nov 2022: A800 identical to A100 except NVLink limited to 400 GB/s (A100: 600 GB/s); same performance figures, 80 GB HBM2e, 400 W SXM / 300 W PCIe',
      },
      {
        field: 'datasheet_tflops',
        source:
          'glennklockwood.com/garden/processors/A100 (cites NVIDIA A100 datasheet r4 and Ampere whitepaper): 108 SMs, 4 TC/SM, 2.039 TB/s (80GB), 1.555 TB/s (40GB), NVLink 300+300 GB/s, PCIe Gen4 32+32 GB/s; TFLOPS table FP32 19.5, TF32 156/312, BF16 312/624, INT8 624/1248, FP64 9.7/19.5',
      },
    ],
    unverified: [
      'memory_bandwidth (2039 GB/s assumed identical to A100 SXM 80GB; NVIDIA A800 datasheet not retrieved)',
      "SM count/clock taken from the A800 PCIe 40GB spec page and the 'identical to A100' statement",
    ],
  },
  'a100-pcie-80gb': {
    sources: [
      {
        field: 'clock/bw/tdp',
        source:
          "thundercompute.com 'NVIDIA A100 Specifications' table: boost 1410 MHz all SKUs; BW 1,555 (PCIe 40GB), 1,935 (PCIe 80GB), 1,555 (SXM 40GB), 2,039 GB/s (SXM 80GB); TDP 250/300/400 W; NVLink 3.0 600 GB/s",
      },
      {
        field: 'sm/tc',
        source:
          'glennklockwood.com/garden/processors/A100 (cites NVIDIA A100 datasheet r4 and Ampere whitepaper): 108 SMs, 4 TC/SM, 2.039 TB/s (80GB), 1.555 TB/s (40GB), NVLink 300+300 GB/s, PCIe Gen4 32+32 GB/s; TFLOPS table FP32 19.5, TF32 156/312, BF16 312/624, INT8 624/1248, FP64 9.7/19.5',
      },
      {
        field: 'datasheet_tflops',
        source:
          'glennklockwood.com/garden/processors/A100 (cites NVIDIA A100 datasheet r4 and Ampere whitepaper): 108 SMs, 4 TC/SM, 2.039 TB/s (80GB), 1.555 TB/s (40GB), NVLink 300+300 GB/s, PCIe Gen4 32+32 GB/s; TFLOPS table FP32 19.5, TF32 156/312, BF16 312/624, INT8 624/1248, FP64 9.7/19.5',
      },
      {
        field: 'datasheet_tflops',
        source: "Paderborn PC2 wiki 'NVIDIA A100 40GB with NVLINK': datasheet table (*with sparsity) + deviceQuery: 108 MPs, 1410 MHz, 40441 MiB reported",
      },
    ],
    unverified: ['NVLink bridge bandwidth (600 GB/s per NVIDIA A100 PCIe datasheet; only a truncated secondary table was retrieved)'],
  },
  'h100-sxm': {
    sources: [
      {
        field: 'sm/tc/clock/dense_table',
        source:
          'glennklockwood.com/garden/processors/h100 (cites NVIDIA H100 whitepaper): 132 SMs, 4 TC/SM, 1.83 GHz (low precision) / 1.98 GHz (high precision), 80 GB HBM3, 3.35 TB/s, 900 GB/s NVLink, PCIe Gen5 128 GB/s; dense table BF16 989.4 (1978.9 sparse), TF32 494.7, FP8 1978.9, INT8 1978.9, FP32 66.9, FP64 33.5/66.9',
      },
      {
        field: 'datasheet_sparse_table',
        source:
          "HPC Tech (archive-lib.hpctech.co.jp/gpuproduct/nvidia-h100.html) reproduction of NVIDIA H100 spec table: SXM 132 SMs / PCIe 114 SMs; BF16 1,979* / 1,513*, TF32 989* / 756*, FP8 3,958* / 3,026*, INT8 3,958* / 3,026*, FP32 67 / 51, FP64 34 / 26; 3,350 / 2,000 GB/s; NVLink 900 / 600 GB/s; PCIe Gen5 128 GB/s; '* Shown with sparsity'",
      },
      {
        field: 'nvlink',
        source:
          'glennklockwood.com/garden/processors/h100 (cites NVIDIA H100 whitepaper): 132 SMs, 4 TC/SM, 1.83 GHz (low precision) / 1.98 GHz (high precision), 80 GB HBM3, 3.35 TB/s, 900 GB/s NVLink, PCIe Gen5 128 GB/s; dense table BF16 989.4 (1978.9 sparse), TF32 494.7, FP8 1978.9, INT8 1978.9, FP32 66.9, FP64 33.5/66.9',
      },
      { field: 'nvlink', source: 'saulelectric.com H200 page: 132 SMs, 528 TCs, NVLink 450 GB/s unidirectional / 900 GB/s bidirectional, PCIe Gen5 128 GB/s' },
      {
        field: 'preliminary_numbers',
        source:
          "NVIDIA developer forum thread 218102 quoting Table 3 of the NVIDIA 'Hopper Architecture In-Depth' blog (preliminary): H100 SXM5 1000/2000, H100 PCIe 800/1600 FP16 TFLOPS",
      },
    ],
    unverified: [],
  },
  'h100-pcie': {
    sources: [
      {
        field: 'sm/datasheet',
        source:
          "HPC Tech (archive-lib.hpctech.co.jp/gpuproduct/nvidia-h100.html) reproduction of NVIDIA H100 spec table: SXM 132 SMs / PCIe 114 SMs; BF16 1,979* / 1,513*, TF32 989* / 756*, FP8 3,958* / 3,026*, INT8 3,958* / 3,026*, FP32 67 / 51, FP64 34 / 26; 3,350 / 2,000 GB/s; NVLink 900 / 600 GB/s; PCIe Gen5 128 GB/s; '* Shown with sparsity'",
      },
      {
        field: 'clock',
        source:
          'hmc-tech.com H100 PCIe vs A100 page (TechPowerUp-style DB): H100 PCIe 114 SMs (14592 shaders), boost 1755 MHz, FP32 51.22, BF16 tensor 756.45 dense / 1.51 PF sparse',
      },
      {
        field: 'preliminary_numbers',
        source:
          "NVIDIA developer forum thread 218102 quoting Table 3 of the NVIDIA 'Hopper Architecture In-Depth' blog (preliminary): H100 SXM5 1000/2000, H100 PCIe 800/1600 FP16 TFLOPS",
      },
    ],
    unverified: ["tensor clock 1620 MHz is back-computed from the datasheet, not an NVIDIA-published number (so the 'match' is circular)"],
  },
  'h800-sxm': {
    sources: [
      {
        field: 'nvlink/fp64/identity',
        source: "philisun.com 'NVIDIA H800 vs H100' technical analysis: H800 = H100 silicon; NVLink 400 GB/s; FP64 ~1 TFLOPS; FP8/FP16/BF16 compute unchanged",
      },
      { field: 'nvlink/fp64/identity', source: "tumgag.com post 'H800 vs H100': NVLink 900 -> 400 GB/s bidirectional aggregate; FP64 60 -> 1 TFLOPS" },
      {
        field: 'compute',
        source:
          'glennklockwood.com/garden/processors/h100 (cites NVIDIA H100 whitepaper): 132 SMs, 4 TC/SM, 1.83 GHz (low precision) / 1.98 GHz (high precision), 80 GB HBM3, 3.35 TB/s, 900 GB/s NVLink, PCIe Gen5 128 GB/s; dense table BF16 989.4 (1978.9 sparse), TF32 494.7, FP8 1978.9, INT8 1978.9, FP32 66.9, FP64 33.5/66.9',
      },
    ],
    unverified: [
      'SM count & clock (NVIDIA does not publish them for H800; assumed = H100 SXM5)',
      'all figures from secondary sources; NVIDIA H800 datasheet not retrieved',
      'FP64 1 TFLOPS (secondary; one code-search table listed 34 TFLOPS - conflicting)',
      'FP32 66.9 assumed unchanged',
    ],
  },
  h20: {
    sources: [
      {
        field: 'all_figures',
        source:
          'zangshuxian.com (Chinese summary citing Geekbench 6 / Wccftech): H20 78 SMs (Geekbench), FP16 dense 148 TFLOPS, INT8 296, TF32 74, FP32 44, FP64 1, 4.0 TB/s',
      },
      { field: 'all_figures', source: 'willitrunai.com H20 page: 96 GB HBM3, 4,000 GB/s, 148 TFLOPS FP16, 296 INT8 TOPS, NVLink 900 GB/s, 400 W' },
    ],
    unverified: [
      'SM count 78 (Geekbench leak only)',
      'clock',
      'every figure is from secondary sources; no NVIDIA datasheet retrieved',
      'whether TF32/FP8 figures are dense (assumed dense; they follow 148 x {0.5, 2})',
      'FP32 44 TFLOPS is inconsistent with 78 SMs at <=1.98 GHz (78*256*1.98e9 = 39.5 TFLOPS)',
      'binary memory capacity (96 GB HBM3 read as 96 GiB (4 stacks x 24 GiB; inferred, unverified))',
    ],
  },
  h200: {
    sources: [
      { field: 'memory', source: "aiwiki.ai 'NVIDIA H200': same GH100 silicon as H100, 141 GB HBM3e at 4.8 TB/s" },
      { field: 'memory', source: 'lzwjava.github.io H200 spec table: 141 GB HBM3e, 4.8 TB/s, FP8 3,958* (with sparsity), NVLink 900 GB/s, 700 W' },
      {
        field: 'sm/nvlink',
        source: 'saulelectric.com H200 page: 132 SMs, 528 TCs, NVLink 450 GB/s unidirectional / 900 GB/s bidirectional, PCIe Gen5 128 GB/s',
      },
      {
        field: 'sm/nvlink',
        source:
          'glennklockwood.com/garden/processors/h100 (cites NVIDIA H100 whitepaper): 132 SMs, 4 TC/SM, 1.83 GHz (low precision) / 1.98 GHz (high precision), 80 GB HBM3, 3.35 TB/s, 900 GB/s NVLink, PCIe Gen5 128 GB/s; dense table BF16 989.4 (1978.9 sparse), TF32 494.7, FP8 1978.9, INT8 1978.9, FP32 66.9, FP64 33.5/66.9',
      },
      {
        field: 'compute',
        source:
          'glennklockwood.com/garden/processors/h100 (cites NVIDIA H100 whitepaper): 132 SMs, 4 TC/SM, 1.83 GHz (low precision) / 1.98 GHz (high precision), 80 GB HBM3, 3.35 TB/s, 900 GB/s NVLink, PCIe Gen5 128 GB/s; dense table BF16 989.4 (1978.9 sparse), TF32 494.7, FP8 1978.9, INT8 1978.9, FP32 66.9, FP64 33.5/66.9',
      },
      { field: 'compute', source: 'lzwjava.github.io H200 spec table: 141 GB HBM3e, 4.8 TB/s, FP8 3,958* (with sparsity), NVLink 900 GB/s, 700 W' },
    ],
    unverified: ["all H200 figures are from secondary reproductions of NVIDIA's table (consistent with each other); NVIDIA datasheet not retrieved"],
  },
  b200: {
    sources: [
      {
        field: 'datasheet',
        source:
          'NVIDIA HGX B200 / GB200 NVL72 technical-spec table as reproduced at zdszero.github.io (Hardware page): per GPU GB200 | HGX B200: FP4 20|18 PF, FP8 10|9 PF, INT8 10|9 POPS, FP16/BF16 5|4.5 PF, TF32 2.5|2.2 PF, FP32 80|75 TF, FP64 40|37 TF, 186 GB HBM3E 8 TB/s | 180 GB 7.7 TB/s, TDP 1200|1000 W, NVLink 5 1.8 TB/s, PCIe Gen5 128 GB/s (sparse figures per NVIDIA footnote)',
      },
      {
        field: 'datasheet',
        source:
          "glennklockwood.com/garden/processors/B200: 192 GB HBM3 (8 stacks), 8 TB/s, 2x900 GB/s NVLink 5; GB200 variant @1200 W dense BF16 2500 (sparse 5000), FP8 5000, TF32 1250, FP32 90, FP64 45; HGX B200 @1000 W dense BF16 2250, FP8 4500, TF32 1100, FP32 80, FP64 40; SM count listed as '?'",
      },
      {
        field: 'system',
        source:
          'NVIDIA DGX B200 page as summarized at brent-newsom-nvidia.github.io: 8 GPUs, 1,440 GB total HBM3e, 64 TB/s, FP8 72 PF sparse, FP4 144 PF sparse / 72 dense, 14.4 TB/s aggregate NVLink',
      },
      {
        field: 'measured_mem',
        source: 'docs.vultr.com HGX B200 hardware overview: nvidia-smi shows 179 GB (HBM3e), 8.0 TB/s, NV18 links = 1.8 TB/s bidirectional between GPU pairs',
      },
    ],
    unverified: [
      'SM count',
      'clock',
      'FP32/FP64 vary between NVIDIA datasheet revisions (75/37 in current HGX table vs 80/40 earlier)',
      'memory bandwidth: 7.7 TB/s (current HGX table) vs 8 TB/s (launch / DGX 64 TB/s / 8)',
      'PCIe generation (glennklockwood lists Gen6; NVIDIA HGX table lists Gen5 128 GB/s)',
    ],
  },
  gb200: {
    sources: [
      {
        field: 'datasheet',
        source:
          'NVIDIA HGX B200 / GB200 NVL72 technical-spec table as reproduced at zdszero.github.io (Hardware page): per GPU GB200 | HGX B200: FP4 20|18 PF, FP8 10|9 PF, INT8 10|9 POPS, FP16/BF16 5|4.5 PF, TF32 2.5|2.2 PF, FP32 80|75 TF, FP64 40|37 TF, 186 GB HBM3E 8 TB/s | 180 GB 7.7 TB/s, TDP 1200|1000 W, NVLink 5 1.8 TB/s, PCIe Gen5 128 GB/s (sparse figures per NVIDIA footnote)',
      },
      {
        field: 'datasheet',
        source:
          "glennklockwood.com/garden/processors/B200: 192 GB HBM3 (8 stacks), 8 TB/s, 2x900 GB/s NVLink 5; GB200 variant @1200 W dense BF16 2500 (sparse 5000), FP8 5000, TF32 1250, FP32 90, FP64 45; HGX B200 @1000 W dense BF16 2250, FP8 4500, TF32 1100, FP32 80, FP64 40; SM count listed as '?'",
      },
      { field: 'rack', source: "datacrunch.io 'NVIDIA GB200 NVL72': 36 Grace + 72 Blackwell GPUs, 130 TB/s NVLink Switch system, 18 NVLink5 links per GPU" },
    ],
    unverified: ['SM count', 'clock', "FP64 (40 in NVIDIA table vs 45 in glennklockwood's earlier figure)"],
  },
  l40s: {
    sources: [
      {
        field: 'datasheet',
        source:
          'mullet.se reproduction of NVIDIA L40/L40S datasheet table: L40S FP32 91.6; TF32 183 | 366*; BF16 362.05 | 733*; FP16 362.05 | 733*; FP8 733 | 1,466*; 48 GB GDDR6 ECC, 864 GB/s, PCIe Gen4 x16 64 GB/s; 568 TCs; (* with sparsity). L40: BF16 181.05 | 362.1*',
      },
      { field: 'clock/tc', source: 'itcreations.com L40S page: boost 2520 MHz, 18,176 CUDA cores, 142 RT cores, 568 Tensor Cores, 864 GB/s, no NVLink' },
      {
        field: '362.05_origin',
        source: 'hmc-tech.com L4 vs L40 page: L40 142 SMs at 2490 MHz -> 362.07 TFLOPS dense FP16/BF16 tensor (this is the origin of the 362.05 figure)',
      },
    ],
    unverified: ['INT8 733 TOPS dense (L40S INT8 row not present in the retrieved datasheet copy; assumed = FP8)'],
  },
  l4: {
    sources: [
      {
        field: 'datasheet',
        source:
          "grokipedia 'NVIDIA L4 vs L40S' (cites NVIDIA datasheets): L4 24 GB GDDR6, 300 GB/s, 242 TFLOPS FP16 (with sparsity), 485 TFLOPS FP8/INT8 (with sparsity), 72 W",
      },
      {
        field: 'datasheet',
        source:
          'store.sourcecode.com spec comparison (NVIDIA data): L4 boost 2040 MHz, 300 GB/s, INT8 485 TOPS (sparsity), TF32 120 TFLOPS (sparsity), PCIe 4.0 x16',
      },
      {
        field: 'sm/clock',
        source:
          'fpsbench.com L4 page: 7,424 shading units (=58 SMs x 128), boost 2040 MHz, 300.1 GB/s, FP32 30.29 TFLOPS (note: same page inconsistently lists 60 SMs / 240 TCs)',
      },
      {
        field: 'sm/clock',
        source:
          'store.sourcecode.com spec comparison (NVIDIA data): L4 boost 2040 MHz, 300 GB/s, INT8 485 TOPS (sparsity), TF32 120 TFLOPS (sparsity), PCIe 4.0 x16',
      },
    ],
    unverified: [
      'SM count 58 inferred from 7,424 CUDA cores / 128 and from FP32 30.3 TFLOPS = 58*256*2.04 GHz; some spec DBs list 60 SMs/7,680 cores (that would give 31.3 TFLOPS FP32, not 30.3)',
    ],
  },
  'rtx-4090': {
    sources: [
      {
        field: 'sm/tc/clock/bw',
        source:
          "Tom's Hardware RTX 4090 spec table (copy at holynerdvana.blogspot.com): 128 SMs, 512 Tensor Cores, boost 2520 MHz, FP32 82.6, FP16 661 (sparse; FP16-accumulate), FP8 1321 (sparse), 24 GB GDDR6X, 1008 GB/s",
      },
      {
        field: 'tensor_table',
        source:
          'waredb.com RTX 4090 (values from NVIDIA Ada whitepaper Appendix): FP16 (FP32-acc) 165.15 / 330.3 sparse, BF16 165.15 / 330.3, TF32 82.58 / 165.15, FP8 (FP32-acc) 330.3 / 660.6, INT8 660.6 / 1321.2',
      },
      {
        field: 'tensor_table',
        source:
          "NVIDIA Ada GPU Architecture whitepaper v2.01 (scribd copy, table of contents only retrieved) - Appendix table 'GeForce RTX 4090': FP16 w/ FP16 acc 330.3/660.6, w/ FP32 acc 165.2/330.4 (values cross-checked via the two secondary copies above)",
      },
    ],
    unverified: ['Ada whitepaper table itself not retrieved; values cross-checked between two independent copies'],
  },
  'rtx-3090': {
    sources: [
      {
        field: 'fma_per_tc',
        source: 'gist (getianao) on GA10x SMs: 4 third-gen Tensor Cores/SM, 128 FP16 FMA per Tensor Core per clock; FP32-accumulate = 1/2 rate on GeForce',
      },
      { field: 'fp32/fp16', source: 'ctc.archdevil.net table: RTX 3090 FP32 35.6 TFLOPS, FP16 tensor (FP32-acc) 71.2 TFLOPS' },
      {
        field: 'whitepaper',
        source:
          "NVIDIA Ampere GA102 GPU Architecture whitepaper v2.0, Appendix A 'GeForce RTX 3090' (docslib/studylib copies; only the table of contents was seen)",
      },
      { field: 'nvlink', source: 'NVIDIA A40 datasheet reproduction (ecer.com): GA102 NVLink 112.5 GB/s (bidirectional)' },
    ],
    unverified: [
      'GA102 whitepaper Appendix A table not retrieved (TOC only): 82 SMs/1695 MHz/936 GB/s and the 142/71/35.6/284 figures are from memory of that table + secondary copies',
      'NVLink 112.5 GB/s taken from the A40 datasheet (same GA102 NVLink)',
    ],
  },
  mi250x: {
    sources: [
      {
        field: 'flops_per_clk/clock/links',
        source:
          "ROCm docs 'AMD Instinct MI250 microarchitecture' (ROCm/legacy-rocm-build docs/conceptual/gpu-arch/mi250.md): Matrix FP16/BF16 = 1024 FLOPS/clock/CU, peak clock 1.7 GHz, IF link 50 GB/s per direction (100 GB/s bidirectional), 2 GCDs linked by 4 IF links (400 GB/s bidirectional), HBM2e 1.6 TB/s per GCD, PCIe Gen4 x16 per GCD",
      },
      {
        field: 'cu/memory',
        source:
          "ROCm 'GPU architecture info' table (steqeq/0000 docs/conceptual/gpu-arch/gpu-arch-info.rst): MI250X 128 GiB, 220 CUs (110 per GCD); MI300X 192 GiB, 304 CUs",
      },
      {
        field: 'datasheet',
        source:
          'zexron.com MI250(X) launch article reproducing AMD table: MI250X 220 CUs, FP64/FP32 vector 47.9, matrix 95.7, FP16/BF16 383.0, INT8 383.0 TOPS, 128 GB, 3.2 TB/s; MI250 has 6 instead of 8 Infinity Fabric links',
      },
    ],
    unverified: [
      "8-link x 100 GB/s = 800 GB/s aggregate is computed from AMD's link count/rate, not read as a single datasheet number",
      '3.2768 TB/s exact (sources say 3.2 TB/s)',
    ],
  },
  mi300x: {
    sources: [
      {
        field: 'flops_per_clk/table',
        source:
          "ROCm docs 'AMD Instinct MI300 series microarchitecture' (ROCm/legacy-rocm-build docs/conceptual/gpu-arch/mi300.md) Table 'Peak-performance capabilities of the MI300X': Matrix FP16/BF16 2048 FLOPS/clock/CU = 1307.4 TFLOPS; FP8/INT8 4096 = 2614.9; TF32 1024 = 653.7; vector FP32 256 = 163.4; vector FP64 128 = 81.7; matrix FP64 163.4; 5.3 TB/s; 7 IF links per GPU; PCIe Gen5 x16",
      },
      {
        field: 'cu',
        source:
          "ROCm 'GPU architecture info' table (steqeq/0000 docs/conceptual/gpu-arch/gpu-arch-info.rst): MI250X 128 GiB, 220 CUs (110 per GCD); MI300X 192 GiB, 304 CUs",
      },
      {
        field: 'infinity_fabric',
        source: "gpu.blog MI300X page: Infinity Fabric aggregate 896 GB/s, PCIe Gen5 x16 (note: the same page's FLOPS numbers are wrong and were NOT used)",
      },
      { field: 'infinity_fabric', source: 'emergentmind.com MI300X summary: Infinity Fabric up to 128 GB/s bidirectional per link' },
      {
        field: 'infinity_fabric',
        source:
          "ROCm docs 'AMD Instinct MI300 series microarchitecture' (ROCm/legacy-rocm-build docs/conceptual/gpu-arch/mi300.md) Table 'Peak-performance capabilities of the MI300X': Matrix FP16/BF16 2048 FLOPS/clock/CU = 1307.4 TFLOPS; FP8/INT8 4096 = 2614.9; TF32 1024 = 653.7; vector FP32 256 = 163.4; vector FP64 128 = 81.7; matrix FP64 163.4; 5.3 TB/s; 7 IF links per GPU; PCIe Gen5 x16",
      },
    ],
    unverified: ['clock 2100 MHz not stated in the retrieved ROCm page, but 304 x 2048 x 2.1 GHz reproduces every row of its table exactly'],
  },
  mi325x: {
    sources: [
      {
        field: 'cu/memory',
        source:
          "ROCm 'AMD GPU specifications' (rocm.docs.amd.com/en/7.13.0-preview/reference/gpu-specs.html): MI325X CDNA3 gfx942, 256 GiB VRAM, 304 CUs (38 per XCD)",
      },
      {
        field: 'datasheet',
        source: 'awesomeagents.ai MI325X: 256 GB HBM3e, 6,000 GB/s, FP16/BF16 1,307.4, FP8 2,614.9 (5,229.8 sparse), TF32 653.7, FP32 163.4',
      },
      { field: 'links', source: 'wiaix.com MI325X platform page: 7 Infinity Fabric links, PCIe Gen5 x16, 6 TB/s' },
    ],
    unverified: [
      'clock (assumed = MI300X; consistent with identical datasheet TFLOPS)',
      'per-link 128 GB/s assumed = MI300X',
      'FP64 81.7 assumed = MI300X',
      'TDP 1000 W (secondary)',
    ],
  },
  'tpu-v4': {
    sources: [
      {
        field: 'arch/datasheet',
        source:
          'Google Cloud TPU v4 doc (cloud.google.com/tpu/docs/v4): 2 TensorCores/chip, 4 MXUs/TensorCore, 275 TFLOPS (bf16 or int8), HBM2 32 GiB, 1200 GBps, 3D mesh/torus',
      },
      {
        field: 'mxu',
        source: "Google Cloud TPU 'System architecture' doc: MXU = 128x128 multiply-accumulators, 16K MAC/cycle, bf16 inputs, FP32 accumulation",
      },
      { field: 'pcie/tdp', source: 'glennklockwood.com/garden/tpuv4: 32 GB HBM2, 1.2 TB/s, x16 PCIe Gen3, 192 W, no sparsity' },
      {
        field: 'int8',
        source:
          'stas00/ml-engineering compute/accelerator/README.md TFLOPS comparison table (dense): TPU v5p 459 bf16 / 918 int8; TPU v5e 197 / 394; TPU v4 275 / 275',
      },
    ],
    unverified: ['clock 1050 MHz (not retrieved; implied)', 'ICI bandwidth per chip'],
  },
  'tpu-v5e': {
    sources: [
      {
        field: 'datasheet',
        source:
          "Google Cloud TPU v5e doc: 1 TensorCore/chip, 4 MXUs, 197 TFLOPS bf16, 393-394 TOPS int8, 16 GB HBM2, 819 GBps (a newer revision states '800 GiBps'), ICI 400 GBps bidirectional per chip, 4 ICI ports, 2D torus",
      },
      {
        field: 'mxu',
        source: "Google Cloud TPU 'System architecture' doc: MXU = 128x128 multiply-accumulators, 16K MAC/cycle, bf16 inputs, FP32 accumulation",
      },
      {
        field: 'int8',
        source:
          'stas00/ml-engineering compute/accelerator/README.md TFLOPS comparison table (dense): TPU v5p 459 bf16 / 918 int8; TPU v5e 197 / 394; TPU v4 275 / 275',
      },
    ],
    unverified: [
      "clock (implied only -> the 'match' is circular)",
      "HBM bandwidth: 819 GBps (older doc) vs '800 GiBps' (newer doc revision)",
      'INT8: 393 vs 394 TOPS in different doc revisions',
      'binary memory capacity (Google states 16 GB; read as 16 GiB of HBM2 (inferred, unverified))',
    ],
  },
  'tpu-v5p': {
    sources: [
      {
        field: 'datasheet',
        source:
          'Google Cloud TPU v5p doc: 2 TensorCores/chip, 4 MXUs each, 459 TFLOPS bf16 (newer revision also lists FP8 459), HBM2e 95 GiB, 2765 GBps, ICI 1200 GBps bidirectional per chip (older revision: 4800 Gbps), 3D torus',
      },
      {
        field: 'mxu',
        source: "Google Cloud TPU 'System architecture' doc: MXU = 128x128 multiply-accumulators, 16K MAC/cycle, bf16 inputs, FP32 accumulation",
      },
      {
        field: 'int8',
        source:
          'stas00/ml-engineering compute/accelerator/README.md TFLOPS comparison table (dense): TPU v5p 459 bf16 / 918 int8; TPU v5e 197 / 394; TPU v4 275 / 275',
      },
    ],
    unverified: ['clock (implied only)', 'INT8 918 TOPS (from stas00 table, not Google doc)'],
  },
  gaudi2: {
    sources: [
      {
        field: 'datasheet',
        source:
          "Intel Hot Chips 2024 deck 'Intel Gaudi 3 AI Accelerator' (R. Kaplan), copy at sgpjbg.com: Gaudi 2 | Gaudi 3: BF16 432 | 1835 TFLOPS, HBM 96 | 128 GB, 2.46 | 3.67 TB/s, PCIe BW (bidir) 64 | 128 GB/s, NIC BW (bidir) 4.8 | 9.6 Tb/s, TDP 600 | 900 W (air); Gaudi 3: BF16 matrix 1835, FP8 matrix 1835, BF16 vector 28.7, 8 MMEs, 64 TPCs, networking 1200 GB/s bidirectional, PCIe Gen5 x16",
      },
      { field: 'datasheet', source: 'yobitel.com Gaudi 2: 24 TPCs, 2 MMEs, 96 GB HBM2e, 2.45 TB/s, 24 x 100 GbE RoCE, 600 W' },
      { field: 'fp8', source: "pcguia.pt Gaudi 3 launch article: Gaudi 2 FP8 matrix quoted as '835 TFLOPS' (conflicts with 865 commonly cited), BF16 432" },
    ],
    unverified: [
      'FP8 865 TFLOPS (commonly cited Intel figure; one retrieved source says 835)',
      'MME size & clock',
      'binary memory capacity (96 GB HBM2e = 6 stacks x 16 GiB (inferred, unverified))',
    ],
  },
  gaudi3: {
    sources: [
      {
        field: 'datasheet',
        source:
          "Intel Hot Chips 2024 deck 'Intel Gaudi 3 AI Accelerator' (R. Kaplan), copy at sgpjbg.com: Gaudi 2 | Gaudi 3: BF16 432 | 1835 TFLOPS, HBM 96 | 128 GB, 2.46 | 3.67 TB/s, PCIe BW (bidir) 64 | 128 GB/s, NIC BW (bidir) 4.8 | 9.6 Tb/s, TDP 600 | 900 W (air); Gaudi 3: BF16 matrix 1835, FP8 matrix 1835, BF16 vector 28.7, 8 MMEs, 64 TPCs, networking 1200 GB/s bidirectional, PCIe Gen5 x16",
      },
      { field: 'mme', source: 'y-ic.de Gaudi 3 article: 8 MMEs built from 256x256 MAC arrays with FP32 accumulators (garbled translation)' },
    ],
    unverified: ['MME array size (secondary, garbled source)', 'clock', 'binary memory capacity (128 GB HBM2e = 8 stacks x 16 GiB (inferred, unverified))'],
  },
};
