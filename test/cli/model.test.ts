import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

const dir = mkdtempSync(join(tmpdir(), 'tbtn-model-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('cli model', () => {
  it('model llama-2-7b --json prints params.total = 6,738,415,616 and the design fields', () => {
    const { code, out, err } = run(['model', 'llama-2-7b', '--json']);
    expect(code).toBe(0);
    expect(err).toEqual([]);
    expect(out).toHaveLength(1);
    const r = JSON.parse(out[0] as string);
    expect(r.id).toBe('llama-2-7b');
    expect(r.modelType).toBe('llama');
    // 32000·4096 each for embedding and the untied head; 32·4·4096² attention; 32·3·4096·11008 FFN; 65·4096 norms
    expect(r.params).toMatchObject({
      total: 6_738_415_616,
      embedding: 131_072_000,
      lmHead: 131_072_000,
      attention: 2_147_483_648,
      mlp: 4_328_521_728,
      norms: 266_240,
    });
    expect(r.paramsApprox).toBe(6_573_522_944); // 12·32·4096² + 32000·4096
    expect(r.activeParams).toBe(6_738_415_616);
    expect(r.kvCacheBytesPerToken).toBe(524_288); // 2·32·32·128·2
  });

  it('model mixtral-8x7b --json: activeParams = 12,879,925,248, kvCacheBytesPerToken = 131,072 B', () => {
    const r = JSON.parse(run(['model', 'mixtral-8x7b', '--json']).out[0] as string);
    expect(r.params.total).toBe(46_702_792_704);
    expect(r.activeParams).toBe(12_879_925_248);
    expect(r.kvCacheBytesPerToken).toBe(131_072); // 2·32·8·128·2
  });

  it('model <path to gpt2 config.json> --json counts 124,439,808 params', () => {
    const path = file('gpt2.json', JSON.stringify({ model_type: 'gpt2', n_embd: 768, n_head: 12, n_layer: 12, n_positions: 1024, vocab_size: 50257 }));
    const { code, out } = run(['model', path, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out[0] as string).params.total).toBe(124_439_808);
  });

  it('model <config with num_key_value_heads 5> exits 1 with one line naming the field', () => {
    const path = file(
      'bad.json',
      JSON.stringify({
        model_type: 'llama',
        hidden_size: 4096,
        num_hidden_layers: 32,
        num_attention_heads: 32,
        num_key_value_heads: 5,
        intermediate_size: 11008,
        vocab_size: 32000,
      }),
    );
    const { code, out, err } = run(['model', path, '--json']);
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/num_key_value_heads/);
    expect(err[0]).not.toMatch(/\n/);
  });

  it('model <malformed JSON> exits 1 naming config', () => {
    const { code, err } = run(['model', file('broken.json', '{"model_type": "llama",'), '--json']);
    expect(code).toBe(1);
    expect(err[0]).toMatch(/not valid JSON.*field: config/);
  });

  it('model <unsupported model_type> exits 1 naming model_type', () => {
    const { code, err } = run(['model', file('t5.json', '{"model_type": "t5"}'), '--json']);
    expect(code).toBe(1);
    expect(err[0]).toMatch(/"t5" is not supported.*field: model_type/);
  });

  it('model no-such-model exits 1 naming model', () => {
    const { code, err } = run(['model', 'no-such-model', '--json']);
    expect(code).toBe(1);
    expect(err[0]).toMatch(/field: model\)/);
  });
});
