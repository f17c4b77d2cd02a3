import { describe, expect, it } from 'vitest';
import { getPreset } from '../../src/core/model/presets';
import { kvCacheDerivation } from '../../src/core/memory/kvDerivation';

const spec = (id: string) => getPreset(id).spec;

describe('kvCacheDerivation', () => {
  it('kvCacheDerivation(llama-2-70b, 4000, 2) is memory.kvCache = 1,310,720,000 B', () => {
    // 2·80·4000·8·128·2
    const d = kvCacheDerivation(spec('llama-2-70b'), 4000, 2);
    expect(d?.id).toBe('memory.kvCache');
    expect(d?.value).toBe(1_310_720_000);
  });

  it('kvCacheDerivation(deepseek-v3, 4000, 2) is memory.mlaKvCache = 281,088,000 B', () => {
    // (512 + 64)·61·4000·2
    const d = kvCacheDerivation(spec('deepseek-v3'), 4000, 2);
    expect(d?.id).toBe('memory.mlaKvCache');
    expect(d?.value).toBe(281_088_000);
  });

  it('kvCacheDerivation(mistral-7b, 32768, 2) is memory.slidingWindowKvCache = 536,870,912 B', () => {
    // 2·32·min(32,768, 4096)·8·128·2
    const d = kvCacheDerivation(spec('mistral-7b'), 32768, 2);
    expect(d?.id).toBe('memory.slidingWindowKvCache');
    expect(d?.value).toBe(536_870_912);
  });

  it('kvCacheDerivation(gemma-2-9b, 8192, 2) is null: half its layers are windowed, so no one formula gives its cache', () => {
    expect(kvCacheDerivation(spec('gemma-2-9b'), 8192, 2)).toBeNull();
  });

  it('kvCacheDerivation(gemma-2-9b, 4096, 2) is memory.kvCache = 1,409,286,144 B: at the window, windowed and full layers hold the same', () => {
    // 2·42·4096·8·256·2
    const d = kvCacheDerivation(spec('gemma-2-9b'), 4096, 2);
    expect(d?.id).toBe('memory.kvCache');
    expect(d?.value).toBe(1_409_286_144);
  });
});
