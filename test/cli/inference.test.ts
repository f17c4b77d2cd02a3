import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli';

function run(argv: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(argv, (s) => out.push(s), (s) => err.push(s));
  return { code, out, err };
}

const TTFT_CASE = ['inference', 'llama-2-70b', '--gpu', 'a800-sxm-80gb', '--gpus', '8', '--batch', '16', '--input', '4000', '--output', '1'];
const IDEAL = ['--compute-efficiency', '1', '--memory-efficiency', '1', '--comm-efficiency', '1'];

describe('cli inference', () => {
  it('inference llama-2-70b on 8×A800, 16 × 4,000, full attention: prefillFlops = 9,432,830,312,448,000', () => {
    const { code, out, err } = run([...TTFT_CASE, '--attention', 'full', ...IDEAL, '--json']);
    expect(code).toBe(0);
    expect(err).toEqual([]);
    const r = JSON.parse(out[0] as string);
    // exact per-component count: matmul weights N − 2·V·H − norms = 68,976,648,192 − 524,288,000 − 1,318,912 = 68,451,041,280
    // 2·68,451,041,280·64,000 + 4·80·8192·4000·64,000 + LM head on the last token 2·16·8192·32000
    expect(r.prefillFlops).toBe(9_432_830_312_448_000);
    // TTFT = prefill / (8·312e12) + 2·80·(2·7/8)·64,000·8192·2 / 200e9 = 3.7791788 + 1.4680064
    expect(r.ttftSeconds).toBeCloseTo(3.7791788 + 1.4680064, 6);
    expect(r.prefillRegime).toBe('compute-bound');
    expect(r.decodeRegime).toBe('memory-bound');
  });

  it('weightsBytes, kvCacheBytes and maxConcurrency for 8×A800', () => {
    const r = JSON.parse(run([...TTFT_CASE, '--json']).out[0] as string);
    expect(r.weightsBytes).toBe(137_953_296_384); // 2·68,976,648,192
    expect(r.kvCacheBytes).toBe(20_976_762_880); // 16·(4000 + 1)·327,680
    // (8·85,899,345,920·0.9 − 137,953,296,384 − 8·4000·(8192 + 3·28672/8)·2) / (4001·327,680)
    // = (618,475,290,624 − 137,953,296,384 − 1,212,416,000) / 1,311,047,680 = 365.6
    expect(r.maxConcurrency).toBe(365);
    expect(r.attention).toBe('causal');
    expect(typeof r.tpotSeconds).toBe('number');
  });

  it('2×A800, --memory-reading GB: fewer requests fit than with GiB', () => {
    const base = ['inference', 'llama-2-70b', '--gpu', 'a800-sxm-80gb', '--gpus', '2', '--batch', '1', '--input', '2000', '--output', '2000', '--json'];
    const gib = JSON.parse(run(base).out[0] as string);
    const gb = JSON.parse(run([...base, '--memory-reading', 'GB']).out[0] as string);
    // KV per 4,000-token request 1,310,720,000 B; activations 2·2000·(8192 + 3·28672/2)·2 = 409,600,000 B
    // GiB: (2·85,899,345,920·0.9 − 137,953,296,384 − 409,600,000) / 1,310,720,000 = 16,255,926,272 / … = 12.4
    // GB:  (2·80e9·0.9 − 137,953,296,384 − 409,600,000) / 1,310,720,000 = 5,637,103,616 / … = 4.3
    expect(gib.maxConcurrency).toBe(12);
    expect(gb.maxConcurrency).toBe(4);
  });

  it('TPOT grows with the batch (memory-bound decode reads more KV)', () => {
    const at = (b: string) =>
      JSON.parse(run(['inference', 'llama-3-8b', '--gpu', 'h100-sxm', '--gpus', '1', '--batch', b, '--input', '1000', '--output', '100', '--json']).out[0] as string);
    expect(at('8').tpotSeconds).toBeGreaterThan(at('1').tpotSeconds);
  });

  it.each([
    [['inference', 'llama-2-70b', '--gpu', 'a800-sxm-80gb', '--gpus', '8', '--batch', '0', '--input', '10', '--output', '1'], 'batch'],
    [['inference', 'llama-2-70b', '--gpu', 'a800-sxm-80gb', '--gpus', '8', '--batch', '1', '--input', '10'], 'output'],
    [['inference', 'llama-2-70b', '--gpu', 'nope', '--gpus', '8', '--batch', '1', '--input', '10', '--output', '1'], 'gpu'],
    [['inference', 'no-such-model', '--gpu', 'a800-sxm-80gb', '--gpus', '8', '--batch', '1', '--input', '10', '--output', '1'], 'model'],
    [['inference', 'llama-2-70b', '--gpu', 'a800-sxm-80gb', '--gpus', '8', '--batch', '1', '--input', '10', '--output', '1', '--dtype', 'fp7'], 'dtype'],
    [['inference', 'llama-2-70b', '--gpu', 'a100-sxm-80gb', '--gpus', '8', '--batch', '1', '--input', '10', '--output', '1', '--dtype', 'fp8'], 'dtype'],
    [['inference', 'llama-2-70b', '--gpu', 'l40s', '--gpus', '2', '--batch', '1', '--input', '10', '--output', '1'], 'link-bandwidth'],
    [['inference', 'llama-2-70b', '--gpu', 'a800-sxm-80gb', '--gpus', '8', '--batch', '1', '--input', '10', '--output', '1', '--compute-efficiency', '1.2'], 'compute'],
  ] as const)('%j exits 1 naming %s', (argv, field) => {
    const { code, out, err } = run([...argv]);
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toContain(`(field: ${field})`);
  });
});
