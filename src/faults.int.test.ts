// Faults: the database going away while the service runs, and coming back.
//
// On PostgreSQL the app's connections pass through a proxy the test can cut, as a server stopping
// or the network failing cuts them: open connections reset, new ones refused at once. The cut is
// made from the app's own query log, at the statement chosen, so it falls inside the request and
// inside its transaction every time. On PGlite, which runs in this process, the same log refuses
// the statements while the database is "down", as a connection lost would.
import { sql } from 'drizzle-orm';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { createServices } from './composition.ts';
import { testConfig } from './config.ts';
import { openDatabase, queryRows, type DatabaseHandle } from './db/database.ts';
import { fixedClock } from './lib/clock.ts';
import { uuidv7 } from './lib/uuid.ts';
import { enqueueJob, JobRunner, type JobHandler } from './features/jobs/index.ts';
import { asServiceRole, createTestDatabase, testEngine } from './test/database.ts';
import { aChild, anApiToken, anOfficer } from './test/factories/index.ts';
import { getPage, signIn, useClockFor, type CookieJar } from './test/http.ts';
import { tenancyGuard } from './test/tenancy-guard.ts';
import type { FastifyInstance } from 'fastify';

/** A TCP proxy to PostgreSQL that can be cut (every connection reset, new ones refused) and mended. */
class CuttableProxy {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private cut = false;

  constructor(target: { host: string; port: number }) {
    this.server = createServer((client) => {
      if (this.cut) {
        client.destroy();
        return;
      }
      const upstream = connect(target.port, target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as { port: number }).port;
  }

  down(): void {
    this.cut = true;
    for (const socket of this.sockets) socket.destroy();
  }

  up(): void {
    this.cut = false;
  }

  async close(): Promise<void> {
    this.down();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

const TRANSACTION_CONTROL = /^\s*(begin|commit|rollback|savepoint|release)\b/i;

/** The database as the app sees it, with a switch: down (now, or at the next statement matching a pattern) and up. */
interface Outage {
  app: DatabaseHandle;
  down(): void;
  downAt(statement: RegExp): void;
  up(): void;
  close(): Promise<void>;
}

async function withOutages(setup: (DatabaseHandle & { ownerUrl?: string }) | undefined): Promise<Outage> {
  let downAt: RegExp | undefined;
  let isDown = false;
  if (testEngine === 'postgres') {
    const owner = new URL(setup!.ownerUrl!);
    const proxy = new CuttableProxy({ host: owner.hostname, port: Number(owner.port || 5432) });
    const port = await proxy.listen();
    const through = new URL(asServiceRole(setup!.ownerUrl!));
    through.hostname = '127.0.0.1';
    through.port = String(port);
    const app = await openDatabase({
      databaseUrl: through.toString(),
      dataDir: 'unused',
      migrate: false,
      maxConnections: 4,
      logger: {
        logQuery(query, params) {
          tenancyGuard.logQuery(query, params);
          if (downAt?.test(query)) {
            downAt = undefined;
            proxy.down();
          }
        },
      },
    });
    return {
      app,
      down: () => proxy.down(),
      downAt: (statement) => (downAt = statement),
      up: () => proxy.up(),
      async close() {
        await app.close();
        await proxy.close();
      },
    };
  }
  // PGlite: the app's handle is the setup's, its statements refused while "down".
  const handle = await createTestDatabase({
    onQuery(query) {
      if (downAt?.test(query)) {
        downAt = undefined;
        isDown = true;
      }
      if (isDown && !TRANSACTION_CONTROL.test(query)) throw Object.assign(new Error('connect ECONNREFUSED (the database is down)'), { code: 'ECONNREFUSED' });
    },
  });
  return {
    app: handle,
    down: () => (isDown = true),
    downAt: (statement) => (downAt = statement),
    up: () => (isDown = false),
    close: () => handle.close(),
  };
}

const clock = fixedClock('2026-11-23T10:00:00Z');
let setup: DatabaseHandle & { ownerUrl?: string };
let outage: Outage;
let app: FastifyInstance;
let token: string;
let jar: CookieJar;
/** A child's record: a page that reads the database every time it is shown. */
let recordUrl = '/search';

beforeAll(async () => {
  // On PostgreSQL the setup's own handle (direct) counts what is there; the app's goes through the proxy.
  if (testEngine === 'postgres') setup = await createTestDatabase();
  outage = await withOutages(setup);
  if (testEngine === 'pglite') setup = outage.app;
  const config = testConfig();
  const services = createServices({ config, database: outage.app, clock });
  await services.reference.ensureReferenceData();
  const authorityId = (await services.reference.findAuthorityByLaCode('999'))!.id;
  const testApp = { services, authorityId, clock };
  const officer = await anOfficer(testApp);
  token = await anApiToken(testApp, officer);
  app = await buildApp({ config, database: outage.app, clock, services });
  await app.ready();
  // The second factor's codes are made for the app's own (fixed) clock.
  useClockFor(app, clock);
  jar = await signIn(app, officer.user.email, officer.password);
}, 120_000);

afterAll(async () => {
  await app?.close();
  await outage?.close();
  if (setup !== outage?.app) await setup?.close();
});

const newRequest = (key: string, child: ReturnType<typeof aChild>) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/requests',
    headers: { authorization: `Bearer ${token}`, 'idempotency-key': key, 'content-type': 'application/json' },
    payload: JSON.stringify({ receivedOn: '2026-11-20', source: 1, child }),
  });

/** What a write left of a child, counted on the setup's own connection. */
async function rowsOf(surname: string): Promise<{ children: number; cases: number; events: number }> {
  const [row] = await queryRows<{ children: number; cases: number; events: number }>(
    setup.db,
    sql`/* cross-authority: counting what a write left */ SELECT
      (SELECT count(*)::int FROM child WHERE surname = ${surname}) AS children,
      (SELECT count(*)::int FROM ehc_case c JOIN child ch ON ch.id = c.child_id WHERE ch.surname = ${surname}) AS cases,
      (SELECT count(*)::int FROM case_event e JOIN ehc_case c ON c.id = e.case_id JOIN child ch ON ch.id = c.child_id WHERE ch.surname = ${surname}) AS events`,
  );
  return row!;
}

describe(`the database going away mid-request on ${testEngine}`, () => {
  it('answers 503 with a GOV.UK page and Retry-After, keeps what was saved, leaves nothing half-saved, and recovers without a restart; a retried key makes one case', async () => {
    const kept = aChild();
    const saved = await newRequest(`before-${uuidv7()}`, kept);
    expect(saved.statusCode).toBe(201);
    recordUrl = `/children/${saved.json().childId}`;

    // The database goes in the middle of the next write: after its child is inserted, at its case's first event.
    const lost = aChild();
    const key = `during-${uuidv7()}`;
    outage.downAt(/insert into "case_event"/i);
    const refused = await newRequest(key, lost);
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('30');
    expect(refused.json()).toMatchObject({ status: 503, detail: expect.stringContaining('Nothing was saved') });

    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({ ready: false, database: 'unavailable' });
    const page = await getPage(app, jar, recordUrl);
    expect(page.statusCode).toBe(503);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['retry-after']).toBe('30');
    expect(page.body).toContain('<h1 class="govuk-heading-xl">Sorry, there is a problem with the service</h1>');
    expect(page.body).toContain('The service cannot reach its database just now. Nothing was saved: try again in a minute.');
    expect(page.body).not.toMatch(/ECONNREFUSED|Connection terminated|\bat \S+ \(|\.ts:\d+/);

    // Back: the same process answers, its pool opening new connections.
    outage.up();
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    expect((await getPage(app, jar, recordUrl)).statusCode).toBe(200);
    expect(await rowsOf(kept.surname)).toEqual({ children: 1, cases: 1, events: expect.any(Number) });
    expect((await rowsOf(kept.surname)).events).toBeGreaterThan(0);
    expect(await rowsOf(lost.surname)).toEqual({ children: 0, cases: 0, events: 0 });

    const retried = await newRequest(key, lost);
    expect(retried.statusCode).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    const again = await newRequest(key, lost);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().caseId).toBe(retried.json().caseId);
    expect((await rowsOf(lost.surname)).cases).toBe(1);
  }, 60_000);

  it('answers 503 on every page while it stays down, not 500, and the first request after it is back succeeds', async () => {
    outage.down();
    try {
      for (const url of [recordUrl, `${recordUrl}/edit`, '/readyz']) {
        const response = await getPage(app, jar, url);
        expect(response.statusCode, url).toBe(503);
      }
    } finally {
      outage.up();
    }
    expect((await getPage(app, jar, recordUrl)).statusCode).toBe(200);
  }, 30_000);
});

// Two instances of the service on one PostgreSQL database, each with its own pool, as two
// processes behind a load balancer run. (PGlite is one process's database: there is no second.)
describe.runIf(testEngine === 'postgres')('two instances of the service on one PostgreSQL database', () => {
  it('accept each other’s sessions, and run each queued job exactly once between their two runners', async () => {
    const instances = await Promise.all(
      [0, 1].map(async () => {
        const database = await openDatabase({ databaseUrl: asServiceRole(setup.ownerUrl!), dataDir: 'unused', migrate: false, maxConnections: 3, logger: tenancyGuard });
        const config = testConfig();
        const services = createServices({ config, database, clock });
        const instance = await buildApp({ config, database, clock, services });
        await instance.ready();
        useClockFor(instance, clock);
        return { database, services, app: instance };
      }),
    );
    const [a, b] = instances as [(typeof instances)[0], (typeof instances)[0]];
    try {
      const authorityId = (await a.services.reference.findAuthorityByLaCode('999'))!.id;
      const officer = await anOfficer({ services: a.services, authorityId });
      const onA = await signIn(a.app, officer.user.email, officer.password);
      // The session made by A, shown by B: the same person, signed in.
      const record = await getPage(b.app, onA, recordUrl);
      expect(record.statusCode).toBe(200);
      // Without it, B sends the browser to sign in.
      expect((await b.app.inject({ method: 'GET', url: recordUrl })).statusCode).toBe(303);

      const kind = 'test.two-instances';
      const total = 40;
      await a.database.db.transaction(async (tx) => {
        for (let index = 0; index < total; index += 1) await enqueueJob(tx, clock, { authorityId, kind, payload: { index } });
      });
      const runs = new Map<number, string[]>();
      const handler = (name: string): JobHandler => async (claimed) => {
        const index = claimed.payload['index'] as number;
        runs.set(index, [...(runs.get(index) ?? []), name]);
        await new Promise((resolve) => setTimeout(resolve, 5));
      };
      const runners = [new JobRunner(a.database.db, clock, { [kind]: handler('a') }, { name: 'instance-a', pollIntervalMs: 20 }), new JobRunner(b.database.db, clock, { [kind]: handler('b') }, { name: 'instance-b', pollIntervalMs: 20 })];
      for (const runner of runners) runner.start();
      const until = Date.now() + 20_000;
      const done = async () =>
        (await queryRows<{ n: number }>(setup.db, sql`SELECT count(*)::int AS n FROM job WHERE authority_id = ${authorityId} AND kind = ${kind} AND status = 'done'`))[0]!.n;
      while ((await done()) < total && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
      await Promise.all(runners.map((runner) => runner.stop()));
      expect(await done()).toBe(total);
      expect(runs.size).toBe(total);
      expect([...runs.values()].filter((names) => names.length !== 1)).toEqual([]);
      const attempts = await queryRows<{ attempts: number; n: number }>(setup.db, sql`SELECT attempts, count(*)::int AS n FROM job WHERE authority_id = ${authorityId} AND kind = ${kind} GROUP BY 1`);
      expect(attempts).toEqual([{ attempts: 1, n: total }]);
      expect(new Set([...runs.values()].flat())).toEqual(new Set(['a', 'b']));
    } finally {
      for (const instance of instances) {
        await instance.app.close();
        await instance.database.close();
      }
    }
  }, 60_000);
});
