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

describe('cli gpu', () => {
  it('gpu a800-sxm-80gb --json prints the design fields: 312 TFLOP/s datasheet, 311.87 derived, 400 GB/s NVLink', () => {
    const { code, out, err } = run(['gpu', 'a800-sxm-80gb', '--json']);
    expect(code).toBe(0);
    expect(err).toEqual([]);
    const r = JSON.parse(out[0] as string);
    expect(r.id).toBe('a800-sxm-80gb');
    expect(r.name).toBe('NVIDIA A800 SXM4 80GB');
    expect(r.peakFlops).toMatchObject({ bf16: 312e12, fp16: 312e12, fp32: 19.5e12 });
    expect(r.peakFlops.fp8).toBeUndefined();
    // 2·(8·4·8)·4·108·1.41e9
    expect(r.derivedPeakFlops.bf16).toBe(311_869_440_000_000);
    expect(r.memoryBytes).toBe(80e9);
    expect(r.memoryBinaryBytes).toBe(85_899_345_920);
    expect(r.memoryBandwidth).toBe(2.039e12);
    expect(r.interconnectBandwidth).toBe(400e9);
    expect(r.interconnectBandwidthPerDirection).toBe(200e9);
  });

  it('gpu h100-sxm --json: dense bf16 989.4 TFLOP/s, fp8 1,978.9, derived 989.43', () => {
    const r = JSON.parse(run(['gpu', 'h100-sxm', '--json']).out[0] as string);
    expect(r.peakFlops.bf16).toBe(989.4e12);
    expect(r.peakFlops.fp8).toBe(1978.9e12);
    // 132·4·1024·1.83e9
    expect(r.derivedPeakFlops.bf16).toBe(989_429_760_000_000);
  });

  it('gpu b200 --json: derivedPeakFlops = null (SM count and clock unpublished)', () => {
    const r = JSON.parse(run(['gpu', 'b200', '--json']).out[0] as string);
    expect(r.derivedPeakFlops).toBeNull();
    expect(r.peakFlops.bf16).toBe(2.25e15);
  });

  it('gpu custom --sms 108 --tensor-cores 4 --flops-per-clock 512 --clock 1.41e9 … = 311.87 TFLOP/s', () => {
    const r = JSON.parse(
      run([
        'gpu',
        'custom',
        '--sms',
        '108',
        '--tensor-cores',
        '4',
        '--flops-per-clock',
        '512',
        '--clock',
        '1.41e9',
        '--memory',
        '80e9',
        '--bandwidth',
        '2.039e12',
        '--json',
      ]).out[0] as string,
    );
    expect(r.derivedPeakFlops.bf16).toBe(311_869_440_000_000);
    expect(r.interconnectBandwidth).toBeNull();
  });

  it('gpu list prints every id', () => {
    const r = JSON.parse(run(['gpu', 'list', '--json']).out[0] as string);
    expect(r.gpus.length).toBeGreaterThanOrEqual(18);
  });

  it.each([
    [['gpu', 'gtx-480', '--json'], 'gpu'],
    [['gpu', '--json'], 'gpu'],
    [
      ['gpu', 'custom', '--sms', '0', '--tensor-cores', '4', '--flops-per-clock', '512', '--clock', '1e9', '--memory', '1e9', '--bandwidth', '1e9'],
      'computeUnits',
    ],
    [['gpu', 'custom', '--tensor-cores', '4'], 'sms'],
  ] as const)('%j exits 1 with one line naming the field %s', (argv, field) => {
    const { code, out, err } = run([...argv]);
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toContain(`(field: ${field})`);
  });
});
