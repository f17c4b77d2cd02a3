import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli';

function run(argv: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(
    argv,
    (s) => out.push(s),
    (s) => err.push(s),
  );
  return { code, out, err };
}

const TTFT_CASE = ['inference', 'llama-2-70b', '--gpu', 'a800-sxm-80gb', '--gpus', '8', '--batch', '16', '--input', '4000', '--output', '1'];
const IDEAL = [
  '--compute-efficiency',
  '1',
  '--memory-efficiency',
  '1',
  '--kv-efficiency',
  '1',
  '--comm-efficiency',
  '1',
  '--all-reduce-latency',
  '0',
  '--step-overhead',
  '0',
  '--layer-overhead',
  '0',
];

describe('cli inference', () => {
  it('inference llama-2-70b on 8×A800, 16 × 4,000, full attention: prefillFlops = 9,432,830,312,448,000', () => {
    const { code, out, err } = run([...TTFT_CASE, '--attention', 'full', '--json']);
    expect(code).toBe(0);
    expect(err).toEqual([]);
    const r = JSON.parse(out[0] as string);
    // exact per-component count: matmul weights N − 2·V·H − norms = 68,976,648,192 − 524,288,000 − 1,318,912 = 68,451,041,280
    // 2·68,451,041,280·64,000 + 4·80·8192·4000·64,000 + LM head on the last token 2·16·8192·32000
    expect(r.prefillFlops).toBe(9_432_830_312_448_000);
    expect(r.prefillRegime).toBe('compute-bound');
    expect(r.decodeRegime).toBe('memory-bound');
    expect(r.warnings).toEqual([]);
  });

  it('the default TTFT is the scenario’s, the same number as the worked case: 6.53 s (causal, calibrated)', () => {
    const r = JSON.parse(run([...TTFT_CASE, '--json']).out[0] as string);
    // test/cases: compute 4.5560 + elementwise 0.1300 + all-reduces 1.8366 + fixed 0.0059
    expect(r.ttftSeconds).toBeCloseTo(6.528496, 5);
    expect(r.attention).toBe('causal');
    expect(r.assumptions.memoryReading).toBe('runtime');
  });

  it('the bare roofline is a flag away: ideal efficiencies, no α, no fixed costs → compute + ring = 3.6448 + 1.4680 s', () => {
    const r = JSON.parse(run([...TTFT_CASE, ...IDEAL, '--json']).out[0] as string);
    // 9,097,369,878,528,000 / 2.496e15 + 2·80·1.75·64000·8192·2/200e9 (elementwise 1.908e12 B / 1.6312e13 B/s = 0.117)
    expect(r.prefill.commSeconds).toBeCloseTo(1.4680064, 6);
    expect(r.prefill.computeSeconds).toBeCloseTo(3.6447796, 6);
  });

  it('weightsBytes, kvCacheBytes and maxConcurrency for 8×A800', () => {
    const r = JSON.parse(run([...TTFT_CASE, '--json']).out[0] as string);
    expect(r.weightsBytes).toBe(137_953_296_384); // 2·68,976,648,192
    expect(r.kvCacheBytes).toBe(20_976_762_880); // 16·(4000 + 1)·327,680
    // (8·84,987,084,800·0.9 − 137,953,296,384 − 1,736,832,000) / (4001·327,680)
    // = 472,216,882,176 / 1,311,047,680 = 360.2
    expect(r.maxConcurrency).toBe(360);
  });

  it('2×A800: memory read as the runtime reports it, as GiB, as GB', () => {
    const base = ['inference', 'llama-2-70b', '--gpu', 'a800-sxm-80gb', '--gpus', '2', '--batch', '1', '--input', '2000', '--output', '2000', '--json'];
    const at = (reading: string) => JSON.parse(run([...base, '--memory-reading', reading]).out[0] as string).maxConcurrency;
    // KV per 4,000-token request 1,310,720,000 B; activations of a 2,000-token prefill on 2 GPUs:
    // 2·2·2000·8192·2 + 2000·86016·2 + 4·32000 = 131,072,000 + 344,064,000 + 128,000 = 475,264,000 B
    // runtime: (2·84,987,084,800·0.9 − 137,953,296,384 − 475,264,000) / 1,310,720,000 = 14,548,192,256 / … = 11.1
    // GiB:    (154,618,822,656 − 138,428,560,384) / … = 16,190,262,272 / … = 12.35
    // GB:     (144e9 − 138,428,560,384) / … = 5,571,439,616 / … = 4.25
    expect(at('runtime')).toBe(11);
    expect(at('GiB')).toBe(12);
    expect(at('GB')).toBe(4);
  });

  it('an oversized model answers with a weights-do-not-fit warning instead of a verdict', () => {
    const r = JSON.parse(
      run(['inference', 'llama-3.1-405b', '--gpu', 'a800-sxm-80gb', '--gpus', '8', '--batch', '1', '--input', '1000', '--output', '10', '--json'])
        .out[0] as string,
    );
    expect(r.warnings.map((w: { code: string }) => w.code)).toEqual(['weights-do-not-fit']);
    expect(r.fits).toBe(false);
  });

  it('a hundred million output tokens answer at once: the decode steps are summed in closed form', () => {
    const t0 = performance.now();
    const { code, out } = run([
      'inference',
      'llama-2-70b',
      '--gpu',
      'a800-sxm-80gb',
      '--gpus',
      '8',
      '--batch',
      '16',
      '--input',
      '4000',
      '--output',
      '1e8',
      '--json',
    ]);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(code).toBe(0);
    expect(Number.isFinite(JSON.parse(out[0] as string).tpotSeconds)).toBe(true);
  });

  it('TPOT grows with the batch (memory-bound decode reads more KV)', () => {
    const at = (b: string) =>
      JSON.parse(
        run(['inference', 'llama-3-8b', '--gpu', 'h100-sxm', '--gpus', '1', '--batch', b, '--input', '1000', '--output', '100', '--json']).out[0] as string,
      );
    expect(at('8').tpotSeconds).toBeGreaterThan(at('1').tpotSeconds);
  });

  it.each([
    [['inference', 'llama-2-70b', '--gpu', 'a800-sxm-80gb', '--gpus', '8', '--batch', '0', '--input', '10', '--output', '1'], 'batch'],
    [['inference', 'llama-2-70b', '--gpu', 'a800-sxm-80gb', '--gpus', '8', '--batch', '1', '--input', '10'], 'output'],
    [['inference', 'llama-2-70b', '--gpu', 'nope', '--gpus', '8', '--batch', '1', '--input', '10', '--output', '1'], 'gpu'],
    [['inference', 'no-such-model', '--gpu', 'a800-sxm-80gb', '--gpus', '8', '--batch', '1', '--input', '10', '--output', '1'], 'model'],
    [['inference', 'llama-2-70b', '--gpu', 'a800-sxm-80gb', '--gpus', '8', '--batch', '1', '--input', '10', '--output', '1', '--dtype', 'fp7'], 'dtype'],
    [
      ['inference', 'llama-2-70b', '--gpu', 'a800-sxm-80gb', '--gpus', '8', '--batch', '1', '--input', '10', '--output', '1', '--compute-efficiency', '1.2'],
      'compute',
    ],
  ] as const)('%j exits 1 naming %s', (argv, field) => {
    const { code, out, err } = run([...argv]);
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toContain(`(field: ${field})`);
  });
});

describe('cli inference: warnings instead of refusals', () => {
  it('fp8 weights on an A100 (no fp8 tensor cores): timed at the bf16 peak, with a peak-dtype-fallback warning', () => {
    const r = JSON.parse(
      run(['inference', 'llama-2-70b', '--gpu', 'a100-sxm-80gb', '--gpus', '8', '--batch', '1', '--input', '10', '--output', '1', '--dtype', 'fp8', '--json'])
        .out[0] as string,
    );
    expect(r.warnings.map((w: { code: string }) => w.code)).toContain('peak-dtype-fallback');
  });
  it('tensor parallelism on L40S (no NVLink): over PCIe Gen4, 32 GB/s each way, with a warning', () => {
    const r = JSON.parse(
      run(['inference', 'llama-2-70b', '--gpu', 'l40s', '--gpus', '4', '--batch', '1', '--input', '10', '--output', '1', '--json']).out[0] as string,
    );
    expect(r.hardware.linkBandwidthPerDirection).toBe(32e9);
    expect(r.warnings.map((w: { code: string }) => w.code)).toContain('tensor-parallel-over-pcie');
  });
});
