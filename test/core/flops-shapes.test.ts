import { describe, expect, it } from 'vitest';
import { layerTensorShapes } from '../../src/core/flops/shapes';
import { layerShapeOf } from '../../src/core/flops/layer';
import { getPreset } from '../../src/core/model/presets';
import { InputError } from '../../src/core/units';
import type { Dim } from '../../src/core/flops/stages';

const sizes = (dims: Dim[]) => dims.map((d) => d.size);
const labels = (dims: Dim[]) => dims.map((d) => d.label);
// Llama 2 7B: H = 4096, h = h_kv = 32, d = 128, I = 11008 (config.json).
const l7 = layerTensorShapes(layerShapeOf(getPreset('llama-2-7b').spec), { B: 1, S: 4096, Sc: 4096 });
// Llama 2 70B: H = 8192, h = 64, h_kv = 8, d = 128, I = 28672.
const l70 = layerTensorShapes(layerShapeOf(getPreset('llama-2-70b').spec), { B: 2, S: 1, Sc: 4000 });

describe('layerTensorShapes', () => {
  it.each([
    ['residual', [1, 4096, 4096]],
    ['wQkv', [4096, 12288]], // (32 + 2·32)·128
    ['qkv', [1, 4096, 12288]],
    ['qByHead', [1, 4096, 32, 128]],
    ['q', [1, 32, 4096, 128]],
    ['kv', [1, 32, 4096, 128]],
    ['kT', [1, 32, 128, 4096]],
    ['scores', [1, 32, 4096, 4096]],
    ['heads', [1, 32, 4096, 128]],
    ['headsBySeq', [1, 4096, 32, 128]],
    ['merged', [1, 4096, 4096]],
    ['wO', [4096, 4096]],
    ['wUp', [4096, 11008]],
    ['ffnHidden', [1, 4096, 11008]],
    ['wDown', [11008, 4096]],
  ] as const)("layerTensorShapes(Llama 2 7B, B = 1, S = S' = 4,096).%s = %o", (key, expected) => {
    expect(sizes(l7[key])).toEqual(expected);
  });

  it("labels the shapes with the course notation: [H, (h + 2·h_kv)·d], [B, h, S, S'], and H where h·d = H", () => {
    expect(labels(l7.wQkv)).toEqual(['H', '(h + 2·h_kv)·d']);
    expect(labels(l7.scores)).toEqual(['B', 'h', 'S', "S'"]);
    expect(labels(l7.merged)).toEqual(['B', 'S', 'H']);
    expect(labels(l7.kv)).toEqual(['B', 'h', "S'", 'd']);
  });

  it('layerTensorShapes(Llama 2 70B, GQA, one decode step over 4,000 positions) keeps 8 KV heads: kv = [2, 8, 4,000, 128], wQkv = [8,192, 10,240]', () => {
    expect(sizes(l70.kv)).toEqual([2, 8, 4000, 128]);
    expect(labels(l70.kv)).toEqual(['B', 'h_kv', "S'", 'd']);
    expect(sizes(l70.wQkv)).toEqual([8192, 10240]); // (64 + 2·8)·128
    expect(sizes(l70.scores)).toEqual([2, 64, 1, 4000]);
    expect(sizes(l70.wUp)).toEqual([8192, 28672]);
  });

  it('labels h·d when the heads do not add up to H (Gemma 2 9B: 16·256 = 4,096 ≠ 3,584)', () => {
    const g = layerTensorShapes(layerShapeOf(getPreset('gemma-2-9b').spec), { B: 1, S: 1, Sc: 1 });
    expect(labels(g.merged)).toEqual(['B', 'S', 'h·d']);
    expect(sizes(g.wO)).toEqual([4096, 3584]);
  });

  it.each([
    [{ B: 0, S: 1, Sc: 1 }, 'B'],
    [{ B: 1, S: 1.5, Sc: 2 }, 'S'],
    [{ B: 1, S: 8, Sc: 4 }, 'Sc'],
  ])('layerTensorShapes(…, %o) throws InputError naming %s', (work, field) => {
    const f = () => layerTensorShapes(layerShapeOf(getPreset('llama-2-7b').spec), work);
    expect(f).toThrow(InputError);
    try {
      f();
    } catch (e) {
      expect((e as InputError).field).toBe(field);
    }
  });
});
