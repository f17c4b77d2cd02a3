import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli';
import { editDistance, formatDefault, nearest } from '../../src/cli/args';
import { CASE_ASSUMPTION_FLAGS } from '../../src/cli/case';
import { COMMANDS } from '../../src/cli/commands';
import { jsonErrorOffset, lineColumn } from '../../src/cli/files';
import { GPU_FLAGS } from '../../src/cli/gpu';
import { INFERENCE_FLAGS } from '../../src/cli/inference';
import { MATMUL_FLAGS } from '../../src/cli/matmul';
import { finalizeResult, firstNonFinite } from '../../src/cli/output';
import { TRAINING_FLAGS } from '../../src/cli/training';
import { CASE_IDS } from '../../src/core/cases/types';
import { runCase } from '../../src/core/cases/run';
import { InputError } from '../../src/core/units';

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

function refusal(argv: string[]): string {
  const { code, out, err } = run(argv);
  expect(code).toBe(1);
  expect(out).toEqual([]);
  expect(err).toHaveLength(1);
  return err[0] as string;
}

function json(argv: string[]): Record<string, unknown> {
  const { code, out, err } = run([...argv, '--json']);
  expect(err).toEqual([]);
  expect(code).toBe(0);
  expect(out).toHaveLength(1);
  return JSON.parse(out[0] as string) as Record<string, unknown>;
}

const dir = mkdtempSync(join(tmpdir(), 'tbtn-cli-args-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const MATMUL = ['matmul', '--m', '4096', '--k', '4096', '--n', '4096'];
const INFERENCE = ['inference', 'llama-2-7b', '--gpu', 'h100-sxm', '--gpus', '1', '--batch', '1', '--input', '100', '--output', '4'];

describe('numbers are read strictly', () => {
  it('matmul --m 4,096 --k 4_096 --n 4k: flops = 2·4096·4096·4000 = 134,217,728,000', () => {
    expect(json(['matmul', '--m', '4,096', '--k', '4_096', '--n', '4k']).flops).toBe(134_217_728_000);
  });

  it.each([
    [
      ['matmul', '--m', '1,2,3', '--k', '1', '--n', '1'],
      'Error: --m: "1,2,3" has misplaced thousands separators; group digits in threes (4,096 or 1,234,567) (field: m)',
    ],
    [['matmul', '--m', '4 0 9 6', '--k', '1', '--n', '1'], 'Error: --m: "4 0 9 6" has spaces inside; write 4096 or 4,096 (field: m)'],
    [
      ['matmul', '--m', '9007199254740993', '--k', '1', '--n', '1'],
      'Error: --m: "9007199254740993" cannot be represented exactly; whole numbers above 9,007,199,254,740,991 (2^53 − 1) lose digits (field: m)',
    ],
    [
      ['matmul', '--m', '1', '--k', '1', '--n', '1', '--batch', '1e300'],
      'Error: --batch must be a whole number from 1 to 1,000,000,000,000 (a trillion along any dimension is past any tensor that fits on a cluster) (field: batch)',
    ],
    [
      ['gpu', 'custom', '--sms', '1e300', '--tensor-cores', '4', '--flops-per-clock', '512', '--clock', '1e9', '--memory', '1e9', '--bandwidth', '1e9'],
      'Error: --sms must be a whole number from 1 to 10,000,000 (published GPUs have at most a few hundred SMs) (field: computeUnits)',
    ],
    [
      [...INFERENCE.slice(0, 4), '--gpus', '1e300', ...INFERENCE.slice(6)],
      'Error: --gpus must be a whole number from 1 to 10,000,000 (the largest clusters have a few hundred thousand GPUs) (field: gpus)',
    ],
    [
      ['training', 'llama-2-7b', '--tokens', '1e300', '--seq', '4096', '--gpu', 'h100-sxm', '--gpu-hours', '1'],
      'Error: --tokens must be a number from 1 to 1e18 (tens of thousands of times the largest runs (about 36T tokens)) (field: tokens)',
    ],
    [
      [...INFERENCE.slice(0, 8), '--input', '999,999,999', '--output', '2'],
      'Error: --input + --output (1,000,000,001 tokens) must be a whole number from 1 to 1,000,000,000 (a hundred times the longest context windows (about 10 million tokens)) (field: output)',
    ],
  ])('main(%j) refuses: %s', (argv, line) => {
    expect(refusal([...argv])).toBe(line);
  });
});

describe('nothing on the command line is ignored', () => {
  it.each([
    [[...MATMUL, '--dtpye', 'fp8'], 'Error: unknown flag --dtpye for matmul; did you mean --dtype? (field: dtpye)'],
    [
      [...INFERENCE, '--compute-effciency', '0.5'],
      'Error: unknown flag --compute-effciency for inference; did you mean --compute-efficiency? (field: compute-effciency)',
    ],
    [[...INFERENCE, '--utilisation', '0.5'], 'Error: unknown flag --utilisation for inference; did you mean --utilization? (field: utilisation)'],
    [[...MATMUL, '--foo'], 'Error: unknown flag --foo for matmul; see matmul --help (field: foo)'],
    [[...MATMUL, '--m', '5'], 'Error: --m is given twice; give it once (field: m)'],
    [[...MATMUL, 'extra', 'more'], 'Error: unexpected arguments "extra", "more" for matmul; it takes no positional arguments (field: arguments)'],
    [[...INFERENCE, 'extra'], 'Error: unexpected argument "extra" for inference; it takes one: <model> (field: arguments)'],
    [[...MATMUL, '--__proto__', '5'], 'Error: unknown flag --__proto__ for matmul; see matmul --help (field: __proto__)'],
    [[...MATMUL, '--constructor', 'x'], 'Error: unknown flag --constructor for matmul; see matmul --help (field: constructor)'],
    [[...MATMUL, '--prototype'], 'Error: unknown flag --prototype for matmul; see matmul --help (field: prototype)'],
    [[...MATMUL, '--json=yes'], 'Error: --json takes no value (got "--json=yes") (field: json)'],
    [['matmul', '--k', '1', '--n', '1'], 'Error: --m is required: rows of the left operand, M (a whole number, rows) (field: m)'],
    [['matmul', '--m', '--k', '1', '--n', '1'], 'Error: --m needs a value (a whole number, rows) (field: m)'],
    [[...MATMUL, '--dtype', 'bf61'], 'Error: --dtype must be one of fp32, tf32, bf16, fp16, fp8, int8, int4, got "bf61"; did you mean bf16? (field: dtype)'],
    [['gpu', 'a800-sxm-80gb', '--sms', '4'], 'Error: --sms applies only to `gpu custom`, not to gpu "a800-sxm-80gb" (field: sms)'],
    [
      ['training', 'llama-2-7b', '--tokens', '1T', '--seq', '4096', '--gpu', 'h100-sxm', '--gpu-hours', '1', '--zeros', '3'],
      'Error: unknown flag --zeros for training; did you mean --zero? (field: zeros)',
    ],
  ])('main(%j) refuses: %s', (argv, line) => {
    expect(refusal([...argv])).toBe(line);
  });

  it('main(matmul … --__proto__ 5) leaves Object.prototype untouched', () => {
    refusal([...MATMUL, '--__proto__', '5']);
    refusal([...MATMUL, '--__proto__=5']);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['m']).toBeUndefined();
  });

  it.each([
    [['inferance'], 'Error: unknown command "inferance"; did you mean inference? commands: matmul, model, gpu, inference, training, case (field: command)'],
    [['__proto__'], 'Error: unknown command "__proto__"; commands: matmul, model, gpu, inference, training, case (field: command)'],
    [['constructor'], 'Error: unknown command "constructor"; commands: matmul, model, gpu, inference, training, case (field: command)'],
    [[], 'Error: a command is required first: matmul, model, gpu, inference, training, case (see --help) (field: command)'],
  ])('main(%j) refuses: %s', (argv, line) => {
    expect(refusal([...argv])).toBe(line);
  });

  it('main(inference … --gpu "a\\nb") prints one line, the newline escaped', () => {
    const line = refusal([...INFERENCE.slice(0, 2), '--gpu', 'a\nb', ...INFERENCE.slice(4)]);
    expect(line).toContain('a\\u000ab');
    expect(line).not.toContain('\n');
  });
});

describe('case assumptions are declared flags', () => {
  it('case llama2-70b-ttft --targetLowSeconds 0.9 refuses the reversed range, naming targetLowSeconds', () => {
    expect(refusal(['case', 'llama2-70b-ttft', '--targetLowSeconds', '0.9'])).toBe(
      'Error: --targetLowSeconds: the target range must not be reversed; --targetLowSeconds (0.9 s) is above --targetHighSeconds (0.7 s) (field: targetLowSeconds)',
    );
  });

  it('case llama2-70b-ttft --targetHighSeconds 0.5 refuses the reversed range, naming targetHighSeconds', () => {
    expect(refusal(['case', 'llama2-70b-ttft', '--targetHighSeconds', '0.5'])).toMatch(/\(field: targetHighSeconds\)$/);
  });

  it('case llama2-70b-ttft --memory-bandwidth 1T suggests --memoryBandwidth', () => {
    expect(refusal(['case', 'llama2-70b-ttft', '--memory-bandwidth', '1T'])).toBe(
      'Error: unknown flag --memory-bandwidth for case llama2-70b-ttft; did you mean --memoryBandwidth? (field: memory-bandwidth)',
    );
  });

  it('case llama2-70b-concurrency --gpus 2.5 refuses a fractional GPU count', () => {
    expect(refusal(['case', 'llama2-70b-concurrency', '--gpus', '2.5'])).toMatch(
      /^Error: --gpus must be a whole number from 1 to 10,000,000 .*\(field: gpus\)$/,
    );
  });

  it('case llama2-70b-concurrency --memoryReading MB names the choices', () => {
    expect(refusal(['case', 'llama2-70b-concurrency', '--memoryReading', 'MB'])).toMatch(
      /^Error: --memoryReading must be one of .*GiB, GB, got "MB"; did you mean GB\? \(field: memoryReading\)$/,
    );
  });

  it.each(CASE_IDS.map((id) => [id]))('every assumption of case %s is declared in CASE_ASSUMPTION_FLAGS with a kind matching its default', (id) => {
    const defaults = runCase(id).assumptions as Record<string, unknown>;
    const flags = CASE_ASSUMPTION_FLAGS as Record<string, { kind: string }>;
    for (const [name, value] of Object.entries(defaults)) {
      const spec = flags[name];
      expect(spec, `${id}: --${name} is not declared`).toBeDefined();
      const numeric = spec?.kind === 'number' || spec?.kind === 'integer';
      expect(typeof value, name).toBe(numeric ? 'number' : 'string');
    }
  });
});

describe('files', () => {
  mkdirSync(join(dir, 'configs'), { recursive: true });
  const huge = join(dir, 'huge.json');
  const fd = openSync(huge, 'w');
  ftruncateSync(fd, 50_000_001);
  closeSync(fd);

  it.each([
    [() => join(dir, 'configs'), 'is a directory, not a config.json file (field: model)'],
    [() => join(dir, 'missing.json'), 'missing.json" (field: model)'],
    [() => huge, 'huge.json" is 50,000,001 bytes; a config.json is at most 50,000,000 bytes (50 MB) (field: model)'],
    [
      () => file('bad.json', '{\n  "model_type": "llama",\n  "hidden_size": ,\n}\n'),
      'bad.json" is not valid JSON at line 3, column 18: unexpected "," (field: config)',
    ],
    [() => file('cut.json', '{"model_type": "llama",'), 'cut.json" is not valid JSON at line 1, column 24: unexpected end of text (field: config)'],
    [
      () =>
        file(
          'layers.json',
          JSON.stringify({
            model_type: 'llama',
            hidden_size: 4096,
            num_hidden_layers: 1e15,
            num_attention_heads: 32,
            intermediate_size: 11008,
            vocab_size: 32000,
          }),
        ),
      'num_hidden_layers must be a whole number from 1 to 10,000 (the deepest published LLMs have under 200 layers), got 1,000,000,000,000,000 (field: num_hidden_layers)',
    ],
  ])('model <%s> refuses in one line naming the file or key', (path, ending) => {
    const line = refusal(['model', path(), '--json']);
    expect(line.endsWith(ending), line).toBe(true);
  });

  it('inference <a directory> refuses the same way', () => {
    expect(refusal([...INFERENCE.slice(0, 1), join(dir, 'configs'), ...INFERENCE.slice(2)])).toMatch(
      /is a directory, not a config\.json file \(field: model\)$/,
    );
  });

  it.each([
    ['{"a": ,}', 6],
    ['[1, 2]', -1],
    ['{"a": 1', 7],
    ['[01]', 2],
    ['{"a":[1,2,]}', 10],
  ])('jsonErrorOffset(%j) = %d', (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset);
  });

  it('lineColumn("{\\n  \\"a\\": ,\\n}", 9) = line 2, column 8', () => {
    expect(lineColumn('{\n  "a": ,\n}', 9)).toEqual({ line: 2, column: 8 });
  });
});

describe('lists', () => {
  it('model list --json: every preset with its exact count; llama-2-7b = 6,738,415,616 = official', () => {
    const r = json(['model', 'list']);
    const models = r['models'] as Array<Record<string, unknown>>;
    expect(models.length).toBeGreaterThanOrEqual(20);
    expect(models.find((m) => m['id'] === 'llama-2-7b')).toEqual({
      id: 'llama-2-7b',
      name: expect.any(String),
      family: expect.any(String),
      params: 6_738_415_616,
      officialParams: 6_738_415_616,
      matchesOfficial: true,
    });
    expect(r['warnings']).toEqual([]);
  });

  it('gpu list --json: a800-sxm-80gb = 312 TFLOP/s dense bf16, 80 GB, 2.039 TB/s', () => {
    const r = json(['gpu', 'list']);
    const gpus = r['gpus'] as Array<Record<string, unknown>>;
    expect(gpus.find((g) => g['id'] === 'a800-sxm-80gb')).toEqual({
      id: 'a800-sxm-80gb',
      name: 'NVIDIA A800 SXM4 80GB',
      peakFlops: { bf16: 312e12 },
      memoryBytes: 80e9,
      memoryBandwidth: 2.039e12,
    });
  });
});

describe('results carry warnings and finite numbers', () => {
  it.each([
    [MATMUL],
    [['model', 'llama-2-7b']],
    [['model', 'list']],
    [['gpu', 'h100-sxm']],
    [['gpu', 'list']],
    [['gpu', 'custom', '--sms', '108', '--tensor-cores', '4', '--flops-per-clock', '512', '--clock', '1.41e9', '--memory', '80e9', '--bandwidth', '2.039e12']],
    [INFERENCE],
    [['training', 'llama-2-7b', '--tokens', '2T', '--seq', '4096', '--gpu', 'a100-sxm-80gb', '--gpu-hours', '184,320']],
    ...CASE_IDS.map((id) => [['case', id]]),
  ])('main(%j --json).warnings = []', (argv) => {
    expect(json([...argv])['warnings']).toEqual([]);
  });

  it('firstNonFinite({ a: 1, b: { c: [0, Infinity] } }) = "b.c[1]"', () => {
    expect(firstNonFinite({ a: 1, b: { c: [0, Number.POSITIVE_INFINITY] } })).toBe('b.c[1]');
  });

  it('firstNonFinite({ a: 1, b: null }) = null (a null field is not a number)', () => {
    expect(firstNonFinite({ a: 1, b: null })).toBeNull();
  });

  it('finalizeResult({ flops: 48 }) = { flops: 48, warnings: [] }', () => {
    expect(finalizeResult({ flops: 48 })).toEqual({ flops: 48, warnings: [] });
  });

  it('finalizeResult({ prefill: { seconds: NaN } }) throws "overflow: prefill.seconds is not a finite number for these inputs"', () => {
    let caught: unknown = null;
    try {
      finalizeResult({ prefill: { seconds: Number.NaN } });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).field).toBe('prefill.seconds');
    expect((caught as InputError).message).toBe('overflow: prefill.seconds is not a finite number for these inputs');
  });

  it('finalizeResult keeps a command’s own warnings, last', () => {
    const w = [{ code: 'mfu-above-100', message: 'MFU is 140%' }];
    expect(Object.keys(finalizeResult({ warnings: w, mfu: 1.4 }))).toEqual(['mfu', 'warnings']);
  });
});

describe('help', () => {
  it('main(["--help"]) lists every command on stdout, exit 0', () => {
    const { code, out, err } = run(['--help']);
    expect(code).toBe(0);
    expect(err).toEqual([]);
    for (const name of COMMANDS.keys()) expect(out[0]).toMatch(new RegExp(`^  ${name} `, 'm'));
  });

  it.each([
    ['matmul', MATMUL_FLAGS],
    ['gpu', GPU_FLAGS],
    ['inference', INFERENCE_FLAGS],
    ['training', TRAINING_FLAGS],
  ] as const)('main(["%s", "--help"]) prints every flag with its unit, default and description', (name, table) => {
    const { code, out, err } = run([name, '--help']);
    expect(code).toBe(0);
    expect(err).toEqual([]);
    const text = out[0] as string;
    for (const [flag, spec] of Object.entries(table) as Array<[string, { description: string; unit?: string; default?: unknown; required?: boolean }]>) {
      const line = text.split('\n').find((l) => l.trimStart().startsWith(`--${flag} `)) ?? '';
      expect(line, flag).toContain(spec.description);
      if (spec.unit !== undefined) expect(line, flag).toContain(`unit: ${spec.unit}`);
      if (spec.required === true) expect(line, flag).toContain('required');
      if (spec.default !== undefined) expect(line, flag).toContain('default: ');
    }
  });

  it('main(["inference", "--help"]) shows --compute-efficiency [unit: share of peak; default: 0.8; range: 0.001 to 1]', () => {
    expect(run(['inference', '--help']).out[0]).toContain('[unit: share of peak; default: 0.8; range: 0.001 to 1]');
  });

  it('main(["case", "llama2-70b-ttft", "--help"]) shows --peak with default 312T', () => {
    expect(run(['case', 'llama2-70b-ttft', '--help']).out[0]).toMatch(
      /--peak <N> +dense 16-bit peak per GPU \[unit: FLOP\/s; default: 312T; range: 1 to 1e18\]/,
    );
  });

  it('main(["help", "model"]) = main(["model", "--help"])', () => {
    expect(run(['help', 'model']).out).toEqual(run(['model', '--help']).out);
  });
});

describe('suggestions', () => {
  it.each([
    ['dtpye', 'dtype', 1],
    ['utilisation', 'utilization', 1],
    ['compute-effciency', 'compute-efficiency', 1],
    ['inferance', 'inference', 1],
    ['foo', 'gpu', 3],
  ])('editDistance(%j, %j) = %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it.each([
    ['memoryReading', ['memory-reading', 'utilization'], 'memory-reading'],
    ['foo', ['gpu', 'gpus', 'json'], null],
    ['gpu-hour', ['gpu-hours', 'gpus'], 'gpu-hours'],
  ] as const)('nearest(%j, %j) = %j', (name, known, expected) => {
    expect(nearest(name, known)).toBe(expected);
  });

  it.each([
    [312e12, '312T'],
    [2.039e12, '2.039T'],
    [6.4e6, '6.4M'],
    [4000, '4,000'],
    [0.8, '0.8'],
  ])('formatDefault(%d) = %j', (value, text) => {
    expect(formatDefault(value)).toBe(text);
  });
});
