/**
 * Hostile links against every calculator (issue 11): for every namespace pinned in
 * __snapshots__/url-keys.json, links whose query holds NaN, 1e309, Infinity, -0, 10,000-digit
 * values, markup and script, unknown ids, thousands separators in the wrong places, JSON
 * fragments, percent-encoding junk, __proto__/constructor keys and values, and — where the
 * calculator takes a pasted config.json — configs with absurd sizes (DeepSeek-V3 with
 * num_hidden_layers: 1e15, a Falcon with num_ln_in_parallel_attn: 1e7, hidden_size: 1e300) or a
 * __proto__ key. Each link must give, once its calculator has hydrated:
 * - a page that answers in bounded time: the calculator is live within 15 s, no task blocks the
 *   main thread for more than 2 s (a heartbeat installed before the page's own scripts records
 *   the longest gap between timer ticks, and a performance.now() probe after hydration measures
 *   how long a zero-delay timer waits);
 * - a message by each field whose value is refused — or, for a field that ignores it, the field's
 *   default (inputs kept hidden for another mode, like the playground's scenario B, aside);
 * - no console error or page error (the fixture), no injected element or script, no polluted
 *   Object.prototype;
 * - no NaN or Infinity in the calculators' text (the error messages, which may quote the value, aside).
 * The counts (URLs, pages, namespaces, failures by kind) are printed when the file ends.
 */
import { afterAll, describe } from 'vitest';
import type { Page } from 'playwright-core';
import urlKeys from './__snapshots__/url-keys.json';
import deepseekV3 from '../../src/data/models/deepseek-v3.json';
import falcon7b from '../../src/data/models/falcon-7b.json';
import llama27b from '../../src/data/models/llama-2-7b.json';
import { expect, hydrate, test, watchOf, type Open } from './fixture';
import { builtPages, idsIn } from './site';

/** Free-text fields: any text is a valid search query or a config to parse; they must only never inject markup. */
const FREE_TEXT = new Set(['q', 'config']);

const MARKUP = [`<img src=x onerror="window.__pwned=1">`, `"><script>window.__pwned=1</script>`, `</textarea><svg onload="window.__pwned=1">`];

/** Values every numeric field and every select must refuse (a message by the field, or its default kept). */
const REFUSED = [
  'NaN',
  '1e309',
  'Infinity',
  '-Infinity',
  ...MARKUP,
  'no-such-id',
  '1,2,3',
  '4 0 9 6',
  '{"a":1}',
  '0x10',
  '__proto__',
  'constructor',
  '[]',
  '1e-400x',
];
/** Values a field may accept or refuse, but that must never print as -0, NaN or Infinity. */
const EITHER = ['-0', '-1e-320', '1e-320', '9007199254740993'];
const ROTATION = [...REFUSED, ...EITHER];
const DIGITS = '9'.repeat(10_000);

const CONFIGS: { name: string; json: string; refused: boolean }[] = [
  { name: 'DeepSeek-V3 with num_hidden_layers: 1e15', json: JSON.stringify({ ...deepseekV3, num_hidden_layers: 1e15 }), refused: true },
  {
    name: 'Falcon 7B with num_ln_in_parallel_attn: 1e7',
    json: JSON.stringify({ ...falcon7b, num_ln_in_parallel_attn: 1e7, num_hidden_layers: 1e7 }),
    refused: true,
  },
  { name: 'Llama 2 7B with hidden_size: 1e300', json: JSON.stringify({ ...llama27b, hidden_size: 1e300 }), refused: true },
  {
    name: 'Llama 2 7B with a __proto__ key',
    json: `{"__proto__": {"polluted": 1, "num_hidden_layers": 1e15}, "constructor": {"prototype": {"polluted": 1}}, ${JSON.stringify(llama27b).slice(1)}`,
    refused: false,
  },
];

/** What one link tries on one calculator namespace. */
interface Part {
  ns: string;
  /** The namespace's query parameters (already percent-encoded, junk included). */
  query: string[];
  /** URL key name (without the namespace) → whether the field must refuse its value. */
  refuse: Record<string, boolean>;
}

interface Probe {
  /** What the test is called and what it opens. */
  label: string;
  page: string;
  /** The namespaces the link attacks at once (every calculator of the page reads only its own). */
  parts: Part[];
  /** The raw query string. */
  query: string;
}

const enc = encodeURIComponent;
/** Namespaces a calculator reads only in one of its modes: their links set the mode and attack them alone. */
const MODE_OF: Record<string, string> = { pgb: 'compare', pgr: 'reverse' };
/** Keys that try to reach Object.prototype through the query parser, once per link. */
const PROTO_KEYS = ['__proto__[polluted]=1', 'constructor[prototype][polluted]=1'];
const pages = builtPages();
const probes: Probe[] = [];
for (const [path, keys] of Object.entries(urlKeys as Record<string, string[]>)) {
  const byNs = new Map<string, string[]>();
  for (const key of keys) {
    const [ns, name] = key.split('.') as [string, string];
    byNs.set(ns, [...(byNs.get(ns) ?? []), name]);
  }
  // One link attacks every calculator of the page at once (each reads only its own namespace, so
  // the hostile values are the same as one link per namespace, at a fraction of the page loads);
  // a namespace used only in one of the playground's modes gets links of its own, in that mode.
  const groups = new Map<string, [string, string[]][]>();
  for (const [ns, names] of byNs) {
    const group = MODE_OF[ns] ?? '';
    groups.set(group, [...(groups.get(group) ?? []), [ns, names]]);
  }
  for (const [mode, members] of groups) {
    const push = (label: string, parts: Part[], extra: string[] = []) =>
      probes.push({
        label: mode ? `${label} (${mode} mode)` : label,
        page: path,
        parts,
        query: [...(mode ? [`pg.mode=${mode}`] : []), ...parts.flatMap((p) => p.query), ...extra].join('&'),
      });
    // Three links that rotate the hostile values over the fields: every field gets three of them.
    for (let i = 0; i < 3; i++) {
      push(
        `values ${i + 1}`,
        members.map(([ns, names]) => {
          const refuse: Record<string, boolean> = {};
          const query = names.map((name, j) => {
            const value = ROTATION[(i * 7 + j) % ROTATION.length]!;
            refuse[name] = !FREE_TEXT.has(name) && REFUSED.includes(value);
            return `${ns}.${name}=${enc(value)}`;
          });
          return { ns, query, refuse };
        }),
      );
    }
    // Raw junk: 10,000 digits in one field, broken percent-encoding in the others, __proto__ and constructor keys.
    const junk = ['%E0%A4%A', '%ZZ', '%00%ff', '%', '%25%', '%C0%AF', '%uFFFF'];
    push(
      '10,000 digits, percent junk, __proto__ keys',
      members.map(([ns, names]) => {
        const refuse: Record<string, boolean> = {};
        const query = names.map((name, j) => {
          refuse[name] = !FREE_TEXT.has(name);
          return `${ns}.${name}=${j === 0 ? DIGITS : junk[j % junk.length]}`;
        });
        query.push(`${ns}.__proto__=1`, `${ns}.__proto__.polluted=1`, `${ns}.constructor=1`, `${ns}.unknown=1`);
        return { ns, query, refuse };
      }),
      PROTO_KEYS,
    );
    // A pasted config with absurd sizes, in every calculator that takes one (each a different config).
    const withModel = members.filter(([, names]) => names.includes('model'));
    if (withModel.length > 0) {
      const configs = withModel.map(([ns], k) => ({ ns, config: CONFIGS[(probes.length + k) % CONFIGS.length]! }));
      push(
        `config: ${configs.map((c) => c.config.name).join('; ')}`,
        configs.map(({ ns, config }) => ({ ns, query: [`${ns}.model=custom`, `${ns}.config=${enc(config.json)}`], refuse: { config: config.refused } })),
      );
    }
  }
}

/** Installed before the page's own scripts: a heartbeat whose longest gap is the longest the main thread was blocked. */
function heartbeat(): void {
  const w = window as unknown as { __maxGap: number };
  w.__maxGap = 0;
  let last = performance.now();
  const tick = () => {
    const now = performance.now();
    w.__maxGap = Math.max(w.__maxGap, now - last - 50);
    last = now;
    setTimeout(tick, 50);
  };
  setTimeout(tick, 50);
}

interface Outcome {
  probe: Probe;
  problems: string[];
  ms: number;
}
const outcomes: Outcome[] = [];

/** What is wrong on the page now (an empty list when nothing is). */
async function problemsOn(page: Page, probe: Probe): Promise<string[]> {
  return page.evaluate(
    (parts) => {
      const problems: string[] = [];
      const w = window as unknown as { __pwned?: unknown };
      if (w.__pwned !== undefined) problems.push('injected script ran');
      if (document.querySelector('img[src="x"], svg[onload], [onerror]')) problems.push('injected element');
      const proto = Object.prototype as unknown as Record<string, unknown>;
      if (proto['polluted'] !== undefined || ({} as Record<string, unknown>)['num_hidden_layers'] !== undefined) problems.push('Object.prototype polluted');
      for (const [ns, name, mustRefuse] of parts.flatMap((p) => Object.entries(p.refuse).map(([n, r]) => [p.ns, n, r] as const))) {
        const el = document.getElementById(`${ns}-${name}`) as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null;
        const error = document.getElementById(`${ns}-${name}-error`)?.textContent?.trim() ?? '';
        if (!mustRefuse || error !== '') continue;
        // Inputs the page keeps hidden for another mode (the playground's scenario B in forward mode) are not in use.
        if (el?.closest('[hidden]')) continue;
        if (name === 'config') {
          // A refused config is named by the config box (or the model select, where custom is not offered).
          if ((document.getElementById(`${ns}-model-error`)?.textContent ?? '').trim() === '') problems.push(`${ns}.config: no message`);
          continue;
        }
        if (!el) continue; // not shown for these inputs (e.g. a mode's field): nothing to read
        const isDefault =
          el instanceof HTMLSelectElement
            ? [...el.options].some((o) => o.defaultSelected && o.selected) || (el.selectedIndex === 0 && ![...el.options].some((o) => o.defaultSelected))
            : el.value === el.defaultValue;
        if (!isDefault) problems.push(`${ns}.${name}: holds "${el.value.slice(0, 40)}" with no message`);
      }
      for (const section of document.querySelectorAll('section.calculator')) {
        const clone = section.cloneNode(true) as HTMLElement;
        for (const e of clone.querySelectorAll('p.error, [role="alert"], textarea, input, select, option')) e.remove();
        const text = clone.textContent ?? '';
        const bad = /NaN|Infinity|undefined|\[object Object\]/.exec(text);
        if (bad) problems.push(`${section.id || 'a calculator'} shows "${text.slice(Math.max(0, bad.index - 30), bad.index + 20).replace(/\s+/g, ' ')}"`);
      }
      return problems;
    },
    probe.parts.map(({ ns, refuse }) => ({ ns, refuse })),
  );
}

/** Problems that are about time (blocked or slow), as opposed to what the page shows. */
const TIMING = /^(main thread|not live within)/;

/** Opens the probe's link, hydrates the islands that own its namespaces and lists what is wrong. */
async function visit(open: Open, probe: Probe): Promise<{ problems: string[]; ms: number }> {
  const started = Date.now();
  // Islands hydrate from the parsed document: their code does not wait for the load event (fonts,
  // images), so neither does the probe; the heartbeat and the console watch run from the first script.
  const page = await open(`${probe.page}?${probe.query}`, { initScript: heartbeat, waitUntil: 'domcontentloaded' });
  const problems: string[] = [];
  if (probe.page !== '404.html' && (watchOf(page).response?.status() ?? 0) >= 400) problems.push(`HTTP ${watchOf(page).response?.status()}`);
  // Hydrate each island that owns a namespace of the link (any of its fields the server rendered).
  const ids = idsIn(pages.find((b) => b.path === probe.page)?.html ?? '');
  for (const { ns } of probe.parts) {
    const field = ((urlKeys as Record<string, string[]>)[probe.page] ?? [])
      .map((key) => key.replace('.', '-'))
      .find((id) => id.startsWith(`${ns}-`) && ids.has(id));
    expect(field, `a field of ${ns} in the page's HTML`).toBeDefined();
    try {
      await hydrate(page, `#${field}`, 15_000);
    } catch (e) {
      problems.push(`not live within 15 s (${ns}: ${(e as Error).message.split('\n')[0]})`);
    }
  }
  const ms = Date.now() - started;
  // A zero-delay timer after hydration: how long the main thread makes it wait.
  const probeMs = await Promise.race([
    page.evaluate(
      () =>
        new Promise<number>((r) => {
          const t = performance.now();
          setTimeout(() => r(performance.now() - t), 0);
        }),
    ),
    new Promise<number>((r) => setTimeout(() => r(Infinity), 5_000)),
  ]);
  if (probeMs > 2_000) problems.push(`main thread busy after hydration (${probeMs} ms)`);
  // Messages render with the hydrated island: give them a moment, then read what is wrong.
  let found = await problemsOn(page, probe);
  for (let i = 0; i < 10 && found.length > 0; i++) {
    await page.waitForTimeout(200);
    found = await problemsOn(page, probe);
  }
  problems.push(...found);
  const maxGap = await page.evaluate(() => (window as unknown as { __maxGap: number }).__maxGap);
  if (maxGap > 2_000) problems.push(`main thread blocked for ${Math.round(maxGap)} ms`);
  problems.push(...watchOf(page).consoleErrors.map((e) => `console: ${e.slice(0, 120)}`));
  // Close it now (the fixture would at the end of the test): a second visit starts on a quiet machine.
  await page.context().close();
  return { problems, ms };
}

afterAll(() => {
  if (outcomes.length === 0) return;
  const failed = outcomes.filter((o) => o.problems.length > 0);
  const kinds = new Map<string, number>();
  for (const o of failed) {
    for (const p of o.problems) {
      const kind = p
        .replace(/".*"/s, '"…"')
        .replace(/^[\w-]+: /, '')
        .replace(/\d+ ms/, '… ms');
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
  }
  const slowest = outcomes.reduce((a, b) => (b.ms > a.ms ? b : a));
  const nsOf = (o: Outcome) => o.probe.parts.map((p) => p.ns).join('+');
  console.log(
    [
      `Hostile URLs: ${outcomes.length} (${outcomes.reduce((n, o) => n + o.probe.parts.length, 0)} attacks on one namespace each) over ${new Set(outcomes.map((o) => o.probe.page)).size} pages and ${new Set(outcomes.flatMap((o) => o.probe.parts.map((p) => `${o.probe.page}${p.ns}`))).size} namespaces; ${failed.length} failed.`,
      ...[...kinds].map(([kind, n]) => `  ${n} × ${kind}`),
      `Slowest: ${slowest.probe.page}?${nsOf(slowest)} (${slowest.probe.label}) ${Math.round(slowest.ms)} ms to load and hydrate.`,
      ...failed.map((o) => `  FAIL /${o.probe.page} ${nsOf(o)} (${o.probe.label}): ${o.problems.join('; ')}`),
    ].join('\n'),
  );
});

/** Every attack of the links: one namespace under one kind of hostile query. */
const attacks = probes.flatMap((p) => p.parts.map((part) => ({ page: p.page, ns: part.ns, label: p.label, fields: Object.keys(part.refuse) })));

describe(`${probes.length} hostile URLs (${attacks.length} attacks) over every calculator namespace`, () => {
  test('cover at least 100 attacks, every field of every namespace of url-keys.json three times and every page that has one', () => {
    expect(attacks.length).toBeGreaterThanOrEqual(100);
    const keys = Object.entries(urlKeys as Record<string, string[]>).flatMap(([page, ks]) =>
      ks.map((k) => ({ page, ns: k.split('.')[0]!, name: k.split('.')[1]! })),
    );
    expect(new Set(attacks.map((a) => `${a.page} ${a.ns}`))).toEqual(new Set(keys.map((k) => `${k.page} ${k.ns}`)));
    // Every field gets the three rotations of hostile values and the junk link.
    for (const { page, ns, name } of keys) {
      const hits = attacks.filter((a) => a.page === page && a.ns === ns && a.fields.includes(name) && !a.label.startsWith('config'));
      expect(hits.length, `${page} ${ns}.${name}`).toBe(4);
    }
  });

  test.for(probes.map((p) => [`/${p.page}?${p.parts.map((part) => part.ns).join('+')}… ${p.label}`, p] as const))('%s', async ([, probe], { open }) => {
    let { problems, ms } = await visit(open, probe);
    // A main thread that was only slow (two cores shared with other work) is not a hostile input
    // blocking it: a timing problem must happen again on a second visit to count.
    if (problems.length > 0 && problems.every((p) => TIMING.test(p))) ({ problems, ms } = await visit(open, probe));
    outcomes.push({ probe, problems, ms });
    expect(problems, `/${probe.page}?${probe.query.slice(0, 300)}`).toEqual([]);
  });
});
