import type { GraphRequest, GraphResponse } from './context.js';
import { errorBody } from './errors.js';
import { DEFAULT_FAULTS, type FaultConfig, mergeFaults, random, RateLimiter } from './faults.js';
import { appKey, messageKey } from './rates.js';

/** What the emulator counts, read by `GET /_emulator/api/stats`. */
export type EmulatorStats = {
  requests: number;
  injectedFaults: number;
  lostAnswers: number;
  rateLimited: number;
  /** The most messages accepted inside any one second, per channel or chat. */
  peakPerSecond: Record<string, number>;
};

const throttled = (
  status: number,
  seconds: number,
  message: string,
  code: string,
): GraphResponse => ({
  status,
  headers: { 'Retry-After': String(seconds) },
  body: errorBody(code, message, 'fault', 'fault'),
});

/**
 * The fault gate: injected 429/503/504s, Teams' rate limits and lost answers, decided before
 * (or, for lost answers, after) a request is served, for plain and batched requests alike.
 */
export class FaultGate {
  private current: FaultConfig;
  private rand: () => number;
  private readonly limiter = new RateLimiter();

  constructor(
    initial: Partial<FaultConfig>,
    readonly stats: EmulatorStats,
  ) {
    this.current = mergeFaults(DEFAULT_FAULTS, initial as Record<string, unknown>);
    this.rand = random(this.current.seed);
  }

  get faults(): FaultConfig {
    return this.current;
  }

  /** Merges a patch into the faults (or into the defaults when replacing); throws on a bad one. */
  update(patch: Record<string, unknown>, replace = false): FaultConfig {
    this.current = mergeFaults(replace ? DEFAULT_FAULTS : this.current, patch);
    this.rand = random(this.current.seed);
    return this.current;
  }

  /** The answer that replaces a request, when a fault or a rate limit stops it. */
  check(req: GraphRequest): GraphResponse | undefined {
    const faults = this.current;
    if (faults.rate > 0 && this.rand() < faults.rate) {
      this.stats.injectedFaults++;
      const status = faults.statuses[Math.floor(this.rand() * faults.statuses.length)] as number;
      const code =
        status === 429
          ? 'TooManyRequests'
          : status === 503
            ? 'serviceNotAvailable'
            : 'gatewayTimeout';
      return throttled(
        status,
        faults.retryAfterSeconds,
        `Injected fault: ${status}. Retry after ${faults.retryAfterSeconds} seconds.`,
        code,
      );
    }
    // The app's own limits first: a request refused there never reaches the chat's.
    const app = faults.rateLimits ? appKey(req, faults) : undefined;
    if (app) {
      const wait = this.limiter.take(app.key, app.perSecond);
      if (wait > 0) {
        this.stats.rateLimited++;
        return throttled(
          429,
          wait,
          `Rate limit of ${app.perSecond} a second for this application exceeded (${app.key === 'app:chatMessages' ? 'chat messages' : 'Teams calls'}). Retry after ${wait} seconds.`,
          'TooManyRequests',
        );
      }
    }
    const limited = faults.rateLimits ? messageKey(req, faults) : undefined;
    if (limited) {
      const wait = this.limiter.take(limited.key, limited.perSecond);
      if (wait > 0) {
        this.stats.rateLimited++;
        return throttled(
          429,
          wait,
          `Rate limit of ${limited.perSecond} a second exceeded for ${limited.key.split(':')[0]}.`,
          'TooManyRequests',
        );
      }
    }
    return undefined;
  }

  /** Whether a whole `$batch`, run in full, should be answered as lost (a proxy timing out). */
  loseBatch(): boolean {
    return this.lose(this.current.batchLostRate);
  }

  /** Whether a write inside a batch, done, should be answered 504 in the batch's answer. */
  loseBatchItem(): boolean {
    return this.lose(this.current.batchItemLostRate);
  }

  private lose(rate: number): boolean {
    if (rate > 0 && this.rand() < rate) {
      this.stats.lostAnswers++;
      return true;
    }
    return false;
  }

  /** Whether a write that succeeded should be answered as lost (applied, but a 504). */
  loseAnswer(): boolean {
    if (this.current.lostRate > 0 && this.rand() < this.current.lostRate) {
      this.stats.lostAnswers++;
      return true;
    }
    return false;
  }
}
