import { execFileSync } from 'node:child_process';

/** ISO date (YYYY-MM-DD) of the last commit touching `file`, or undefined outside a git checkout. Build time only. */
export function lastUpdated(file: string): string | undefined {
  try {
    const out = execFileSync('git', ['log', '-1', '--format=%cs', '--', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return out || undefined;
  } catch {
    return undefined;
  }
}
