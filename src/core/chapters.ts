/**
 * The course's chapters in reading order. The slug is the URL (`/memory/`) and never
 * changes; `order` only sorts. Formula anchors are unique per chapter page.
 */
export const CHAPTERS = [
  { slug: 'tensors', order: 1, title: 'Tensors and the cost of a matmul' },
  { slug: 'gpu-peak', order: 2, title: "Where a GPU's peak FLOP/s come from" },
  { slug: 'anatomy', order: 3, title: 'Anatomy of a decoder-only Transformer' },
  { slug: 'attention-ffn', order: 4, title: 'Attention and FFN, shape by shape' },
  { slug: 'parameters-and-flops', order: 5, title: 'Parameters and FLOPs per token' },
  { slug: 'memory', order: 6, title: 'Inference memory: weights and KV cache' },
  { slug: 'training', order: 7, title: 'Training: compute and memory' },
  { slug: 'mfu-and-latency', order: 8, title: 'MFU and latency' },
  { slug: 'parallelism', order: 9, title: 'Parallelism, read off the formula' },
  { slug: 'variants', order: 10, title: 'Architecture variants' },
  { slug: 'serving-in-practice', order: 11, title: 'Serving in practice' },
  { slug: 'capacity-and-cost', order: 12, title: 'Capacity and cost' },
  { slug: 'cases', order: 13, title: 'Four worked questions' },
] as const;

export type ChapterSlug = (typeof CHAPTERS)[number]['slug'];
/** Pages that hold formulas besides chapters. */
export type PageSlug = ChapterSlug | 'notation' | 'playground' | 'models';
