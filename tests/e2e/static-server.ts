/**
 * A tiny static file server (node:http, no dependency) for the production build. It serves a
 * folder under a sub-path such as `/fitlab/`, so the e2e suite proves the build works when it
 * is not hosted at the site root. Anything outside the sub-path or the folder is a 404.
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { CROSS_ORIGIN_ISOLATION_HEADERS } from '../../src/core/cross-origin-isolation';

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export interface StaticServer {
  /** Absolute URL of the sub-path, ending in `/`, e.g. `http://127.0.0.1:41234/fitlab/`. */
  readonly url: string;
  close(): Promise<void>;
}

export function mimeTypeOf(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Maps a request path to a file inside `root`, or null when it falls outside. */
function resolveFile(root: string, basePath: string, requestPath: string): string | null {
  if (!requestPath.startsWith(basePath)) return null;
  let relative: string;
  try {
    relative = decodeURIComponent(requestPath.slice(basePath.length));
  } catch {
    return null;
  }
  if (relative === '' || relative.endsWith('/')) relative += 'index.html';
  const file = path.resolve(root, relative);
  return file.startsWith(root + path.sep) ? file : null;
}

/**
 * Serves `root` at `http://127.0.0.1:<free port><basePath>`. `basePath` must start and end
 * with `/`. A request for the sub-path without its trailing slash is redirected to it.
 */
export async function startStaticServer(rootDir: string, basePath: string): Promise<StaticServer> {
  const root = path.resolve(rootDir);
  const server: Server = createServer((request, response) => {
    void (async () => {
      const requestPath = new URL(request.url ?? '/', 'http://localhost').pathname;
      if (requestPath === basePath.slice(0, -1)) {
        response.writeHead(301, { Location: basePath }).end();
        return;
      }
      const file = resolveFile(root, basePath, requestPath);
      const info = file ? await stat(file).catch(() => null) : null;
      if (!file || !info?.isFile() || (request.method !== 'GET' && request.method !== 'HEAD')) {
        response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
        return;
      }
      const body = await readFile(file);
      response.writeHead(200, {
        'Content-Type': mimeTypeOf(file),
        'Content-Length': body.length,
        'Cache-Control': 'no-store',
        ...CROSS_ORIGIN_ISOLATION_HEADERS,
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    })().catch((error: unknown) => {
      response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
