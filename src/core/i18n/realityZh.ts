/**
 * The reality check's generated texts in Chinese (src/components/pages/RealityCheckPage.astro), as a
 * gettext-style catalogue (./translate.ts): the English the page builds is the key, `{}` where it
 * interpolates a value. Also the records' sources and engine names, keyed by their English as the
 * data writes them (src/data/measurements/published.json); addresses, file paths, commits and
 * version numbers stay as they are. The metric names come from ./dataNotesZh.ts (METRIC_LABELS_ZH).
 * The page reads this at build time only. test/core/i18n/pages.test.ts holds every template to the
 * page's source, every source and engine to a record, and every figure to the Chinese.
 */
import type { Catalogue } from './translate';

export const REALITY_ZH: Catalogue = {
  // A point of the latency plot, and of the throughput plot (tooltip and screen-reader label).
  '{}: {} measured {}, predicted {}': '{}：{}实测 {}，预测 {}',
  '{}: measured {}, predicted {}': '{}：实测 {}，预测 {}',
  // Where each record's numbers were read.
  "github.com/NVIDIA/TensorRT-LLM docs/source/performance.md (commit 138f96d4), 'Low Latency' tables":
    'github.com/NVIDIA/TensorRT-LLM 的 docs/source/performance.md（提交 138f96d4）中的“Low Latency”表',
  "TensorRT-LLM docs/source/performance.md (commit 138f96d4) 'Peak Throughput' H100 FP8 table":
    'TensorRT-LLM 的 docs/source/performance.md（提交 138f96d4）中的“Peak Throughput”H100 FP8 表',
  "raw.githubusercontent.com/NVIDIA/TensorRT-LLM/release/0.5.0/docs/source/performance.md ('High Throughput' H100 FP8)":
    'raw.githubusercontent.com/NVIDIA/TensorRT-LLM/release/0.5.0/docs/source/performance.md（“High Throughput”H100 FP8 表）',
  'TensorRT-LLM release/0.5.0 docs/source/blogs/H200launch.md': 'TensorRT-LLM release/0.5.0 分支的 docs/source/blogs/H200launch.md',
  'github.com/NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md (commit 00f37686)':
    'github.com/NVIDIA/TensorRT-LLM 的 docs/source/performance/perf-overview.md（提交 00f37686）',
  'TensorRT-LLM docs/source/performance/perf-overview.md (commit 00f37686)': 'TensorRT-LLM 的 docs/source/performance/perf-overview.md（提交 00f37686）',
  'buildkite.com/vllm/performance-benchmark/builds/9515 (latency tests)': 'buildkite.com/vllm/performance-benchmark/builds/9515（时延测试）',
  // Engines whose name carries a note in brackets.
  'TensorRT-LLM v0.5.0 (TensorRT 9.1.0.4)': 'TensorRT-LLM v0.5.0（基于 TensorRT 9.1.0.4）',
  'TensorRT-LLM v1.0 (PyTorch backend, trtllm-bench)': 'TensorRT-LLM v1.0（PyTorch 后端，trtllm-bench）',
  'vLLM (nightly perf CI, build 9515)': 'vLLM（每夜性能 CI，构建 9515）',
};
