import {
  Client,
  HTTPMessageHandler,
  RetryHandler,
  RetryHandlerOptions,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';

/** Where Graph tokens come from: MSAL in Teams or a browser, a development token locally. */
export type TokenProvider = {
  getToken(): Promise<string>;
};

export type GraphClientOptions = {
  /** https://graph.microsoft.com or the emulator's origin; the client adds /v1.0. */
  readonly baseUrl: string;
  readonly tokens: TokenProvider;
  /**
   * Retries of 429/503/504 of requests safe to repeat (`safeToRepeat`), each after Retry-After
   * when given (10 at the most, as the SDK allows).
   */
  readonly maxRetries?: number;
};

/**
 * Adds the bearer token to every request the client sends to its own base URL. The SDK's own
 * authentication handler only trusts https hosts, and the local emulator listens on http.
 */
class BearerMiddleware implements Middleware {
  private next: Middleware | undefined;

  constructor(
    private readonly origin: string,
    private readonly tokens: TokenProvider,
  ) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    if (url.startsWith(this.origin)) {
      const token = await this.tokens.getToken();
      const options = (context.options ??= {});
      const headers = new Headers(options.headers as HeadersInit | undefined);
      headers.set('Authorization', `Bearer ${token}`);
      options.headers = Object.fromEntries(headers.entries());
    }
    await (this.next as Middleware).execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

const headerOf = (options: RequestInit | undefined, name: string): string | null =>
  options?.headers ? new Headers(options.headers).get(name) : null;

/**
 * Whether a request may be sent again as it is after a 429/503/504, whose answer may have been
 * lost after the write was done. Reads are; a PATCH only with If-Match (a repeat after a lost
 * answer meets 412, never a second write); a `$batch` because the product's batches hold only
 * keyed creates (a repeat meets 409 on the unique key) and If-Match updates (`postBatch`
 * refuses anything else). Any other POST is a create: a repeat could make a second one, so it
 * goes through `createOnce`, which reads back by its key before trying again.
 */
export function safeToRepeat(request: RequestInfo, options: RequestInit | undefined): boolean {
  const method = (
    (typeof request === 'string' ? options?.method : request.method) ?? 'GET'
  ).toUpperCase();
  const url = typeof request === 'string' ? request : request.url;
  if (method === 'GET' || method === 'HEAD' || method === 'DELETE' || method === 'PUT') return true;
  if (method === 'PATCH') return headerOf(options, 'If-Match') !== null;
  if (method === 'POST') return /\/\$batch(\?|$)/.test(url);
  return false;
}

/** The one way the product makes a Graph client: the same chain for the emulator and a tenant. */
export function createGraphClient(options: GraphClientOptions): Client {
  const origin = options.baseUrl.replace(/\/+$/, '');
  const bearer = new BearerMiddleware(origin, options.tokens);
  const retry = new RetryHandler(
    new RetryHandlerOptions(1, Math.min(options.maxRetries ?? 6, 10), (_d, _a, request, init) =>
      safeToRepeat(request, init as RequestInit | undefined),
    ),
  );
  const http = new HTTPMessageHandler();
  bearer.setNext(retry);
  retry.setNext(http);
  return Client.initWithMiddleware({
    middleware: bearer,
    baseUrl: `${origin}/`,
    defaultVersion: 'v1.0',
  });
}
