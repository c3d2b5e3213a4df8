// A small HTTP load generator, run as its own process so it does not share the server's event
// loop. Closed loop (each connection sends its next request when the last answers) or open loop
// at a fixed rate. Every latency is kept, so percentiles are exact; every non-2xx is counted.
// Targets only loopback addresses, and stops by itself after the duration.
//
// It speaks HTTP/1.1 over raw keep-alive sockets rather than through node:http: the load
// generator shares the machine's two cores with the server and its database, and node:http's
// client cost about 0.7 ms of CPU a request (28% of a core at 400 req/s), taking that much from
// what is being measured. Responses are framed by Content-Length, chunked encoding, or the
// connection closing; one that takes longer than 10 s fails (as wrk's --timeout 10s does).
import net from 'node:net';
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
const connectionCount = Number(values.connections);
const durationMs = Number(values.seconds) * 1000;
const rate = values.rate ? Number(values.rate) : undefined;
const request = Buffer.from(
  `GET ${target.pathname}${target.search} HTTP/1.1\r\nHost: ${target.host}\r\n${values.cookie ? `Cookie: ${values.cookie}\r\n` : ''}\r\n`,
  'latin1',
);
const TIMEOUT_MS = 10_000;
const latencies: number[] = [];
let non2xx = 0;
/** Requests sent that failed: refused, reset, closed early or timed out. */
let errors = 0;
/** Requests the open loop could not send because every connection was busy. */
let dropped = 0;

/** One keep-alive connection and the response it is reading. */
class Connection {
  socket!: net.Socket;
  busy = false;
  sentAt = 0;
  private head: Buffer | null = null;
  private framing: 'length' | 'chunked' | 'close' = 'length';
  private remaining = 0;
  private status = 0;
  // Chunked bodies: reading a size line, the chunk's data (with its CRLF), or the trailers.
  private chunkPhase: 'size' | 'data' | 'trailer' = 'size';
  private line = '';
  private onDone: (() => void) | undefined;

  open(): Promise<void> {
    return new Promise((resolve) => {
      const socket = net.connect({ host: target.hostname.replace(/^\[|\]$/g, ''), port: Number(target.port || 80) });
      socket.setNoDelay(true);
      socket.once('connect', () => resolve());
      socket.on('data', (chunk: Buffer) => this.read(chunk));
      // A refused or dropped connection fails the request it carried; the next one reconnects.
      socket.on('error', () => undefined);
      socket.on('close', () => {
        if (this.busy) {
          if (this.framing === 'close' && this.head === null) this.finish();
          else this.fail();
        }
        resolve();
      });
      this.socket = socket;
    });
  }

  async send(onDone: () => void): Promise<void> {
    // The clock starts before any reconnection, so setting up a connection counts as latency.
    this.sentAt = performance.now();
    if (this.socket.destroyed) await this.open();
    if (this.socket.destroyed) {
      errors += 1;
      onDone();
      return;
    }
    this.busy = true;
    this.onDone = onDone;
    this.head = Buffer.alloc(0);
    this.socket.write(request);
  }

  /** Fails a response that has taken too long, closing its connection. */
  expire(now: number): void {
    if (this.busy && now - this.sentAt > TIMEOUT_MS) {
      this.fail();
      this.socket.destroy();
    }
  }

  private read(chunk: Buffer): void {
    if (!this.busy) return;
    let body = chunk;
    if (this.head !== null) {
      const buffer = this.head.length ? Buffer.concat([this.head, chunk]) : chunk;
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) {
        this.head = buffer;
        return;
      }
      const head = buffer.toString('latin1', 0, end);
      this.status = Number(head.slice(9, 12));
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
      this.framing = length ? 'length' : /\r\ntransfer-encoding:\s*chunked/i.test(head) ? 'chunked' : 'close';
      this.remaining = length ? Number(length[1]) : 0;
      this.chunkPhase = 'size';
      this.line = '';
      this.head = null;
      body = buffer.subarray(end + 4);
    }
    if (this.framing === 'close') return; // ends when the server closes the connection
    if (this.framing === 'chunked') {
      this.readChunked(body);
      return;
    }
    this.remaining -= body.length;
    if (this.remaining <= 0) this.finish();
  }

  private readChunked(body: Buffer): void {
    let at = 0;
    while (at < body.length && this.busy) {
      if (this.chunkPhase === 'data') {
        const take = Math.min(this.remaining, body.length - at);
        this.remaining -= take;
        at += take;
        if (this.remaining === 0) this.chunkPhase = 'size';
        continue;
      }
      // A line: a chunk's size (then its data and CRLF), or a trailer (the last is empty).
      const newline = body.indexOf(10, at);
      if (newline < 0) {
        this.line += body.toString('latin1', at);
        return;
      }
      const line = (this.line + body.toString('latin1', at, newline)).replace(/\r$/, '');
      this.line = '';
      at = newline + 1;
      if (this.chunkPhase === 'trailer') {
        if (line === '') this.finish();
      } else if (line !== '') {
        // The CRLF after a chunk's data arrives as an empty line and is skipped.
        const size = Number.parseInt(line.split(';')[0]!, 16);
        if (size === 0) this.chunkPhase = 'trailer';
        else {
          this.chunkPhase = 'data';
          this.remaining = size;
        }
      }
    }
  }

  private finish(): void {
    latencies.push(performance.now() - this.sentAt);
    if (this.status < 200 || this.status >= 300) non2xx += 1;
    this.done();
  }

  private fail(): void {
    errors += 1;
    this.done();
  }

  private done(): void {
    this.busy = false;
    const onDone = this.onDone;
    this.onDone = undefined;
    onDone?.();
  }

  close(): void {
    this.socket.destroy();
  }
}

const pool = Array.from({ length: connectionCount }, () => new Connection());
await Promise.all(pool.map((connection) => connection.open()));
const started = performance.now();
const deadline = started + durationMs;
const watchdog = setInterval(() => {
  const now = performance.now();
  for (const connection of pool) connection.expire(now);
}, 500);

async function closedLoop(): Promise<void> {
  await Promise.all(
    pool.map(
      (connection) =>
        new Promise<void>((resolve) => {
          const next = () => (performance.now() < deadline ? void connection.send(next) : resolve());
          next();
        }),
    ),
  );
}

async function openLoop(perSecond: number): Promise<void> {
  const interval = 1000 / perSecond;
  const idle = [...pool];
  let outstanding = 0;
  let allAnswered: (() => void) | undefined;
  const answered = (connection: Connection) => () => {
    idle.push(connection);
    outstanding -= 1;
    if (outstanding === 0) allAnswered?.();
  };
  let next = performance.now();
  while (next < deadline) {
    const wait = next - performance.now();
    // Behind schedule, still let the answers that have arrived be read before choosing a connection.
    await new Promise((resolve) => (wait > 0 ? setTimeout(resolve, wait) : setImmediate(resolve)));
    // Offered load beyond the connections is dropped and counted, rather than queued without bound.
    const connection = idle.pop();
    if (connection) {
      outstanding += 1;
      void connection.send(answered(connection));
    } else dropped += 1;
    next += interval;
  }
  if (outstanding > 0) await new Promise<void>((resolve) => (allAnswered = resolve));
}

await (rate ? openLoop(rate) : closedLoop());
const seconds = (performance.now() - started) / 1000;
clearInterval(watchdog);
for (const connection of pool) connection.close();
latencies.sort((a, b) => a - b);
const percentile = (p: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)]! : 0);
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
    dropped,
  }),
);
