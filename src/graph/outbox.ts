import type { Client } from '@microsoft/microsoft-graph-client';
import { RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import type { CardContext } from '../domain/cards/cards.js';
import type { CardMessage } from '../domain/cards/cards.types.js';
import { buildCard, type CardSpec, parseCardSpec } from './cardSpecs.js';
import { stableHash } from './fields.js';
import { eTagOf, type ListItem, quote, readItem, readItems, type SiteLists } from './listItems.js';
import { reader } from './mappers.js';
import { PacedLimiter, SendLimiter } from './rateLimiter.js';
import { TEAMS_LIMITS } from '../domain/feedback.js';
import {
  ConflictError,
  createAllOnce,
  DEFAULT_WRITE_POLICY,
  findByKey,
  isTransient,
  type KeyedCreate,
  retryAfterSecondsOf,
  statusOf,
  TryAgainError,
  updateIf,
  type WritePolicy,
} from './writes.js';

/**
 * The notification outbox. Every notification is first a NotificationOutbox item whose unique key
 * is (record, event, recipient): enqueuing twice is harmless. Only the person who queued an item
 * sends it, from any of their tabs; a claim is exclusive (a token of the drainer's own, written
 * with If-Match and read back after a lost answer); the card is built again from its kind and
 * data at send time; before resending anything it may already have sent, the sender looks for
 * the message in the chat or channel.
 */

export type Recipient =
  | { readonly kind: 'channel'; readonly teamId: string; readonly channelId: string }
  | { readonly kind: 'chat'; readonly userId: string }
  /**
   * A reply in the thread of a channel card the outbox sent earlier, named by that card's key:
   * its message id is known only once it has been sent, so it is looked up at send time.
   */
  | {
      readonly kind: 'reply';
      readonly teamId: string;
      readonly channelId: string;
      readonly parentKey: string;
    };

export type OutboxEntry = {
  readonly recordId: string;
  readonly event: string;
  readonly recipient: Recipient;
  readonly card: CardSpec;
};

export type OutboxItem = {
  readonly id: string;
  readonly eTag: string;
  readonly key: string;
  readonly recipient: Recipient;
  readonly card: CardSpec;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly claimToken: string;
  readonly lastError: string;
};

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

export type DrainReport = {
  readonly sent: number;
  readonly retrying: number;
  readonly failed: number;
  readonly skipped: number;
  /** What went wrong with items left for a later drain (Graph unreachable for them). */
  readonly problems: readonly string[];
  /** My items still to send once this drain is over: pending, or held by a sender's lease. */
  readonly waiting: number;
  /** When the first of them may be tried: its NextAttemptAt (Retry-After and backoff) or lease end. */
  readonly nextAttemptAt: Date | undefined;
};

/**
 * Seconds before a failed send is tried again: exponential backoff with jitter, never sooner
 * than Retry-After (the jitter only ever adds to what Graph asked for).
 */
export function retryDelaySeconds(
  attempts: number,
  retryAfterSeconds: number | undefined,
  random: () => number,
): number {
  const backoff = Math.min(60, 2 ** attempts) * (0.5 + random() * 0.5);
  return Math.max(retryAfterSeconds ?? 0, backoff);
}

/** Tries before a send that keeps failing for passing reasons (throttles, outages) is given up. */
export const MAX_ATTEMPTS = 20;
const LEASE_MS = 120_000;
/** Items read per drain: a drain sends what is due now; the rest waits for the next one. */
const DRAIN_PAGE = 200;

const recipientId = (r: Recipient) =>
  r.kind === 'channel'
    ? `${r.teamId}/${r.channelId}`
    : r.kind === 'reply'
      ? `${r.teamId}/${r.channelId}/${r.parentKey}`
      : r.userId;
export const idempotencyKey = (e: Pick<OutboxEntry, 'recordId' | 'event' | 'recipient'>) =>
  // A reply names its parent card by that card's whole key: hashed here, to keep within 255.
  `${e.recordId}|${e.event}|${e.recipient.kind}:${e.recipient.kind === 'reply' ? stableHash(recipientId(e.recipient)) : recipientId(e.recipient)}`;

/** A stable attachment id made from the key: how a sent message is recognised later. */
export const attachmentIdFor = (key: string): string => `n${stableHash(key)}`;

/** An item that cannot be sent as it stands: set aside as failed, with the reason. */
class NotSendable extends Error {}

function toItem(item: ListItem): OutboxItem {
  const r = reader('NotificationOutbox', item);
  const kind = r.oneOf('RecipientKind', ['channel', 'chat', 'reply'] as const);
  const rid = r.text('RecipientId');
  // Team and channel ids hold no '/'; a parent card's key may.
  const [teamId, channelId, ...rest] = rid.split('/') as [string, string, ...string[]];
  return {
    id: item.id,
    eTag: eTagOf(item),
    key: r.text('IdempotencyKey'),
    recipient:
      kind === 'channel'
        ? { kind, teamId, channelId }
        : kind === 'reply'
          ? { kind, teamId, channelId, parentKey: rest.join('/') }
          : { kind, userId: rid },
    card: parseCardSpec(r.text('CardKind'), r.text('CardData')),
    status: r.oneOf('Status', ['pending', 'sending', 'sent', 'failed'] as const),
    attempts: r.optionalNumber('Attempts') ?? 0,
    claimToken: r.text('ClaimToken'),
    lastError: r.text('LastError'),
  };
}

type Author = { user?: { id?: string } };
const authorId = (item: ListItem, field: 'createdBy' | 'lastModifiedBy') =>
  ((item as unknown as Record<string, Author | undefined>)[field]?.user?.id ?? '').toLowerCase();

export type OutboxOptions = {
  readonly me: { readonly id: string };
  /** How cards are built: the app's own links and the partnership's case reference format. */
  readonly cards: CardContext;
  readonly now?: () => Date;
  readonly random?: () => number;
  /** Sends a second per channel or chat: below Teams' four. */
  readonly perSecond?: number;
  readonly onProgress?: (done: number, total: number) => void;
  readonly policy?: WritePolicy;
  /** Items sent at once by one drain (4 unless given). */
  readonly concurrency?: number;
  /**
   * Teams' per-app limits (TEAMS_LIMITS unless given): chat messages, and every other Teams call
   * (creating a chat, posting to a channel, looking for a message already delivered).
   */
  readonly appLimits?: {
    readonly chatMessagesPerSecond: number;
    readonly otherCallsPerSecond: number;
  };
  /** A token unique to this claim: two drainers never hold the same one. */
  readonly newToken?: () => string;
};

const newUuid = (): string => globalThis.crypto.randomUUID();

export function createOutbox(client: Client, lists: SiteLists, options: OutboxOptions) {
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const policy = options.policy ?? DEFAULT_WRITE_POLICY;
  const newToken = options.newToken ?? newUuid;
  const me = options.me.id;
  const limiter = new SendLimiter(options.perSecond ?? 3);
  const appLimits = options.appLimits ?? TEAMS_LIMITS;
  // Evenly spaced, 9% under the limits: a send reaches Graph a little later than it was let go,
  // some later than others, and Graph's own second must never hold one too many.
  const appMessages = new PacedLimiter(appLimits.chatMessagesPerSecond, 1100);
  const appCalls = new PacedLimiter(appLimits.otherCallsPerSecond, 1100);
  const chats = new Map<string, string>();
  // Sends go out once per call: the outbox, not the SDK, decides whether to try again.
  const noRetry = [new RetryHandlerOptions(0, 0)];

  async function chatWith(userId: string): Promise<string> {
    const known = chats.get(userId);
    if (known) return known;
    const members = [me, userId].map((id) => ({
      '@odata.type': '#microsoft.graph.aadUserConversationMember',
      roles: ['owner'],
      'user@odata.bind': `https://graph.microsoft.com/v1.0/users('${id}')`,
    }));
    // Creating a one-on-one chat that exists returns it: safe to repeat after a lost answer.
    for (let attempt = 1; ; attempt++) {
      try {
        await appCalls.acquire();
        const chat = (await client.api('/chats').post({ chatType: 'oneOnOne', members })) as {
          id: string;
        };
        chats.set(userId, chat.id);
        return chat.id;
      } catch (e) {
        if (!isTransient(e) || attempt >= 3) throw e;
        await policy.sleep((retryAfterSecondsOf(e) ?? 1) * 1000);
      }
    }
  }

  async function messagesPath(r: Recipient): Promise<string> {
    if (r.kind === 'chat') return `/chats/${encodeURIComponent(await chatWith(r.userId))}/messages`;
    const channel = `/teams/${r.teamId}/channels/${encodeURIComponent(r.channelId)}/messages`;
    if (r.kind === 'channel') return channel;
    const parent = await findByKey(
      client,
      lists,
      'NotificationOutbox',
      'IdempotencyKey',
      r.parentKey,
    );
    // No such card (an audit made before cards were threaded, or by hand): the news is still
    // posted, as a message of its own in the channel.
    if (!parent) return channel;
    const messageId = parent.fields['MessageId'];
    if (typeof messageId !== 'string' || messageId === '')
      throw new TryAgainError('The card to reply to has not been sent yet.');
    return `${channel}/${encodeURIComponent(messageId)}/replies`;
  }

  /**
   * The id of this notification's message if it was already delivered (its earlier answer
   * lost): looks at recent messages.
   */
  async function alreadyDelivered(path: string, key: string): Promise<string | undefined> {
    await appCalls.acquire();
    const recent = (await client.api(path).top(50).get()) as {
      value: Array<{ id: string; attachments?: Array<{ id: string }> }>;
    };
    const id = attachmentIdFor(key);
    return recent.value.find((m) => m.attachments?.some((a) => a.id === id))?.id;
  }

  /** Tries of one send within a claim, well inside its two-minute lease. */
  const SENDS_PER_CLAIM = 4;

  /**
   * Posts the message, trying again within the claim when that is safe: after a 429 or 503 (Graph
   * did not take the message) once Retry-After has passed, and after a 504 or a dropped
   * connection (the message may have gone) only once the chat shows it did not.
   */
  async function deliver(item: OutboxItem, message: CardMessage): Promise<string | undefined> {
    // The person acting is told on screen already; Teams has no one-to-one chat with oneself.
    if (item.recipient.kind === 'chat' && item.recipient.userId === me) return undefined;
    const path = await messagesPath(item.recipient);
    let mayHaveGone = item.attempts > 1;
    for (let tries = 1; ; tries++) {
      if (mayHaveGone) {
        const found = await alreadyDelivered(path, item.key);
        if (found) return found;
      }
      try {
        return await post(path, item.key, message);
      } catch (e) {
        const s = statusOf(e);
        if (!isTransient(e) || tries >= SENDS_PER_CLAIM) throw e;
        mayHaveGone = s !== 429 && s !== 503;
        await policy.sleep((retryAfterSecondsOf(e) ?? 1) * 1000);
      }
    }
  }

  async function post(path: string, key: string, message: CardMessage): Promise<string> {
    await limiter.acquire(path.replace(/\/[^/]+\/replies$/, ''));
    await (path.startsWith('/chats/') ? appMessages : appCalls).acquire();
    const attachmentId = attachmentIdFor(key);
    const sent = (await client
      .api(path)
      .middlewareOptions(noRetry)
      .post({
        body: {
          contentType: 'html',
          content: `<p>${message.text.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c] as string)}</p><attachment id="${attachmentId}"></attachment>`,
        },
        attachments: [
          {
            id: attachmentId,
            contentType: 'application/vnd.microsoft.card.adaptive',
            contentUrl: null,
            content: JSON.stringify(message.card),
          },
        ],
      })) as { id?: unknown };
    return typeof sent.id === 'string' ? sent.id : '';
  }

  /** The items to create for these entries, queued by me; each card is built once to check it. */
  function createsFor(entries: readonly OutboxEntry[]): KeyedCreate[] {
    return entries.map((e) => {
      buildCard(options.cards, e.card);
      return {
        list: 'NotificationOutbox',
        keyField: 'IdempotencyKey',
        fields: {
          Title: e.event,
          IdempotencyKey: idempotencyKey(e),
          RecordId: e.recordId,
          EventType: e.event,
          RecipientKind: e.recipient.kind,
          RecipientId: recipientId(e.recipient),
          QueuedById: me,
          CardKind: e.card.kind,
          CardData: JSON.stringify(e.card.data),
          Status: 'pending',
          Attempts: 0,
          NextAttemptAt: now().toISOString(),
        },
      };
    });
  }

  /**
   * Claims an item for this drainer: Status sending, a lease, Attempts + 1 and a token of its own,
   * with If-Match. After a lost answer or a 412 the item is read back: it is ours only if it
   * holds our token (two tabs writing the same status fields cannot both pass).
   */
  async function claim(item: OutboxItem): Promise<OutboxItem | undefined> {
    const token = newToken();
    const attempts = item.attempts + 1;
    try {
      const stored = await updateIf(
        client,
        lists,
        'NotificationOutbox',
        item,
        {
          Status: 'sending',
          ClaimToken: token,
          Attempts: attempts,
          LeaseUntil: new Date(now().getTime() + LEASE_MS).toISOString(),
        },
        (s) => s.fields['ClaimToken'] === token,
        policy,
      );
      return { ...item, eTag: eTagOf(stored), attempts, claimToken: token, status: 'sending' };
    } catch (e) {
      if (e instanceof ConflictError) return undefined;
      throw e;
    }
  }

  /** Writes an outcome of our claim; if the claim passed to another drainer meanwhile, theirs stands. */
  async function settle(item: OutboxItem, fields: Record<string, unknown>): Promise<void> {
    try {
      await updateIf(
        client,
        lists,
        'NotificationOutbox',
        item,
        fields,
        (s) =>
          s.fields['ClaimToken'] === item.claimToken && s.fields['Status'] === fields['Status'],
        policy,
      );
    } catch (e) {
      if (!(e instanceof ConflictError)) throw e;
    }
  }

  /** Sets aside an item that cannot be sent as it stands: failed, with the reason. */
  async function setAside(raw: ListItem, reason: string): Promise<void> {
    try {
      await updateIf(
        client,
        lists,
        'NotificationOutbox',
        { id: raw.id, eTag: eTagOf(raw) },
        { Status: 'failed', LastError: reason.slice(0, 500) },
        (s) => s.fields['Status'] === 'failed',
        policy,
      );
    } catch (e) {
      if (!(e instanceof ConflictError)) throw e;
    }
  }

  /** My due items, by indexed filters only: never every sent item, whatever the list's size. */
  async function dueItems(at: string): Promise<ListItem[]> {
    const mine = `fields/QueuedById eq ${quote(me)}`;
    const read = (filter: string) =>
      readItems(client, lists, 'NotificationOutbox', {
        filter: `${mine} and ${filter}`,
        top: DRAIN_PAGE,
      });
    const [pending, expired] = await Promise.all([
      read(`fields/Status eq 'pending' and fields/NextAttemptAt le ${quote(at)}`),
      read(`fields/Status eq 'sending' and fields/LeaseUntil lt ${quote(at)}`),
    ]);
    return [...pending, ...expired];
  }

  /**
   * My items not sent yet, after a drain: pending ones (due at NextAttemptAt) and ones a sender
   * holds (free again at LeaseUntil). By indexed filters, a page at most.
   */
  async function stillWaiting(): Promise<{ waiting: number; nextAttemptAt: Date | undefined }> {
    const mine = `fields/QueuedById eq ${quote(me)}`;
    const read = (status: string) =>
      readItems(client, lists, 'NotificationOutbox', {
        filter: `${mine} and fields/Status eq '${status}'`,
        top: DRAIN_PAGE,
      });
    const [pending, sending] = await Promise.all([read('pending'), read('sending')]);
    const times = [
      ...pending.map((i) => i.fields['NextAttemptAt']),
      ...sending.map((i) => i.fields['LeaseUntil']),
    ]
      .map((t) => (typeof t === 'string' ? Date.parse(t) : Number.NaN))
      .map((t) => (Number.isNaN(t) ? now().getTime() : t));
    return {
      waiting: pending.length + sending.length,
      nextAttemptAt: times.length > 0 ? new Date(Math.min(...times)) : undefined,
    };
  }

  /** Checks an item as read: queued and last changed by me, and a card the product makes. */
  function check(raw: ListItem): { item: OutboxItem; message: CardMessage } {
    if (authorId(raw, 'createdBy') !== me.toLowerCase())
      throw new NotSendable('it was not queued by the person whose tab drains it');
    if (authorId(raw, 'lastModifiedBy') !== me.toLowerCase())
      throw new NotSendable('it was changed by someone other than the person who queued it');
    let item: OutboxItem;
    try {
      item = toItem(raw);
    } catch (e) {
      throw new NotSendable((e as Error).message);
    }
    try {
      return { item, message: buildCard(options.cards, item.card) };
    } catch (e) {
      throw new NotSendable((e as Error).message);
    }
  }

  return {
    createsFor,

    /** Puts notifications in the outbox; one already there (same key) is left as it is. */
    async enqueue(entries: readonly OutboxEntry[]): Promise<void> {
      await createAllOnce(client, lists, createsFor(entries), policy);
    },

    /**
     * Sends my due items: pending ones whose time has come, and ones whose sender's lease ran out;
     * then says how many are still waiting and when the first may be tried.
     */
    async drain(
      onProgress: ((done: number, total: number) => void) | undefined = options.onProgress,
    ): Promise<DrainReport> {
      const due = await dueItems(now().toISOString());
      const report = { sent: 0, retrying: 0, failed: 0, skipped: 0, problems: [] as string[] };
      onProgress?.(0, due.length);
      let done = 0;
      let next = 0;
      // A few items at a time: the limiter keeps each chat and channel within Teams' rate.
      const worker = async () => {
        while (next < due.length) {
          const raw = due[next++] as ListItem;
          try {
            report[await sendOne(raw)]++;
          } catch (e) {
            // One item's trouble (Graph unreachable for it even after retries) never stops the
            // rest: it stays as stored (pending, or sending until its lease ends) for a later drain.
            report.retrying++;
            report.problems.push(`${raw.id}: ${(e as Error).message}`);
          }
          onProgress?.(++done, due.length);
        }
      };
      await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
      return { ...report, ...(await stillWaiting()) };
    },

    /** Every item (for tests and support): reads the whole list. */
    async list(): Promise<OutboxItem[]> {
      return (await readItems(client, lists, 'NotificationOutbox')).map(toItem);
    },

    /** One item by id, as stored. */
    async get(id: string): Promise<ListItem> {
      return readItem(client, lists, 'NotificationOutbox', id);
    },
  };

  async function sendOne(raw: ListItem): Promise<'sent' | 'retrying' | 'failed' | 'skipped'> {
    let checked: { item: OutboxItem; message: CardMessage };
    try {
      checked = check(raw);
    } catch (e) {
      if (!(e instanceof NotSendable)) throw e;
      await setAside(raw, `Set aside: ${e.message}`);
      return 'failed';
    }
    const claimed = await claim(checked.item);
    if (!claimed) return 'skipped';
    let messageId: string | undefined;
    try {
      messageId = await deliver(claimed, checked.message);
    } catch (e) {
      const permanent = !isTransient(e) || claimed.attempts >= MAX_ATTEMPTS;
      const delay = retryDelaySeconds(claimed.attempts, retryAfterSecondsOf(e), random);
      await settle(claimed, {
        Status: permanent ? 'failed' : 'pending',
        LastError: `${statusOf(e) ?? ''} ${(e as Error).message}`.trim().slice(0, 500),
        // Rounded up to the second: SharePoint keeps dates to the second, and cutting off the
        // milliseconds would bring the next try before Retry-After.
        NextAttemptAt: new Date(
          Math.ceil((now().getTime() + delay * 1000) / 1000) * 1000,
        ).toISOString(),
      });
      return permanent ? 'failed' : 'retrying';
    }
    await settle(claimed, {
      Status: 'sent',
      SentAt: now().toISOString(),
      LastError: '',
      // Kept so that a later card can reply in this one's thread.
      ...(messageId ? { MessageId: messageId } : {}),
    });
    return 'sent';
  }
}

export type Outbox = ReturnType<typeof createOutbox>;
