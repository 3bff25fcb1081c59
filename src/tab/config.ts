/**
 * The tab's configuration, fixed at build time (webpack puts the chosen environment's values in
 * __APP_CONFIG__). Read and validated once, by the composition root; a bad value stops the tab
 * with a message that names it.
 */
declare const __APP_CONFIG__: unknown;

type Common = {
  /** The partnership site: a site id or `hostname:/sites/path`. */
  readonly siteRef: string;
  readonly teamId: string;
  readonly channelId: string;
  /** Where the tab is served: deep links in local mode point here. */
  readonly tabUrl: string;
  readonly teamsAppId: string;
};

export type AppConfig =
  | (Common & {
      readonly mode: 'emulator';
      /** '' means the tab's own origin, which passes Graph calls to the emulator. */
      readonly graphBaseUrl: string;
      readonly tenantId: string;
    })
  | (Common & {
      readonly mode: 'tenant';
      readonly graphBaseUrl: string;
      readonly clientId: string;
      readonly tenantId: string;
    });

export class ConfigError extends Error {}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseConfig(raw: unknown): AppConfig {
  if (raw === null || typeof raw !== 'object')
    throw new ConfigError('The tab was built without a configuration.');
  const r = raw as Record<string, unknown>;
  const problems: string[] = [];
  const str = (key: string, check?: (v: string) => boolean, why = 'is not valid'): string => {
    const v = r[key];
    if (typeof v !== 'string' || v.trim() === '') {
      problems.push(`${key} is missing`);
      return '';
    }
    if (check && !check(v)) problems.push(`${key} ${why}: '${v}'`);
    return v.trim();
  };
  const mode = r['mode'];
  if (mode !== 'emulator' && mode !== 'tenant')
    throw new ConfigError(`mode must be 'emulator' or 'tenant', not '${String(mode)}'.`);
  const common: Common = {
    siteRef: str('siteRef'),
    teamId: str('teamId', (v) => GUID.test(v), 'is not a GUID'),
    channelId: str('channelId'),
    tabUrl: str('tabUrl', (v) => /^https?:\/\//.test(v), 'is not a URL'),
    teamsAppId: str('teamsAppId', (v) => GUID.test(v), 'is not a GUID'),
  };
  const tenantId = str('tenantId', (v) => GUID.test(v), 'is not a GUID');
  let config: AppConfig;
  if (mode === 'emulator') {
    const graphBaseUrl = typeof r['graphBaseUrl'] === 'string' ? r['graphBaseUrl'] : '';
    config = { ...common, mode, graphBaseUrl, tenantId };
  } else {
    const graphBaseUrl = str('graphBaseUrl', (v) => /^https:\/\//.test(v), 'must be an https URL');
    config = {
      ...common,
      mode,
      graphBaseUrl,
      tenantId,
      clientId: str('clientId', (v) => GUID.test(v), 'is not a GUID'),
    };
  }
  if (problems.length > 0)
    throw new ConfigError(`The tab's configuration is not valid: ${problems.join('; ')}.`);
  return config;
}

/** The one place the build-time configuration is read. */
export function readBuildConfig(): AppConfig {
  return parseConfig(typeof __APP_CONFIG__ === 'undefined' ? undefined : __APP_CONFIG__);
}
