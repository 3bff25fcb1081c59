import type { Client } from '@microsoft/microsoft-graph-client';
import { GraphError, RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import type { CardMessage } from '../domain/cards/cards.types.js';
import { batchErrorMessage, chunks, createItemRequest, postBatch } from './batch.js';
import {
  eTagOf,
  eTagOfFields,
  fieldsPath,
  itemPath,
  itemsPath,
  type ListItem,
  readItems,
  type SiteLists,
} from './listItems.js';
import { reader } from './mappers.js';
import { SendLimiter } from './rateLimiter.js';

/**
 * The notification outbox. Every notification is first a NotificationOutbox item whose unique key
 * is (record, event, recipient): enqueuing twice is harmless. A sender drains the outbox under its
 * own rate limit, keeps status and attempts on each item, backs off with jitter, and before
 * resending anything it may already have sent it looks for the message in the chat or channel.
 */

export type Recipient =
  | { readonly kind: 'channel'; readonly teamId: string; readonly channelId: string }
  | { readonly kind: 'chat'; readonly userId: string };

export type OutboxEntry = {
  readonly recordId: string;
  readonly event: string;
  readonly recipient: Recipient;
  readonly message: CardMessage;
};

export type OutboxItem = {
  readonly id: string;
  readonly eTag: string;
  readonly key: string;
  readonly recipient: Recipient;
  readonly message: CardMessage;
  readonly status: 'pending' | 'sending' | 'sent' | 'failed';
  readonly attempts: number;
};

export type DrainReport = {
  readonly sent: number;
  readonly retrying: number;
  readonly failed: number;
  readonly skipped: number;
};

export const MAX_ATTEMPTS = 8;
const LEASE_MS = 120_000;

const recipientId = (r: Recipient) =>
  r.kind === 'channel' ? `${r.teamId}/${r.channelId}` : r.userId;
export const idempotencyKey = (e: Pick<OutboxEntry, 'recordId' | 'event' | 'recipient'>) =>
  `${e.recordId}|${e.event}|${e.recipient.kind}:${recipientId(e.recipient)}`;

/** A stable attachment id made from the key: how a sent message is recognised later. */
export function attachmentIdFor(key: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < key.length; i++) {
    h1 = Math.imul(h1 ^ key.charCodeAt(i), 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ key.charCodeAt(i), 0x5bd1e995) >>> 0;
  }
  return `n${h1.toString(16).padStart(8, '0')}${h2.toString(16).padStart(8, '0')}`;
}

function toItem(item: ListItem): OutboxItem {
  const r = reader('NotificationOutbox', item);
  const kind = r.oneOf('RecipientKind', ['channel', 'chat'] as const);
  const rid = r.text('RecipientId');
  const [teamId, channelId] = rid.split('/') as [string, string];
  return {
    id: item.id,
    eTag: eTagOf(item),
    key: r.text('IdempotencyKey'),
    recipient: kind === 'channel' ? { kind, teamId, channelId } : { kind, userId: rid },
    message: JSON.parse(r.text('Payload')) as CardMessage,
    status: r.oneOf('Status', ['pending', 'sending', 'sent', 'failed'] as const),
    attempts: r.optionalNumber('Attempts') ?? 0,
  };
}

const statusOf = (e: unknown): number | undefined =>
  e instanceof GraphError ? e.statusCode : undefined;
/** Throttling, unavailability, a lost answer or a network fault: worth trying again. */
const isTransient = (e: unknown) => {
  const s = statusOf(e);
  return s === undefined || s === -1 || s === 408 || s === 429 || s >= 500;
};

export type OutboxOptions = {
  readonly me: { readonly id: string };
  readonly now?: () => Date;
  readonly random?: () => number;
  /** Sends a second per channel or chat: below Teams' four. */
  readonly perSecond?: number;
  readonly onProgress?: (done: number, total: number) => void;
};

export function createOutbox(client: Client, lists: SiteLists, options: OutboxOptions) {
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const limiter = new SendLimiter(options.perSecond ?? 3);
  const chats = new Map<string, string>();
  // Sends go out once per call: the outbox, not the SDK, decides whether to try again.
  const noRetry = [new RetryHandlerOptions(0, 0)];

  async function chatWith(userId: string): Promise<string> {
    const known = chats.get(userId);
    if (known) return known;
    const members = [options.me.id, userId].map((id) => ({
      '@odata.type': '#microsoft.graph.aadUserConversationMember',
      roles: ['owner'],
      'user@odata.bind': `https://graph.microsoft.com/v1.0/users('${id}')`,
    }));
    const chat = (await client.api('/chats').post({ chatType: 'oneOnOne', members })) as {
      id: string;
    };
    chats.set(userId, chat.id);
    return chat.id;
  }

  async function messagesPath(r: Recipient): Promise<string> {
    return r.kind === 'channel'
      ? `/teams/${r.teamId}/channels/${encodeURIComponent(r.channelId)}/messages`
      : `/chats/${encodeURIComponent(await chatWith(r.userId))}/messages`;
  }

  /** Was this notification already delivered (its earlier answer lost)? Looks at recent messages. */
  async function alreadyDelivered(path: string, key: string): Promise<boolean> {
    const recent = (await client.api(path).top(50).get()) as {
      value: Array<{ attachments?: Array<{ id: string }> }>;
    };
    const id = attachmentIdFor(key);
    return recent.value.some((m) => m.attachments?.some((a) => a.id === id));
  }

  /**
   * Writes status with If-Match. A 412 after our own earlier write (its answer lost and retried)
   * is checked against what is stored: if it already says what we meant, that is success.
   */
  async function update(
    item: OutboxItem,
    fields: Record<string, unknown>,
    eTag: string,
  ): Promise<string> {
    try {
      const res = (await client
        .api(fieldsPath(lists, 'NotificationOutbox', item.id))
        .header('If-Match', eTag)
        .patch(fields)) as Record<string, unknown>;
      return eTagOfFields(res);
    } catch (e) {
      if (statusOf(e) !== 412) throw e;
      const stored = (await client
        .api(itemPath(lists, 'NotificationOutbox', item.id))
        .expand('fields')
        .get()) as ListItem;
      const same = Object.entries(fields).every(
        ([k, v]) =>
          k === 'LeaseUntil' ||
          k === 'NextAttemptAt' ||
          k === 'SentAt' ||
          stored.fields[k] === v ||
          (v === '' && stored.fields[k] === undefined),
      );
      if (same) return eTagOf(stored);
      throw e;
    }
  }

  async function deliver(item: OutboxItem): Promise<void> {
    // The person acting is told on screen already; Teams has no one-to-one chat with oneself.
    if (item.recipient.kind === 'chat' && item.recipient.userId === options.me.id) return;
    const path = await messagesPath(item.recipient);
    if (item.attempts > 0 && (await alreadyDelivered(path, item.key))) return;
    await limiter.acquire(path);
    const attachmentId = attachmentIdFor(item.key);
    await client
      .api(path)
      .middlewareOptions(noRetry)
      .post({
        body: {
          contentType: 'html',
          content: `<p>${item.message.text.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c] as string)}</p><attachment id="${attachmentId}"></attachment>`,
        },
        attachments: [
          {
            id: attachmentId,
            contentType: 'application/vnd.microsoft.card.adaptive',
            contentUrl: null,
            content: JSON.stringify(item.message.card),
          },
        ],
      });
  }

  return {
    /** Puts notifications in the outbox; one already there (same key) is left as it is. */
    async enqueue(entries: readonly OutboxEntry[]): Promise<void> {
      for (const chunk of chunks(entries)) {
        const responses = await postBatch(
          client,
          chunk.map((e, i) =>
            createItemRequest(String(i), itemsPath(lists, 'NotificationOutbox'), {
              Title: e.event,
              IdempotencyKey: idempotencyKey(e),
              RecordId: e.recordId,
              EventType: e.event,
              RecipientKind: e.recipient.kind,
              RecipientId: recipientId(e.recipient),
              Payload: JSON.stringify(e.message),
              Status: 'pending',
              Attempts: 0,
              NextAttemptAt: now().toISOString(),
            }),
          ),
        );
        const failed = responses.filter((r) => r.status !== 201 && r.status !== 409);
        if (failed[0]) {
          // Whatever was written stays; the caller enqueues again and the keys keep it single.
          throw new Error(
            `${failed.length} notification(s) could not be queued: ${batchErrorMessage(failed[0])}`,
          );
        }
      }
    },

    /** Sends what is due: pending items whose time has come, and items whose sender's lease ran out. */
    async drain(
      onProgress: ((done: number, total: number) => void) | undefined = options.onProgress,
    ): Promise<DrainReport> {
      const at = now().toISOString();
      const read = async (filter: string) =>
        (await readItems(client, lists, 'NotificationOutbox', { filter, top: 200 })).map(toItem);
      const due = [
        ...(await read(`fields/NextAttemptAt le '${at}'`)).filter((i) => i.status === 'pending'),
        ...(await read(`fields/LeaseUntil lt '${at}'`)).filter((i) => i.status === 'sending'),
      ];
      const report = { sent: 0, retrying: 0, failed: 0, skipped: 0 };
      onProgress?.(0, due.length);
      let done = 0;
      for (const item of due) {
        let eTag: string;
        // Attempts count at the claim: if this sender dies after sending, the next one checks the chat first.
        const attempts = item.attempts + 1;
        try {
          eTag = await update(
            item,
            {
              Status: 'sending',
              Attempts: attempts,
              LeaseUntil: new Date(now().getTime() + LEASE_MS).toISOString(),
            },
            item.eTag,
          );
        } catch (e) {
          // Another sender took it first (412): theirs to send.
          if (statusOf(e) === 412) {
            report.skipped++;
            onProgress?.(++done, due.length);
            continue;
          }
          throw e;
        }
        const claimed = { ...item, eTag };
        try {
          await deliver(claimed);
          await update(
            claimed,
            { Status: 'sent', SentAt: now().toISOString(), LastError: '' },
            eTag,
          );
          report.sent++;
        } catch (e) {
          const permanent = !isTransient(e) || attempts >= MAX_ATTEMPTS;
          const retryAfter =
            Number((e as { headers?: Headers }).headers?.get?.('Retry-After') ?? 0) || 0;
          const delay = Math.max(retryAfter, Math.min(300, 2 ** attempts)) * (0.5 + random() * 0.5);
          await update(
            claimed,
            {
              Status: permanent ? 'failed' : 'pending',
              LastError: (e as Error).message.slice(0, 500),
              NextAttemptAt: new Date(now().getTime() + delay * 1000).toISOString(),
            },
            eTag,
          );
          if (permanent) report.failed++;
          else report.retrying++;
        }
        onProgress?.(++done, due.length);
      }
      return report;
    },

    async list(): Promise<OutboxItem[]> {
      return (await readItems(client, lists, 'NotificationOutbox')).map(toItem);
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
