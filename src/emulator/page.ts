import type { Store } from './store.js';

/** What was posted to each channel, chat and activity feed: the data behind the emulator's page. */
export type Feed = {
  channels: Array<{ teamId: string; id: string; displayName: string; messages: unknown[] }>;
  chats: Array<{ id: string; chatType: string; members: string[]; messages: unknown[] }>;
  activities: Array<{ recipient: string; created: string; activity: unknown }>;
};

export function feedOf(store: Store): Feed {
  const names = new Map(
    (
      store.db.prepare('SELECT id, json FROM users').all() as Array<{ id: string; json: string }>
    ).map((r) => [r.id, (JSON.parse(r.json) as { displayName: string }).displayName]),
  );
  const messages = (container: string) =>
    (
      store.db
        .prepare(
          'SELECT json FROM messages WHERE container = ? ORDER BY CAST(id AS INTEGER) DESC LIMIT 200',
        )
        .all(container) as Array<{ json: string }>
    ).map((r) => JSON.parse(r.json) as unknown);
  const channels = (
    store.db.prepare('SELECT team_id, id, json FROM channels ORDER BY rowid').all() as Array<{
      team_id: string;
      id: string;
      json: string;
    }>
  ).map((r) => ({
    teamId: r.team_id,
    id: r.id,
    displayName: (JSON.parse(r.json) as { displayName: string }).displayName,
    // Each root message carries its thread's replies, oldest first, as Teams shows a thread.
    messages: messages(`channel:${r.team_id}/${r.id}`).map((m) => ({
      ...(m as Record<string, unknown>),
      replies: messages(
        `channel:${r.team_id}/${r.id}#replies:${(m as { id: string }).id}`,
      ).reverse(),
    })),
  }));
  const chats = (
    store.db.prepare('SELECT id, json FROM chats ORDER BY rowid').all() as Array<{
      id: string;
      json: string;
    }>
  ).map((r) => {
    const chat = JSON.parse(r.json) as { chatType: string; members: string[] };
    return {
      id: r.id,
      chatType: chat.chatType,
      members: chat.members.map((m) => names.get(m) ?? m),
      messages: messages(`chat:${r.id}`),
    };
  });
  const activities = (
    store.db
      .prepare('SELECT user_id, json, created FROM activities ORDER BY seq DESC LIMIT 200')
      .all() as Array<{ user_id: string; json: string; created: string }>
  ).map((r) => ({
    recipient: names.get(r.user_id) ?? r.user_id,
    created: r.created,
    activity: JSON.parse(r.json) as unknown,
  }));
  return { channels, chats, activities };
}

/**
 * The page a person opens to see notifications without Teams. Cards are drawn by the official
 * adaptivecards renderer; message bodies are shown as text, never as HTML, so a posted body
 * cannot run script in this page.
 */
export const PAGE_HTML = `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Graph emulator: notifications</title>
<style>
  body { font-family: system-ui, "Segoe UI", sans-serif; margin: 0; background: #f5f5f5; color: #242424; }
  header, main { max-width: 960px; margin: 0 auto; padding: 16px; }
  h1 { font-size: 1.5rem; margin: 0 0 4px; }
  h2 { font-size: 1.2rem; margin: 24px 0 8px; }
  h3 { font-size: 1rem; margin: 16px 0 8px; }
  .note { color: #424242; margin: 0; }
  article { background: #fff; border: 1px solid #d1d1d1; border-radius: 8px; padding: 12px; margin: 8px 0; }
  .meta { font-size: 0.85rem; color: #424242; margin-bottom: 8px; }
  .text { white-space: pre-wrap; }
  .card { max-width: 480px; border: 1px solid #e0e0e0; border-radius: 6px; margin-top: 8px; overflow: hidden; }
  .replies { margin: 12px 0 0 24px; padding-left: 12px; border-left: 3px solid #e0e0e0; }
  .empty { color: #424242; font-style: italic; }
  button { font: inherit; padding: 4px 12px; }
</style>
</head>
<body>
<header>
  <h1>Graph emulator: what was posted</h1>
  <p class="note">Fictional tenant. Channels, chats and activity feeds as Teams would show them. <button id="refresh" type="button">Refresh</button> <span id="status" role="status" aria-live="polite"></span></p>
</header>
<main id="feed" aria-busy="true"></main>
<script src="/_emulator/assets/adaptivecards.js"></script>
<script>
(function () {
  var feed = document.getElementById('feed');
  var status = document.getElementById('status');
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
  // DOMParser builds an inert document: no script runs and no image loads while the text is read.
  function stripTags(html) { var doc = new DOMParser().parseFromString(html.replace(/<attachment[^>]*><\\/attachment>/g, ''), 'text/html'); return doc.body.textContent || ''; }
  function renderMessage(m) {
    var a = el('article');
    a.setAttribute('aria-label', 'Message from ' + ((m.from && m.from.user && m.from.user.displayName) || 'unknown'));
    a.appendChild(el('div', 'meta', ((m.from && m.from.user && m.from.user.displayName) || '') + ' · ' + new Date(m.createdDateTime).toLocaleString('en-GB')));
    var text = stripTags(m.body.content || '');
    if (text.trim()) a.appendChild(el('div', 'text', text));
    (m.attachments || []).forEach(function (att) {
      if (att.contentType !== 'application/vnd.microsoft.card.adaptive') return;
      var holder = el('div', 'card');
      try {
        var card = new AdaptiveCards.AdaptiveCard();
        card.onExecuteAction = function (action) { if (action.url) window.open(action.url, '_blank', 'noopener'); };
        card.parse(JSON.parse(att.content));
        holder.appendChild(card.render());
      } catch (e) { holder.textContent = 'This card could not be rendered: ' + e.message; }
      a.appendChild(holder);
    });
    if (m.replies && m.replies.length) {
      var thread = el('div', 'replies');
      thread.setAttribute('role', 'group');
      thread.setAttribute('aria-label', 'Replies');
      m.replies.forEach(function (r) { thread.appendChild(renderMessage(r)); });
      a.appendChild(thread);
    }
    return a;
  }
  function section(title, items, render) {
    var s = el('section'); s.appendChild(el('h3', null, title));
    if (!items.length) s.appendChild(el('p', 'empty', 'Nothing posted yet.'));
    items.forEach(function (i) { s.appendChild(render(i)); });
    return s;
  }
  function load() {
    feed.setAttribute('aria-busy', 'true');
    fetch('/_emulator/api/feed').then(function (r) { return r.json(); }).then(function (data) {
      feed.textContent = '';
      feed.appendChild(el('h2', null, 'Channels'));
      data.channels.forEach(function (c) { feed.appendChild(section(c.displayName, c.messages, renderMessage)); });
      feed.appendChild(el('h2', null, 'Chats'));
      if (!data.chats.length) feed.appendChild(el('p', 'empty', 'No chats yet.'));
      data.chats.forEach(function (c) { feed.appendChild(section('Chat: ' + c.members.join(', '), c.messages, renderMessage)); });
      feed.appendChild(el('h2', null, 'Activity feed'));
      feed.appendChild(section('Notifications', data.activities, function (n) {
        var a = el('article');
        a.appendChild(el('div', 'meta', 'To ' + n.recipient + ' · ' + new Date(n.created).toLocaleString('en-GB') + ' · ' + n.activity.activityType));
        a.appendChild(el('div', 'text', n.activity.previewText.content));
        if (n.activity.topic.webUrl) { var link = el('a', null, n.activity.topic.value); link.href = n.activity.topic.webUrl; a.appendChild(link); }
        return a;
      }));
      feed.setAttribute('aria-busy', 'false');
      status.textContent = 'Updated ' + new Date().toLocaleTimeString('en-GB');
    }).catch(function (e) { status.textContent = 'Could not load: ' + e.message; });
  }
  document.getElementById('refresh').addEventListener('click', load);
  load();
  setInterval(load, 5000);
})();
</script>
</body>
</html>
`;
