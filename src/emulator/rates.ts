import type { GraphRequest } from './context.js';
import type { FaultConfig } from './faults.js';

/**
 * Rate accounting for Teams' messages: which limit a request counts against, and the most
 * messages accepted inside any one second per channel, chat or recipient (for the stats).
 */

export type MessageLimit = { key: string; perSecond: number };

/** The rate limit a request counts against, if it posts a message or an activity. */
export function messageKey(req: GraphRequest, faults: FaultConfig): MessageLimit | undefined {
  if (req.method !== 'POST') return undefined;
  const parts = req.path.split('/').filter(Boolean);
  if (
    parts[0] === 'teams' &&
    parts[2] === 'channels' &&
    parts[4] === 'messages' &&
    parts.length === 5
  ) {
    return { key: `channel:${parts[1]}/${parts[3]}`, perSecond: faults.channelMessagesPerSecond };
  }
  // A reply counts against its channel's limit, as a new post does.
  if (
    parts[0] === 'teams' &&
    parts[2] === 'channels' &&
    parts[4] === 'messages' &&
    parts[6] === 'replies' &&
    parts.length === 7
  )
    return { key: `channel:${parts[1]}/${parts[3]}`, perSecond: faults.channelMessagesPerSecond };
  if (parts[0] === 'chats' && parts[2] === 'messages' && parts.length === 3)
    return { key: `chat:${parts[1]}`, perSecond: faults.chatMessagesPerSecond };
  if (parts[0] === 'users' && parts[2] === 'teamwork' && parts.length === 4)
    return {
      key: `activity:${parts[1]}`,
      perSecond: faults.activityNotificationsPerSecondPerUser,
    };
  return undefined;
}

/**
 * The per-app limit a Teams request counts against: posting a chat message, or any other call
 * under /chats or /teams. One app per tenant here: every token is the product's.
 */
export function appKey(req: GraphRequest, faults: FaultConfig): MessageLimit | undefined {
  const parts = req.path.split('/').filter(Boolean);
  if (parts[0] !== 'chats' && parts[0] !== 'teams') return undefined;
  if (
    req.method === 'POST' &&
    parts[0] === 'chats' &&
    parts[2] === 'messages' &&
    parts.length === 3
  )
    return { key: 'app:chatMessages', perSecond: faults.appChatMessagesPerSecond };
  return { key: 'app:teamsCalls', perSecond: faults.appTeamsCallsPerSecond };
}

/** Counts accepted messages in sliding one-second windows and keeps the peak per key. */
export class AcceptedRates {
  private readonly accepted = new Map<string, number[]>();

  constructor(private readonly peakPerSecond: Record<string, number>) {}

  note(key: string): void {
    const now = Date.now();
    const recent = (this.accepted.get(key) ?? []).filter((t) => now - t < 1000);
    recent.push(now);
    this.accepted.set(key, recent);
    this.peakPerSecond[key] = Math.max(this.peakPerSecond[key] ?? 0, recent.length);
  }
}
