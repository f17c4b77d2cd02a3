#!/usr/bin/env node
// The browser tests drive a local Chromium (browser downloads do not work on these machines).
// `npm test` runs this first: with Chromium present it says nothing; without it, it installs
// Debian's package when it can (root, apt-get), or stops at once with one line saying how.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

const DEFAULT = '/usr/bin/chromium';
const executable = (path) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};
const fail = (message) => {
  process.stderr.write(`${message}\n`);
  process.exit(1);
};

const configured = process.env.CHROMIUM_PATH;
if (configured !== undefined && configured !== '') {
  if (executable(configured)) process.exit(0);
  fail(`CHROMIUM_PATH=${configured} is not an executable: point it at a Chromium binary, or unset it to use (and if needed install) Debian's ${DEFAULT}.`);
}
if (executable(DEFAULT)) process.exit(0);

const root = typeof process.getuid === 'function' && process.getuid() === 0;
const apt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
if (!root || !apt) {
  fail(
    `The browser tests need Chromium at ${DEFAULT}: install it with \`sudo apt-get install -y chromium\` (Debian), or set CHROMIUM_PATH to a Chromium binary.`,
  );
}
process.stdout.write(`Chromium not found at ${DEFAULT}: installing Debian's chromium package (about 1.5 minutes)…\n`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const args of [
  ['update', '-qq'],
  ['install', '-y', '-qq', 'chromium'],
]) {
  const r = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
  if (r.status !== 0) fail(`apt-get ${args.join(' ')} failed (exit ${r.status}): install Chromium by hand, or set CHROMIUM_PATH.`);
}
if (!executable(DEFAULT)) fail(`apt-get installed chromium but ${DEFAULT} is still missing: set CHROMIUM_PATH to the Chromium binary.`);
