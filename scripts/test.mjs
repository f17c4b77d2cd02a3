#!/usr/bin/env node
// `npm test`: every check, in order, stopping at the first that fails, then a table of where the
// time went (wall seconds per phase). Typecheck and lint share nothing and are single-threaded, so
// they run side by side (their output is printed whole, one after the other); so do the two builds
// (the site, and the site under the base path /tbn/): an Astro build keeps about 1.4 cores busy,
// and the pair takes about 70 s side by side against 90 s one after the other. The test phases run
// alone: each keeps both cores busy on its own (a third browser worker made the browser phase slower).
// Beside each phase's wall time the table gives the CPU time the whole machine spent meanwhile (Linux
// /proc/stat, every process, Chromium's included) and how busy that kept the cores: the floor under
// the wall time on this machine is the CPU time over the number of cores.
//   node scripts/test.mjs            all phases
//   node scripts/test.mjs unit e2e   only the named phases (names as in the table)
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

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

/** CPU seconds the whole machine has spent busy since boot (user, nice, system, irq, softirq, steal), or null off Linux. */
function busyCpuSeconds() {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    return ((f[0] ?? 0) + (f[1] ?? 0) + (f[2] ?? 0) + (f[5] ?? 0) + (f[6] ?? 0) + (f[7] ?? 0)) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

const cores = availableParallelism();
const times = [];
const table = () => {
  const sum = (key) => times.reduce((s, t) => s + (t[key] ?? 0), 0);
  const hasCpu = times.every((t) => t.cpu !== null);
  const row = (name, wall, cpu, ok = true) =>
    `  ${name.padEnd(18)} ${wall.toFixed(1).padStart(7)} s` +
    (hasCpu ? ` ${cpu.toFixed(0).padStart(7)} CPU-s ${String(Math.round((100 * cpu) / (wall * cores))).padStart(4)}% busy` : '') +
    `  ${ok ? '' : 'FAILED'}`;
  const head = hasCpu ? `npm test: wall time and machine CPU time per phase (${cores} cores)` : 'npm test: wall time per phase';
  return ['', head, ...times.map((t) => row(t.name, t.seconds, t.cpu, t.ok)), row('total', sum('seconds'), sum('cpu')), ''].join('\n');
};

for (const phase of phases) {
  const started = performance.now();
  const cpuStarted = busyCpuSeconds();
  const side = phase.scripts.length > 1;
  const results = await Promise.all(phase.scripts.map((s) => run(s, side)));
  for (const r of results) if (side) process.stdout.write(r.out);
  const ok = results.every((r) => r.code === 0);
  const cpuEnded = busyCpuSeconds();
  times.push({
    name: phase.name,
    seconds: (performance.now() - started) / 1000,
    cpu: cpuStarted === null || cpuEnded === null ? null : cpuEnded - cpuStarted,
    ok,
  });
  if (!ok) {
    process.stdout.write(table());
    process.exit(1);
  }
}
process.stdout.write(table());
