import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { openDatabase, PGLITE_EXTENSIONS, wrapPglite, type DatabaseHandle } from '../db/database.ts';
import { uuidv7 } from '../lib/uuid.ts';
import { tenancyGuard } from './tenancy-guard.ts';

export const TEMPLATE_DATABASE = 'casework_test_template';

export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/**
 * The URL as a host list (pg_auto_failover's nodes), another server named before its own (by
 * default one that refuses: port 1), with libpq's target_session_attrs.
 */
export function asHostList(url: string, target: string, first = '127.0.0.1:1'): string {
  const parsed = new URL(url);
  const host = `${parsed.hostname}:${parsed.port || '5432'}`;
  parsed.host = '127.0.0.1:1';
  return `${parsed.toString().replace('127.0.0.1:1', `${first},${host}`)}${parsed.search ? '&' : '?'}target_session_attrs=${target}`;
}

/**
 * On PostgreSQL the tests run as the service does in production: as a role that owns nothing,
 * granted what it needs by the owner (TEST_DATABASE_URL's role) when the template is migrated.
 */
export const TEST_SERVICE_ROLE = { name: 'casework_test_service', password: 'casework-test-service' } as const;

export function asServiceRole(url: string): string {
  const parsed = new URL(url);
  parsed.username = TEST_SERVICE_ROLE.name;
  parsed.password = TEST_SERVICE_ROLE.password;
  return parsed.toString();
}

/** The database's own message for a refused statement (drizzle wraps it as the cause), or 'no error'. */
export async function refusalOf(database: DatabaseHandle, statement: SQL): Promise<string> {
  try {
    await database.db.execute(statement);
  } catch (error) {
    const cause = (error as { cause?: Error }).cause;
    return cause?.message ?? (error as Error).message;
  }
  return 'no error';
}

/** The engine the integration suite runs on: PostgreSQL when TEST_DATABASE_URL is set. */
export const testEngine: 'postgres' | 'pglite' = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

/** Watches every query a test database runs, after the tenancy guard has passed it. */
export type QueryObserver = (query: string) => void;

/**
 * A migrated database of the test's own; close() removes it. Every query through it passes the
 * tenancy guard: one on a tenant table without the authority predicate fails the test.
 */
export async function createTestDatabase(options: { onQuery?: QueryObserver } = {}): Promise<DatabaseHandle & { ownerUrl?: string }> {
  const logger = options.onQuery
    ? {
        logQuery(query: string, params: unknown[]) {
          tenancyGuard.logQuery(query, params);
          options.onQuery!(query);
        },
      }
    : tenancyGuard;
  const postgresUrl = process.env.TEST_DATABASE_URL;
  if (postgresUrl) {
    const name = `casework_test_${uuidv7().replaceAll('-', '')}`;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
    } finally {
      await admin.end();
    }
    const handle = await openDatabase({
      databaseUrl: asServiceRole(withDatabaseName(postgresUrl, name)),
      // Not to migrate (migrate: false) but for asOwner: the logs' month partitions.
      ownerUrl: withDatabaseName(postgresUrl, name),
      refuseOwnerRole: true,
      dataDir: 'unused',
      migrate: false,
      maxConnections: 4,
      logger,
    });
    return {
      ...handle,
      /** PostgreSQL: the database as the role that owns its tables (for pg_dump, say). */
      ownerUrl: withDatabaseName(postgresUrl, name),
      async close() {
        await handle.close();
        const cleanup = new pg.Client({ connectionString: postgresUrl });
        await cleanup.connect();
        try {
          await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        } finally {
          await cleanup.end();
        }
      },
    };
  }
  const templatePath = process.env.TEST_PGLITE_TEMPLATE;
  if (!templatePath) throw new Error('The integration tests need their global setup (vitest --project integration).');
  const client = new PGlite({ loadDataDir: new Blob([readFileSync(templatePath)]), extensions: PGLITE_EXTENSIONS });
  await client.waitReady;
  return wrapPglite(client, false, undefined, logger);
}
