// The accelerator record's shape lives beside the records (src/data/gpuSpec.ts) so the
// data imports nothing from the core; the core and everything above it import it from here.
export * from '../../data/gpuSpec';
