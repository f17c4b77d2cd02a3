import type { TestProject } from 'vitest/node';
import { serve } from '../../scripts/serve.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const { server, url } = await serve({ dir: process.env['OUT_DIR'] ?? 'dist', port: 0, base: process.env['SITE_BASE'] ?? '/' });
  project.provide('baseUrl', url);
  return () => new Promise<void>((done) => server.close(() => done()));
}
