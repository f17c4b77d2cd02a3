// A minimal static server for dist/ (tests, and proof that any static server works).
// Usage: node scripts/serve.mjs [--port 4321] [--base /sub/path/] [--dir dist]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
};

/**
 * The decoded path of a request target, or null when it cannot be read. The target is a path
 * ("/a/b?q"), never resolved against a base URL: `new URL('//', base)` reads "//" as a
 * protocol-relative URL with an empty host and throws, which crashed the server.
 */
export function requestPath(target) {
  const raw = target.split(/[?#]/, 1)[0] ?? '';
  if (!raw.startsWith('/')) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null; // malformed percent-encoding
  }
}

/** Starts a server; resolves to { server, port, url }. */
export async function serve({ dir = 'dist', port = 0, base = '/' } = {}) {
  const root = resolve(dir);
  const prefix = base.endsWith('/') ? base : `${base}/`;
  // Node's default 16 KB header limit refuses a link that carries several 10,000-digit values
  // (the hostile-link tests put every calculator of a page in one link); browsers take far longer URLs.
  const server = createServer({ maxHeaderSize: 256 * 1024 }, async (req, res) => {
    const path = requestPath(req.url ?? '/');
    if (path === null) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('bad request path');
      return;
    }
    if (!path.startsWith(prefix)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('outside base');
      return;
    }
    let file = normalize(join(root, path.slice(prefix.length)));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const info = await stat(file);
      if (info.isDirectory()) {
        if (!path.endsWith('/')) {
          // One leading slash: "//name/" would send the browser to another host.
          res.writeHead(301, { location: `/${path.replace(/^\/+/, '')}/` }).end();
          return;
        }
        file = join(file, 'index.html');
      }
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      const notFound = await readFile(join(root, '404.html')).catch(() => Buffer.from('not found'));
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end(notFound);
    }
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  const actual = server.address().port;
  return { server, port: actual, url: `http://127.0.0.1:${actual}${prefix}` };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : fallback;
  };
  const { url } = await serve({ dir: arg('dir', 'dist'), port: Number(arg('port', '4321')), base: arg('base', '/') });
  console.log(`Serving dist at ${url}`);
}
