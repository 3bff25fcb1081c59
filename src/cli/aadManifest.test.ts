import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { BROAD_SCOPES_AND_WHY, GRAPH_SCOPES } from '../graph/scopes.js';

describe('the Entra app registration (aad.manifest.json)', () => {
  it('asks for exactly the delegated scopes the tab requests, no Sites.*.All, and only the .All reads it must explain', () => {
    const manifest = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../aad.manifest.json'), 'utf8'),
    );
    const graph = manifest.requiredResourceAccess.find(
      (r: { resourceAppId: string }) => r.resourceAppId === 'Microsoft Graph',
    );
    const scopes = graph.resourceAccess.map(
      (a: { id: string; type: string }) => (expect(a.type).toBe('Scope'), a.id),
    );
    expect(scopes).toEqual([...GRAPH_SCOPES]);
    expect(scopes.filter((s: string) => s.startsWith('Sites.') && s !== 'Sites.Selected')).toEqual(
      [],
    );
    expect(scopes.filter((s: string) => s.endsWith('.All'))).toEqual(
      Object.keys(BROAD_SCOPES_AND_WHY),
    );
  });
});
