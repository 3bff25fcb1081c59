import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/** Teams shows the tab in a frame: these are the hosts that may frame it. */
const FRAME_ANCESTORS =
  "'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.teams.cloud.microsoft https://*.office.com https://outlook.office.com https://*.microsoft365.com https://*.cloud.microsoft";

export type TabServer = { readonly url: string; close(): Promise<void> };

/**
 * Serves the built tab, and in local mode passes /v1.0, /_emulator and SharePoint's
 * /sites/{site}/_api through to the Graph emulator, so that the tab reaches Graph at its own origin exactly as it would reach
 * graph.microsoft.com: same paths, only the base differs.
 */
export async function serveTab(options: {
  distDir: string;
  port: number;
  host?: string;
  emulatorUrl?: string;
}): Promise<TabServer> {
  const root = resolve(options.distDir);
  if (!existsSync(join(root, 'index.html')))
    throw new Error(`No built tab in ${root}: run the build first.`);
  const upstream = options.emulatorUrl ? new URL(options.emulatorUrl) : undefined;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const toEmulator =
      url.pathname.startsWith('/v1.0') ||
      url.pathname.startsWith('/_emulator') ||
      /^\/sites\/[^/]+\/_api(\/|$)/.test(url.pathname);
    if (upstream && toEmulator) {
      const proxied = httpRequest(
        {
          hostname: upstream.hostname,
          port: upstream.port,
          path: req.url,
          method: req.method,
          headers: { ...req.headers, host: upstream.host },
        },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      proxied.on('error', (e) => {
        res.writeHead(502, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            error: {
              code: 'emulatorUnavailable',
              message: `The Graph emulator did not answer: ${e.message}`,
            },
          }),
        );
      });
      req.pipe(proxied);
      return;
    }
    const path = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(root, path);
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory())
      file = join(root, 'index.html');
    const hashed = /\.[0-9a-f]{8,}\.(js|css)$/.test(file);
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      'Content-Security-Policy': `frame-ancestors ${FRAME_ANCESTORS}`,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port, options.host ?? '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
