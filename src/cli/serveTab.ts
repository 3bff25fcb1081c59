import { createReadStream, existsSync, statSync } from 'node:fs';
import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type Server,
} from 'node:http';
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

/**
 * The tab's Content-Security-Policy. Scripts only from its own origin (no inline script, no
 * eval); connections only to Graph, the sign-in authority and the partnership's SharePoint host
 * (for a tenant), or to its own origin and the emulator (local mode). Styles allow inline rules
 * because Fluent UI (Griffel) writes its atomic CSS into style elements at run time.
 * docs/deploy.md gives the same policy for hosting.
 */
export function tabContentSecurityPolicy(connect: readonly string[]): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ${connect.join(' ')}`.trim(),
    // MSAL renews tokens in a hidden frame of the sign-in authority when it must.
    'frame-src https://login.microsoftonline.com',
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
    `frame-ancestors ${FRAME_ANCESTORS}`,
  ].join('; ');
}

function withoutOrigin(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const { origin: _origin, referer: _referer, ...rest } = headers;
  return rest;
}

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
  const csp = tabContentSecurityPolicy(
    upstream
      ? [upstream.origin]
      : [
          'https://graph.microsoft.com',
          'https://login.microsoftonline.com',
          'https://*.sharepoint.com',
        ],
  );
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
          // The page is this server's own: the browser's same-origin rules applied already, and
          // the emulator's admin API refuses requests that carry another origin.
          headers: { ...withoutOrigin(req.headers), host: upstream.host },
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
      'Content-Security-Policy': csp,
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
