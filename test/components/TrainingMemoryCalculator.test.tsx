// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import TrainingMemoryCalculator from '../../src/components/islands/TrainingMemoryCalculator';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

describe('<TrainingMemoryCalculator>', () => {
  it('shows 108 GB of model states and 104 GB of activations per GPU for Llama 2 7B, s=4096, b=1, no sharding', () => {
    render(<TrainingMemoryCalculator />);
    // 16 B × 6,738,415,616 = 107,814,649,856 B
    expect(screen.getByTestId('tm-states').textContent).toContain('108 GB');
    // s·b·H·(34 + 5·a·s/H) = 4096·4096·(34 + 160) = 3,254,779,904 B per layer; × 32 = 104,152,956,928 B
    expect(screen.getByTestId('tm-activations').textContent).toContain('104 GB');
    expect(screen.getByTestId('tm-activations').textContent).toContain('3.25 GB per layer × 32 layers');
    // 107,814,649,856 + 104,152,956,928 = 211,967,606,784 B
    expect(screen.getByTestId('tm-total').textContent).toContain('211,967,606,784 B');
    expect(screen.getByTestId('tm-capacity').textContent).toContain('does not fit');
    expect(screen.getByTestId('tm-gpus').textContent).toBe('8');
    expect(document.querySelector('svg.chart')).toBeTruthy();
  });

  it('ZeRO-3 and full recomputation bring it to 14.5 GB and it fits; the URL records both', () => {
    render(<TrainingMemoryCalculator />);
    fireEvent.change(screen.getByLabelText('ZeRO stage'), { target: { value: '3' } });
    fireEvent.change(screen.getByLabelText('Recomputation'), { target: { value: 'full' } });
    // 107,814,649,856 / 8 = 13,476,831,232; 2·4096·4096 = 33,554,432 per layer × 32 = 1,073,741,824; sum 14,550,573,056 B
    expect(screen.getByTestId('tm-total').textContent).toContain('14,550,573,056 B');
    expect(screen.getByTestId('tm-capacity').textContent).toContain('fits');
    expect(window.location.search).toContain('tm.zero=3');
    expect(window.location.search).toContain('tm.recompute=full');
  });

  it('restores tensor parallelism with sequence parallelism and selective recompute from the URL', () => {
    window.history.replaceState(null, '', '/?tm.t=4&tm.sp=on&tm.recompute=selective&tm.D=2');
    render(<TrainingMemoryCalculator />);
    // 34·s·b·H/t = 34·16,777,216/4 = 142,606,336 B per layer
    expect(screen.getByTestId('tm-activations').textContent).toContain('143 MB per layer');
    // N/(t·p) = 6,738,415,616 / 4 = 1,684,603,904
    expect(screen.getByTestId('tm-params').textContent).toContain('1,684,603,904');
    expect(screen.getByTestId('tm-gpus').textContent).toBe('8');
  });

  it('reports a tensor-parallel size that does not divide the heads next to its field', () => {
    render(<TrainingMemoryCalculator />);
    fireEvent.change(screen.getByLabelText('Tensor-parallel t'), { target: { value: '3' } });
    expect(document.getElementById('tm-t-error')?.textContent).toContain('must divide the 32 attention heads');
    expect(screen.getByText(/Showing the last valid result/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Micro-batch b'), { target: { value: 'x' } });
    expect(document.getElementById('tm-b-error')?.textContent).toContain('is not a number');
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('shows the parser’s message next to a bad config.json', () => {
    render(<TrainingMemoryCalculator />);
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'custom' } });
    fireEvent.change(screen.getByLabelText('config.json (Hugging Face)'), { target: { value: '{"model_type": "unknown-arch"}' } });
    expect(document.getElementById('tm-config-error')?.textContent).toMatch(/model_type "unknown-arch" is not supported/);
    expect(screen.getByTestId('tm-states').textContent).toContain('108 GB');
  });

  it('says the default does not fit an A800 as the CUDA runtime sees it: 212 GB against 81,050 MiB = 85.0 GB', () => {
    render(<TrainingMemoryCalculator />);
    // 81,050 · 1,048,576 = 84,986,691,584 B = 85.0 GB = 79.2 GiB
    expect(screen.getByTestId('tm-capacity').textContent).toBe('85.0 GBdoes not fit: 79.2 GiB as the CUDA runtime reports it');
    expect(screen.getByTestId('tm-warning-training-memory-does-not-fit').textContent).toBe(
      'Each GPU needs 212 GB (model states 108 GB, activations 104 GB) but has 85.0 GB: shard more (ZeRO, TP, PP) or recompute activations.',
    );
    fireEvent.change(screen.getByLabelText('GPU memory read as'), { target: { value: 'GB' } });
    expect(screen.getByTestId('tm-capacity').textContent).toContain('80.0 GB');
    expect(window.location.search).toContain('tm.memoryReading=GB');
  });

  it('a pipeline that does not divide the layers is refused by its field (a core error): p = 3 against 32 layers', () => {
    render(<TrainingMemoryCalculator />);
    fireEvent.change(screen.getByLabelText('Pipeline stages p'), { target: { value: '3' } });
    expect(document.getElementById('tm-p-error')?.textContent).toBe('PP = 3 must divide the 32 layers: each stage takes the same number of whole layers');
    expect(screen.getByTestId('tm-total').textContent).toContain('211,967,606,784 B');
  });

  it('a pasted config with hidden_size 1e300 is refused by the config box, and the last result stays', () => {
    render(<TrainingMemoryCalculator />);
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'custom' } });
    const config = { model_type: 'llama', hidden_size: 1e300, num_hidden_layers: 32, num_attention_heads: 32, intermediate_size: 11008, vocab_size: 32000 };
    fireEvent.change(screen.getByLabelText('config.json (Hugging Face)'), { target: { value: JSON.stringify(config) } });
    expect(document.getElementById('tm-config-error')?.textContent).toMatch(/^config\.json: hidden_size must be a whole number from 1 to 10,000,000/);
    expect(screen.getByTestId('tm-total').textContent).toContain('211,967,606,784 B');
    expect(document.querySelector('.results')?.textContent).not.toMatch(/NaN|Infinity|e\+\d/);
  });

  it('refuses hostile values from the URL by their fields and keeps the defaults', () => {
    window.history.replaceState(null, '', '/?tm.b=1e300&tm.s=0x10&tm.D=NaN&tm.zero=4&tm.model=%7B%22x%22%3A1%7D&tm.count=%3Ci%3E');
    render(<TrainingMemoryCalculator />);
    expect(document.getElementById('tm-b-error')?.textContent).toMatch(/^Micro-batch b must be a whole number from 1 to 100,000,000/);
    expect(document.getElementById('tm-s-error')).toBeTruthy();
    expect(document.getElementById('tm-D-error')?.textContent).toBe('Data-parallel D: "NaN" is not a finite number');
    expect(document.getElementById('tm-zero-error')?.textContent).toBe('ZeRO stage: "4" is not one of the choices');
    expect(document.getElementById('tm-model-error')?.textContent).toBe('Model: "{"x":1}" is not one of the choices');
    expect(document.getElementById('tm-count-error')?.textContent).toBe('Activation count: "<i>" is not one of the choices');
    expect(document.querySelector('.calculator i')).toBeNull();
    expect(screen.getByTestId('tm-total').textContent).toContain('211,967,606,784 B');
  });

  it('names the model and the layout in copied Markdown, linking back to this calculator', async () => {
    window.history.replaceState(null, '', '/training/?tm.zero=3');
    const writes: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (t: string) => void writes.push(t) }, configurable: true });
    render(<TrainingMemoryCalculator />);
    fireEvent.click(screen.getAllByText('Copy Markdown')[0]!);
    await Promise.resolve();
    expect(writes[0]).toContain('for Llama 2 7B, b = 1, s = 4,096 on NVIDIA A800 SXM4 80GB \\(D 8 · t 1 · p 1\\), ZeRO-3, recomputation none');
    expect(writes[0]).toContain('#training-memory-calculator');
    expect(writes[0]).toContain('tm.zero=3');
  });
});
