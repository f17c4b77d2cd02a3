import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

// The layers are enforced by eslint.config.js; these tests show the rules bite, so a
// config edit that silently disables them fails here rather than in review.
const eslint = new ESLint();

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layers (eslint.config.js)', () => {
  it('refuses a core file that imports a component, the CLI, React or a Node API', async () => {
    expect(
      await restrictedImports('src/core/flops/x.ts', "import { Calculator } from '../../components/calculator/Calculator';\nexport const a = Calculator;\n"),
    ).toHaveLength(1);
    expect(await restrictedImports('src/core/x.ts', "import { main } from '../cli/commands';\nexport const a = main;\n")).toHaveLength(1);
    expect(await restrictedImports('src/core/x.ts', "import { useState } from 'react';\nexport const a = useState;\n")).toHaveLength(1);
    expect(await restrictedImports('src/core/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n")).toHaveLength(1);
  });

  it('refuses data that imports the core', async () => {
    const messages = await restrictedImports('src/data/x.ts', "import type { ModelSpec } from '../core/model/spec';\nexport type A = ModelSpec;\n");
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/Data is plain records/);
  });

  it('refuses components and the CLI that reach data around the core', async () => {
    expect(await restrictedImports('src/components/state/x.ts', "import { GPUS } from '../../data/gpus';\nexport const a = GPUS;\n")).toHaveLength(1);
    expect(await restrictedImports('src/cli/x.ts', "import { GPUS } from '../data/gpus';\nexport const a = GPUS;\n")).toHaveLength(1);
  });

  it('lets each layer import what sits below it', async () => {
    expect(await restrictedImports('src/core/x.ts', "import { GPUS } from '../data/gpus';\nexport const a = GPUS;\n")).toEqual([]);
    expect(await restrictedImports('src/components/x.ts', "import { getGpu } from '../core/gpu/gpu';\nexport const a = getGpu;\n")).toEqual([]);
  });

  it('Astro pages, layouts and MDX chapters (which ESLint does not parse) reach data only through the core', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.(astro|mdx)$/.test(name)) files.push(path);
      }
    };
    for (const dir of ['src', 'content']) walk(dir);
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.filter((f) => /from\s+['"][^'"]*\/data\//.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
