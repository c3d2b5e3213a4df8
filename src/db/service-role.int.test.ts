import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asServiceRole, createTestDatabase, refusalOf, testEngine, withDatabaseName } from '../test/database.ts';
import { openDatabase, queryRows, type DatabaseHandle } from './database.ts';
import { APPEND_ONLY_TABLES, partitionRevokes, serviceRoleGrants, tooPowerful } from './roles.ts';

describe('the service’s database role (rules that need no server)', () => {
  it('is granted row reads and writes, and only INSERT and SELECT on the append-only logs', () => {
    const grants = serviceRoleGrants('casework', (name) => `"${name}"`);
    expect(grants).toContain('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "casework"');
    expect(grants).toContain(`REVOKE UPDATE, DELETE, TRUNCATE ON ${APPEND_ONLY_TABLES.map((table) => `"${table}"`).join(', ')} FROM "casework"`);
    expect(grants.join('\n')).not.toMatch(/TRUNCATE ON ALL|ALL PRIVILEGES|CREATE ON SCHEMA|WITH GRANT OPTION/);
  });

  it('has every right taken back on the logs’ month partitions: it reaches them only through the parent', () => {
    expect(partitionRevokes('casework', ['audit_event_2026_12', 'access_log_default'], (name) => `"${name}"`)).toEqual([
      'REVOKE ALL ON "audit_event_2026_12" FROM "casework"',
      'REVOKE ALL ON "access_log_default" FROM "casework"',
    ]);
  });

  it('is too powerful when it owns a table or is a superuser', () => {
    expect(tooPowerful({ role: 'app', superuser: false, ownedTables: 0 })).toBeUndefined();
    expect(tooPowerful({ role: 'app', superuser: false, ownedTables: 3 })).toMatch(/"app", the owner of 3 of its tables/);
    expect(tooPowerful({ role: 'postgres', superuser: true, ownedTables: 0 })).toMatch(/"postgres", a superuser.*DATABASE_OWNER_URL/);
  });
});

// PGlite is one embedded user with no roles to tell apart; production runs on PostgreSQL.
describe.skipIf(testEngine !== 'postgres')('the service’s database role on PostgreSQL', () => {
  let database: DatabaseHandle;
  let ownerUrl: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    const [row] = await queryRows<{ name: string }>(database.db, sql`SELECT current_database() AS name`);
    ownerUrl = withDatabaseName(process.env.TEST_DATABASE_URL!, row!.name);
  });
  afterAll(async () => database?.close());

  it('cannot switch off the append-only logs’ triggers, drop or truncate them, or create tables', async () => {
    for (const table of APPEND_ONLY_TABLES) {
      expect(await refusalOf(database, sql.raw(`ALTER TABLE ${table} DISABLE TRIGGER ALL`))).toMatch(/must be owner/);
      expect(await refusalOf(database, sql.raw(`TRUNCATE ${table}`))).toMatch(/permission denied/);
      expect(await refusalOf(database, sql.raw(`DELETE FROM ${table}`))).toMatch(/permission denied/);
      expect(await refusalOf(database, sql.raw(`UPDATE ${table} SET authority_id = authority_id`))).toMatch(/permission denied/);
    }
    expect(await refusalOf(database, sql`DROP TABLE child`)).toMatch(/must be owner/);
    expect(await refusalOf(database, sql`CREATE TABLE planted (id int)`)).toMatch(/permission denied/);
  });

  it('reads and writes rows as the service needs', async () => {
    await database.db.execute(sql`INSERT INTO bank_holiday (division, date, title) VALUES ('test', '2026-12-25', 'Christmas Day')`);
    await database.db.execute(sql`UPDATE bank_holiday SET title = 'Christmas' WHERE division = 'test'`);
    expect(await queryRows(database.db, sql`SELECT title FROM bank_holiday WHERE division = 'test'`)).toEqual([{ title: 'Christmas' }]);
    await database.db.execute(sql`DELETE FROM bank_holiday WHERE division = 'test'`);
  });

  it('in production, refuses to run as the role that owns the tables; elsewhere it warns', async () => {
    await expect(openDatabase({ databaseUrl: ownerUrl, dataDir: 'unused', migrate: false, refuseOwnerRole: true })).rejects.toThrow(
      /owner of \d+ of its tables|a superuser/,
    );
    const warnings: string[] = [];
    const owner = await openDatabase({ databaseUrl: ownerUrl, dataDir: 'unused', migrate: false, warn: (message) => warnings.push(message) });
    await owner.close();
    expect(warnings.join('\n')).toMatch(/could switch off the append-only logs’ triggers/);
  });

  it('is granted what it needs by the owner when a migration runs, tables added later included', async () => {
    const admin = new pg.Client({ connectionString: ownerUrl });
    await admin.connect();
    try {
      await admin.query('CREATE TABLE added_by_a_later_migration (id int)');
      const migrated = await openDatabase({ databaseUrl: asServiceRole(ownerUrl), ownerUrl, dataDir: 'unused', refuseOwnerRole: true });
      try {
        expect(await refusalOf(migrated, sql`INSERT INTO added_by_a_later_migration VALUES (1)`)).toBe('no error');
        expect(await refusalOf(migrated, sql`ALTER TABLE added_by_a_later_migration DISABLE TRIGGER ALL`)).toMatch(/must be owner/);
      } finally {
        await migrated.close();
      }
    } finally {
      await admin.end();
    }
  });
});
