import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { ExtractTablesWithRelations, Logger } from 'drizzle-orm';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { connectHostList, describeHosts, hostListPool } from './hosts.ts';
import { acquireDataFolderLock, type DataFolderLock } from './lock.ts';
import { registerPreparedReadRunner } from './prepared.ts';
import { grantServiceRole, rolePowers, ServiceRoleError, tooPowerful } from './roles.ts';
import * as schema from './schema/index.ts';

/** The extensions the migrations create on the embedded database (trigram search). */
export const PGLITE_EXTENSIONS = { pg_trgm };

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** What a repository function runs its SQL on: the database, or a transaction in progress. */
export type Executor = Database | Transaction;

export type Engine = 'pglite' | 'postgres';

export interface DatabaseHandle {
  readonly db: Database;
  readonly engine: Engine;
  /** Throws when the database cannot answer a trivial query. */
  ping(): Promise<void>;
  /**
   * Runs work as the role that owns the tables, for what the service's own role may not do: making
   * and dropping the logs' month partitions (ADR 0025). On PostgreSQL with an owner URL, a
   * connection of its own to DATABASE_OWNER_URL, closed afterwards; otherwise (PGlite's one user,
   * or PostgreSQL without an owner URL, where the service connects as the owner) the database itself.
   */
  asOwner<T>(work: (owner: Database) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** PGlite only: the whole data folder as a gzipped tarball, consistent as of the call (a backup). */
  dumpDataDir?(): Promise<Blob>;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

// Any fixed 64-bit number works; it only has to be the same in every instance of the app.
const MIGRATION_LOCK_KEY = 7_361_002_014;

// Raw pg turns DATE into a JS Date at local midnight, which shifts a day in British Summer Time.
// Dates in law stay 'YYYY-MM-DD' strings end to end.
pg.types.setTypeParser(1082, (value: string) => value);

// Prepared reads give timestamps as PostgreSQL's text, as drizzle's raw queries (queryRows) do.
const TIMESTAMP_TYPES = new Set([1114, 1184, 1186]); // timestamp, timestamptz, interval
const TEXT_TIMESTAMPS = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    TIMESTAMP_TYPES.has(oid) ? (value: string) => value : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};
const PGLITE_TEXT_TIMESTAMPS = { 1082: (value: string) => value, 1114: (value: string) => value, 1184: (value: string) => value, 1186: (value: string) => value };

export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
}

export interface OpenDatabaseOptions {
  /** postgres:// URL: use PostgreSQL. Otherwise PGlite. */
  databaseUrl?: string | undefined;
  /**
   * PostgreSQL only: the role that owns the tables. When given, it runs the migrations and grants
   * the role of databaseUrl what the service needs; the service itself connects as it only for the
   * logs' month partitions (asOwner), never to read or write casework.
   */
  ownerUrl?: string | undefined;
  /** PostgreSQL only: refuse to open when databaseUrl's role owns tables or is a superuser (production). Otherwise warn. */
  refuseOwnerRole?: boolean;
  /** PGlite data folder; 'memory://' for an in-memory database (tests). */
  dataDir: string;
  migrate?: boolean;
  warn?: (message: string) => void;
  /** Pool size for PostgreSQL. */
  maxConnections?: number;
  /** Sees every query before it runs (the tests' tenancy check). */
  logger?: Logger;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const warn = options.warn ?? ((message: string) => console.warn(message));
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options, warn);
  return openPglite(options.dataDir, options.migrate ?? true, warn, options.logger);
}

async function openPostgres(databaseUrl: string, options: OpenDatabaseOptions, warn: (message: string) => void): Promise<DatabaseHandle> {
  const { maxConnections = 10, logger, ownerUrl } = options;
  // A URL may name several servers (pg_auto_failover's primary and standbys): see hosts.ts.
  const pool = hostListPool(databaseUrl, { max: maxConnections, connectionTimeoutMillis: 5_000 });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  // Nor may one in use (a request's transaction) when its connection is cut: without a listener
  // of its own, its 'error' event is an uncaught exception. The query in flight fails with the
  // error, the request is answered 503, and the pool replaces the client.
  pool.on('connect', (client) => client.on('error', () => undefined));
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw unreachable(error, databaseUrl, 'DATABASE_URL');
  }
  try {
    if (options.migrate ?? true) {
      if (ownerUrl) {
        const serviceRole = (await rolePowers(client)).role;
        const owner = await connectOwner(ownerUrl);
        try {
          await migrateUnderLock(owner, async () => grantServiceRole(owner, serviceRole));
        } finally {
          await owner.end();
        }
      } else {
        await migrateUnderLock(client);
      }
    }
    const problem = tooPowerful(await rolePowers(client));
    if (problem && options.refuseOwnerRole) throw new ServiceRoleError(problem);
    if (problem) warn(problem);
  } catch (error) {
    client.release();
    await pool.end().catch(() => undefined);
    throw error;
  }
  client.release();
  const db = drizzleNodePostgres(pool, { schema, ...(logger ? { logger } : {}) }) as unknown as Database;
  registerPreparedReadRunner(db, async (name, text, params) => {
    logger?.logQuery(text, params as unknown[]);
    const values = params as unknown[];
    return (await pool.query(name === null ? { text, values, types: TEXT_TIMESTAMPS } : { name, text, values, types: TEXT_TIMESTAMPS })).rows;
  });
  return {
    db,
    engine: 'postgres',
    async ping() {
      await pool.query('SELECT 1');
    },
    async asOwner(work) {
      if (!ownerUrl) return work(db);
      const owner = await connectOwner(ownerUrl);
      try {
        return await work(drizzleNodePostgres(owner, { schema }) as unknown as Database);
      } finally {
        await owner.end();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/** A connection of its own as the role that owns the tables (DATABASE_OWNER_URL). */
async function connectOwner(ownerUrl: string): Promise<pg.Client> {
  try {
    return await connectHostList(ownerUrl, { connectionTimeoutMillis: 5_000 });
  } catch (error) {
    throw unreachable(error, ownerUrl, 'DATABASE_OWNER_URL');
  }
}

function unreachable(error: unknown, url: string, setting: string): DatabaseUnavailableError {
  const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new DatabaseUnavailableError(`Cannot connect to PostgreSQL at ${describeHosts(url)} (${reason}). Check ${setting} and that the server is running.`);
}

/** Migrates; several instances may start at once, so an advisory lock lets one migrate while the others wait. */
async function migrateUnderLock(client: pg.Client | pg.PoolClient, afterwards?: () => Promise<void>): Promise<void> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
  try {
    await migrateNodePostgres(drizzleNodePostgres(client, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
    await afterwards?.();
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
  }
}

async function openPglite(dataDir: string, runMigrations: boolean, warn: (message: string) => void, logger?: Logger): Promise<DatabaseHandle> {
  const inMemory = dataDir.startsWith('memory://');
  let lock: DataFolderLock | undefined;
  if (!inMemory) lock = acquireDataFolderLock(dataDir, warn);
  try {
    const client = new PGlite(inMemory ? dataDir : join(dataDir, 'pgdata'), { extensions: PGLITE_EXTENSIONS });
    await client.waitReady;
    return await wrapPglite(client, runMigrations, lock, logger);
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/** Wraps an open PGlite (for example a test's clone of a migrated template) as a DatabaseHandle. */
export async function wrapPglite(client: PGlite, runMigrations: boolean, lock?: DataFolderLock, logger?: Logger): Promise<DatabaseHandle> {
  const db = drizzlePglite(client, { schema, ...(logger ? { logger } : {}) }) as unknown as Database;
  registerPreparedReadRunner(db, async (name, text, params) => {
    logger?.logQuery(text, params as unknown[]);
    // PGlite runs in this process: there is no connection to prepare a statement on.
    return (await client.query<Record<string, unknown>>(text, params as unknown[], { parsers: PGLITE_TEXT_TIMESTAMPS })).rows;
  });
  if (runMigrations) {
    await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
  }
  let closed = false;
  return {
    db,
    engine: 'pglite',
    async ping() {
      await db.execute(sql`SELECT 1`);
    },
    async asOwner(work) {
      // One embedded user, who owns everything.
      return work(db);
    },
    async dumpDataDir() {
      return client.dumpDataDir('gzip');
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

/**
 * Runs raw SQL and returns its rows. Both drivers answer { rows }, but the shared PgDatabase type
 * cannot say so; this is the one place that knows.
 */
export async function queryRows<Row>(executor: Executor, query: SQL): Promise<Row[]> {
  const result = (await executor.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}
