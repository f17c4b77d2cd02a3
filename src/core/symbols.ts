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
  { tex: 'H', name: 'hidden size', meaning: 'Width of the residual stream: every token is a vector of H numbers between layers.', configKey: 'hidden_size, n_embd, d_model' },
  { tex: 'h', name: 'attention heads', meaning: 'Query heads per layer.', configKey: 'num_attention_heads, n_head' },
  { tex: 'h_{kv}', name: 'KV heads', meaning: 'Key/value heads per layer: h for MHA, 1 for MQA, a divisor of h for GQA.', configKey: 'num_key_value_heads' },
  { tex: 'd', name: 'head dim', meaning: 'Width of one head. Usually H/h, but some models set it explicitly (Gemma, Qwen 3).', configKey: 'head_dim' },
  { tex: 'L', name: 'layers', meaning: 'Transformer blocks (decoder layers).', configKey: 'num_hidden_layers, n_layer' },
  { tex: 'V', name: 'vocabulary size', meaning: 'Rows of the embedding table and columns of the LM head.', configKey: 'vocab_size' },
  { tex: 'N', name: 'parameters', meaning: 'Total trainable parameters (MoE: all experts; the active count is N_active).' },
  { tex: 'I', name: 'FFN width', meaning: 'Intermediate size of the feed-forward block: 4H in GPT-2, about 8H/3 (rounded) for SwiGLU models.', configKey: 'intermediate_size, n_inner, ffn_hidden_size' },
  { tex: 'E', name: 'experts', meaning: 'Routed experts per MoE layer.', configKey: 'num_local_experts, n_routed_experts, num_experts' },
  { tex: 'k', name: 'experts per token', meaning: 'Routed experts each token is sent to (top-k).', configKey: 'num_experts_per_tok' },
  { tex: 's', name: 'bytes per element', meaning: 'Storage size of one number: 4 for fp32, 2 for bf16/fp16, 1 for fp8/int8, 0.5 for int4.' },
  { tex: 'F', name: 'FLOPs', meaning: 'A count of floating-point operations; one multiply or one add is one FLOP, a fused multiply-add is two.' },
  { tex: 'P_{\\text{peak}}', name: 'peak FLOP/s', meaning: 'Dense (no 2:4 sparsity) Tensor Core throughput from the datasheet or derived from first principles.' },
  { tex: 'W_{\\text{mem}}', name: 'memory bandwidth', meaning: 'Bytes per second between HBM and the chip.' },
  { tex: 'Q', name: 'bytes moved', meaning: 'Memory traffic of a kernel: operands read plus results written.' },
  { tex: 'G', name: 'GPUs', meaning: 'Accelerators a model is split over (tensor-parallel degree when serving).' },
  {
    tex: 'D,\\,t,\\,p,\\,c',
    name: 'parallel degrees',
    meaning:
      'Data-, tensor-, pipeline- and context-parallel group sizes; the GPUs used are D·t·p·c. (In the training-time formulas D is the token budget instead; each formula labels its inputs.)',
  },
  { tex: 'm', name: 'micro-batches', meaning: 'Micro-batches per pipeline step; the bubble is (p−1)/(m+p−1).' },
  // Capacity and cost (chapter 12).
  { tex: '\\lambda_{\\text{rep}}', name: 'replica goodput', meaning: 'Requests per second one replica completes with its mean TTFT and TPOT within the targets.' },
  { tex: 'n_{\\text{rep}},\\,G_{\\text{total}}', name: 'replicas and fleet GPUs', meaning: 'Replicas an arrival rate needs, and the GPUs they span (replicas × G).' },
  { tex: 'c_{\\text{GPU}}', name: 'price per GPU-hour', meaning: 'US dollars per GPU per hour: an input; the calculators start from an example figure, not a quote.' },
  { tex: '\\rho,\\,f_{\\text{phase}}', name: 'time shares', meaning: 'ρ: the share of a replica’s time spent on prefills; f_phase: the share billed to one phase (ρ for input tokens, 1 − ρ for output tokens).' },
  { tex: '\\mathcal{L},\\,\\mathcal{E},\\,\\mathcal{A},\\,\\mathcal{B}', name: 'fitted loss (Chinchilla)', meaning: 'Hoffmann et al.’s L = E + A/N^α + B/D^β in nats per token, in calligraphic letters because E, B and L are experts, batch and layers here.' },
  { tex: '\\alpha_N,\\,\\beta_D', name: 'loss exponents (Chinchilla)', meaning: 'How fast the fitted loss falls with parameters and with tokens (0.34 and 0.28 as published).' },
  { tex: 'N_{\\text{opt}},\\,D_{\\text{opt}}', name: 'compute-optimal size', meaning: 'Parameters and training tokens minimising the fitted loss for a budget of 6·N·D FLOPs.' },
  { tex: '\\delta,\\,\\tau', name: 'checkpoint write and interval', meaning: 'Seconds the job waits to write a checkpoint, and seconds of training between checkpoints.' },
  { tex: '\\text{MTBF}', name: 'mean time between failures', meaning: 'Of one GPU (hours, MTBF_GPU) or of a synchronous job of n GPUs (MTBF_GPU/n).' },
];
