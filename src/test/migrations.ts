// Migrations tried on existing data: the committed migrations up to one of them, on an empty
// database of the test's own, then the rest.
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePostgres } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { MIGRATIONS_FOLDER, PGLITE_EXTENSIONS } from '../db/database.ts';
import { uuidv7 } from '../lib/uuid.ts';
import { testEngine, withDatabaseName } from './database.ts';

/** The committed migrations up to and including `lastTag`, in a folder of their own. */
export function migrationsUpTo(lastTag: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'casework-migrations-'));
  mkdirSync(join(folder, 'meta'));
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const last = journal.entries.findIndex((entry) => entry.tag === lastTag);
  const entries = journal.entries.slice(0, last + 1);
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
  for (const entry of entries) copyFileSync(join(MIGRATIONS_FOLDER, `${entry.tag}.sql`), join(folder, `${entry.tag}.sql`));
  return folder;
}

/** A fresh database, empty, to migrate step by step: PostgreSQL when TEST_DATABASE_URL is set, else PGlite. */
export interface MigrationEngine {
  run(statement: string): Promise<Record<string, unknown>[]>;
  migrate(folder: string): Promise<void>;
  close(): Promise<void>;
}

export async function openMigrationEngine(): Promise<MigrationEngine> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (testEngine === 'postgres' && adminUrl) {
    const name = `casework_migration_${uuidv7().replaceAll('-', '')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const client = new pg.Client({ connectionString: withDatabaseName(adminUrl, name) });
    await client.connect();
    return {
      run: async (statement) => (await client.query(statement)).rows as Record<string, unknown>[],
      migrate: (folder) => migrateNodePostgres(drizzleNodePostgres(client), { migrationsFolder: folder }),
      async close() {
        await client.end();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const client = new PGlite({ extensions: PGLITE_EXTENSIONS });
  await client.waitReady;
  return {
    run: async (statement) => (await client.query<Record<string, unknown>>(statement)).rows,
    migrate: (folder) => migratePglite(drizzlePglite(client), { migrationsFolder: folder }),
    close: () => client.close(),
  };
}

/** The tag of the migration just before the one whose name ends so (numbers change when branches merge). */
export function tagBefore(nameEnding: string): string {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const index = journal.entries.findIndex((entry) => entry.tag.endsWith(nameEnding));
  if (index < 1) throw new Error(`No migration before one named …${nameEnding}`);
  return journal.entries[index - 1]!.tag;
}
