import { createHash, randomUUID } from 'node:crypto';
import { requireScope } from '../auth.js';
import {
  bodyObject,
  type Ctx,
  type GraphResponse,
  isoSeconds,
  json,
  noContent,
  topOption,
} from '../context.js';
import { accessDenied, badRequest, GraphError, notFound } from '../errors.js';
import { findUser, type UserDoc } from './users.js';

export type TeamDoc = {
  id: string;
  displayName: string;
  description: string;
  members: string[];
  createdDateTime: string;
  webUrl: string;
};
export type ChannelDoc = {
  id: string;
  displayName: string;
  description: string;
  createdDateTime: string;
  email: string;
  webUrl: string;
  membershipType: 'standard';
  tenantId: string;
};
export type ChatDoc = {
  id: string;
  topic: string | null;
  chatType: 'oneOnOne' | 'group';
  createdDateTime: string;
  lastUpdatedDateTime: string;
  tenantId: string;
  webUrl: string;
  members: string[];
};

/** Teams refuses a message larger than about 28 KB. */
export const MAX_MESSAGE_BYTES = 28 * 1024;

const team = (ctx: Ctx, teamId: string): TeamDoc => {
  const doc = ctx.store.doc<TeamDoc>('teams', teamId);
  if (!doc) throw notFound(`No team found with Group Id ${teamId}`, 'NotFound');
  if (!doc.members.includes(ctx.claims.oid))
    throw new GraphError(403, 'Forbidden', 'The user is not a member of the team.');
  return doc;
};

const teamOut = (t: TeamDoc, tenantId: string) => ({
  id: t.id,
  createdDateTime: t.createdDateTime,
  displayName: t.displayName,
  description: t.description,
  internalId: `19:${t.id.replace(/-/g, '')}@thread.tacv2`,
  classification: null,
  specialization: 'none',
  visibility: 'private',
  webUrl: t.webUrl,
  isArchived: false,
  tenantId,
  isMembershipLimitedToOwners: false,
});

export function joinedTeams(ctx: Ctx): GraphResponse {
  requireScope(ctx.claims, [
    'Team.ReadBasic.All',
    'TeamSettings.Read.All',
    'TeamSettings.ReadWrite.All',
    'User.Read.All',
    'Directory.Read.All',
  ]);
  const teams = ctx.store.docs<TeamDoc>('teams').filter((t) => t.members.includes(ctx.claims.oid));
  return json(200, {
    '@odata.context': `${ctx.graphBase}/$metadata#teams`,
    '@odata.count': teams.length,
    value: teams.map((t) => ({
      id: t.id,
      displayName: t.displayName,
      description: t.description,
      isArchived: false,
      tenantId: ctx.tenantId,
    })),
  });
}

export function getTeam(ctx: Ctx, teamId: string): GraphResponse {
  requireScope(ctx.claims, [
    'Team.ReadBasic.All',
    'TeamSettings.Read.All',
    'TeamSettings.ReadWrite.All',
    'Group.Read.All',
    'Directory.Read.All',
  ]);
  return json(200, {
    '@odata.context': `${ctx.graphBase}/$metadata#teams/$entity`,
    ...teamOut(team(ctx, teamId), ctx.tenantId),
  });
}

function channel(ctx: Ctx, teamId: string, channelId: string): ChannelDoc {
  team(ctx, teamId);
  const row = ctx.store.db
    .prepare('SELECT json FROM channels WHERE team_id = ? AND id = ?')
    .get(teamId, channelId) as { json: string } | undefined;
  if (!row) throw notFound(`Channel ${channelId} was not found in team ${teamId}.`, 'NotFound');
  return JSON.parse(row.json) as ChannelDoc;
}

export function listChannels(ctx: Ctx, teamId: string): GraphResponse {
  requireScope(ctx.claims, [
    'Channel.ReadBasic.All',
    'ChannelSettings.Read.All',
    'ChannelSettings.ReadWrite.All',
    'Group.Read.All',
    'Directory.Read.All',
  ]);
  team(ctx, teamId);
  const rows = ctx.store.db
    .prepare('SELECT json FROM channels WHERE team_id = ? ORDER BY rowid')
    .all(teamId) as Array<{ json: string }>;
  return json(200, {
    '@odata.context': `${ctx.graphBase}/$metadata#teams('${teamId}')/channels`,
    '@odata.count': rows.length,
    value: rows.map((r) => JSON.parse(r.json) as ChannelDoc),
  });
}

export function getChannel(ctx: Ctx, teamId: string, channelId: string): GraphResponse {
  requireScope(ctx.claims, [
    'Channel.ReadBasic.All',
    'ChannelSettings.Read.All',
    'ChannelSettings.ReadWrite.All',
    'Group.Read.All',
    'Directory.Read.All',
  ]);
  return json(200, {
    '@odata.context': `${ctx.graphBase}/$metadata#teams('${teamId}')/channels/$entity`,
    ...channel(ctx, teamId, channelId),
  });
}

type Attachment = {
  id: string;
  contentType: string;
  contentUrl: string | null;
  content: string | null;
  name: string | null;
  thumbnailUrl: string | null;
  teamsAppId: string | null;
};

/** Validates a chatMessage from a request the way Teams does, and returns its stored form. */
function messageFromRequest(
  ctx: Ctx,
  sender: UserDoc,
  container: { chatId: string | null; teamId?: string; channelId?: string },
): Record<string, unknown> {
  const body = bodyObject(ctx.req);
  const messageBody = body['body'] as Record<string, unknown> | undefined;
  if (!messageBody || typeof messageBody['content'] !== 'string') {
    throw badRequest('A message needs body.content.', 'BadRequest');
  }
  const contentType = (messageBody['contentType'] as string | undefined) ?? 'text';
  if (contentType !== 'text' && contentType !== 'html')
    throw badRequest("body.contentType must be 'text' or 'html'.", 'BadRequest');
  const content = messageBody['content'] as string;
  const rawAttachments = body['attachments'] ?? [];
  if (!Array.isArray(rawAttachments)) throw badRequest('attachments must be a list.', 'BadRequest');
  const attachments: Attachment[] = rawAttachments.map((raw: unknown, i: number) => {
    const a = (raw ?? {}) as Record<string, unknown>;
    if (typeof a['id'] !== 'string' || a['id'] === '')
      throw badRequest(`Attachment ${i} needs an id.`, 'BadRequest');
    if (typeof a['contentType'] !== 'string')
      throw badRequest(`Attachment '${a['id']}' needs a contentType.`, 'BadRequest');
    if (a['contentType'] === 'application/vnd.microsoft.card.adaptive') {
      if (typeof a['content'] !== 'string') {
        throw badRequest(
          `Attachment '${a['id']}': an adaptive card's content must be the card as a JSON string.`,
          'BadRequest',
        );
      }
      try {
        const card = JSON.parse(a['content']) as { type?: unknown };
        if (card.type !== 'AdaptiveCard') throw new Error('not a card');
      } catch {
        throw badRequest(
          `Attachment '${a['id']}': the content is not an adaptive card in valid JSON.`,
          'BadRequest',
        );
      }
    }
    return {
      id: a['id'],
      contentType: a['contentType'],
      contentUrl: typeof a['contentUrl'] === 'string' ? a['contentUrl'] : null,
      content: typeof a['content'] === 'string' ? a['content'] : null,
      name: typeof a['name'] === 'string' ? a['name'] : null,
      thumbnailUrl: typeof a['thumbnailUrl'] === 'string' ? a['thumbnailUrl'] : null,
      teamsAppId: null,
    };
  });
  const referenced = [...content.matchAll(/<attachment\s+id="([^"]+)"\s*>\s*<\/attachment>/g)].map(
    (m) => m[1] as string,
  );
  for (const a of attachments) {
    if (!referenced.includes(a.id)) {
      throw badRequest(
        `Attachment '${a.id}' is not referenced in the message body; add <attachment id="${a.id}"></attachment> to it.`,
        'BadRequest',
      );
    }
  }
  for (const id of referenced) {
    if (!attachments.some((a) => a.id === id))
      throw badRequest(
        `The message body refers to attachment '${id}', which the message does not carry.`,
        'BadRequest',
      );
  }
  if (referenced.length > 0 && contentType !== 'html')
    throw badRequest('A message with attachments needs body.contentType html.', 'BadRequest');
  const size = Buffer.byteLength(JSON.stringify({ body: messageBody, attachments }), 'utf8');
  if (size > MAX_MESSAGE_BYTES) {
    throw new GraphError(
      413,
      'RequestEntityTooLarge',
      `The message is ${size} bytes; Teams accepts at most ${MAX_MESSAGE_BYTES}.`,
    );
  }
  const now = new Date();
  return {
    id: '',
    replyToId: null,
    etag: '',
    messageType: 'message',
    createdDateTime: now.toISOString(),
    lastModifiedDateTime: now.toISOString(),
    lastEditedDateTime: null,
    deletedDateTime: null,
    subject: typeof body['subject'] === 'string' ? body['subject'] : null,
    summary: typeof body['summary'] === 'string' ? body['summary'] : null,
    chatId: container.chatId,
    importance:
      body['importance'] === 'high' || body['importance'] === 'urgent'
        ? body['importance']
        : 'normal',
    locale: 'en-us',
    webUrl: null,
    channelIdentity: container.teamId
      ? { teamId: container.teamId, channelId: container.channelId }
      : null,
    policyViolation: null,
    eventDetail: null,
    from: {
      application: null,
      device: null,
      conversation: null,
      user: {
        '@odata.type': '#microsoft.graph.teamworkUserIdentity',
        id: sender.id,
        displayName: sender.displayName,
        userIdentityType: 'aadUser',
        tenantId: ctx.tenantId,
      },
    },
    body: { contentType, content },
    attachments,
    mentions: [],
    reactions: [],
    messageHistory: [],
  };
}

function storeMessage(
  ctx: Ctx,
  container: string,
  message: Record<string, unknown>,
): Record<string, unknown> {
  return ctx.store.tx(() => {
    let id = Date.now();
    const last = ctx.store.db
      .prepare('SELECT MAX(CAST(id AS INTEGER)) AS m FROM messages WHERE container = ?')
      .get(container) as { m: number | null };
    if (last.m !== null && last.m >= id) id = last.m + 1;
    const stored = { ...message, id: String(id), etag: String(id) };
    ctx.store.db
      .prepare('INSERT INTO messages(container, id, json, created) VALUES (?, ?, ?, ?)')
      .run(container, String(id), JSON.stringify(stored), message['createdDateTime'] as string);
    return stored;
  });
}

function listMessages(ctx: Ctx, container: string, link: string, context: string): GraphResponse {
  const top = topOption(ctx.req, 20, 50);
  const skip = Number(ctx.req.query.get('$skiptoken') ?? '0');
  if (!Number.isInteger(skip) || skip < 0)
    throw badRequest('The $skiptoken is not valid.', 'BadRequest');
  // Newest first, as Teams lists them.
  const rows = ctx.store.db
    .prepare(
      'SELECT json FROM messages WHERE container = ? ORDER BY CAST(id AS INTEGER) DESC LIMIT ? OFFSET ?',
    )
    .all(container, top + 1, skip) as Array<{ json: string }>;
  const body: Record<string, unknown> = {
    '@odata.context': context,
    '@odata.count': Math.min(rows.length, top),
  };
  if (rows.length > top) {
    const q = new URLSearchParams(ctx.req.query);
    q.set('$skiptoken', String(skip + top));
    body['@odata.nextLink'] = `${link}?${q.toString()}`;
  }
  body['value'] = rows.slice(0, top).map((r) => JSON.parse(r.json) as unknown);
  return json(200, body);
}

const me = (ctx: Ctx): UserDoc => {
  const user = findUser(ctx, ctx.claims.oid);
  if (!user) throw accessDenied('The signed-in user does not exist in this tenant.');
  return user;
};

export function postChannelMessage(ctx: Ctx, teamId: string, channelId: string): GraphResponse {
  requireScope(ctx.claims, ['ChannelMessage.Send', 'Group.ReadWrite.All']);
  channel(ctx, teamId, channelId);
  const message = messageFromRequest(ctx, me(ctx), { chatId: null, teamId, channelId });
  const stored = storeMessage(ctx, `channel:${teamId}/${channelId}`, message);
  const id = stored['id'] as string;
  stored['webUrl'] =
    `https://teams.microsoft.com/l/message/${encodeURIComponent(channelId)}/${id}?groupId=${teamId}&tenantId=${ctx.tenantId}&createdTime=${id}&parentMessageId=${id}`;
  return json(201, {
    '@odata.context': `${ctx.graphBase}/$metadata#teams('${teamId}')/channels('${encodeURIComponent(channelId)}')/messages/$entity`,
    ...stored,
  });
}

export function getChannelMessages(ctx: Ctx, teamId: string, channelId: string): GraphResponse {
  requireScope(ctx.claims, ['ChannelMessage.Read.All', 'Group.Read.All', 'Group.ReadWrite.All']);
  channel(ctx, teamId, channelId);
  const link = `${ctx.graphBase}/teams/${teamId}/channels/${encodeURIComponent(channelId)}/messages`;
  return listMessages(
    ctx,
    `channel:${teamId}/${channelId}`,
    link,
    `${ctx.graphBase}/$metadata#teams('${teamId}')/channels('${encodeURIComponent(channelId)}')/messages`,
  );
}

/** A reply thread lives apart from its channel's root messages, as Teams keeps them. */
const repliesContainer = (teamId: string, channelId: string, messageId: string) =>
  `channel:${teamId}/${channelId}#replies:${messageId}`;

/** The root message a reply is for: 404 when the channel has none with that id. */
function rootMessage(ctx: Ctx, teamId: string, channelId: string, messageId: string): void {
  const found = ctx.store.db
    .prepare('SELECT 1 FROM messages WHERE container = ? AND id = ?')
    .get(`channel:${teamId}/${channelId}`, messageId);
  if (!found) throw notFound(`Message '${messageId}' was not found in the channel.`, 'NotFound');
}

/** POST /teams/{team-id}/channels/{channel-id}/messages/{message-id}/replies */
export function postChannelReply(
  ctx: Ctx,
  teamId: string,
  channelId: string,
  messageId: string,
): GraphResponse {
  requireScope(ctx.claims, ['ChannelMessage.Send', 'Group.ReadWrite.All']);
  channel(ctx, teamId, channelId);
  rootMessage(ctx, teamId, channelId, messageId);
  const message = {
    ...messageFromRequest(ctx, me(ctx), { chatId: null, teamId, channelId }),
    replyToId: messageId,
  };
  const stored = storeMessage(ctx, repliesContainer(teamId, channelId, messageId), message);
  const id = stored['id'] as string;
  stored['webUrl'] =
    `https://teams.microsoft.com/l/message/${encodeURIComponent(channelId)}/${id}?groupId=${teamId}&tenantId=${ctx.tenantId}&createdTime=${id}&parentMessageId=${messageId}`;
  return json(201, {
    '@odata.context': `${ctx.graphBase}/$metadata#teams('${teamId}')/channels('${encodeURIComponent(channelId)}')/messages('${messageId}')/replies/$entity`,
    ...stored,
  });
}

/** GET /teams/{team-id}/channels/{channel-id}/messages/{message-id}/replies: newest first. */
export function getChannelReplies(
  ctx: Ctx,
  teamId: string,
  channelId: string,
  messageId: string,
): GraphResponse {
  requireScope(ctx.claims, ['ChannelMessage.Read.All', 'Group.Read.All', 'Group.ReadWrite.All']);
  channel(ctx, teamId, channelId);
  rootMessage(ctx, teamId, channelId, messageId);
  const base = `teams('${teamId}')/channels('${encodeURIComponent(channelId)}')/messages('${messageId}')/replies`;
  return listMessages(
    ctx,
    repliesContainer(teamId, channelId, messageId),
    `${ctx.graphBase}/teams/${teamId}/channels/${encodeURIComponent(channelId)}/messages/${messageId}/replies`,
    `${ctx.graphBase}/$metadata#${base}`,
  );
}

function memberId(ctx: Ctx, raw: unknown, i: number): string {
  const member = (raw ?? {}) as Record<string, unknown>;
  const bind = member['user@odata.bind'];
  const m =
    typeof bind === 'string'
      ? (/users\('([^']+)'\)$/.exec(bind) ?? /users\/([^/]+)$/.exec(bind))
      : null;
  if (!m)
    throw badRequest(`Member ${i} needs "user@odata.bind": ".../users('{id}')".`, 'BadRequest');
  const user = findUser(ctx, decodeURIComponent(m[1] as string));
  if (!user) throw notFound(`User '${m[1]}' was not found.`, 'NotFound');
  return user.id;
}

export function createChat(ctx: Ctx): GraphResponse {
  requireScope(ctx.claims, ['Chat.Create', 'Chat.ReadWrite']);
  const body = bodyObject(ctx.req);
  const chatType = body['chatType'];
  if (chatType !== 'oneOnOne' && chatType !== 'group')
    throw badRequest("chatType must be 'oneOnOne' or 'group'.", 'BadRequest');
  const rawMembers = body['members'];
  if (!Array.isArray(rawMembers)) throw badRequest('A chat needs members.', 'BadRequest');
  const members = [...new Set(rawMembers.map((m, i) => memberId(ctx, m, i)))];
  if (!members.includes(ctx.claims.oid))
    throw new GraphError(
      403,
      'Forbidden',
      'The signed-in user must be one of the members of the chat.',
    );
  if (chatType === 'oneOnOne' && members.length !== 2)
    throw badRequest('A oneOnOne chat has exactly two members.', 'BadRequest');
  if (chatType === 'group' && members.length < 3)
    throw badRequest('A group chat needs at least three members.', 'BadRequest');
  const context = `${ctx.graphBase}/$metadata#chats/$entity`;
  const chatOut = (c: ChatDoc) => {
    const { members: _members, ...rest } = c;
    void _members;
    return { '@odata.context': context, ...rest };
  };
  if (chatType === 'oneOnOne') {
    const [a, b] = [...members].sort() as [string, string];
    const id = `19:${a}_${b}@unq.gbl.spaces`;
    const existing = ctx.store.doc<ChatDoc>('chats', id);
    if (existing) return json(201, chatOut(existing));
    const now = isoSeconds();
    const chat: ChatDoc = {
      id,
      topic: null,
      chatType,
      createdDateTime: now,
      lastUpdatedDateTime: now,
      tenantId: ctx.tenantId,
      webUrl: `https://teams.microsoft.com/l/chat/${encodeURIComponent(id)}/0?tenantId=${ctx.tenantId}`,
      members,
    };
    ctx.store.db
      .prepare('INSERT OR IGNORE INTO chats(id, json) VALUES (?, ?)')
      .run(id, JSON.stringify(chat));
    return json(201, chatOut(chat));
  }
  const now = isoSeconds();
  const id = `19:${createHash('sha1').update(randomUUID()).digest('hex').slice(0, 32)}@thread.v2`;
  const chat: ChatDoc = {
    id,
    topic: typeof body['topic'] === 'string' ? body['topic'] : null,
    chatType,
    createdDateTime: now,
    lastUpdatedDateTime: now,
    tenantId: ctx.tenantId,
    webUrl: `https://teams.microsoft.com/l/chat/${encodeURIComponent(id)}/0?tenantId=${ctx.tenantId}`,
    members,
  };
  ctx.store.db.prepare('INSERT INTO chats(id, json) VALUES (?, ?)').run(id, JSON.stringify(chat));
  return json(201, chatOut(chat));
}

function chat(ctx: Ctx, chatId: string): ChatDoc {
  const doc = ctx.store.doc<ChatDoc>('chats', chatId);
  if (!doc) throw notFound(`Chat '${chatId}' was not found.`, 'NotFound');
  if (!doc.members.includes(ctx.claims.oid))
    throw new GraphError(403, 'Forbidden', 'The signed-in user is not a member of the chat.');
  return doc;
}

export function postChatMessage(ctx: Ctx, chatId: string): GraphResponse {
  requireScope(ctx.claims, ['ChatMessage.Send', 'Chat.ReadWrite']);
  chat(ctx, chatId);
  const stored = storeMessage(ctx, `chat:${chatId}`, messageFromRequest(ctx, me(ctx), { chatId }));
  return json(201, {
    '@odata.context': `${ctx.graphBase}/$metadata#chats('${encodeURIComponent(chatId)}')/messages/$entity`,
    ...stored,
  });
}

export function getChatMessages(ctx: Ctx, chatId: string): GraphResponse {
  requireScope(ctx.claims, ['Chat.Read', 'Chat.ReadWrite', 'ChatMessage.Read']);
  chat(ctx, chatId);
  const link = `${ctx.graphBase}/chats/${encodeURIComponent(chatId)}/messages`;
  return listMessages(
    ctx,
    `chat:${chatId}`,
    link,
    `${ctx.graphBase}/$metadata#chats('${encodeURIComponent(chatId)}')/messages`,
  );
}

/** The activity types the app's manifest declares; empty accepts any (the emulator has no manifest). */
export function sendActivityNotification(
  ctx: Ctx,
  userRef: string,
  declaredTypes: readonly string[],
): GraphResponse {
  requireScope(ctx.claims, ['TeamsActivity.Send']);
  const recipient = findUser(ctx, userRef);
  if (!recipient) throw notFound(`User '${userRef}' was not found.`, 'NotFound');
  const body = bodyObject(ctx.req);
  const topic = body['topic'] as Record<string, unknown> | undefined;
  if (!topic || (topic['source'] !== 'entityUrl' && topic['source'] !== 'text')) {
    throw badRequest("topic.source must be 'entityUrl' or 'text'.", 'BadRequest');
  }
  if (typeof topic['value'] !== 'string' || topic['value'] === '')
    throw badRequest('topic.value is required.', 'BadRequest');
  if (
    topic['source'] === 'text' &&
    (typeof topic['webUrl'] !== 'string' || !/^https?:\/\//.test(topic['webUrl']))
  ) {
    throw badRequest("topic.webUrl is required when topic.source is 'text'.", 'BadRequest');
  }
  const activityType = body['activityType'];
  if (typeof activityType !== 'string' || activityType === '')
    throw badRequest('activityType is required.', 'BadRequest');
  if (
    declaredTypes.length > 0 &&
    !declaredTypes.includes(activityType) &&
    activityType !== 'systemDefault'
  ) {
    throw badRequest(
      `Activity type '${activityType}' is not declared in the app's manifest.`,
      'BadRequest',
    );
  }
  const preview = body['previewText'] as Record<string, unknown> | undefined;
  if (!preview || typeof preview['content'] !== 'string')
    throw badRequest('previewText.content is required.', 'BadRequest');
  if (preview['content'].length > 150) {
    throw badRequest(
      `previewText.content is ${preview['content'].length} characters; it may be at most 150.`,
      'BadRequest',
    );
  }
  const params = body['templateParameters'] ?? [];
  if (
    !Array.isArray(params) ||
    !params.every(
      (p) =>
        p &&
        typeof (p as Record<string, unknown>)['name'] === 'string' &&
        typeof (p as Record<string, unknown>)['value'] === 'string',
    )
  ) {
    throw badRequest('templateParameters must be a list of {name, value} texts.', 'BadRequest');
  }
  ctx.store.db.prepare('INSERT INTO activities(user_id, json, created) VALUES (?, ?, ?)').run(
    recipient.id,
    JSON.stringify({
      from: ctx.claims.oid,
      topic,
      activityType,
      previewText: preview,
      templateParameters: params,
    }),
    new Date().toISOString(),
  );
  return noContent();
}
