#!/usr/bin/env node
// `npm test`: every check, in order, stopping at the first that fails, then a table of where the
// time went (wall seconds per phase). Typecheck and lint share nothing and are single-threaded, so
// they run side by side (their output is printed whole, one after the other); so do the two builds
// (the site, and the site under the base path /tbn/): an Astro build keeps about 1.4 cores busy,
// and the pair takes about 70 s side by side against 90 s one after the other. The test phases run
// alone: each keeps both cores busy on its own (a third browser worker made the browser phase slower).
//   node scripts/test.mjs            all phases
//   node scripts/test.mjs unit e2e   only the named phases (names as in the table)
import { spawn } from 'node:child_process';

/** Phases in order; a phase is a list of npm scripts run side by side. */
const PHASES = [
  { name: 'chromium', scripts: [['node', 'scripts/ensure-chromium.mjs']] },
  {
    name: 'typecheck + lint',
    scripts: [
      ['npm', 'run', '--silent', 'typecheck'],
      ['npm', 'run', '--silent', 'lint'],
    ],
  },
  { name: 'unit', scripts: [['npm', 'run', '--silent', 'test:unit']] },
  {
    name: 'build + build:base',
    scripts: [
      ['npm', 'run', '--silent', 'build'],
      ['npm', 'run', '--silent', 'build:base'],
    ],
  },
  { name: 'e2e', scripts: [['npm', 'run', '--silent', 'test:e2e']] },
  { name: 'base', scripts: [['npm', 'run', '--silent', 'test:e2e:base']] },
];

const only = process.argv.slice(2);
const phases = only.length > 0 ? PHASES.filter((p) => only.some((o) => p.name.split(' + ').includes(o) || p.name === o)) : PHASES;

/** Runs one command; with `buffer`, its output is held and returned instead of streamed. */
function run([cmd, ...args], buffer) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: buffer ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let out = '';
    if (buffer) {
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
    }
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), out }));
  });
}

const times = [];
const table = () => {
  const total = times.reduce((s, t) => s + t.seconds, 0);
  const rows = times.map((t) => `  ${t.name.padEnd(18)} ${t.seconds.toFixed(1).padStart(7)} s  ${t.ok ? '' : 'FAILED'}`);
  return ['', 'npm test: wall time per phase', ...rows, `  ${'total'.padEnd(18)} ${total.toFixed(1).padStart(7)} s`, ''].join('\n');
};

for (const phase of phases) {
  const started = performance.now();
  const side = phase.scripts.length > 1;
  const results = await Promise.all(phase.scripts.map((s) => run(s, side)));
  for (const r of results) if (side) process.stdout.write(r.out);
  const ok = results.every((r) => r.code === 0);
  times.push({ name: phase.name, seconds: (performance.now() - started) / 1000, ok });
  if (!ok) {
    process.stdout.write(table());
    process.exit(1);
  }
}
process.stdout.write(table());
