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

describe('cli training', () => {
  it('training llama-3-70b --tokens 15T --seq 8192 --gpu h100-sxm --gpu-hours 6.4M: 6N by default, mfu = 27.86%', () => {
    const { code, out, err } = run(['training', 'llama-3-70b', '--tokens', '15T', '--seq', '8192', '--gpu', 'h100-sxm', '--gpu-hours', '6.4M', '--json']);
    expect(code).toBe(0);
    expect(err).toEqual([]);
    const r = JSON.parse(out[0] as string);
    expect(r.attention).toBe('none');
    // 6·70,553,706,496
    expect(r.flopsPerToken).toBe(423_322_238_976);
    // 423,322,238,976·15e12 = 6.34983358464e24
    expect(r.totalFlops).toBeCloseTo(6.34983358464e24, -12);
    // / (6.4e6·3600·989.4e12 = 2.279577600e25) = 0.2785531
    expect(r.mfu).toBeCloseTo(0.2785531, 7);
  });

  it('--attention full adds 12·L·h·d·S = 64,424,509,440 FLOPs per token', () => {
    const r = JSON.parse(
      run(['training', 'llama-3-70b', '--tokens', '15T', '--seq', '8192', '--gpu', 'h100-sxm', '--gpu-hours', '6.4M', '--attention', 'full', '--json'])
        .out[0] as string,
    );
    expect(r.flopsPerToken).toBe(423_322_238_976 + 64_424_509_440);
    expect(r.mfuByConvention.full).toBe(r.mfu);
  });

  it('--gpus 1024 --tokens-per-second 3e6 on A100: mfu = 37.96%', () => {
    const r = JSON.parse(
      run(['training', 'llama-2-7b', '--tokens', '2T', '--seq', '4096', '--gpu', 'a100-sxm-80gb', '--gpus', '1024', '--tokens-per-second', '3e6', '--json'])
        .out[0] as string,
    );
    // 40,430,493,696·3e6 / (1024·312e12) = 1.21291481088e17 / 3.19488e17 = 0.3796433
    expect(r.mfu).toBeCloseTo(0.3796433, 7);
    // 2e12 / 3e6 = 666,666.67 s
    expect(r.seconds).toBeCloseTo(666666.667, 2);
  });

  it.each([
    [['training', 'llama-2-7b', '--tokens', '1T', '--seq', '4096', '--gpu', 'a100-sxm-80gb'], 'gpu-hours'],
    [['training', 'llama-2-7b', '--tokens', '1T', '--seq', '4096', '--gpu', 'a100-sxm-80gb', '--gpu-hours', '1', '--tokens-per-second', '8'], 'gpu-hours'],
    [['training', 'llama-2-7b', '--tokens', '1T', '--seq', '4096', '--gpu', 'a100-sxm-80gb', '--gpu-hours', '1', '--attention', 'sparse'], 'attention'],
    [['training', 'llama-2-7b', '--tokens', '-1', '--seq', '4096', '--gpu', 'a100-sxm-80gb', '--gpu-hours', '1'], 'tokens'],
    [['training', 'llama-2-7b', '--tokens', '1T', '--seq', '4096', '--gpu', 'a100-sxm-80gb', '--gpus', '8'], 'gpu-hours'],
    [['training', 'llama-2-7b', '--tokens', '1T', '--seq', '4096', '--gpu', 'a100-sxm-80gb', '--tokens-per-second', '8'], 'gpus'],
    [['training', 'llama-2-7b', '--tokens', '1T', '--seq', '4096', '--gpu', 'a100-sxm-80gb', '--gpus', '24', '--mfu', '0.4', '--tp', '3'], 'tp'],
    [['training', 'llama-2-7b', '--tokens', '1T', '--seq', '4096', '--gpu', 'a100-sxm-80gb', '--gpus', '8', '--mfu', '0.4', '--zero', '4'], 'zero'],
  ] as const)('%j exits 1 naming %s', (argv, field) => {
    const { code, out, err } = run([...argv]);
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toContain(`(field: ${field})`);
  });
});
