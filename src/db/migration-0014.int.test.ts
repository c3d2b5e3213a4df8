// Migration 0014 on a database that already holds children: it refuses, changing nothing, while two
// children of an authority share a UPN (which is right is an officer's call), and once they no
// longer do it adds the unique index and puts existing postcodes in their standard form.
import { readdirSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../lib/uuid.ts';
import { testEngine } from '../test/database.ts';
import { migrationsUpTo, openMigrationEngine, type MigrationEngine } from '../test/migrations.ts';
import { MIGRATIONS_FOLDER } from './database.ts';

let engine: MigrationEngine;
let before0014: string;
const authorityId = uuidv7();
const [first, second, spaced] = [uuidv7(), uuidv7(), uuidv7()];

beforeAll(async () => {
  expect(readdirSync(MIGRATIONS_FOLDER)).toContain('0014_child_upn_unique_and_people_unlinked.sql');
  engine = await openMigrationEngine();
  before0014 = migrationsUpTo('0013_documents');
  await engine.migrate(before0014);
  await engine.run(`INSERT INTO authority (id, name, created_at) VALUES ('${authorityId}', 'Migration Council', now())`);
  const child = (id: string, upn: string, postcode: string) =>
    `('${id}', '${authorityId}', 'Twin', 'Record', '2015-01-01', 'F', '${upn}', '${postcode}', 'twin record', 'record', now())`;
  await engine.run(
    `INSERT INTO child (id, authority_id, forename, surname, date_of_birth, sex, upn, postcode, search_names, surname_key, created_at)
     VALUES ${child(first, 'J930123420015', 'dc12ab')}, ${child(second, 'J930123420015', 'B1 1AA')}, ${child(spaced, 'A000000000001', ' sw1a  1aa')}`,
  );
  await engine.run(`INSERT INTO person (id, authority_id, forename, surname, postcode, created_at) VALUES ('${uuidv7()}', '${authorityId}', 'Jo', 'Parent', 'm11ae', now())`);
});

afterAll(async () => {
  await engine?.close();
  if (before0014) rmSync(before0014, { recursive: true, force: true });
});

const postcodes = async () => (await engine.run(`SELECT postcode FROM child UNION ALL SELECT postcode FROM person ORDER BY postcode`)).map((row) => row.postcode);
const indexes = async () => (await engine.run(`SELECT indexname FROM pg_indexes WHERE tablename = 'child' ORDER BY indexname`)).map((row) => row.indexname);

describe(`migration 0014 on existing data (${testEngine})`, () => {
  it('stops, changing nothing, while two children of an authority share a UPN, and says how to find them', async () => {
    const failure = await engine.migrate(MIGRATIONS_FOLDER).catch((error: unknown) => error);
    const message = [failure, (failure as { cause?: unknown }).cause].map((entry) => (entry as Error | undefined)?.message ?? '').join(' ');
    expect(message).toContain('Migration 0014 stopped, nothing changed: 1 UPNs are each held by more than one child of the same authority');
    expect(message).toContain('GROUP BY authority_id, upn HAVING count(*) > 1');
    expect(await indexes()).toContain('child_upn_idx');
    expect(await indexes()).not.toContain('child_authority_upn_idx');
    expect(await postcodes()).toEqual([' sw1a  1aa', 'B1 1AA', 'dc12ab', 'm11ae']);
  });

  it('runs once the UPN is corrected: one child per UPN held by the database, postcodes in their standard form', async () => {
    await engine.run(`UPDATE child SET upn = NULL WHERE id = '${second}'`);
    await engine.migrate(MIGRATIONS_FOLDER);
    expect(await indexes()).toContain('child_authority_upn_idx');
    expect(await postcodes()).toEqual(['B1 1AA', 'DC1 2AB', 'M1 1AE', 'SW1A 1AA']);
    const refusal = await engine.run(`UPDATE child SET upn = 'J930123420015' WHERE id = '${second}'`).catch((error: unknown) => error);
    expect(String((refusal as { code?: unknown }).code ?? (refusal as { cause?: { code?: unknown } }).cause?.code)).toBe('23505');
  });
});
