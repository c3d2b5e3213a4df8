// The load generator for bench/run.ts where wrk is not installed: autocannon, run as a process of
// its own so that it does not share the server's event loop. A closed loop (each connection sends
// its next request when the last answers), or an open loop at a fixed overall rate. Every latency
// is kept from autocannon's response events, so percentiles are exact; every response outside 2xx
// is counted; a response that takes longer than 10 s fails, as wrk's --timeout 10s does. Targets
// only this machine's loopback addresses, and stops by itself after the duration. Prints one JSON
// line of figures.
//
// The open loop: autocannon's rate lets a connection send its share of the rate at the start of
// each second, one request after another, and then wait for the next second. Started together,
// 50 connections would all send at once, every second: a burst of 50 that put the median of
// /bench/bare at 1,000 req/s at 7 ms, where requests spread over the second took 0.3 to 0.9 ms.
// So each connection is an autocannon run of its own, started 1/50 s after the one before, and
// the connections' seconds take turns.
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    connections: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '10' },
    rate: { type: 'string' },
    cookie: { type: 'string' },
    // Writes: a JSON file {method, headers, okStatus, items: [{path, body}]}; each request takes the
    // next item (a decision on the next case), so no request repeats another's work.
    requests: { type: 'string' },
  },
});
interface WriteScript {
  method: string;
  headers: Record<string, string>;
  okStatus: number[];
  items: { path: string; body: string }[];
}
const script: WriteScript | undefined = values.requests ? (JSON.parse(readFileSync(values.requests, 'utf8')) as WriteScript) : undefined;
let nextItem = 0;
/** Responses outside the script's expected statuses (a write answers 303 on success). */
let unexpected = 0;
const target = new URL(values.url ?? '');
if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) {
  console.error('The load generator only targets this machine (127.0.0.1, localhost).');
  process.exit(2);
}
const connections = Number(values.connections);
const seconds = Number(values.seconds);
const rate = values.rate === undefined ? undefined : Math.round(Number(values.rate));
if (!(connections >= 1 && seconds > 0 && (rate === undefined || rate >= 1))) {
  console.error('--connections and --rate are whole numbers from 1, --seconds more than 0.');
  process.exit(2);
}

const latencies: number[] = [];
/** Requests written to a connection, counted from each client's own events. */
let sent = 0;

function run(options: Partial<autocannon.Options>): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.href,
        duration: seconds,
        timeout: 10,
        headers: { ...(values.cookie ? { cookie: values.cookie } : {}), ...(script?.headers ?? {}) },
        ...(script
          ? {
              requests: [
                {
                  method: script.method as autocannon.Request['method'],
                  setupRequest: (request: autocannon.Request) => {
                    const item = script.items[nextItem % script.items.length]!;
                    nextItem += 1;
                    return { ...request, path: item.path, body: item.body };
                  },
                },
              ],
            }
          : {}),
        setupClient: (client) => {
          (client as unknown as NodeJS.EventEmitter).on('request', () => (sent += 1));
        },
        ...options,
      },
      (error: unknown, figures) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(figures)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      if (script && !script.okStatus.includes(statusCode)) unexpected += 1;
    });
  });
}

let results: autocannon.Result[];
if (rate === undefined) results = [await run({ connections })];
else {
  // Each connection's share of the rate, a whole number a second (no more connections than requests).
  const count = Math.min(connections, rate);
  const shares = Array.from({ length: count }, (_, index) => Math.floor(rate / count) + (index < rate % count ? 1 : 0));
  results = await Promise.all(
    shares.map(async (share, index) => {
      await new Promise((resolve) => setTimeout(resolve, (index * 1000) / count));
      return run({
        connections: 1,
        connectionRate: share,
        // Each connection offers its share for whole seconds only: it stops before a new second
        // would begin (autocannon stops at the first sample after the duration, so samples are
        // taken every 100 ms rather than every second; every 10 ms cost a tenth of a core more),
        // and never sends more than its share.
        duration: seconds - 0.15,
        sampleInt: 100,
        maxConnectionRequests: Math.ceil(share * seconds),
        // Latencies are taken from the response events, as measured: autocannon's correction for
        // coordinated omission would add made-up samples to its own histogram.
        ignoreCoordinatedOmission: true,
      });
    }),
  );
}

const sum = (pick: (result: autocannon.Result) => number) => results.reduce((total, result) => total + pick(result), 0);
// Connections run side by side over (nearly) the same span: the longest is the run's.
const duration = Math.max(...results.map((result) => result.duration));
latencies.sort((a, b) => a - b);
const percentile = (p: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)]! : 0);
console.log(
  JSON.stringify({
    requests: latencies.length,
    seconds: duration,
    rps: Number((latencies.length / (rate === undefined ? duration : seconds)).toFixed(1)),
    p50_ms: Number(percentile(50).toFixed(2)),
    p95_ms: Number(percentile(95).toFixed(2)),
    p99_ms: Number(percentile(99).toFixed(2)),
    // For a write script, the responses other than its expected status (303 after a form).
    non2xx: script ? unexpected : sum((result) => result.non2xx),
    ...(script ? { items_used: nextItem, items: script.items.length } : {}),
    // Refused, reset or closed connections and timed-out requests; timeouts also on their own.
    errors: sum((result) => result.errors),
    timeouts: sum((result) => result.timeouts),
    // Open loop: requests offered but never sent, their connection still busy with its share
    // when that second ended.
    ...(rate === undefined ? {} : { dropped: Math.max(0, Math.round(rate * seconds) - sent) }),
  }),
);
