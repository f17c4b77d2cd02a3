/**
 * The core from a terminal: `npm run --silent cli -- <command> [options] [--json]`.
 * With --json: one JSON object on stdout, exit 0. Bad input: exit 1, one line on stderr
 * naming the field. The command names and JSON fields are a public interface.
 */
import { InputError } from './core/units';
import { parseFlags, type Command } from './cli/args';
import { matmulCommand } from './cli/matmul';
import { extraCommands } from './cli/commands';

const COMMANDS: Record<string, Command> = { matmul: matmulCommand, ...extraCommands };

function usage(): string {
  return ['Usage: npm run --silent cli -- <command> [options] --json', '', 'Commands:']
    .concat(Object.values(COMMANDS).map((c) => `  ${c.usage}`))
    .join('\n');
}

/** Runs one CLI invocation; returns the exit code (for tests, without spawning a process). */
export function main(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    out(usage());
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    err(`Unknown command "${name}". ${Object.keys(COMMANDS).join(', ')} are available.`);
    return 1;
  }
  try {
    const { flags, positionals } = parseFlags(rest);
    const result = command.run(positionals, flags);
    out(flags['json'] ? JSON.stringify(result) : JSON.stringify(result, null, 2));
    return 0;
  } catch (e) {
    if (e instanceof InputError) {
      err(`Error: ${e.message} (field: ${e.field})`);
      return 1;
    }
    err(`Error: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

const isEntry = process.argv[1] !== undefined && /cli\.(ts|js|mjs)$/.test(process.argv[1]);
if (isEntry) {
  process.exitCode = main(
    process.argv.slice(2),
    (s) => process.stdout.write(`${s}\n`),
    (s) => process.stderr.write(`${s}\n`),
  );
}
