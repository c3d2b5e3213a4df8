import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngine } from '../test/database.ts';
import { queryRows, type DatabaseHandle } from './database.ts';
import { preparedRead, readRows } from './prepared.ts';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

describe(`database on ${testEngine}`, () => {
  it('is the engine the suite asked for', () => {
    expect(database.engine).toBe(testEngine);
  });

  it('has the committed migrations applied, with pg_trgm for search', async () => {
    const tables = await queryRows<{ table_name: string }>(
      database.db,
      sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    expect(tables.map((row) => row.table_name)).toEqual(expect.arrayContaining(['authority', 'authority_code', 'bank_holiday', 'school']));
    const similarity = await queryRows<{ score: number }>(database.db, sql`SELECT similarity('Smith', 'Smyth')::float8 AS score`);
    expect(similarity[0]?.score).toBeGreaterThan(0);
  });

  it('returns DATE columns as YYYY-MM-DD strings, never shifted by summer time', async () => {
    const result = await queryRows<{ day: string }>(database.db, sql`SELECT DATE '2026-07-01' AS day`);
    expect(result[0]?.day).toBe('2026-07-01');
  });

  it('searches names through the index that suits the engine (migration 0005)', async () => {
    const indexes = await queryRows<{ indexname: string }>(database.db, sql`SELECT indexname FROM pg_indexes WHERE tablename = 'child' ORDER BY indexname`);
    const names = indexes.map((row) => row.indexname);
    // PostgreSQL: the authority beside the trigrams in one GIN index. PGlite's btree_gin gives wrong
    // answers beside a trigram column, so the embedded database keeps the trigram-only index.
    const [expected, absent] = testEngine === 'postgres' ? ['child_authority_search_names_idx', 'child_search_names_trgm_idx'] : ['child_search_names_trgm_idx', 'child_authority_search_names_idx'];
    expect(names).toContain(expected);
    expect(names).not.toContain(absent);
  });

  it('answers a ping', async () => {
    await expect(database.ping()).resolves.toBeUndefined();
  });
});

describe.runIf(testEngine === 'postgres')('migrations on PostgreSQL', () => {
  it('apply once under an advisory lock when several instances start together', async () => {
    const { openDatabase } = await import('./database.ts');
    const { withDatabaseName } = await import('../test/database.ts');
    const pg = (await import('pg')).default;
    const adminUrl = process.env.TEST_DATABASE_URL ?? '';
    const name = `casework_concurrent_${Date.now()}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    try {
      const url = withDatabaseName(adminUrl, name);
      const handles = await Promise.all([1, 2, 3].map(() => openDatabase({ databaseUrl: url, dataDir: 'unused', maxConnections: 2 })));
      const applied = await queryRows<{ n: number }>(handles[0]!.db, sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`);
      const { readdirSync } = await import('node:fs');
      const { MIGRATIONS_FOLDER } = await import('./database.ts');
      expect(applied[0]?.n).toBe(readdirSync(MIGRATIONS_FOLDER).filter((file) => file.endsWith('.sql')).length);
      await Promise.all(handles.map((handle) => handle.close()));
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});

describe(`prepared reads on ${testEngine}`, () => {
  const dates = preparedRead<{ day: string; at: string; answer: number }>(
    'test_prepared_dates',
    `SELECT DATE '2026-07-01' + $1::int AS "day", TIMESTAMPTZ '2026-07-01 09:30:00+01' AS "at", $1::int * 2 AS "answer"`,
  );

  it('run by name with their parameters, dates and timestamps as PostgreSQL writes them, the same each time', async () => {
    for (const offset of [0, 1, 2]) {
      const [row] = await readRows(database.db, dates, [offset]);
      expect(row?.day).toBe(`2026-07-0${offset + 1}`);
      expect(typeof row?.at).toBe('string');
      expect(new Date(row!.at).toISOString()).toBe('2026-07-01T08:30:00.000Z');
      expect(row?.answer).toBe(offset * 2);
    }
  });

  it('refuse to run in a transaction, whose reads belong on its own connection', async () => {
    await expect(database.db.transaction(async (tx) => readRows(tx, dates, [0]))).rejects.toThrow(/not in a transaction/);
  });

  it('refuse a second text under a name already taken', () => {
    expect(preparedRead('test_prepared_dates', dates.text)).toEqual(dates);
    expect(() => preparedRead('test_prepared_dates', 'SELECT 1')).toThrow(/Two prepared reads are named test_prepared_dates/);
  });
});
