/**
 * Model presets: the original Hugging Face `config.json` of each model, where it was read,
 * and the official parameter count with its source. The core parses `config` into a
 * ModelSpec (src/core/model/presets.ts); nothing here is computed.
 *
 * `configProvenance`:
 * - 'verbatim': the file as published, copied byte for byte from the copy named in `source.via`.
 * - 'sibling': verbatim config of a sibling checkpoint with the same architecture (named in `source.note`).
 * - 'transcribed': the published file's keys and values, transcribed and checked field by field against
 *   public copies; whitespace or key order may differ from the Hub file.
 */
import gpt2 from './gpt2.json';
import bloom7b1 from './bloom-7b1.json';
import falcon7b from './falcon-7b.json';
import opt67b from './opt-6.7b.json';
import pythia69b from './pythia-6.9b.json';
import llama27b from './llama-2-7b.json';
import llama213b from './llama-2-13b.json';
import llama270b from './llama-2-70b.json';
import llama38b from './llama-3-8b.json';
import llama370b from './llama-3-70b.json';
import llama318b from './llama-3.1-8b.json';
import llama31405b from './llama-3.1-405b.json';
import mistral7b from './mistral-7b.json';
import mixtral8x7b from './mixtral-8x7b.json';
import qwen257b from './qwen2.5-7b.json';
import qwen15moe from './qwen1.5-moe-a2.7b.json';
import qwen38b from './qwen3-8b.json';
import qwen330ba3b from './qwen3-30b-a3b.json';
import gemma2b from './gemma-2b.json';
import gemma29b from './gemma-2-9b.json';
import phi3mini from './phi-3-mini.json';
import deepseekV2Lite from './deepseek-v2-lite.json';
import deepseekV2 from './deepseek-v2.json';
import deepseekV3 from './deepseek-v3.json';

export interface PresetSource {
  /** The Hugging Face file the config is (or mirrors). */
  url: string;
  /** Date the file was read (ISO). */
  read: string;
  /** Where the text was actually copied from, when not from the Hub itself. */
  via?: string;
  note?: string;
}

export interface PresetRecord {
  /** Stable kebab-case id, used in URLs and the CLI. */
  id: string;
  name: string;
  /** Architecture family, for grouping (a model_type or a short family name). */
  family: string;
  hfRepo: string;
  config: Record<string, unknown>;
  configProvenance: 'verbatim' | 'sibling' | 'transcribed';
  source: PresetSource;
  /** The official parameter count, or null when no trustworthy exact figure was found. */
  officialParams: number | null;
  /** Where the official count comes from (or why there is none). */
  officialParamsSource: string;
}

const READ = '2026-11-28';
const SHARED = 'repository shared/data/models (copied from the Hub; see official-counts.json there)';
/** The Hub's own count: model page "Model size" / api/models/<repo> safetensors.total, i.e. the tensors in the safetensors files. */
const HUB = (repo: string, extra = '') =>
  `Hugging Face Hub safetensors metadata of ${repo} (huggingface.co/api/models/${repo} → safetensors.total, the elements stored in the checkpoint), as recorded in several public repositories that copy the Hub's figure${extra}`;

export const PRESET_RECORDS: readonly PresetRecord[] = [
  {
    id: 'gpt2',
    name: 'GPT-2 (124M)',
    family: 'gpt2',
    hfRepo: 'openai-community/gpt2',
    config: gpt2,
    configProvenance: 'verbatim',
    source: { url: 'https://huggingface.co/openai-community/gpt2/blob/main/config.json', read: READ, via: SHARED },
    officialParams: 124_439_808,
    officialParamsSource:
      'Widely cited GPT-2 small count with the tied wte/lm_head counted once (e.g. nanoGPT). The HF checkpoint also stores 12 causal-mask buffers h.*.attn.bias (1×1×1024×1024), not parameters, so safetensors totals read 137,022,720.',
  },
  {
    id: 'bloom-7b1',
    name: 'BLOOM 7B1',
    family: 'bloom',
    hfRepo: 'bigscience/bloom-7b1',
    config: bloom7b1,
    configProvenance: 'transcribed',
    source: { url: 'https://huggingface.co/bigscience/bloom-7b1/blob/main/config.json', read: READ },
    officialParams: 7_069_016_064,
    officialParamsSource:
      'Model card of bigscience/bloom-7b1 ("7,069,016,064 parameters"), the figure Hugging Face reports, as recorded in public repositories that copy the model card.',
  },
  {
    id: 'falcon-7b',
    name: 'Falcon 7B',
    family: 'falcon',
    hfRepo: 'tiiuae/falcon-7b',
    config: falcon7b,
    configProvenance: 'verbatim',
    source: { url: 'https://huggingface.co/tiiuae/falcon-7b/blob/main/config.json', read: READ, via: SHARED, note: 'legacy model_type "RefinedWebModel"' },
    officialParams: 6_921_720_704,
    officialParamsSource:
      'safetensors index of a falcon-7b fine-tune (huggingface.co/Pitchboy/falcon-7b-facts @757646d): total_size 13,843,441,408 B in bf16 = 6,921,720,704 (tied head stored once). No exact figure from TII itself.',
  },
  {
    id: 'opt-6.7b',
    name: 'OPT 6.7B',
    family: 'opt',
    hfRepo: 'facebook/opt-6.7b',
    config: opt67b,
    configProvenance: 'verbatim',
    source: {
      url: 'https://huggingface.co/facebook/opt-6.7b/blob/main/config.json',
      read: READ,
      via: 'github.com/SqueezeAILab/SqueezeLLM @a1734b7fa6803ea044b409ef2af6010df9bc9040 models/opt-6.7b/config.json (unchanged to @a5fd71f353bf569feb7b55737c1c1493e78e8f31)',
      note: 'that folder vendors the Hub files of facebook/opt-* (config, README, tokenizer files) as downloaded in 2023; its 651 bytes are the size the Hub lists for config.json at revision b58ac05 and later ones',
    },
    officialParams: 6_658_473_984,
    officialParamsSource:
      'No first-party exact figure found (the OPT paper says 6.7B). 6,658,473,984 is the checkpoint recount ("exact from profiling") recorded in public profiling code; it includes the 2050-row learned position table (offset 2) and the tied head once.',
  },
  {
    id: 'pythia-6.9b',
    name: 'Pythia 6.9B',
    family: 'gpt_neox',
    hfRepo: 'EleutherAI/pythia-6.9b',
    config: pythia69b,
    configProvenance: 'transcribed',
    source: { url: 'https://huggingface.co/EleutherAI/pythia-6.9b/blob/main/config.json', read: READ },
    officialParams: 6_857_302_016,
    officialParamsSource: 'Pythia README (github.com/EleutherAI/pythia), models table: 6.9B = 6,857,302,016 params, 6,444,163,072 non-embedding.',
  },
  {
    id: 'llama-2-7b',
    name: 'Llama 2 7B',
    family: 'llama',
    hfRepo: 'meta-llama/Llama-2-7b-hf',
    config: llama27b,
    configProvenance: 'verbatim',
    source: { url: 'https://huggingface.co/meta-llama/Llama-2-7b-hf/blob/main/config.json', read: READ, via: SHARED },
    officialParams: 6_738_415_616,
    officialParamsSource:
      "github.com/huggingface/huggingface.js @fe42e68 packages/gguf/src/gguf.spec.ts 'should get param count for llama2 7b' expects 6_738_415_616.",
  },
  {
    id: 'llama-2-13b',
    name: 'Llama 2 13B',
    family: 'llama',
    hfRepo: 'meta-llama/Llama-2-13b-hf',
    config: llama213b,
    configProvenance: 'verbatim',
    source: {
      url: 'https://huggingface.co/meta-llama/Llama-2-13b-hf/blob/main/config.json',
      read: READ,
      via: 'github.com/HPMLL/llm-benchmark @0347b4f models/Llama-2-13b-hf/config.json',
    },
    officialParams: 13_015_864_320,
    officialParamsSource:
      'pytorch_model.bin.index.json of Llama-2-13b-hf (same copy, fp32): total_size 52,063,467,520 B / 4 = 13,015,866,880 elements, less 40 rotary inv_freq buffers of 64 = 13,015,864,320.',
  },
  {
    id: 'llama-2-70b',
    name: 'Llama 2 70B',
    family: 'llama',
    hfRepo: 'meta-llama/Llama-2-70b-hf',
    config: llama270b,
    configProvenance: 'verbatim',
    source: {
      url: 'https://huggingface.co/meta-llama/Llama-2-70b-hf/blob/main/config.json',
      read: READ,
      via: 'github.com/ai-dynamo/aiconfigurator @38028ec80aecbd3a2220b07b15dd1525b29545d3 src/aiconfigurator/model_configs/meta-llama--Llama-2-70b-hf_config.json (its pre-downloaded Hub configs; removed from that repo in c78d3fab)',
      note: 'the later Hub revision (transformers 4.32.0.dev0, float16, no pad_token_id); the same text appears in other public copies. That copy has no final newline, kept as is (re-uploads of the same text on the Hub are 609 bytes, so the Hub file ends with one)',
    },
    officialParams: 68_976_648_192,
    officialParamsSource:
      'pytorch_model.bin.index.json of Llama-2-70b-chat-hf, same weight shapes as the base model (github.com/HPMLL/llm-benchmark @0347b4f models/Llama-2-70b-chat-hf/, fp32): total_size 275,906,613,248 B / 4 = 68,976,653,312 elements, less 80 rotary inv_freq buffers of 64 = 68,976,648,192.',
  },
  {
    id: 'llama-3-8b',
    name: 'Llama 3 8B',
    family: 'llama',
    hfRepo: 'meta-llama/Meta-Llama-3-8B',
    config: llama38b,
    configProvenance: 'transcribed',
    source: { url: 'https://huggingface.co/meta-llama/Meta-Llama-3-8B/blob/main/config.json', read: READ, note: 'matches several public copies of the file' },
    officialParams: 8_030_261_248,
    officialParamsSource: HUB('meta-llama/Meta-Llama-3-8B', ': 8,030,261,248 (same figure for Llama 3.1 8B)'),
  },
  {
    id: 'llama-3-70b',
    name: 'Llama 3 70B',
    family: 'llama',
    hfRepo: 'meta-llama/Meta-Llama-3-70B',
    config: llama370b,
    configProvenance: 'sibling',
    source: {
      url: 'https://huggingface.co/meta-llama/Llama-3.3-70B-Instruct/blob/main/config.json',
      read: READ,
      note: 'Llama 3.3 70B Instruct config: the same shapes as Llama 3 70B (L=80, H=8192, I=28672, h=64, h_kv=8, V=128256); only RoPE scaling and context differ',
    },
    officialParams: 70_553_706_496,
    officialParamsSource: HUB('meta-llama/Llama-3.3-70B-Instruct', ': 70,553,706,496, identical for Meta-Llama-3-70B'),
  },
  {
    id: 'llama-3.1-8b',
    name: 'Llama 3.1 8B',
    family: 'llama',
    hfRepo: 'meta-llama/Llama-3.1-8B',
    config: llama318b,
    configProvenance: 'verbatim',
    source: {
      url: 'https://huggingface.co/meta-llama/Llama-3.1-8B/blob/main/config.json',
      read: READ,
      via: 'github.com/citsjtu2020/LLM-Prof @8434c8d sglang/Model_Config.md',
    },
    officialParams: 8_030_261_248,
    officialParamsSource: HUB('meta-llama/Llama-3.1-8B', ': 8,030,261,248'),
  },
  {
    id: 'llama-3.1-405b',
    name: 'Llama 3.1 405B',
    family: 'llama',
    hfRepo: 'meta-llama/Llama-3.1-405B',
    config: llama31405b,
    configProvenance: 'verbatim',
    source: {
      url: 'https://huggingface.co/meta-llama/Llama-3.1-405B/blob/main/config.json',
      read: READ,
      via: 'github.com/ai-dynamo/aiconfigurator @095f58a51c4ca8e61b66ec108d86f223f8d559ce aic-core/src/aiconfigurator_core/model_configs/meta-llama--Meta-Llama-3.1-405B_config.json (added 2025-10-30 as a pre-downloaded Hub config, unchanged since)',
      note: 'the repo was first published as meta-llama/Meta-Llama-3.1-405B. This is the corrected revision with num_key_value_heads 8 (the first upload said 16, as a 825-byte copy re-uploaded to the Hub as migtissera/Meta-Llama-3.1-405B still shows); the official count is for 8. That copy reads transformers_version 4.42.3 and has no final newline, kept as is',
    },
    officialParams: 405_853_388_800,
    officialParamsSource: HUB('meta-llama/Llama-3.1-405B', ': 405,853,388,800'),
  },
  {
    id: 'mistral-7b',
    name: 'Mistral 7B v0.1',
    family: 'mistral',
    hfRepo: 'mistralai/Mistral-7B-v0.1',
    config: mistral7b,
    configProvenance: 'verbatim',
    source: {
      url: 'https://huggingface.co/mistralai/Mistral-7B-v0.1/blob/26bca36bde8333b5d7f72e9ed20ccda6a618af24/config.json',
      read: READ,
      via: 'github.com/jasonfr6/AI7, a git mirror of the Hub repository mistralai/Mistral-7B-v0.1 (its history keeps the Hub commit ids; weights are LFS pointers): config.json at Hub commit 26bca36bde8333b5d7f72e9ed20ccda6a618af24, last changed in e836d8f71b5812f9fee65618453dc537c66bd82a',
    },
    officialParams: 7_241_732_096,
    officialParamsSource:
      'model.safetensors.index.json of mistralai/Mistral-7B-v0.1 at Hub commit 26bca36 (same git mirror): total_size 14,483,464,192 B in bf16 = 7,241,732,096 over 291 tensors (the two LFS shards are 9,942,981,696 + 4,540,516,344 B, the difference being their JSON headers); the safetensors metadata of the Hub, as quoted in public repositories, gives the same 7,241,732,096.',
  },
  {
    id: 'mixtral-8x7b',
    name: 'Mixtral 8x7B',
    family: 'mixtral',
    hfRepo: 'mistralai/Mixtral-8x7B-v0.1',
    config: mixtral8x7b,
    configProvenance: 'verbatim',
    source: { url: 'https://huggingface.co/mistralai/Mixtral-8x7B-v0.1/blob/main/config.json', read: READ, via: SHARED },
    officialParams: 46_702_792_704,
    officialParamsSource: HUB('mistralai/Mixtral-8x7B-v0.1', ': 46,702,792,704 (12,879,925,248 active at top-2)'),
  },
  {
    id: 'qwen2.5-7b',
    name: 'Qwen2.5 7B',
    family: 'qwen2',
    hfRepo: 'Qwen/Qwen2.5-7B',
    config: qwen257b,
    configProvenance: 'verbatim',
    source: {
      url: 'https://huggingface.co/Qwen/Qwen2.5-7B/blob/main/config.json',
      read: READ,
      via: 'github.com/citsjtu2020/LLM-Prof @8434c8d sglang/Model_Config.md',
    },
    officialParams: 7_615_616_512,
    officialParamsSource: 'model.safetensors.index.json of Qwen/Qwen2.5-7B: total_size 15,231,233,024 B in bf16 = 7,615,616,512 (model card: 7.61B).',
  },
  {
    id: 'qwen1.5-moe-a2.7b',
    name: 'Qwen1.5-MoE-A2.7B',
    family: 'qwen2_moe',
    hfRepo: 'Qwen/Qwen1.5-MoE-A2.7B',
    config: qwen15moe,
    configProvenance: 'transcribed',
    source: { url: 'https://huggingface.co/Qwen/Qwen1.5-MoE-A2.7B/blob/main/config.json', read: READ },
    officialParams: 14_315_784_192,
    officialParamsSource: HUB('Qwen/Qwen1.5-MoE-A2.7B', ': 14,315,784,192 (model card: 14.3B total, 2.7B activated)'),
  },
  {
    id: 'qwen3-8b',
    name: 'Qwen3 8B',
    family: 'qwen3',
    hfRepo: 'Qwen/Qwen3-8B',
    config: qwen38b,
    configProvenance: 'verbatim',
    source: {
      url: 'https://huggingface.co/Qwen/Qwen3-8B/blob/main/config.json',
      read: READ,
      via: 'github.com/citsjtu2020/LLM-Prof @8434c8d sglang/Model_Config.md',
    },
    officialParams: 8_190_735_360,
    officialParamsSource: 'model.safetensors.index.json of Qwen/Qwen3-8B: total_size 16,381,470,720 B in bf16 = 8,190,735,360 (model card: 8.2B).',
  },
  {
    id: 'qwen3-30b-a3b',
    name: 'Qwen3 30B-A3B',
    family: 'qwen3_moe',
    hfRepo: 'Qwen/Qwen3-30B-A3B',
    config: qwen330ba3b,
    configProvenance: 'verbatim',
    source: {
      url: 'https://huggingface.co/Qwen/Qwen3-30B-A3B/blob/main/config.json',
      read: READ,
      via: 'github.com/citsjtu2020/LLM-Prof @8434c8d sglang/Model_Config.md',
    },
    officialParams: 30_532_122_624,
    officialParamsSource: HUB('Qwen/Qwen3-30B-A3B', ': 30,532,122,624 (model card: 30.5B total, 3.3B activated)'),
  },
  {
    id: 'gemma-2b',
    name: 'Gemma 2B',
    family: 'gemma',
    hfRepo: 'google/gemma-2b',
    config: gemma2b,
    configProvenance: 'verbatim',
    source: { url: 'https://huggingface.co/google/gemma-2b/blob/main/config.json', read: READ, via: SHARED },
    officialParams: 2_506_172_416,
    officialParamsSource:
      'model.safetensors.index.json of google/gemma-2b (copy in github.com/ananddhanabal/gemma): total_size 5,012,344,832 B in bf16 = 2,506,172,416.',
  },
  {
    id: 'gemma-2-9b',
    name: 'Gemma 2 9B',
    family: 'gemma2',
    hfRepo: 'google/gemma-2-9b',
    config: gemma29b,
    configProvenance: 'transcribed',
    source: { url: 'https://huggingface.co/google/gemma-2-9b/blob/main/config.json', read: READ },
    officialParams: 9_241_705_984,
    officialParamsSource: HUB('google/gemma-2-9b', ': 9,241,705,984'),
  },
  {
    id: 'phi-3-mini',
    name: 'Phi-3 mini 4k',
    family: 'phi3',
    hfRepo: 'microsoft/Phi-3-mini-4k-instruct',
    config: phi3mini,
    configProvenance: 'transcribed',
    source: { url: 'https://huggingface.co/microsoft/Phi-3-mini-4k-instruct/blob/main/config.json', read: READ },
    officialParams: 3_821_079_552,
    officialParamsSource: HUB('microsoft/Phi-3-mini-4k-instruct', ': 3,821,079,552 (model card: 3.8B)'),
  },
  {
    id: 'deepseek-v2-lite',
    name: 'DeepSeek-V2-Lite',
    family: 'deepseek_v2',
    hfRepo: 'deepseek-ai/DeepSeek-V2-Lite',
    config: deepseekV2Lite,
    configProvenance: 'sibling',
    source: {
      url: 'https://huggingface.co/deepseek-ai/DeepSeek-V2-Lite-Chat/blob/main/config.json',
      read: READ,
      via: SHARED,
      note: 'the Chat model, same architecture as DeepSeek-V2-Lite; saved by transformers 5 (head_dim = qk_rope_head_dim, rope_parameters)',
    },
    officialParams: 15_706_484_224,
    officialParamsSource:
      'Sum over the 4 safetensors files of DeepSeek-V2-Lite-Chat (5,291 tensors): 15,706,484,224 (shared/data/models/official-counts.json); DeepSeek card: 15.7B.',
  },
  {
    id: 'deepseek-v2',
    name: 'DeepSeek-V2',
    family: 'deepseek_v2',
    hfRepo: 'deepseek-ai/DeepSeek-V2',
    config: deepseekV2,
    configProvenance: 'sibling',
    source: {
      url: 'https://huggingface.co/deepseek-ai/DeepSeek-V2.5/blob/main/config.json',
      read: READ,
      note: 'DeepSeek-V2.5 config (236B), the same shapes as DeepSeek-V2',
    },
    officialParams: 235_741_434_880,
    officialParamsSource: HUB(
      'deepseek-ai/DeepSeek-V2',
      ': 235,741,434,880 (card: 236B total, 21B activated). The same figure appears in several public files found by exact-string search, among them a per-checkpoint table giving 235741434880 for DeepSeek-V2, -V2-Chat and -V2-Chat-0628; no first-party exact figure was found',
    ),
  },
  {
    id: 'deepseek-v3',
    name: 'DeepSeek-V3',
    family: 'deepseek_v3',
    hfRepo: 'deepseek-ai/DeepSeek-V3',
    config: deepseekV3,
    configProvenance: 'verbatim',
    source: {
      url: 'https://huggingface.co/deepseek-ai/DeepSeek-V3/blob/main/config.json',
      read: READ,
      via: 'github.com/ai-dynamo/aiconfigurator @095f58a51c4ca8e61b66ec108d86f223f8d559ce aic-core/src/aiconfigurator_core/model_configs/deepseek-ai--DeepSeek-V3_config.json (added 2025-10-30 as a pre-downloaded Hub config, unchanged since)',
      note: 'transformers 4.33.1, FP8 quantization_config. Some copies quoted in public issue reports also carry aux_loss_alpha, pretraining_tp and seq_aux (another Hub revision or a local edit; the core reads none of them). That copy has no final newline, kept as is',
    },
    officialParams: 671_026_419_200,
    officialParamsSource:
      'DeepSeek-V3 main model (671B), tensor by tensor from the checkpoint headers as published by several independent recounts: 671,026,419,200 = 61 layers, embedding, head, norms and e_score_correction_bias; the MTP module (layer 61, +14B) and the FP8 scale tensors are excluded.',
  },
];
