/**
 * Data types and their storage size.
 *
 * Bytes per element as stored in memory. int4 packs two values per byte, so it is 0.5.
 * tf32 is a Tensor Core math mode over fp32 storage, so it occupies 4 bytes.
 */
export const DTYPES = ['fp32', 'tf32', 'bf16', 'fp16', 'fp8', 'int8', 'int4'] as const;
export type Dtype = (typeof DTYPES)[number];

export const BYTES_PER_ELEMENT: Readonly<Record<Dtype, number>> = {
  fp32: 4,
  tf32: 4,
  bf16: 2,
  fp16: 2,
  fp8: 1,
  int8: 1,
  int4: 0.5,
};

/** True for the names in {@link DTYPES}. */
export function isDtype(value: string): value is Dtype {
  return (DTYPES as readonly string[]).includes(value);
}

/**
 * Bytes one element of `dtype` occupies.
 * @example bytesPerElement('bf16') //=> 2
 */
export function bytesPerElement(dtype: Dtype): number {
  return BYTES_PER_ELEMENT[dtype];
}
