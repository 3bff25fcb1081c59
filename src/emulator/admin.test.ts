import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from '@jest/globals';
import { adminRefusal } from './admin.js';

const request = (remoteAddress: string, headers: Record<string, string> = {}) =>
  ({ socket: { remoteAddress }, headers }) as unknown as IncomingMessage;
const ORIGIN = 'http://127.0.0.1:53100';

describe('who may use the admin API', () => {
  it('serves loopback requests without an origin, or from the emulator’s own page', () => {
    expect(adminRefusal(request('127.0.0.1'), ORIGIN)).toBeUndefined();
    expect(adminRefusal(request('::1'), ORIGIN)).toBeUndefined();
    expect(adminRefusal(request('::ffff:127.0.0.1', { origin: ORIGIN }), ORIGIN)).toBeUndefined();
  });

  it('refuses another machine, and a page of another origin', () => {
    expect(adminRefusal(request('192.168.1.20'), ORIGIN)).toMatch(/only on loopback/);
    expect(adminRefusal(request('127.0.0.1', { origin: 'https://evil.example' }), ORIGIN)).toMatch(
      /refuses cross-origin requests \(from https:\/\/evil\.example\)/,
    );
    expect(adminRefusal(request('127.0.0.1', { 'sec-fetch-site': 'cross-site' }), ORIGIN)).toMatch(
      /refuses cross-origin/,
    );
  });
});
