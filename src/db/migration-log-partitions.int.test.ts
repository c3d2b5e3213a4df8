// The migration that partitions the logs by month, on a database that already holds them: every row
// is moved into its month, the append-only triggers still refuse, and a month with no partition
// still takes rows.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../lib/uuid.ts';
import { testEngine } from '../test/database.ts';
import { migrationsUpTo, openMigrationEngine, tagBefore, type MigrationEngine } from '../test/migrations.ts';
import { MIGRATIONS_FOLDER } from './database.ts';

let engine: MigrationEngine;
let before: string;
const authorityId = uuidv7();
const [old, recent, viewed, listed] = [uuidv7(), uuidv7(), uuidv7(), uuidv7()];

beforeAll(async () => {
  engine = await openMigrationEngine();
  before = migrationsUpTo(tagBefore('_log_partitions'));
  await engine.migrate(before);
  await engine.run(`INSERT INTO authority (id, name, created_at) VALUES ('${authorityId}', 'Migration Council', now())`);
  await engine.run(
    `INSERT INTO audit_event (id, authority_id, occurred_at, actor_kind, actor_id, action, entity_type, entity_id, details) VALUES
       ('${old}', '${authorityId}', '2020-03-31 23:59:59+00', 'user', 'someone', 'case.opened', 'ehc_case', 'c1', '{"from": 1}'),
       ('${recent}', '${authorityId}', now(), 'user', 'someone', 'case.closed', 'ehc_case', 'c1', '{}')`,
  );
  await engine.run(`INSERT INTO access_log (id, authority_id, accessed_at, actor_kind, actor_id, child_id, view) VALUES ('${viewed}', '${authorityId}', '2021-07-01 00:00:00+00', 'user', 'someone', '${uuidv7()}', 'record')`);
  await engine.run(
    `INSERT INTO list_access_log (id, authority_id, accessed_at, actor_kind, actor_id, view, query, child_ids) VALUES ('${listed}', '${authorityId}', '2022-01-15 10:00:00+00', 'user', 'someone', 'search', 'smith', ARRAY['${uuidv7()}'::uuid])`,
  );
  await engine.migrate(MIGRATIONS_FOLDER);
});

afterAll(async () => {
  await engine?.close();
  if (before) rmSync(before, { recursive: true, force: true });
});

const refusal = (statement: string) => engine.run(statement).then(() => 'no error', (error: unknown) => String((error as Error).message));

describe(`the logs' partitions by month, on existing rows (${testEngine})`, () => {
  it('moves every row, unchanged, into the partition of its month', async () => {
    const rows = await engine.run(`SELECT tableoid::regclass::text AS partition, id::text, details FROM audit_event ORDER BY occurred_at`);
    expect(rows).toEqual([
      { partition: 'audit_event_2020_03', id: old, details: { from: 1 } },
      { partition: expect.stringMatching(/^audit_event_\d{4}_\d{2}$/), id: recent, details: {} },
    ]);
    expect(await engine.run(`SELECT tableoid::regclass::text AS partition FROM access_log`)).toEqual([{ partition: 'access_log_2021_07' }]);
    expect(await engine.run(`SELECT tableoid::regclass::text AS partition, query FROM list_access_log`)).toEqual([{ partition: 'list_access_log_2022_01', query: 'smith' }]);
  });

  it('makes a month for every month from the oldest row to three months ahead, and a default for any other', async () => {
    const months = (await engine.run(`SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'audit_event'::regclass ORDER BY 1`)).map((row) => row.name as string);
    expect(months[0]).toBe('audit_event_2020_03');
    expect(months).toContain('audit_event_2020_04');
    expect(months).toContain('audit_event_default');
    const ahead = new Date();
    ahead.setUTCDate(1);
    ahead.setUTCMonth(ahead.getUTCMonth() + 3);
    expect(months).toContain(`audit_event_${ahead.getUTCFullYear()}_${String(ahead.getUTCMonth() + 1).padStart(2, '0')}`);
  });

  it('still refuses to change, delete or truncate the logs, through the parent or a month', async () => {
    expect(await refusal(`UPDATE audit_event SET action = 'rewritten'`)).toMatch(/append-only: UPDATE refused/);
    expect(await refusal(`DELETE FROM audit_event_2020_03`)).toMatch(/append-only: DELETE refused/);
    expect(await refusal(`TRUNCATE audit_event`)).toMatch(/append-only: TRUNCATE refused/);
    expect(await refusal(`TRUNCATE access_log_2021_07`)).toMatch(/append-only: TRUNCATE refused/);
    expect(await refusal(`TRUNCATE list_access_log_default`)).toMatch(/append-only: TRUNCATE refused/);
  });

  it('takes rows for a month with no partition into the default one', async () => {
    await engine.run(`INSERT INTO audit_event (id, authority_id, occurred_at, actor_kind, actor_id, action, entity_type, entity_id) VALUES ('${uuidv7()}', '${authorityId}', '2099-12-31 12:00:00+00', 'user', 'someone', 'x', 'y', 'z')`);
    expect(await engine.run(`SELECT tableoid::regclass::text AS partition FROM audit_event WHERE occurred_at > '2099-01-01'`)).toEqual([{ partition: 'audit_event_default' }]);
  });
});
