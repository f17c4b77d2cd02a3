/**
 * The notation used on every page. Letters follow the reference article (H is the
 * hidden size, d the head dim); scaling-book uses other letters, so do not mix.
 */
export interface SymbolEntry {
  /** TeX */
  tex: string;
  name: string;
  meaning: string;
  /** Hugging Face config.json key(s), where there is one. */
  configKey?: string;
}

export const SYMBOLS: readonly SymbolEntry[] = [
  { tex: 'B', name: 'batch size', meaning: 'Sequences processed together in one forward pass.' },
  { tex: 'S', name: 'new tokens', meaning: 'Tokens per sequence processed in this pass: the prompt length in prefill, 1 in a decode step.' },
  { tex: "S'", name: 'context length', meaning: 'Tokens each new token attends to, cached ones included (S′ = S in prefill without a cache).' },
  {
    tex: 'H',
    name: 'hidden size',
    meaning: 'Width of the residual stream: every token is a vector of H numbers between layers.',
    configKey: 'hidden_size, n_embd, d_model',
  },
  { tex: 'h', name: 'attention heads', meaning: 'Query heads per layer.', configKey: 'num_attention_heads, n_head' },
  { tex: 'h_{kv}', name: 'KV heads', meaning: 'Key/value heads per layer: h for MHA, 1 for MQA, a divisor of h for GQA.', configKey: 'num_key_value_heads' },
  { tex: 'd', name: 'head dim', meaning: 'Width of one head. Usually H/h, but some models set it explicitly (Gemma, Qwen 3).', configKey: 'head_dim' },
  { tex: 'L', name: 'layers', meaning: 'Transformer blocks (decoder layers).', configKey: 'num_hidden_layers, n_layer' },
  { tex: 'V', name: 'vocabulary size', meaning: 'Rows of the embedding table and columns of the LM head.', configKey: 'vocab_size' },
  { tex: 'N', name: 'parameters', meaning: 'Total trainable parameters (MoE: all experts; the active count is N_active).' },
  {
    tex: 'I',
    name: 'FFN width',
    meaning: 'Intermediate size of the feed-forward block: 4H in GPT-2, about 8H/3 (rounded) for SwiGLU models.',
    configKey: 'intermediate_size, n_inner, ffn_hidden_size',
  },
  { tex: 'E', name: 'experts', meaning: 'Routed experts per MoE layer.', configKey: 'num_local_experts, n_routed_experts, num_experts' },
  { tex: 'k', name: 'experts per token', meaning: 'Routed experts each token is sent to (top-k).', configKey: 'num_experts_per_tok' },
  { tex: 's', name: 'bytes per element', meaning: 'Storage size of one number: 4 for fp32, 2 for bf16/fp16, 1 for fp8/int8, 0.5 for int4.' },
  { tex: 'F', name: 'FLOPs', meaning: 'A count of floating-point operations; one multiply or one add is one FLOP, a fused multiply-add is two.' },
  {
    tex: 'P_{\\text{peak}}',
    name: 'peak FLOP/s',
    meaning: 'Dense (no 2:4 sparsity) Tensor Core throughput from the datasheet or derived from first principles.',
  },
  { tex: 'W_{\\text{mem}}', name: 'memory bandwidth', meaning: 'Bytes per second between HBM and the chip.' },
  { tex: 'Q', name: 'bytes moved', meaning: 'Memory traffic of a kernel: operands read plus results written.' },
  { tex: 'G', name: 'GPUs', meaning: 'Accelerators a model is split over (tensor-parallel degree when serving).' },
  { tex: 'D', name: 'training tokens', meaning: 'Tokens a training run consumes (the token budget: 15T for Llama 3).' },
  {
    tex: '\\mathrm{DP},\\,\\mathrm{TP},\\,\\mathrm{PP},\\,\\mathrm{CP},\\,\\mathrm{EP}',
    name: 'parallel degrees',
    meaning:
      'Data-, tensor-, pipeline-, context- and expert-parallel group sizes; the GPUs used are DP·TP·PP·CP (expert groups are carved out of the data-parallel GPUs).',
  },
  { tex: 'm', name: 'micro-batches', meaning: 'Micro-batches per pipeline step; the bubble is (PP−1)/(m+PP−1).' },
  // Serving in practice (chapter 11).
  { tex: 'O', name: 'output tokens', meaning: 'Tokens a request generates; the first comes from the prefill, the other O − 1 from decode steps.' },
  {
    tex: 'T_{\\text{req}}',
    name: 'time per request',
    meaning: 'Seconds a request spends in the replica, from arrival to its last token (Little’s law: B = λ·T_req).',
  },
  { tex: 'b_{\\text{blk}}', name: 'tokens per KV block', meaning: 'Tokens one block of a paged KV cache holds (vLLM’s block_size, 16 by default).' },
  { tex: 'N_{\\text{blk}}', name: 'KV blocks', meaning: 'Blocks of a paged KV cache that fit in the memory left after weights and activations.' },
  { tex: '\\bar{n}_{\\text{blk}}', name: 'blocks in flight', meaning: 'Blocks a request holds on average while generating, its last one partly empty.' },
  { tex: 'r_{\\text{hit}}', name: 'prefix hit rate', meaning: 'Share of requests whose shared prefix is already in the KV cache, 0 to 1.' },
  {
    tex: 'S_{\\text{pre}},\\,S_{\\text{hit}}',
    name: 'shared and cached prefix',
    meaning: 'Prompt tokens shared by requests, and those a cache hit skips (whole blocks, never the last prompt token).',
  },
  { tex: 'S_{\\text{chunk}}', name: 'prefill chunk', meaning: 'Prompt tokens prefilled per step beside the running decodes (chunked prefill).' },
  {
    tex: '\\alpha_{\\text{acc}}',
    name: 'acceptance rate',
    meaning: 'Probability that a token the draft model guessed is accepted by the target (Leviathan et al.’s α; α alone is the all-reduce latency here).',
  },
  { tex: '\\gamma', name: 'draft length', meaning: 'Tokens the draft model guesses per verification pass of the target.' },
  { tex: 'c_{\\text{draft}}', name: 'cost coefficient', meaning: 'A draft decode step over a target decode step (Leviathan et al.’s c).' },
  {
    tex: 'q_w,\\,q_s,\\,g',
    name: 'quantization layout',
    meaning: 'Bits per quantized weight, bits of scale and zero point per group, and weights per group (int4 in groups of 128: 4 + 20/128 bits).',
  },
  { tex: '\\lambda', name: 'arrival rate', meaning: 'Requests per second arriving at a replica or a pool (λ_p: a prefill instance, λ_d: a decode instance).' },
  { tex: 'T_{\\text{KV}}', name: 'KV transfer', meaning: 'Seconds to move a request’s KV cache from the prefill GPUs to the decode GPUs.' },
  // Capacity and cost (chapter 12).
  {
    tex: '\\lambda_{\\text{rep}}',
    name: 'replica goodput',
    meaning: 'Requests per second one replica completes with its mean TTFT and TPOT within the targets.',
  },
  {
    tex: 'n_{\\text{rep}},\\,G_{\\text{total}}',
    name: 'replicas and fleet GPUs',
    meaning: 'Replicas an arrival rate needs, and the GPUs they span (replicas × G).',
  },
  {
    tex: 'c_{\\text{GPU}}',
    name: 'price per GPU-hour',
    meaning: 'US dollars per GPU per hour: an input; the calculators start from an example figure, not a quote.',
  },
  {
    tex: '\\rho,\\,f_{\\text{phase}}',
    name: 'time shares',
    meaning: 'ρ: the share of a replica’s time spent on prefills; f_phase: the share billed to one phase (ρ for input tokens, 1 − ρ for output tokens).',
  },
  {
    tex: '\\mathcal{L},\\,\\mathcal{E},\\,\\mathcal{A},\\,\\mathcal{B}',
    name: 'fitted loss (Chinchilla)',
    meaning: 'Hoffmann et al.’s L = E + A/N^α + B/D^β in nats per token, in calligraphic letters because E, B and L are experts, batch and layers here.',
  },
  {
    tex: '\\alpha_N,\\,\\beta_D',
    name: 'loss exponents (Chinchilla)',
    meaning: 'How fast the fitted loss falls with parameters and with tokens (0.34 and 0.28 as published).',
  },
  {
    tex: 'N_{\\text{opt}},\\,D_{\\text{opt}}',
    name: 'compute-optimal size',
    meaning: 'Parameters and training tokens minimising the fitted loss for a budget of 6·N·D FLOPs.',
  },
  {
    tex: '\\delta,\\,\\tau',
    name: 'checkpoint write and interval',
    meaning: 'Seconds the job waits to write a checkpoint, and seconds of training between checkpoints.',
  },
  { tex: '\\text{MTBF}', name: 'mean time between failures', meaning: 'Of one GPU (hours, MTBF_GPU) or of a synchronous job of G GPUs (MTBF_GPU/G).' },
];
