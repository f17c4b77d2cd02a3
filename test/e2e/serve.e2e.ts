// The static server the browser tests (and anyone) run the built site with: odd request paths
// get an answer, never a crash, and never a way out of the site's folder or to another host.
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { baseUrl } from './fixture';

const base = new URL(baseUrl);

function get(path: string): Promise<{ status: number; location: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: base.hostname, port: base.port, path, method: 'GET' }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, location: res.headers.location });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('scripts/serve.mjs', () => {
  it('answers "//" and other odd paths instead of crashing, and keeps serving', async () => {
    // `new URL('//', 'http://x')` throws: the server used to die on this request.
    expect((await get('//')).status).toBeLessThan(500);
    expect((await get(`${base.pathname}/`)).status).toBe(200);
    // Malformed percent-encoding is a bad request, not an exception.
    expect((await get(`${base.pathname}%E0%A4%A`)).status).toBe(400);
    expect((await get(`${base.pathname}tensors/`)).status).toBe(200);
  });

  it('never serves a file outside the site folder', async () => {
    for (const path of [`${base.pathname}../package.json`, `${base.pathname}..%2Fpackage.json`, `${base.pathname}../../etc/passwd`]) {
      expect((await get(path)).status, path).toBeGreaterThanOrEqual(400);
    }
  });

  it('redirects a folder without its slash to the same host', async () => {
    const plain = await get(`${base.pathname}tensors`);
    expect(plain.status).toBe(301);
    expect(plain.location).toBe(`${base.pathname}tensors/`);
    // "//tensors" must not come back as "//tensors/", which a browser reads as the host "tensors".
    const doubled = await get(`/${base.pathname}tensors`);
    if (doubled.status === 301) expect(doubled.location).toMatch(/^\/[^/]/);
    else expect(doubled.status).toBe(404);
  });
});
