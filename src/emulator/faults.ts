/**
 * Faults on demand: a share of answers replaced by 429/503/504 with Retry-After, added latency,
 * Teams' per-channel and per-chat message rate limits, and writes whose answer is "lost" (done,
 * but the client sees a 504) so that clients must be idempotent. All off by default.
 */

export type FaultConfig = {
  /** Share of Graph requests (0..1) answered with one of `statuses` instead of being served. */
  rate: number;
  statuses: number[];
  retryAfterSeconds: number;
  /** Added to every Graph answer, in milliseconds. */
  latencyMs: number;
  /** Share of writes (0..1) that are applied but answered with a 504 as if the answer were lost. */
  lostRate: number;
  /**
   * Share of `$batch` requests (0..1) that are run in full but answered with a 504, as a proxy
   * between client and Graph that times out after Graph has done the work.
   */
  batchLostRate: number;
  /** Share of write requests inside a batch (0..1) applied but answered 504 in the batch's answer. */
  batchItemLostRate: number;
  /** Whether Teams' message rate limits are enforced. */
  rateLimits: boolean;
  channelMessagesPerSecond: number;
  chatMessagesPerSecond: number;
  activityNotificationsPerSecondPerUser: number;
  /**
   * Teams' per-app, per-tenant limits (https://learn.microsoft.com/graph/throttling-limits#microsoft-teams-service-limits):
   * posting chat messages, and every other Teams call (creating or reading chats, channels).
   */
  appChatMessagesPerSecond: number;
  appTeamsCallsPerSecond: number;
  /** Seed for the random choices, so that a test can replay the same faults. */
  seed: number;
};

export const DEFAULT_FAULTS: FaultConfig = {
  rate: 0,
  statuses: [429, 503, 504],
  retryAfterSeconds: 1,
  latencyMs: 0,
  lostRate: 0,
  batchLostRate: 0,
  batchItemLostRate: 0,
  rateLimits: false,
  channelMessagesPerSecond: 4,
  chatMessagesPerSecond: 4,
  activityNotificationsPerSecondPerUser: 5,
  appChatMessagesPerSecond: 20,
  appTeamsCallsPerSecond: 30,
  seed: 1,
};

const between = (n: unknown, lo: number, hi: number): boolean =>
  typeof n === 'number' && Number.isFinite(n) && n >= lo && n <= hi;

/** Merges a partial configuration into the current one; throws with the field at fault. */
export function mergeFaults(current: FaultConfig, patch: Record<string, unknown>): FaultConfig {
  const next: FaultConfig = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    switch (key) {
      case 'rate':
      case 'lostRate':
      case 'batchLostRate':
      case 'batchItemLostRate':
        if (!between(value, 0, 1)) throw new Error(`${key} must be a number from 0 to 1`);
        next[key] = value as number;
        break;
      case 'retryAfterSeconds':
      case 'latencyMs':
      case 'channelMessagesPerSecond':
      case 'chatMessagesPerSecond':
      case 'activityNotificationsPerSecondPerUser':
      case 'appChatMessagesPerSecond':
      case 'appTeamsCallsPerSecond':
      case 'seed':
        if (!between(value, 0, 1e9)) throw new Error(`${key} must be a number of at least 0`);
        next[key] = value as number;
        break;
      case 'rateLimits':
        if (typeof value !== 'boolean') throw new Error('rateLimits must be true or false');
        next.rateLimits = value;
        break;
      case 'statuses':
        if (
          !Array.isArray(value) ||
          value.length === 0 ||
          !value.every((s) => s === 429 || s === 503 || s === 504)
        ) {
          throw new Error('statuses must be a non-empty list of 429, 503 and 504');
        }
        next.statuses = value as number[];
        break;
      default:
        throw new Error(`unknown fault setting '${key}'`);
    }
  }
  return next;
}

/** The answer a lost write gets: a gateway timeout, the write done all the same. */
export function lostAnswer(retryAfterSeconds: number, requestId: string) {
  return {
    status: 504,
    headers: { 'Retry-After': String(retryAfterSeconds), 'Content-Type': 'application/json' },
    body: {
      error: {
        code: 'gatewayTimeout',
        message: 'Injected fault: the write was applied but its answer was lost.',
        innerError: { 'request-id': requestId, 'client-request-id': requestId },
      },
    },
  };
}

/** A small seeded generator (mulberry32): the same seed gives the same faults. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sliding one-second windows per key (a channel, a chat, a recipient). */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  /** Records the hit and returns 0, or returns the seconds to wait when over the limit. */
  take(key: string, perSecond: number, now = Date.now()): number {
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < 1000);
    if (recent.length >= perSecond) {
      this.hits.set(key, recent);
      return Math.max(1, Math.ceil((1000 - (now - (recent[0] as number))) / 1000));
    }
    recent.push(now);
    this.hits.set(key, recent);
    return 0;
  }
}
