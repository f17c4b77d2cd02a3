// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import CaseCalculator from '../../src/components/islands/CaseCalculator';
import { CASE_UIS, assumptionLabel, assumptionRows } from '../../src/components/state/cases';
import { loadZh } from '../../src/components/i18n/i18n';
import { runCase } from '../../src/core/cases/run';
import { CASE_IDS } from '../../src/core/cases/types';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

const text = (id: string) => screen.getByTestId(id).textContent ?? '';

describe('<CaseCalculator caseId="llama3-70b-mfu">', () => {
  it('shows MFU 27.6% for 70B, 15T tokens, 6.4M GPU-hours at 989 TFLOP/s', () => {
    render(<CaseCalculator caseId="llama3-70b-mfu" />);
    // 6·70e9·15e12 = 6.3e24 FLOPs; 6.4e6 h·3600 s·989e12 = 2.278656e25 → 0.2765
    expect(text('mfu-mfu')).toBe('27.6%');
    expect(text('mfu-verdict')).toContain('27.6%');
  });

  it('recomputes for 4M GPU-hours (44.2%) and writes mfu.gpuHours to the URL', () => {
    render(<CaseCalculator caseId="llama3-70b-mfu" />);
    fireEvent.change(screen.getByLabelText('GPU-hours'), { target: { value: '4M' } });
    // 6.3e24 / (4e6·3600·989e12 = 1.42416e25) = 0.4424
    expect(text('mfu-mfu')).toBe('44.2%');
    expect(window.location.search).toContain('mfu.gpuHours=4M');
  });

  it('the GPU select fills the peak: A800 at 312 TFLOP/s gives 87.6%', () => {
    render(<CaseCalculator caseId="llama3-70b-mfu" />);
    fireEvent.change(screen.getByLabelText('GPU (sets the peak)'), { target: { value: 'a800-sxm-80gb' } });
    expect((screen.getByLabelText('Peak per GPU (FLOP/s)') as HTMLInputElement).value).toBe('312T');
    // 6.3e24 / (6.4e6·3600·312e12 = 7.18848e24) = 0.8764
    expect(text('mfu-mfu')).toBe('87.6%');
  });

  it('restores 3.2M GPU-hours from the URL: 55.3%', () => {
    window.history.replaceState(null, '', '/?mfu.gpuHours=3.2M');
    render(<CaseCalculator caseId="llama3-70b-mfu" />);
    // 6.3e24 / (3.2e6·3600·989e12 = 1.139328e25) = 0.5530
    expect(text('mfu-mfu')).toBe('55.3%');
  });

  it('keeps the last result, stale, with a message by a bad peak; never NaN', () => {
    render(<CaseCalculator caseId="llama3-70b-mfu" />);
    fireEvent.change(screen.getByLabelText('Peak per GPU (FLOP/s)'), { target: { value: '-1' } });
    expect(document.getElementById('mfu-peak-error')?.textContent).toBe(
      'Peak per GPU (FLOP/s) must be a number from 1 to 1e18 (a hundred times the fastest accelerators (about 10 PFLOP/s dense))',
    );
    expect(text('mfu-mfu')).toBe('27.6%');
    expect(screen.getByText(/Showing the last valid result/)).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });
});

describe('<CaseCalculator caseId="llama3-70b-mfu">: warnings, setup, words', () => {
  it('flags an impossible MFU: an A800 (312 TFLOP/s) and 4M GPU-hours would be 140%', () => {
    window.history.replaceState(null, '', '/?mfu.gpu=a800-sxm-80gb&mfu.peak=312T&mfu.gpuHours=4M');
    render(<CaseCalculator caseId="llama3-70b-mfu" />);
    // 6·70e9·15e12 / (4e6·3600·312e12 = 4.4928e24) = 1.4022
    expect(text('mfu-mfu')).toBe('140%');
    expect(text('mfu-warning-mfu-above-peak')).toMatch(/^An MFU of 140% is impossible/);
  });

  it('shows a total past 2^53 once, not with a second "≈" line: 6.30 YFLOPs', () => {
    render(<CaseCalculator caseId="llama3-70b-mfu" />);
    // 6·70e9·15e12 = 6.3e24 FLOPs, beyond 2^53: no digit-by-digit line
    expect(text('mfu-totalFlops')).toBe('6.30 YFLOPs');
  });

  it('labels its inputs in words, never with the code names of the assumptions', () => {
    render(<CaseCalculator caseId="llama3-70b-mfu" />);
    const labels = [...document.querySelectorAll('.calculator label')].map((l) => l.textContent ?? '');
    expect(labels).toEqual(['GPU (sets the peak)', 'Peak per GPU (FLOP/s)', 'Parameters N', 'Training tokens D', 'GPU-hours', 'Sequence length S']);
    expect(assumptionLabel('llama3-70b-mfu', 'gpuHours')).toBe('GPU-hours');
    expect(assumptionLabel('llama2-70b-ttft', 'maskFactor')).toBe('Attention FLOPs counted');
    expect(assumptionLabel('llama2-70b-concurrency', 'bytesPerElement')).toBe('Data type (weights and KV)');
  });

  it('names the setup in copied Markdown and links back to this case’s calculator', async () => {
    window.history.replaceState(null, '', '/cases/?mfu.gpuHours=4M');
    const writes: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (t: string) => void writes.push(t) }, configurable: true });
    render(<CaseCalculator caseId="llama3-70b-mfu" />);
    const more = document.querySelector('details.more-derivations') as HTMLDetailsElement;
    more.open = true;
    fireEvent(more, new Event('toggle'));
    fireEvent.click((await screen.findAllByText('Copy Markdown'))[0]!);
    await Promise.resolve();
    expect(writes[0]).toContain('for Llama 3 70B trained on 15.0T tokens in 4.00M GPU-h of NVIDIA H100 SXM5 80GB at 989 TFLOP/s, N = 70.0G (');
    expect(writes[0]).toContain('#llama3-70b-mfu-calculator');
    expect(writes[0]).toContain('mfu.gpuHours=4M');
  });
});

describe('<CaseCalculator caseId="llama2-7b-params">', () => {
  it('counts 6,738,415,616 parameters for Llama 2 7B and 13,015,864,320 for 13B', () => {
    render(<CaseCalculator caseId="llama2-7b-params" />);
    // 2·32000·4096 + 32·(4·4096² + 3·4096·11008 + 2·4096) + 4096
    expect(text('p7-params')).toBe('6,738,415,616');
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'llama-2-13b' } });
    // 2·32000·5120 + 40·(4·5120² + 3·5120·13824 + 2·5120) + 5120
    expect(text('p7-params')).toBe('13,015,864,320');
    expect(window.location.search).toContain('p7.model=llama-2-13b');
  });

  it('counts a pasted config.json (GPT-2: 124,439,808) and shows a bad paste’s message by the box', () => {
    render(<CaseCalculator caseId="llama2-7b-params" />);
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'custom' } });
    const box = screen.getByLabelText('config.json (Hugging Face)');
    // GPT-2 small: 12 layers, H = 768, V = 50,257, tied head (official count 124,439,808).
    const gpt2 = { model_type: 'gpt2', n_layer: 12, n_embd: 768, n_head: 12, n_positions: 1024, vocab_size: 50257 };
    fireEvent.change(box, { target: { value: JSON.stringify(gpt2) } });
    expect(text('p7-params')).toBe('124,439,808');
    fireEvent.change(box, { target: { value: JSON.stringify({ ...gpt2, n_head: 0 }) } });
    expect(screen.getByText(/config\.json: .*n_head/)).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });
});

describe('<CaseCalculator caseId="llama2-70b-ttft">', () => {
  it('is not reasonable: a 6.53 s estimate, 3.64 s even at peak, for 16 × 4,000 tokens on 8 A800s; one request is', () => {
    render(<CaseCalculator caseId="llama2-70b-ttft" />);
    // 9,097,369,878,528,000 FLOPs (exact, causal) / (8·312e12) = 3.645 s; the estimate adds efficiencies, all-reduces, fixed costs
    expect(text('ttft-secondsAtPeak')).toBe('3.64 s');
    expect(text('ttft-ttftSeconds')).toBe('6.53 s');
    expect(text('ttft-reasonable')).toBe('no');
    fireEvent.change(screen.getByLabelText('Requests'), { target: { value: '1' } });
    // test/cases: 0.28475 + 0.00812 + 0.11629 + 0.00592 = 0.41508 s
    expect(text('ttft-ttftSeconds')).toBe('415 ms');
    expect(text('ttft-reasonable')).toBe('yes');
  });
});

describe('<CaseCalculator caseId="llama2-70b-ttft">: hostile input', () => {
  it('refuses ttft.gpus=1e300 by the GPUs field instead of a silent "—", and keeps the defaults', () => {
    window.history.replaceState(null, '', '/cases/?ttft.gpus=1e300&ttft.requests=NaN&ttft.maskFactor=2&ttft.peak=%3Cb%3E');
    render(<CaseCalculator caseId="llama2-70b-ttft" />);
    expect(document.getElementById('ttft-gpus-error')?.textContent).toBe(
      'GPUs (tensor parallel) must be a whole number from 1 to 10,000,000 (the largest clusters have a few hundred thousand GPUs)',
    );
    expect(document.getElementById('ttft-requests-error')?.textContent).toBe('Requests: "NaN" is not a finite number');
    expect(document.getElementById('ttft-maskFactor-error')?.textContent).toBe('Attention FLOPs counted: "2" is not one of the choices');
    expect(document.getElementById('ttft-peak-error')).toBeTruthy();
    expect(document.querySelector('.calculator b')).toBeNull();
    expect(text('ttft-ttftSeconds')).toBe('6.53 s');
    expect(document.querySelector('.results')?.textContent).not.toContain('—');
  });

  it('refuses a target whose low end is above its high end by the low field (the core’s error)', () => {
    render(<CaseCalculator caseId="llama2-70b-ttft" />);
    fireEvent.change(screen.getByLabelText('Target, low (s)'), { target: { value: '0.8' } });
    expect(document.getElementById('ttft-targetLowSeconds-error')?.textContent).toBe('the low end of the target (800 ms) is above its high end (700 ms)');
    expect(screen.getByText(/Showing the last valid result/)).toBeTruthy();
    expect(text('ttft-ttftSeconds')).toBe('6.53 s');
  });

  it('the largest GPU count the bound allows still gives finite answers: 10,000,000 GPUs', () => {
    window.history.replaceState(null, '', '/cases/?ttft.gpus=10000000');
    render(<CaseCalculator caseId="llama2-70b-ttft" />);
    expect(document.querySelector('.results')?.textContent).not.toMatch(/—|NaN|Infinity/);
  });
});

describe('<CaseCalculator caseId="llama2-70b-concurrency">', () => {
  it('holds 10 requests by default and 126 with 1-byte weights and cache', () => {
    render(<CaseCalculator caseId="llama2-70b-concurrency" />);
    // (2·84,987,084,800·0.9 = 152,976,752,640 − 137,953,296,384 − 950,400,000) / 1,310,720,000 = 10.74
    expect(text('conc-maxConcurrency')).toBe('10');
    fireEvent.change(screen.getByLabelText('Data type (weights and KV)'), { target: { value: 'fp8' } });
    // (152,976,752,640 − 68,976,648,192 − 950,400,000 of 16-bit activations) / 655,360,000 = 126.72
    expect(text('conc-maxConcurrency')).toBe('126');
    expect(window.location.search).toContain('conc.dtype=fp8');
  });

  it('reads "80GB" as 80e9 bytes from the URL: 3 requests', () => {
    window.history.replaceState(null, '', '/?conc.memoryReading=GB');
    render(<CaseCalculator caseId="llama2-70b-concurrency" />);
    // (2·80e9·0.9 = 144e9 − 137,953,296,384 − 950,400,000) / 1,310,720,000 = 3.89 → 3
    expect(text('conc-maxConcurrency')).toBe('3');
  });

  it('names the bad field for an unknown GPU in the URL and never shows NaN', () => {
    window.history.replaceState(null, '', '/?conc.gpu=nope&conc.gpus=0');
    render(<CaseCalculator caseId="llama2-70b-concurrency" />);
    expect(document.getElementById('conc-gpu-error')?.textContent).toBe('GPU: "nope" is not one of the choices');
    expect(document.getElementById('conc-gpus-error')?.textContent).toBe(
      'GPUs must be a whole number from 1 to 10,000,000 (the largest clusters have a few hundred thousand GPUs)',
    );
    expect(text('conc-maxConcurrency')).toBe('10');
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });
});

describe('live hints and the assumptions in the calculator’s words', () => {
  it('the GPU’s figures follow the select: H100 989T, then A800 312T, and say when the field holds another figure', async () => {
    render(<CaseCalculator caseId="llama3-70b-mfu" />);
    // The datasheet's dense bf16 is 989.4 TFLOP/s; the question rounds it to 989T, and the hint says so.
    expect(text('mfu-gpu-fills')).toBe('From the NVIDIA H100 SXM5 80GB datasheet: Peak per GPU (FLOP/s) 989.4T (the field holds 989T).');
    fireEvent.change(screen.getByLabelText('GPU (sets the peak)'), { target: { value: 'a800-sxm-80gb' } });
    expect(await screen.findByText(/From the NVIDIA A800 SXM4 80GB datasheet/)).toBeTruthy();
    expect(text('mfu-gpu-fills')).toBe('From the NVIDIA A800 SXM4 80GB datasheet: Peak per GPU (FLOP/s) 312T.');
    fireEvent.change(screen.getByLabelText('Peak per GPU (FLOP/s)'), { target: { value: '300T' } });
    expect(await screen.findByText(/the field holds 300T/)).toBeTruthy();
  });

  it('lists what differs from the question, in the field’s own text: GPU-hours 4M (question: 6.4M)', async () => {
    render(<CaseCalculator caseId="llama3-70b-mfu" />);
    expect(screen.queryByTestId('mfu-changed')).toBeNull();
    fireEvent.change(screen.getByLabelText('GPU-hours'), { target: { value: '4M' } });
    expect(await screen.findByTestId('mfu-changed')).toBeTruthy();
    expect(text('mfu-changed')).toBe('Changed from the question: GPU-hours 4M (question: 6.4M).');
  });

  it.each(CASE_IDS.map((id) => [id] as const))('%s: the assumptions table uses the calculator’s labels, no code name and no blank row', (id) => {
    const c = runCase(id, {});
    const rows = assumptionRows(id, c.assumptions, c.assumptionNotes as Record<string, string | undefined>);
    const labels = Object.values(CASE_UIS[id].fields).map((f) => f.label);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(labels).toContain(r.label);
      expect(r.value).not.toBe('');
      expect(r.label).not.toMatch(/^(gpuHours|maskFactor|config|bytesPerElement|memoryReading|activationTokens)$/);
    }
  });

  it('the MFU case’s rows read as the calculator shows them: GPU-hours 6.4M, the GPU by name', () => {
    const c = runCase('llama3-70b-mfu', {});
    const rows = assumptionRows('llama3-70b-mfu', c.assumptions, c.assumptionNotes as Record<string, string | undefined>);
    expect(rows.map((r) => [r.label, r.value])).toEqual([
      ['GPU (sets the peak)', 'NVIDIA H100 SXM5 80GB'],
      ['Peak per GPU (FLOP/s)', '989T'],
      ['Parameters N', '70G'],
      ['Training tokens D', '15T'],
      ['GPU-hours', '6.4M'],
      ['Sequence length S', '8192'],
    ]);
  });
});

describe('<CaseCalculator lang="zh">: the case’s own words in Chinese (src/core/i18n/casesZh.ts)', () => {
  it('the concurrency case: its verdict, 10 requests, in Chinese', async () => {
    await loadZh();
    render(<CaseCalculator caseId="llama2-70b-concurrency" lang="zh" />);
    expect(text('conc-maxConcurrency')).toBe('10');
    expect(text('conc-verdict')).toBe(
      '约 10 个并发请求，每个最多 4,000 Token（显存的理解方式：CUDA 运行时报告的值）：可用的 153 GB 中权重占 138 GB，得益于 GQA（8 个 KV 头），每个请求只缓存 1.31 GB；若用多头注意力（KV 为 8×），只能放下一个。',
    );
  });

  it('the MFU case: the datasheet note and what changed from the question, in Chinese', async () => {
    await loadZh();
    render(<CaseCalculator caseId="llama3-70b-mfu" lang="zh" />);
    // The question's 989T against the H100 datasheet's 989.4T.
    expect(text('mfu-gpu-fills')).toBe('NVIDIA H100 SXM5 80GB 数据手册中的值：每张 GPU 的峰值（FLOP/s） 989.4T（输入框中现为 989T）。');
    expect(text('mfu-verdict')).toMatch(/^按 6N 口径，整次训练平均的 MFU 约为 27\.6%/);
    fireEvent.change(screen.getByLabelText('GPU 时'), { target: { value: '4M' } });
    expect(await screen.findByTestId('mfu-changed')).toBeTruthy();
    expect(text('mfu-changed')).toBe('与题目不同的输入：GPU 时 4M（题目中为 6.4M）。');
    // 6.3e24 / (4e6·3600·989e12) = 0.4424
    expect(text('mfu-verdict')).toMatch(/^按 6N 口径，整次训练平均的 MFU 约为 44\.2%/);
  });

  it('English pages keep the English: the same notes without lang', () => {
    render(<CaseCalculator caseId="llama3-70b-mfu" />);
    expect(text('mfu-gpu-fills')).toBe('From the NVIDIA H100 SXM5 80GB datasheet: Peak per GPU (FLOP/s) 989.4T (the field holds 989T).');
    expect(text('mfu-verdict')).toMatch(/^About 27\.6% MFU by the 6N convention/);
  });
});
