import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DatabaseHandle } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { createTestDatabase, refusalOf, testEngine } from '../../test/database.ts';
import { ReferenceDataService } from '../reference/index.ts';
import type { Actor } from '../auth/index.ts';
import { recordAccess, recordAudit } from './audit.ts';
import * as auditRepository from './repository.ts';

let database: DatabaseHandle;

// The trigger refuses on every engine; on PostgreSQL the service's role is also never granted
// UPDATE, DELETE or TRUNCATE on the logs, and the database says so first.
const APPEND_ONLY_REFUSAL = testEngine === 'postgres' ? /permission denied/ : /append-only/;

let actor: Actor;
const clock = fixedClock('2026-11-23T09:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  const reference = new ReferenceDataService(database.db);
  await reference.ensureReferenceData();
  const authorityId = (await reference.findAuthorityByLaCode('999'))!.id;
  actor = { kind: 'user', id: uuidv7(), authorityId, roles: ['case_officer'] };
});
afterAll(async () => database.close());

describe('audit log', () => {
  it('is written in the same transaction as the change: a rolled-back change leaves no entry', async () => {
    const entityId = uuidv7();
    await expect(
      database.db.transaction(async (tx) => {
        await recordAudit(tx, clock, actor, { action: 'test.changed', entityType: 'test', entityId });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await auditRepository.listAuditEventsFor(database.db, actor.authorityId, 'test', entityId)).toEqual([]);

    await database.db.transaction(async (tx) => recordAudit(tx, clock, actor, { action: 'test.changed', entityType: 'test', entityId, details: { field: 'stage' } }));
    const [entry] = await auditRepository.listAuditEventsFor(database.db, actor.authorityId, 'test', entityId);
    expect(entry).toMatchObject({ action: 'test.changed', actorKind: 'user', actorId: actor.id, details: { field: 'stage' } });
  });

  it('refuses UPDATE, DELETE and TRUNCATE: the database enforces append-only', async () => {
    const entityId = uuidv7();
    await recordAudit(database.db, clock, actor, { action: 'test.changed', entityType: 'test', entityId });
    expect(await refusalOf(database, sql`UPDATE audit_event SET action = 'rewritten'`)).toMatch(APPEND_ONLY_REFUSAL);
    expect(await refusalOf(database, sql`DELETE FROM audit_event`)).toMatch(APPEND_ONLY_REFUSAL);
    expect(await refusalOf(database, sql`TRUNCATE audit_event`)).toMatch(APPEND_ONLY_REFUSAL);
    const rows = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM audit_event WHERE action = 'test.changed' AND entity_id = ${entityId}`);
    expect(rows[0]?.n).toBe(1);
  });
});

describe('access log', () => {
  it('records who viewed which child’s record and how', async () => {
    const childId = uuidv7();
    await recordAccess(database.db, clock, actor, childId, 'record');
    await recordAccess(database.db, clock, { ...actor, kind: 'token', tokenId: 'abc' }, childId, 'api:child');
    const entries = await auditRepository.listAccessFor(database.db, actor.authorityId, childId);
    expect(entries.map((entry) => [entry.actorKind, entry.view])).toEqual(
      expect.arrayContaining([
        ['user', 'record'],
        ['token', 'api:child'],
      ]),
    );
    expect(entries.find((entry) => entry.actorKind === 'token')?.actorId).toBe(`${actor.id}/token:abc`);
  });

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    // An entry to refuse changes to: UPDATE and DELETE touch rows, and an empty table has none.
    await recordAccess(database.db, clock, actor, uuidv7(), 'record');
    expect(await refusalOf(database, sql`UPDATE access_log SET view = 'x'`)).toMatch(APPEND_ONLY_REFUSAL);
    expect(await refusalOf(database, sql`DELETE FROM access_log`)).toMatch(APPEND_ONLY_REFUSAL);
    expect(await refusalOf(database, sql`TRUNCATE access_log`)).toMatch(APPEND_ONLY_REFUSAL);
  });
});
