import { describe, expect, it } from '@jest/globals';
import { safeInBatch } from './batch.js';
import { safeToRepeat } from './client.js';

const url = 'https://graph.microsoft.com/v1.0/sites/s/lists/l/items';

describe('what the SDK may send again after a 429, 503 or 504', () => {
  it('repeats reads, conditional updates and batches, never a create', () => {
    expect(safeToRepeat(url, { method: 'GET' })).toBe(true);
    expect(
      safeToRepeat(`${url}/1/fields`, { method: 'PATCH', headers: { 'if-match': '"a,1"' } }),
    ).toBe(true);
    expect(safeToRepeat(`${url}/1/fields`, { method: 'PATCH', headers: {} })).toBe(false);
    expect(safeToRepeat(url, { method: 'POST' })).toBe(false);
    expect(
      safeToRepeat('https://graph.microsoft.com/v1.0/chats/1/messages', { method: 'POST' }),
    ).toBe(false);
    expect(safeToRepeat('https://graph.microsoft.com/v1.0/$batch', { method: 'POST' })).toBe(true);
  });

  it('lets into a batch only what is safe to repeat', () => {
    expect(safeInBatch({ id: '1', method: 'GET', url })).toBe(true);
    expect(
      safeInBatch({ id: '1', method: 'PATCH', url, headers: { 'If-Match': '"a,1"' }, body: {} }),
    ).toBe(true);
    expect(safeInBatch({ id: '1', method: 'PATCH', url, body: {} })).toBe(false);
    expect(
      safeInBatch({
        id: '1',
        method: 'POST',
        url,
        body: { fields: { EventKey: 'k', Title: 'x' } },
      }),
    ).toBe(true);
    expect(safeInBatch({ id: '1', method: 'POST', url, body: { fields: { Title: 'x' } } })).toBe(
      false,
    );
    expect(
      safeInBatch({ id: '1', method: 'POST', url, body: { fields: { EventKey: '', Title: 'x' } } }),
    ).toBe(false);
  });
});
