import { describe, expect, it } from '@jest/globals';
import { ConfigError, parseConfig } from './config.js';

const local = {
  mode: 'emulator',
  graphBaseUrl: '',
  tenantId: 'f1c7104a-0000-4000-8000-00000000feed',
  siteRef: 'fictional-northshire.sharepoint.com:/sites/partnership',
  teamId: '7ea30000-0000-4000-8000-000000000001',
  channelId: '19:audit@thread.tacv2',
  tabUrl: 'http://localhost:53000',
  teamsAppId: '0c0a0d17-0000-4000-8000-00000000a0d1',
};

describe('parseConfig', () => {
  it('accepts a local configuration with the same-origin Graph base', () => {
    expect(parseConfig(local)).toMatchObject({ mode: 'emulator', graphBaseUrl: '' });
  });
  it('names every bad or missing value', () => {
    expect(() =>
      parseConfig({ ...local, mode: 'tenant', graphBaseUrl: 'http://insecure', teamId: 'x' }),
    ).toThrow(
      /teamId is not a GUID.*graphBaseUrl must be an https URL: 'http:\/\/insecure'.*clientId is missing/s,
    );
    expect(() => parseConfig(undefined)).toThrow(ConfigError);
    expect(() => parseConfig({ ...local, mode: 'other' })).toThrow(/mode must be/);
  });
});
