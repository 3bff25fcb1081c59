import { parseArgs } from 'node:util';
import { startEmulator } from './server.js';

/**
 * `npm run emulator -- [--port 53100] [--data-dir .data/graph] [--host 127.0.0.1]
 *   [--fault-rate 0.3] [--fault-statuses 429,503,504] [--retry-after 1] [--latency 50]
 *   [--lost-rate 0.1] [--rate-limits] [--activity-types a,b]`
 * Each flag may also come from the environment: GRAPH_EMULATOR_PORT, GRAPH_EMULATOR_DATA_DIR, ...
 */
const HELP = `Graph emulator: a local stand-in for the Microsoft Graph endpoints this product uses.

Options (environment variable in brackets):
  --port N              port to listen on, 0 for any free one (GRAPH_EMULATOR_PORT; default 53100)
  --host ADDR           loopback address to bind (GRAPH_EMULATOR_HOST; default 127.0.0.1)
  --data-dir DIR        where the SQLite file lives (GRAPH_EMULATOR_DATA_DIR; default .data/graph)
  --fault-rate R        share 0..1 of requests answered 429/503/504 (GRAPH_EMULATOR_FAULT_RATE; 0)
  --fault-statuses L    which statuses, e.g. 429,503 (GRAPH_EMULATOR_FAULT_STATUSES; 429,503,504)
  --retry-after S       Retry-After seconds on injected faults (GRAPH_EMULATOR_RETRY_AFTER; 1)
  --latency MS          added to every answer (GRAPH_EMULATOR_LATENCY; 0)
  --lost-rate R         share 0..1 of writes applied but answered 504 (GRAPH_EMULATOR_LOST_RATE; 0)
  --batch-lost-rate R   share 0..1 of $batch requests run but answered 504 (GRAPH_EMULATOR_BATCH_LOST_RATE; 0)
  --batch-item-lost-rate R  share 0..1 of writes in a batch done but answered 504 in it
                        (GRAPH_EMULATOR_BATCH_ITEM_LOST_RATE; 0)
  --rate-limits         enforce Teams' message rate limits (GRAPH_EMULATOR_RATE_LIMITS=1)
  --activity-types L    activity types the app declares; others are refused (GRAPH_EMULATOR_ACTIVITY_TYPES)
  --help                this text

Faults can also be changed while it runs: PUT/PATCH /_emulator/api/faults with JSON.`;

function main(): void {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'fault-rate': { type: 'string' },
      'fault-statuses': { type: 'string' },
      'retry-after': { type: 'string' },
      latency: { type: 'string' },
      'lost-rate': { type: 'string' },
      'batch-lost-rate': { type: 'string' },
      'batch-item-lost-rate': { type: 'string' },
      'rate-limits': { type: 'boolean' },
      'activity-types': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const env = process.env;
  const pick = (flag: string | undefined, name: string): string | undefined =>
    flag ?? env[`GRAPH_EMULATOR_${name}`];
  const num = (raw: string | undefined, what: string): number | undefined => {
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isFinite(n)) throw new Error(`${what} must be a number, not '${raw}'`);
    return n;
  };
  const faults: Record<string, unknown> = {};
  const rate = num(pick(values['fault-rate'], 'FAULT_RATE'), '--fault-rate');
  if (rate !== undefined) faults['rate'] = rate;
  const statuses = pick(values['fault-statuses'], 'FAULT_STATUSES');
  if (statuses !== undefined) faults['statuses'] = statuses.split(',').map((s) => Number(s.trim()));
  const retry = num(pick(values['retry-after'], 'RETRY_AFTER'), '--retry-after');
  if (retry !== undefined) faults['retryAfterSeconds'] = retry;
  const latency = num(pick(values.latency, 'LATENCY'), '--latency');
  if (latency !== undefined) faults['latencyMs'] = latency;
  const lost = num(pick(values['lost-rate'], 'LOST_RATE'), '--lost-rate');
  if (lost !== undefined) faults['lostRate'] = lost;
  const batchLost = num(pick(values['batch-lost-rate'], 'BATCH_LOST_RATE'), '--batch-lost-rate');
  if (batchLost !== undefined) faults['batchLostRate'] = batchLost;
  const itemLost = num(
    pick(values['batch-item-lost-rate'], 'BATCH_ITEM_LOST_RATE'),
    '--batch-item-lost-rate',
  );
  if (itemLost !== undefined) faults['batchItemLostRate'] = itemLost;
  if (values['rate-limits'] || env['GRAPH_EMULATOR_RATE_LIMITS'] === '1')
    faults['rateLimits'] = true;
  const port = num(pick(values.port, 'PORT'), '--port') ?? 53100;
  const types = pick(values['activity-types'], 'ACTIVITY_TYPES');
  startEmulator({
    port,
    host: pick(values.host, 'HOST') ?? '127.0.0.1',
    dataDir: pick(values['data-dir'], 'DATA_DIR') ?? '.data/graph',
    faults,
    activityTypes: types
      ? types
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
  }).then(
    (emulator) => {
      console.log(`Graph emulator listening on ${emulator.graphUrl}`);
      console.log(`Notifications page: ${emulator.url}/_emulator/`);
      const stop = () => void emulator.close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (e: unknown) => {
      console.error(`The emulator could not start: ${(e as Error).message}`);
      process.exit(1);
    },
  );
}

try {
  main();
} catch (e) {
  console.error((e as Error).message);
  process.exit(2);
}
