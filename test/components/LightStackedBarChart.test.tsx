// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { scaleLinear } from 'd3-scale';
import { LightStackedBarChart, niceMax } from '../../src/components/charts/LightStackedBarChart';

afterEach(cleanup);

describe('niceMax', () => {
  it('niceMax(173e9) = 180e9 (steps of 2e10) and niceMax(576e9) = 600e9 (steps of 5e10)', () => {
    expect(niceMax(173e9)).toBe(180e9);
    expect(niceMax(576e9)).toBe(600e9);
  });

  it.each([1, 7, 0.29, 0.003, 42, 99, 101, 13_476_831_232, 57_210_722_304, 1.152e12, 3.3e15])(
    'niceMax(%d) equals d3 scaleLinear().domain([0, x]).nice()',
    (value) => {
      expect(niceMax(value)).toBe(scaleLinear().domain([0, value]).nice().domain()[1]);
    },
  );

  it('niceMax(0) = 1 (an empty chart still has an axis)', () => {
    expect(niceMax(0)).toBe(1);
  });
});

describe('<LightStackedBarChart>', () => {
  it('draws one rect per segment, the limit line, and the summary as text', () => {
    render(
      <LightStackedBarChart
        title="Memory"
        keys={[
          { key: 'w', label: 'Weights' },
          { key: 'kv', label: 'KV cache' },
        ]}
        bars={[
          { label: 'a', segments: [{ key: 'w', value: 10 }, { key: 'kv', value: 5 }], text: '15 B' },
          { label: 'b', segments: [{ key: 'w', value: 10 }, { key: 'kv', value: 20 }], text: '30 B' },
        ]}
        limit={{ value: 40, label: 'usable 40 B' }}
        summary="a: 15 B; b: 30 B"
      />,
    );
    const svg = document.querySelector('svg.chart')!;
    // 4 segment rects + 2 legend swatches
    expect(svg.querySelectorAll('rect').length).toBe(6);
    expect(svg.querySelector('line')).toBeTruthy();
    expect(svg.getAttribute('aria-label')).toBe('Memory. a: 15 B; b: 30 B');
    expect(document.querySelector('figcaption')?.textContent).toBe('a: 15 B; b: 30 B');
    // x runs from 120 to 540 over [0, 40]: the limit line sits at the right end of the axis.
    expect(svg.querySelector('line')?.getAttribute('x1')).toBe('540');
  });
});
