// @vitest-environment happy-dom
/**
 * Hints computed from the current inputs: a hint that quotes a figure another field decides (a
 * GPU's peak, the heads a degree must divide) or the field's own value follows the inputs, in
 * English and in Chinese, and a hint that cannot be computed is left out rather than thrown.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { loadZh } from '../../src/components/i18n/i18n';
import CaseCalculator from '../../src/components/islands/CaseCalculator';
import LayerCostCalculator from '../../src/components/islands/LayerCostCalculator';
import MfuCalculator from '../../src/components/islands/MfuCalculator';
import ParallelismPlannerCalculator from '../../src/components/islands/ParallelismPlannerCalculator';
import TrainingMemoryCalculator from '../../src/components/islands/TrainingMemoryCalculator';
import { hintText, withPowers, type FieldSpec } from '../../src/components/state/fields';

beforeAll(async () => {
  await loadZh();
});

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

const hint = (id: string) => document.getElementById(`${id}-hint`)?.textContent ?? null;

describe('hintText', () => {
  const spec = (h: FieldSpec['hint']): FieldSpec => ({ kind: 'number', label: 'x', default: 1, ...(h === undefined ? {} : { hint: h }) });
  it('gives a text hint as it is, and a function’s text for these values', () => {
    expect(hintText(spec('tokens'), {})).toBe('tokens');
    expect(
      hintText(
        spec((v) => `${String(v['a'])} heads`),
        { a: 64 },
      ),
    ).toBe('64 heads');
  });
  it('leaves the hint out when the function throws or gives nothing a reader can use', () => {
    expect(
      hintText(
        spec(() => {
          throw new Error('bad model');
        }),
        {},
      ),
    ).toBeNull();
    expect(
      hintText(
        spec(() => ''),
        {},
      ),
    ).toBeNull();
    expect(
      hintText(
        spec((v) => `${Number(v['a']) / 0} heads`),
        { a: 1 },
      ),
    ).toBeNull();
    expect(hintText(spec(undefined), {})).toBeNull();
  });
  it('withPowers reads a number back as the field shows it and in powers of ten', () => {
    expect(withPowers(15e12)).toBe('15T = 1.5e13');
    expect(withPowers(4e6)).toBe('4M = 4e6');
    expect(withPowers(4096)).toBe('4096');
    expect(() => withPowers('x')).toThrow();
  });
});

describe('a worked case’s hints follow the GPU and the field', () => {
  it('the peak’s hint names the GPU chosen now and its datasheet figure: H100 989.4T, then A800 312T', async () => {
    render(<CaseCalculator caseId="llama3-70b-mfu" />);
    // src/core/gpu: the H100 SXM's dense bf16 datasheet figure is 989.4 TFLOP/s, the A800's 312.
    expect(hint('mfu-peak')).toBe('dense bf16; the NVIDIA H100 SXM5 80GB datasheet: 989.4T');
    fireEvent.change(screen.getByLabelText('GPU (sets the peak)'), { target: { value: 'a800-sxm-80gb' } });
    expect(await screen.findByText('dense bf16; the NVIDIA A800 SXM4 80GB datasheet: 312T')).toBeTruthy();
    expect(document.body.textContent).not.toContain('H100 SXM5 80GB datasheet');
  });

  it('GPU-hours reads back what the field holds: 6.4M = 6.4e6, then 4M = 4e6', async () => {
    render(<CaseCalculator caseId="llama3-70b-mfu" />);
    expect(hint('mfu-gpuHours')).toBe('the whole run’s, stalls and restarts included; 6.4M = 6.4e6');
    fireEvent.change(screen.getByLabelText('GPU-hours'), { target: { value: '4M' } });
    expect(await screen.findByText('the whole run’s, stalls and restarts included; 4M = 4e6')).toBeTruthy();
  });

  it('the TTFT case’s bandwidth hints follow the GPU: A800 2.039T HBM, 200G per direction; H100 3.35T, 450G', async () => {
    render(<CaseCalculator caseId="llama2-70b-ttft" />);
    expect(hint('ttft-memoryBandwidth')).toBe('the NVIDIA A800 SXM4 80GB datasheet: 2.039T');
    // A800: 400 GB/s NVLink both ways → 200 GB/s per direction.
    expect(hint('ttft-linkBandwidth')).toBe('half the bidirectional figure; the NVIDIA A800 SXM4 80GB datasheet: 200G');
    fireEvent.change(screen.getByLabelText('GPU (sets peak and bandwidths)'), { target: { value: 'h100-sxm' } });
    // H100 SXM: 3.35 TB/s HBM3, 900 GB/s NVLink both ways → 450 GB/s per direction.
    expect(await screen.findByText('the NVIDIA H100 SXM5 80GB datasheet: 3.35T')).toBeTruthy();
    expect(hint('ttft-linkBandwidth')).toBe('half the bidirectional figure; the NVIDIA H100 SXM5 80GB datasheet: 450G');
  });

  it('in Chinese: the same figures, the words from the catalogue', async () => {
    render(<CaseCalculator caseId="llama3-70b-mfu" lang="zh" />);
    expect(hint('mfu-peak')).toBe('稠密 bf16；NVIDIA H100 SXM5 80GB 数据手册：989.4T');
    fireEvent.change(screen.getByLabelText('GPU（决定峰值）'), { target: { value: 'a800-sxm-80gb' } });
    expect(await screen.findByText('稠密 bf16；NVIDIA A800 SXM4 80GB 数据手册：312T')).toBeTruthy();
  });
});

describe('calculators’ hints follow the other fields', () => {
  it('MFU: the assumed MFU in FLOP/s of the GPU and data type chosen (40% of 989.4T ≈ 396 TFLOP/s; of 312T, 125 TFLOP/s)', async () => {
    // The assumed MFU is an input of the plan direction.
    window.history.replaceState(null, '', '/?mfu.mode=plan');
    render(<MfuCalculator />);
    // 0.4 × 989.4e12 = 395.76e12 → 396 TFLOP/s
    expect(hint('mfu-mfu')).toBe('a fraction, 40.0% of the NVIDIA H100 SXM5 80GB’s dense bf16 peak: 396 TFLOP/s');
    fireEvent.change(screen.getByLabelText('GPU'), { target: { value: 'a800-sxm-80gb' } });
    // 0.4 × 312e12 = 124.8e12 → 125 TFLOP/s
    expect(await screen.findByText('a fraction, 40.0% of the NVIDIA A800 SXM4 80GB’s dense bf16 peak: 125 TFLOP/s')).toBeTruthy();
  });

  it('MFU: GPU-hours reads back what the field holds (6.4M = 6.4e6, then 4M = 4e6)', async () => {
    render(<MfuCalculator />);
    expect(hint('mfu-gpuHours')).toBe('6.4M = 6.4e6');
    fireEvent.change(screen.getByLabelText('GPU-hours G'), { target: { value: '4M' } });
    expect(await screen.findByText('4M = 4e6')).toBeTruthy();
  });

  it('MFU in Chinese: 40.0% of the A800’s peak in the catalogue’s words', async () => {
    window.history.replaceState(null, '', '/?mfu.mode=plan');
    render(<MfuCalculator lang="zh" />);
    expect(hint('mfu-mfu')).toBe('比例，NVIDIA H100 SXM5 80GB 稠密 bf16 峰值的 40.0%：396 TFLOP/s');
  });

  it('training memory: t and p must divide the model’s heads and layers (Llama 2 7B: 32 and 32; 70B: 64 and 80)', async () => {
    render(<TrainingMemoryCalculator />);
    expect(hint('tm-t')).toBe('must divide the 32 heads');
    expect(hint('tm-p')).toBe('must divide the 32 layers');
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'llama-2-70b' } });
    expect(await screen.findByText('must divide the 64 heads')).toBeTruthy();
    expect(hint('tm-p')).toBe('must divide the 80 layers');
  });

  it('training memory in Chinese: 必须整除 32 个头', () => {
    render(<TrainingMemoryCalculator lang="zh" />);
    expect(hint('tm-t')).toBe('必须整除 32 个头');
  });

  it('a pasted config that does not parse leaves the degree without a hint, never an exception', async () => {
    render(<ParallelismPlannerCalculator />);
    expect(hint('pp-tp')).toBe('divides the 64 heads; keep within a node');
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'custom' } });
    await screen.findByLabelText('config.json (Hugging Face)');
    expect(hint('pp-tp')).toBeNull();
    expect(hint('pp-dp')).toBe('replicas; DP·TP·PP·CP = 1,024 GPUs');
  });

  it('layer cost: d and I read H and h (4096/32 = 128; 4H = 16,384, 8H/3 ≈ 10,923)', async () => {
    render(<LayerCostCalculator />);
    expect(hint('lc-d')).toBe('usually H/h = 128');
    expect(hint('lc-I')).toBe('4H = 16,384 for ReLU/GELU; about 8H/3 ≈ 10,923 gated');
    fireEvent.change(screen.getByLabelText('Hidden size H'), { target: { value: '8192' } });
    // 8192/32 = 256; 4·8192 = 32,768; 8·8192/3 = 21,845.3 → 21,845
    expect(await screen.findByText('usually H/h = 256')).toBeTruthy();
    expect(hint('lc-I')).toBe('4H = 32,768 for ReLU/GELU; about 8H/3 ≈ 21,845 gated');
  });
});
