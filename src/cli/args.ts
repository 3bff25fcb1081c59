import { parseArgs } from 'node:util';

/** The options every command that talks to Graph takes: where, and with which token. */
export type GraphTarget = {
  readonly graphUrl: string;
  readonly token: string;
  readonly site: string;
};

export function readGraphTarget(
  argv: string[],
  env: NodeJS.ProcessEnv,
  extra: Record<string, { type: 'string' | 'boolean' }> = {},
) {
  const { values } = parseArgs({
    args: argv,
    options: {
      site: { type: 'string' },
      'graph-url': { type: 'string' },
      token: { type: 'string' },
      ...extra,
    },
    allowPositionals: false,
  });
  const site = (values['site'] as string | undefined) ?? env['SHAREPOINT_SITE'];
  const graphUrl =
    (values['graph-url'] as string | undefined) ??
    env['GRAPH_URL'] ??
    'https://graph.microsoft.com';
  const token = (values['token'] as string | undefined) ?? env['GRAPH_TOKEN'];
  const missing = [
    !site && '--site (or SHAREPOINT_SITE)',
    !token && '--token (or GRAPH_TOKEN)',
  ].filter(Boolean);
  if (missing.length > 0) throw new Error(`Missing ${missing.join(' and ')}.`);
  if (!/^https?:\/\//.test(graphUrl))
    throw new Error(`--graph-url must be an http(s) URL, not '${graphUrl}'.`);
  return {
    target: { graphUrl, token: token as string, site: site as string } satisfies GraphTarget,
    values,
  };
}
