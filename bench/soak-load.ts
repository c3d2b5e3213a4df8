// The soak's load generator (bench/soak.ts starts it): one autocannon client per connection, each
// signed in as one of the soak's officers, going round a mix of what an officer does all day: My
// cases, a child's record, a search, the cases through the API, and adding a parent to a child's
// record through the API (a write, with an Idempotency-Key of its own). Every write the service
// acknowledges (201) is written down by id, for the soak to find afterwards. Targets only this
// machine's loopback address, and stops by itself after the duration. Prints one JSON line.
import autocannon from 'autocannon';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

export interface SoakPlan {
  base: string;
  seconds: number;
  /** Where the acknowledged writes' ids go, one per line. */
  acknowledgedPath: string;
  /** The soak's mark on every parent it adds, so a stray write is found too. */
  surname: string;
  connections: { cookie: string; token: string; childIds: string[]; searches: string[] }[];
}

const { values } = parseArgs({ options: { plan: { type: 'string' } } });
const plan = JSON.parse(readFileSync(values.plan ?? '', 'utf8')) as SoakPlan;
if (new URL(plan.base).hostname !== '127.0.0.1' || !(plan.seconds > 0 && plan.seconds <= 3600)) {
  console.error('The soak only targets 127.0.0.1, for at most an hour.');
  process.exit(2);
}

type Kind = 'my-cases' | 'child-record' | 'search' | 'api-cases' | 'add-parent';
const acknowledged: string[] = [];
const latencies: number[] = [];
const byKind = new Map<Kind, { sent: number; ok: number; refused: Record<string, number> }>();
const count = (kind: Kind, status: number, ok: boolean) => {
  const entry = byKind.get(kind) ?? { sent: 0, ok: 0, refused: {} };
  entry.sent += 1;
  if (ok) entry.ok += 1;
  else entry.refused[String(status)] = (entry.refused[String(status)] ?? 0) + 1;
  byKind.set(kind, entry);
};
let writeNumber = 0;
/** Writes answered, either way: those sent but never answered were in flight when the run stopped. */
let writesAnswered = 0;

function connection(identity: SoakPlan['connections'][number], index: number): Promise<autocannon.Result> {
  let turn = 0;
  const next = <T>(list: T[]) => list[turn % list.length]!;
  const page = (kind: Kind, path: () => string): autocannon.Request => ({
    method: 'GET',
    setupRequest: (request) => ({ ...request, path: path(), headers: { cookie: identity.cookie } }),
    onResponse: (status) => count(kind, status, status === 200),
  });
  const requests: autocannon.Request[] = [
    page('my-cases', () => '/cases'),
    page('child-record', () => `/children/${next(identity.childIds)}`),
    page('search', () => `/search?q=${encodeURIComponent(next(identity.searches))}`),
    {
      method: 'GET',
      setupRequest: (request) => ({ ...request, path: '/api/v1/cases', headers: { authorization: `Bearer ${identity.token}` } }),
      onResponse: (status) => count('api-cases', status, status === 200),
    },
    page('child-record', () => `/children/${next(identity.childIds)}`),
    {
      method: 'POST',
      setupRequest: (request) => {
        writeNumber += 1;
        turn += 1;
        return {
          ...request,
          path: `/api/v1/children/${next(identity.childIds)}/people`,
          headers: { authorization: `Bearer ${identity.token}`, 'content-type': 'application/json', 'idempotency-key': `soak-${index}-${writeNumber}-${Date.now()}` },
          body: JSON.stringify({ forename: `Parent${writeNumber}`, surname: plan.surname, relationship: 'mother', parentalResponsibility: true }),
        };
      },
      onResponse: (status, body) => {
        const ok = status === 201;
        writesAnswered += 1;
        count('add-parent', status, ok);
        if (ok) acknowledged.push((JSON.parse(body) as { id: string }).id);
      },
    },
  ];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url: plan.base, connections: 1, duration: plan.seconds, timeout: 10, requests },
      (error: unknown, result) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(result)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}

// Connections start a little apart, as people do, rather than all in one instant.
const results = await Promise.all(
  plan.connections.map(async (identity, index) => {
    await new Promise((resolve) => setTimeout(resolve, (index * 1000) / plan.connections.length));
    return connection(identity, index);
  }),
);
writeFileSync(plan.acknowledgedPath, acknowledged.join('\n'));
latencies.sort((a, b) => a - b);
const percentile = (p: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)]! : 0);
const sum = (pick: (result: autocannon.Result) => number) => results.reduce((total, result) => total + pick(result), 0);
console.log(
  JSON.stringify({
    requests: latencies.length,
    seconds: Math.max(...results.map((result) => result.duration)),
    p50_ms: Number(percentile(50).toFixed(1)),
    p95_ms: Number(percentile(95).toFixed(1)),
    p99_ms: Number(percentile(99).toFixed(1)),
    refused: [...byKind.values()].reduce((total, entry) => total + entry.sent - entry.ok, 0),
    errors: sum((result) => result.errors),
    timeouts: sum((result) => result.timeouts),
    acknowledged: acknowledged.length,
    // Written to a connection when the duration ran out, their answers never read: the service
    // may have saved them, unacknowledged, as it may any request a client gives up on.
    writes_in_flight_at_stop: writeNumber - writesAnswered,
    by_kind: Object.fromEntries(byKind),
  }),
);
