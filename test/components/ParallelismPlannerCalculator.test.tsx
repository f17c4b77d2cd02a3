// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import ParallelismPlannerCalculator from '../../src/components/islands/ParallelismPlannerCalculator';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

// Llama 3 70B: N = 70,553,706,496, L = 80, H = 8192, h = 64, h_kv = 8, d = 128, SwiGLU I = 28,672.
// Defaults: 1,024 H100s (80 GiB, 989.4 TFLOP/s) = DP 32 · TP 8 · PP 4 · CP 1, SP on, ZeRO 1, selective
// recomputation, S = 8192, b = 1, m = 16, u = 0.5.
describe('<ParallelismPlannerCalculator>', () => {
  it('plans Llama 3 70B on 1,024 H100s: 36.8 GB per GPU, bubble 15.8%, step 4.16 s, MFU 42.1%', () => {
    render(<ParallelismPlannerCalculator />);
    // N / (TP·PP) = 2,204,803,328 parameters per GPU
    expect(screen.getByTestId('pp-params').textContent).toContain('2.20 G');
    // ZeRO 1: 4 B · 2,204,803,328 + 12 B · 2,204,803,328 / 32 = 9,646,014,560 B
    expect(screen.getByTestId('pp-states').textContent).toContain('9.65 GB');
    // per layer (flash, SwiGLU, GQA, TP = SP = 8): 2,720,006,144 / 8 = 340,000,768 B; × 20 layers × min(m, p) = 4 in flight
    expect(screen.getByTestId('pp-activations').textContent).toContain('27.2 GB');
    expect(screen.getByTestId('pp-memory').textContent).toContain('36.8 GB');
    expect(screen.getByTestId('pp-fits').textContent).toBe('yes');
    // (p − 1)/(m + p − 1) = 3/19
    expect(screen.getByTestId('pp-bubble').textContent).toContain('15.8%');
    // 6N · 16 · 8192 / 32 = 1.7339e15 FLOPs; / (989.4e12 · 0.5) / (16/19) = 4.162 s
    expect(screen.getByTestId('pp-flops').textContent).toContain('1.73 PFLOPs');
    expect(screen.getByTestId('pp-step').textContent).toContain('4.16 s');
    // 4,194,304 tokens / 4.162 s = 1.008e6 tokens/s; MFU = 0.5 · 16/19 = 42.1%
    expect(screen.getByTestId('pp-throughput').textContent).toContain('1.01 Mtokens/s');
    expect(screen.getByTestId('pp-throughput').textContent).toContain('42.1%');
  });

  it('recomputes for ZeRO 3 (model states 1.10 GB) and writes the URL', () => {
    render(<ParallelismPlannerCalculator />);
    fireEvent.change(screen.getByLabelText('ZeRO stage'), { target: { value: '3' } });
    // 16 B · 2,204,803,328 / 32 = 1,102,401,664 B
    expect(screen.getByTestId('pp-states').textContent).toContain('1.10 GB');
    expect(screen.getByTestId('pp-memory').textContent).toContain('28.3 GB');
    expect(window.location.search).toContain('pp.zero=3');
  });

  it('restores TP 4 × DP 64 from the URL: 4.41 G parameters and 72.9 GB per GPU', () => {
    window.history.replaceState(null, '', '/?pp.tp=4&pp.dp=64&pp.model=llama-3-70b');
    render(<ParallelismPlannerCalculator />);
    // N / 16 = 4,409,606,656; states 4 · 4,409,606,656 + 12 · 4,409,606,656 / 64 = 18,465,227,872 B;
    // activations 2,720,006,144 / 4 · 20 · 4 = 54,400,122,880 B; total 72,865,350,752 B
    expect(screen.getByTestId('pp-params').textContent).toContain('4.41 G');
    expect(screen.getByTestId('pp-memory').textContent).toContain('72.9 GB');
  });

  it.each([
    ['Tensor parallel TP', '3', 'pp-tp-error', /must divide the 64 attention heads/],
    ['Pipeline parallel PP', '3', 'pp-pp-error', /must divide the 80 layers/],
    ['Data parallel DP', '16', 'pp-dp-error', /DP must be 32/],
    ['Expert parallel EP', '2', 'pp-ep-error', /dense model has no experts/],
    ['GPUs in the cluster', '1000', 'pp-gpus-error', /not a whole number of replicas/],
  ])('puts the constraint message next to %s = %s', (label, value, errorId, message) => {
    render(<ParallelismPlannerCalculator />);
    fireEvent.change(screen.getByLabelText(label), { target: { value } });
    expect(document.getElementById(errorId)?.textContent).toMatch(message);
    expect(screen.getByTestId('pp-memory').textContent).toContain('36.8 GB');
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('says when a layout does not fit (micro-batch 4: 109 GB of activations), and shows a bad paste by the box', () => {
    render(<ParallelismPlannerCalculator />);
    fireEvent.change(screen.getByLabelText('Micro-batch size b'), { target: { value: '4' } });
    expect(screen.getByTestId('pp-fits').textContent).toBe('no');
    // 4 · 27,200,061,440 + 9,646,014,560 = 118,446,260,320 B against 81,559 MiB = 85,520,809,984 B
    expect(screen.getByTestId('pp-warning-training-memory-does-not-fit').textContent).toBe(
      'Each GPU needs 118 GB (model states 9.65 GB, activations 109 GB) but has 85.5 GB: shard more (ZeRO, TP, PP) or recompute activations.',
    );
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'custom' } });
    fireEvent.change(screen.getByLabelText('config.json (Hugging Face)'), { target: { value: '{"model_type": "llama"' } });
    expect(document.getElementById('pp-config-error')?.textContent).toMatch(/not valid JSON/);
    fireEvent.change(screen.getByLabelText('Kernel efficiency u'), { target: { value: '0' } });
    expect(document.getElementById('pp-u-error')?.textContent).toMatch(/^Kernel efficiency u must be a number from 0\.001 to 1 /);
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('refuses a bandwidth below its bound: 0.5 B/s between nodes', () => {
    render(<ParallelismPlannerCalculator />);
    fireEvent.change(screen.getByLabelText('Inter-node bandwidth per GPU (B/s)'), { target: { value: '0.5' } });
    expect(document.getElementById('pp-inter-error')?.textContent).toMatch(/^Inter-node bandwidth per GPU \(B\/s\) must be a number from 1 to 1e16/);
  });

  it('warns when the micro-batches are fewer than the stages: m = 2 for PP 4 leaves a 60.0% bubble', () => {
    render(<ParallelismPlannerCalculator />);
    fireEvent.change(screen.getByLabelText('Micro-batches per step m'), { target: { value: '2' } });
    // (4 − 1) / (2 + 4 − 1) = 3/5
    expect(screen.getByTestId('pp-bubble').textContent).toBe('60.0%');
    expect(screen.getByTestId('pp-warning-fewer-micro-batches-than-stages').textContent).toBe(
      '2 micro-batches for 4 pipeline stages leave the pipeline mostly idle (bubble 60.0%).',
    );
  });

  it('refuses hostile values from the URL by their fields and keeps the defaults: pp.inter=1e-320 among them', () => {
    window.history.replaceState(null, '', '/?pp.inter=1e-320&pp.gpus=1e300&pp.seq=%3Csvg%20onload=alert(1)%3E&pp.zero=%7B%7D&pp.u=NaN&pp.gpu=nope');
    render(<ParallelismPlannerCalculator />);
    expect(document.getElementById('pp-inter-error')?.textContent).toBe(
      'Inter-node bandwidth per GPU (B/s): "1e-320" is too close to zero to compute with (non-zero values must be at least 1e-300 in size)',
    );
    expect(document.getElementById('pp-gpus-error')?.textContent).toMatch(/^GPUs in the cluster must be a whole number from 1 to 10,000,000/);
    expect(document.getElementById('pp-seq-error')).toBeTruthy();
    expect(document.getElementById('pp-zero-error')?.textContent).toBe('ZeRO stage: "{}" is not one of the choices');
    expect(document.getElementById('pp-u-error')?.textContent).toBe('Kernel efficiency u: "NaN" is not a finite number');
    expect(document.getElementById('pp-gpu-error')?.textContent).toBe('GPU: "nope" is not one of the choices');
    expect(document.querySelector('.calculator svg[onload]')).toBeNull();
    expect(screen.getByTestId('pp-memory').textContent).toContain('36.8 GB');
    expect(screen.getByTestId('pp-comm').textContent).not.toBe('—');
  });

  it('a GPU without a bf16 peak (V100) is planned at its fp16 peak, with a warning that says so', () => {
    render(<ParallelismPlannerCalculator />);
    fireEvent.change(screen.getByLabelText('GPU'), { target: { value: 'v100-sxm2-32gb' } });
    expect(document.getElementById('pp-gpu-error')).toBeNull();
    expect(document.body.textContent).toContain('NVIDIA V100 SXM2 has no bf16 tensor-core rate: MFU and time are computed at its fp16 peak.');
    expect(screen.getByTestId('pp-memory').textContent).toContain('36.8 GB');
  });

  it('names the model and the layout in copied Markdown, linking back to this calculator', async () => {
    window.history.replaceState(null, '', '/parallelism/?pp.zero=3');
    const writes: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (t: string) => void writes.push(t) }, configurable: true });
    render(<ParallelismPlannerCalculator />);
    fireEvent.click(screen.getAllByText('Copy Markdown')[0]!);
    await Promise.resolve();
    expect(writes[0]).toContain('for Llama 3 70B on 1,024 × NVIDIA H100 SXM5 80GB: DP 32 · TP 8 · PP 4 · CP 1 · EP 1, ZeRO 3, selective recomputation');
    expect(writes[0]).toContain('#parallelism-planner');
    expect(writes[0]).toContain('pp.zero=3');
  });
});
