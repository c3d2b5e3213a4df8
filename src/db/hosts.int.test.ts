// A DATABASE_URL naming several servers, against a real PostgreSQL (a primary): the pool passes
// over a host that refuses and one of the wrong kind. The failover itself, a standby promoted
// while the service runs, is `npm run drill` (docs/operations.md).
import { createServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, openDatabase, type DatabaseHandle } from './database.ts';
import { connectHostList } from './hosts.ts';
import { asHostList, testEngine } from '../test/database.ts';

const opened: DatabaseHandle[] = [];
afterEach(async () => {
  for (const handle of opened.splice(0)) await handle.close();
});

/** The test server's URL as a host list, another host (by default one that refuses) named first. */
const withDeadHostFirst = (target: string, first?: string) => asHostList(process.env.TEST_DATABASE_URL!, target, first);

async function open(databaseUrl: string): Promise<DatabaseHandle> {
  const handle = await openDatabase({ databaseUrl, dataDir: 'unused', migrate: false, warn: () => undefined, maxConnections: 3 });
  opened.push(handle);
  return handle;
}

describe.runIf(testEngine === 'postgres')('a DATABASE_URL naming several servers', () => {
  it('reaches the primary past a host that refuses, for read-write, and keeps to it for every new connection', async () => {
    const handle = await open(withDeadHostFirst('read-write'));
    // Three connections at once: each is new, and each must find the primary.
    await Promise.all([handle.ping(), handle.ping(), handle.ping()]);
  });

  it('refuses, naming why, when no server is a standby and a standby is asked for', async () => {
    const failure = await open(withDeadHostFirst('standby')).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DatabaseUnavailableError);
    expect((failure as Error).message).toMatch(/Cannot connect to PostgreSQL at 127\.0\.0\.1:1, .* \(WRONG_SERVER\)/);
  });

  it('settles for the primary under prefer-standby when no standby answers (the reports on a service without its replica)', async () => {
    const handle = await open(withDeadHostFirst('prefer-standby'));
    await handle.ping();
  });

  it('passes over a host that takes the connection and never answers, as a lost machine behind a network does (the owner’s connection)', async () => {
    const silent = createServer((socket: Socket) => socket.on('error', () => undefined));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const client = await connectHostList(withDeadHostFirst('read-write', `127.0.0.1:${port}`), { connectionTimeoutMillis: 1_000 });
      try {
        expect(client.url).not.toContain(`:${port}/`);
        expect((await client.query('SELECT pg_is_in_recovery() AS standby')).rows).toEqual([{ standby: false }]);
      } finally {
        await client.end();
      }
    } finally {
      silent.close();
    }
  });

  it('takes for read-write only a primary whose transactions may write, as a new primary is until pg_auto_failover lets it (stop_replication)', async () => {
    // A role whose sessions start read-only stands for that primary.
    const admin = await connectHostList(process.env.TEST_DATABASE_URL!);
    try {
      await admin.query(`DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'casework_test_read_only') THEN CREATE ROLE casework_test_read_only LOGIN PASSWORD 'read-only-2026'; END IF; END $$`);
      await admin.query('ALTER ROLE casework_test_read_only SET default_transaction_read_only = on');
    } finally {
      await admin.end();
    }
    const asReadOnly = (target: string) => {
      const url = new URL(withDeadHostFirst(target).replace('127.0.0.1:1,', ''));
      url.username = 'casework_test_read_only';
      url.password = 'read-only-2026';
      return url.toString();
    };
    const refused = await open(asReadOnly('read-write')).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DatabaseUnavailableError);
    expect((refused as Error).message).toContain('(WRONG_SERVER)');
    await (await open(asReadOnly('primary'))).ping();
  });
});
