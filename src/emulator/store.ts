import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Persistence for the emulator: one SQLite file in WAL mode. Every answered write has been
 * committed first (synchronous=FULL), so killing the process never loses an acknowledged write.
 * Documents are kept as JSON beside the columns that are searched or ordered.
 */

export type Json = Record<string, unknown>;

export type ItemRow = {
  list_id: string;
  id: number;
  fields: string;
  version: number;
  guid: string;
  created: string;
  modified: string;
  author: string;
  editor: string;
  seq: number;
};

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users(id TEXT PRIMARY KEY, upn TEXT NOT NULL UNIQUE COLLATE NOCASE, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS groups(id TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sites(id TEXT PRIMARY KEY, hostname TEXT NOT NULL, path TEXT NOT NULL, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sp_roledefs(site_id TEXT NOT NULL, id INTEGER NOT NULL, name TEXT NOT NULL COLLATE NOCASE, json TEXT NOT NULL, PRIMARY KEY(site_id, id));
CREATE TABLE IF NOT EXISTS sp_principals(site_id TEXT NOT NULL, id INTEGER NOT NULL, kind TEXT NOT NULL, login TEXT NOT NULL COLLATE NOCASE, json TEXT NOT NULL, PRIMARY KEY(site_id, id));
CREATE TABLE IF NOT EXISTS sp_members(site_id TEXT NOT NULL, group_id INTEGER NOT NULL, member_id INTEGER NOT NULL, PRIMARY KEY(site_id, group_id, member_id));
CREATE TABLE IF NOT EXISTS sp_unique(site_id TEXT NOT NULL, scope TEXT NOT NULL, PRIMARY KEY(site_id, scope));
CREATE TABLE IF NOT EXISTS sp_assignments(site_id TEXT NOT NULL, scope TEXT NOT NULL, principal_id INTEGER NOT NULL, roledef_id INTEGER NOT NULL, PRIMARY KEY(site_id, scope, principal_id, roledef_id));
CREATE TABLE IF NOT EXISTS sp_list_settings(list_id TEXT PRIMARY KEY, read_security INTEGER NOT NULL, write_security INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS lists(id TEXT PRIMARY KEY, site_id TEXT NOT NULL, name TEXT NOT NULL COLLATE NOCASE, display_name TEXT NOT NULL COLLATE NOCASE, json TEXT NOT NULL, next_item_id INTEGER NOT NULL, seq INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS columns(list_id TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL COLLATE NOCASE, position INTEGER NOT NULL, json TEXT NOT NULL, PRIMARY KEY(list_id, name));
CREATE TABLE IF NOT EXISTS items(list_id TEXT NOT NULL, id INTEGER NOT NULL, fields TEXT NOT NULL, version INTEGER NOT NULL, guid TEXT NOT NULL, created TEXT NOT NULL, modified TEXT NOT NULL, author TEXT NOT NULL, editor TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY(list_id, id));
CREATE INDEX IF NOT EXISTS items_by_seq ON items(list_id, seq);
CREATE TABLE IF NOT EXISTS tombstones(list_id TEXT NOT NULL, id INTEGER NOT NULL, seq INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS tombstones_by_seq ON tombstones(list_id, seq);
CREATE TABLE IF NOT EXISTS teams(id TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS channels(team_id TEXT NOT NULL, id TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY(team_id, id));
CREATE TABLE IF NOT EXISTS chats(id TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS messages(container TEXT NOT NULL, id TEXT NOT NULL, json TEXT NOT NULL, created TEXT NOT NULL, PRIMARY KEY(container, id));
CREATE TABLE IF NOT EXISTS activities(seq INTEGER PRIMARY KEY AUTOINCREMENT, user_id TEXT NOT NULL, json TEXT NOT NULL, created TEXT NOT NULL);
`;

export class Store {
  readonly db: Database.Database;

  constructor(dataDir: string | ':memory:') {
    if (dataDir === ':memory:') {
      this.db = new Database(':memory:');
    } else {
      mkdirSync(dataDir, { recursive: true });
      this.db = new Database(join(dataDir, 'graph.sqlite'));
    }
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
  }

  close(): void {
    this.db.close();
  }

  tx<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  getMeta(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as
      { value: string } | undefined;
    return row?.value;
  }

  setMeta(key: string, value: string): void {
    this.db.prepare('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)').run(key, value);
  }

  /** Reads one JSON document by primary key from a table of (id, json) shape. */
  doc<T = Json>(
    table: 'users' | 'groups' | 'sites' | 'teams' | 'chats',
    id: string,
  ): T | undefined {
    const row = this.db.prepare(`SELECT json FROM ${table} WHERE id = ?`).get(id) as
      { json: string } | undefined;
    return row ? (JSON.parse(row.json) as T) : undefined;
  }

  docs<T = Json>(table: 'users' | 'groups' | 'sites' | 'teams' | 'chats'): T[] {
    const rows = this.db.prepare(`SELECT json FROM ${table} ORDER BY rowid`).all() as Array<{
      json: string;
    }>;
    return rows.map((r) => JSON.parse(r.json) as T);
  }
}
