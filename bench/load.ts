// A small HTTP load generator, run as its own process so it does not share the server's event
// loop. Closed loop (each connection sends its next request when the last answers) or open loop
// at a fixed rate. Every latency is kept, so percentiles are exact; every non-2xx is counted.
// Targets only loopback addresses, and stops by itself after the duration.
import http from 'node:http';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    connections: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '10' },
    rate: { type: 'string' },
    cookie: { type: 'string' },
  },
});
const target = new URL(values.url ?? '');
if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) {
  console.error('The load generator only targets this machine (127.0.0.1, localhost).');
  process.exit(2);
}
const connections = Number(values.connections);
const durationMs = Number(values.seconds) * 1000;
const rate = values.rate ? Number(values.rate) : undefined;
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const latencies: number[] = [];
let non2xx = 0;
let errors = 0;
let inFlight = 0;
const started = performance.now();
const deadline = started + durationMs;

function once(): Promise<void> {
  return new Promise((resolve) => {
    const sent = performance.now();
    inFlight += 1;
    const request = http.get(target, { agent, headers: values.cookie ? { cookie: values.cookie } : {} }, (response) => {
      response.resume();
      response.on('end', () => {
        inFlight -= 1;
        latencies.push(performance.now() - sent);
        if (!response.statusCode || response.statusCode < 200 || response.statusCode >= 300) non2xx += 1;
        resolve();
      });
    });
    request.on('error', () => {
      inFlight -= 1;
      errors += 1;
      resolve();
    });
  });
}

async function closedLoop(): Promise<void> {
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) await once();
    }),
  );
}

async function openLoop(perSecond: number): Promise<void> {
  const interval = 1000 / perSecond;
  const pending: Promise<void>[] = [];
  let next = performance.now();
  while (next < deadline) {
    const wait = next - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    // Offered load beyond the connections is dropped and counted, rather than queued without bound.
    if (inFlight < connections) pending.push(once());
    else errors += 1;
    next += interval;
  }
  await Promise.all(pending);
}

await (rate ? openLoop(rate) : closedLoop());
const seconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const percentile = (p: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)]! : 0);
agent.destroy();
console.log(
  JSON.stringify({
    requests: latencies.length,
    seconds: Number(seconds.toFixed(2)),
    rps: Number((latencies.length / seconds).toFixed(1)),
    p50_ms: Number(percentile(50).toFixed(2)),
    p95_ms: Number(percentile(95).toFixed(2)),
    p99_ms: Number(percentile(99).toFixed(2)),
    non2xx,
    errors,
  }),
);
