// Allocation through the service: cases in the unallocated queue given to a named officer, one or
// many at once, and a case moved from one officer to another with a reason (SEND Code of Practice
// 2015, 9.23: every child has a named officer). Each change writes the case, a spell in its
// holders, an event, an audit entry and the family's letter, all in one transaction; each refusal
// writes nothing. The database keeps the invariants whatever path writes: a case's officer is of
// the case's council, and an officer holding open cases cannot be deactivated.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { MIGRATIONS_FOLDER } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { testEngine } from '../../test/database.ts';
import { aCase, anAuthority, anOfficer, aPerson, aTeam, type TestCase, type TestOfficer } from '../../test/factories/index.ts';

let testApp: TestApp;
let manager: TestOfficer;
let lead: TestOfficer;
let officer: TestOfficer;
let other: TestOfficer;
// Monday 23 November 2026.
const clock = fixedClock('2026-11-23T10:00:00Z');

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  manager = await anOfficer(testApp, { role: 'team_manager' });
  lead = await anOfficer(testApp, { role: 'service_lead' });
  officer = await anOfficer(testApp, { name: 'Bex Smith' });
  other = await anOfficer(testApp, { name: 'Daniel Osei' });
});
afterAll(async () => {
  await testApp?.close();
});

const allocation = () => testApp.services.allocation;

/** A request recorded by a manager: it waits in the unallocated queue from today. */
const aWaitingCase = (options: Parameters<typeof aCase>[2] = {}) => aCase(testApp, manager.actor, { receivedOn: '2026-11-02', ...options });
/** A waiting case whose family has a parent with an address to write to. */
async function aWaitingFamily(): Promise<TestCase> {
  const created = await aWaitingCase();
  await aPerson(testApp, manager.actor, created.childId, { forename: 'Sarah', surname: 'Nowak', mainContact: true });
  return created;
}

async function caseRow(caseId: string) {
  const [row] = await queryRows<{ officer_id: string | null; unallocated_since: string | null; version: number }>(
    testApp.database.db,
    sql`SELECT officer_id, unallocated_since::text AS unallocated_since, version FROM ehc_case WHERE id = ${caseId}`,
  );
  return row!;
}

async function openCases(officerId: string): Promise<number> {
  const [row] = await queryRows<{ open_cases: number }>(testApp.database.db, sql`SELECT open_cases FROM officer_caseload WHERE officer_id = ${officerId}`);
  return Number(row?.open_cases ?? 0);
}

async function holders(caseId: string) {
  return queryRows<{ officer_id: string | null; change: string; reason: string | null; open: boolean; event_id: string | null; recorded_by: string }>(
    testApp.database.db,
    sql`SELECT officer_id, change, reason, held_to IS NULL AS open, event_id, recorded_by FROM case_holder WHERE case_id = ${caseId} ORDER BY held_from, id`,
  );
}

/** Everything a change of holder writes, counted: the same before and after a refusal shows nothing was half-written. */
async function written(caseIds: readonly string[]) {
  const rows = [];
  for (const caseId of caseIds) {
    const [row] = await queryRows<Record<string, unknown>>(
      testApp.database.db,
      sql`SELECT (SELECT officer_id FROM ehc_case WHERE id = ${caseId}) AS officer,
                 (SELECT unallocated_since::text FROM ehc_case WHERE id = ${caseId}) AS since,
                 (SELECT count(*)::int FROM case_holder WHERE case_id = ${caseId}) AS spells,
                 (SELECT count(*)::int FROM case_event WHERE case_id = ${caseId}) AS events,
                 (SELECT count(*)::int FROM audit_event WHERE entity_id = ${caseId}) AS audit,
                 (SELECT count(*)::int FROM outbox_message WHERE case_id = ${caseId}) AS messages,
                 (SELECT count(*)::int FROM letter WHERE case_id = ${caseId}) AS letters`,
    );
    rows.push(row);
  }
  return { rows, counts: [await openCases(officer.user.id), await openCases(other.user.id)] };
}

async function refusedWith<E extends Error>(caseIds: readonly string[], attempt: () => Promise<unknown>, kind: new (...args: never[]) => E): Promise<E> {
  const before = await written(caseIds);
  const failure = await attempt().catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(kind);
  expect(await written(caseIds), 'nothing written').toEqual(before);
  return failure as E;
}

const problemsOf = (error: ValidationError) => error.problems.map((problem) => [problem.field, problem.message]);

describe('the database’s invariants (issue 16, part 1)', () => {
  it('refuses a case’s officer from another council, whatever path writes it: the composite foreign key', async () => {
    const held = await aCase(testApp, officer.actor);
    const elsewhere = await anAuthority(testApp.database.db);
    const stranger = await anOfficer(testApp, { authorityId: elsewhere.id });
    const failure = await testApp.database.db.execute(sql`UPDATE ehc_case SET officer_id = ${stranger.user.id} WHERE id = ${held.caseId}`).catch((error: unknown) => error);
    expect(JSON.stringify(failure, Object.getOwnPropertyNames(failure)) + String((failure as Error).cause ?? '')).toMatch(/ehc_case_officer_same_authority_fk/);
    expect((await caseRow(held.caseId)).officer_id).toBe(officer.user.id);
  });

  it('refuses to deactivate an officer holding open cases, in the service with the count and in the database by trigger; once they are handed over, it is allowed', async () => {
    const leaving = await anOfficer(testApp, { name: 'Leaving Officer' });
    const first = await aCase(testApp, leaving.actor);
    const second = await aCase(testApp, leaving.actor);
    const admin = await anOfficer(testApp, { role: 'admin' });
    const version = (await testApp.services.users.user(admin.actor, leaving.user.id)).user.version;
    const refused = await testApp.services.users.deactivate(admin.actor, leaving.user.id, { version }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ValidationError);
    expect(problemsOf(refused as ValidationError)).toEqual([['confirm', 'Leaving Officer holds 2 open cases. Hand them on to another officer before deactivating the account']]);

    const byDatabase = await testApp.database.db.execute(sql`UPDATE staff_user SET deactivated_at = now() WHERE id = ${leaving.user.id}`).catch((error: unknown) => error);
    expect(byDatabase).toBeInstanceOf(Error);
    const said = [byDatabase, (byDatabase as Error).cause].map((entry) => (entry as Error | undefined)?.message ?? '').join(' ');
    expect(said).toContain('Leaving Officer holds 2 open cases: hand them over before deactivating the account');

    // A case given to them after the service counted (as if in a race) is still refused, by the trigger, said on the form.
    await testApp.database.db.execute(sql`UPDATE officer_caseload SET open_cases = 0 WHERE officer_id = ${leaving.user.id}`);
    const raced = await testApp.services.users.deactivate(admin.actor, leaving.user.id, { version }).catch((error: unknown) => error);
    expect(raced).toBeInstanceOf(ValidationError);
    expect(problemsOf(raced as ValidationError)).toEqual([['confirm', 'Leaving Officer holds 2 open cases: hand them over before deactivating the account']]);
    await testApp.database.db.execute(sql`UPDATE officer_caseload SET open_cases = 2 WHERE officer_id = ${leaving.user.id}`);

    for (const held of [first, second]) await allocation().reallocate(manager.actor, held.caseId, { officer: other.user.id, reason: 'Leaving the council' });
    await testApp.services.users.deactivate(admin.actor, leaving.user.id, { version });
    expect((await testApp.services.users.user(admin.actor, leaving.user.id)).user.active).toBe(false);
  });

  it('keeps the first holder from the request: the officer who recorded it, or the unallocated queue', async () => {
    const held = await aCase(testApp, officer.actor);
    const waiting = await aWaitingCase();
    expect(await holders(held.caseId)).toEqual([{ officer_id: officer.user.id, change: 'request-recorded', reason: null, open: true, event_id: null, recorded_by: officer.user.id }]);
    expect(await holders(waiting.caseId)).toEqual([{ officer_id: null, change: 'request-recorded', reason: null, open: true, event_id: null, recorded_by: manager.user.id }]);
  });

  it('carries over one open spell for each case held before the history was kept (the migration’s backfill)', async () => {
    const team = await aTeam(testApp);
    const held = await aCase(testApp, team.officer.actor);
    const waiting = await aCase(testApp, team.manager.actor);
    await testApp.database.db.execute(sql`UPDATE ehc_case SET unallocated_since = '2026-10-01' WHERE id = ${waiting.caseId}`);
    await testApp.database.db.execute(sql`DELETE FROM case_holder WHERE authority_id = ${team.council.id}`);
    const migration = readFileSync(join(MIGRATIONS_FOLDER, '0019_case_holders_and_officer_of_same_council.sql'), 'utf8');
    const backfill = migration.slice(migration.lastIndexOf('INSERT INTO case_holder')).replace(/;\s*$/, '');
    await testApp.database.db.execute(sql.raw(`${backfill} AND c.authority_id = '${team.council.id}'`));
    const spells = await queryRows<{ case_id: string; officer_id: string | null; held_from: string; change: string; open: boolean }>(
      testApp.database.db,
      sql`SELECT case_id, officer_id, to_char(held_from AT TIME ZONE 'Europe/London', 'YYYY-MM-DD HH24:MI') AS held_from, change, held_to IS NULL AS open FROM case_holder WHERE authority_id = ${team.council.id} ORDER BY held_from`,
    );
    expect(spells).toEqual([
      { case_id: waiting.caseId, officer_id: null, held_from: '2026-10-01 00:00', change: 'carried-over', open: true },
      { case_id: held.caseId, officer_id: team.officer.user.id, held_from: expect.stringMatching(/ 00:00$/), change: 'carried-over', open: true },
    ]);
  });
});

describe('allocating from the unallocated queue (SEND Code of Practice 2015, 9.23)', () => {
  it('gives two waiting cases to an officer at once: out of the queue, the officer’s count up by two, a spell, an event, an audit entry and a letter naming the officer for each', async () => {
    const first = await aWaitingFamily();
    const second = await aWaitingCase();
    const before = await openCases(officer.user.id);
    const { result, replayed } = await allocation().allocate(manager.actor, { cases: [first.caseId, second.caseId], officer: officer.user.id });
    expect(replayed).toBe(false);
    expect(result.officer).toEqual({ id: officer.user.id, name: 'Bex Smith' });
    expect(result.cases.map((entry) => [entry.caseId, entry.previousOfficerId])).toEqual([
      [first.caseId, null],
      [second.caseId, null],
    ]);
    // The second family has no one on the record to write to: the allocation stands without a letter.
    expect(result.cases[0]!.letterId).toEqual(expect.any(String));
    expect(result.cases[1]!.letterId).toBeNull();
    expect(result.unsent).toBe(1);

    for (const created of [first, second]) expect(await caseRow(created.caseId)).toMatchObject({ officer_id: officer.user.id, unallocated_since: null });
    expect(await openCases(officer.user.id)).toBe(before + 2);
    const queue = await testApp.services.caseload.unallocatedQueue(manager.actor, { pageSize: 50 });
    expect(queue.cases.map((entry) => entry.caseId)).not.toContain(first.caseId);

    const spells = await holders(first.caseId);
    expect(spells).toEqual([
      { officer_id: null, change: 'request-recorded', reason: null, open: false, event_id: null, recorded_by: manager.user.id },
      { officer_id: officer.user.id, change: 'allocated', reason: null, open: true, event_id: result.cases[0]!.eventId, recorded_by: manager.user.id },
    ]);
    const [event] = await queryRows<{ type: string; occurred_on: string; payload: Record<string, unknown> }>(
      testApp.database.db,
      sql`SELECT type, occurred_on::text AS occurred_on, payload FROM case_event WHERE id = ${result.cases[0]!.eventId}`,
    );
    expect(event).toEqual({ type: 'case.allocated', occurred_on: '2026-11-23', payload: { officerId: officer.user.id, fromOfficerId: null } });
    const [audit] = await queryRows<{ action: string; details: Record<string, unknown> }>(testApp.database.db, sql`SELECT action, details FROM audit_event WHERE entity_id = ${first.caseId} AND action = 'case.allocated'`);
    expect(audit!.details).toMatchObject({ officerId: { from: null, to: officer.user.id }, eventId: result.cases[0]!.eventId });
    const [letter] = await queryRows<{ letter_type: string; subject: string; body_text: string; recipient_name: string }>(
      testApp.database.db,
      sql`SELECT letter_type, subject, body_text, recipient_name FROM letter WHERE id = ${result.cases[0]!.letterId}`,
    );
    expect(letter).toMatchObject({ letter_type: 'officer-allocated', recipient_name: 'Sarah Nowak' });
    expect(letter!.subject).toContain('is now Bex Smith');
    expect(letter!.body_text).toContain('From 23 November 2026, Bex Smith is the named officer');
    expect(letter!.body_text).toContain('was not yet named');
  });

  it('is for team managers and service leads: a case officer, an administrator and a board member are refused, nothing written', async () => {
    const waiting = await aWaitingCase();
    const admin = await anOfficer(testApp, { role: 'admin' });
    const board = await anOfficer(testApp, { role: 'board_member' });
    for (const someone of [officer, admin, board]) {
      await refusedWith([waiting.caseId], () => allocation().allocate(someone.actor, { cases: [waiting.caseId], officer: officer.user.id }), ForbiddenError);
    }
    const { result } = await allocation().allocate(lead.actor, { cases: [waiting.caseId], officer: other.user.id });
    expect(result.cases).toHaveLength(1);
  });

  it('refuses no case chosen and no officer chosen, each against its field, nothing written', async () => {
    const waiting = await aWaitingCase();
    const failure = await refusedWith([waiting.caseId], () => allocation().allocate(manager.actor, { cases: [], officer: '' }), ValidationError);
    expect(problemsOf(failure)).toEqual([
      ['cases', 'Select the cases to allocate'],
      ['officer', 'Select the officer to allocate the cases to'],
    ]);
  });

  it('refuses an unknown officer, an officer of another council, one whose account is deactivated and one who is not a case officer, nothing written', async () => {
    const waiting = await aWaitingCase();
    const elsewhere = await anAuthority(testApp.database.db);
    const stranger = await anOfficer(testApp, { authorityId: elsewhere.id });
    const gone = await anOfficer(testApp, { name: 'Gone Officer' });
    const admin = await anOfficer(testApp, { role: 'admin' });
    await testApp.services.users.deactivate(admin.actor, gone.user.id, { version: 1 });
    const cases = [
      ['01937a40-2c1d-7e3f-8a9b-0c1d2e3f4a5b', 'Select an officer from the list: there is no such officer in the council'],
      ['not-an-id', 'Select an officer from the list: there is no such officer in the council'],
      [stranger.user.id, 'Select an officer from the list: there is no such officer in the council'],
      [gone.user.id, 'Gone Officer’s account is deactivated: choose an active officer'],
      [manager.user.id, `${manager.user.name} is not a case officer: choose a case officer`],
    ];
    for (const [officerId, message] of cases) {
      const failure = await refusedWith([waiting.caseId], () => allocation().allocate(manager.actor, { cases: [waiting.caseId], officer: officerId! }), ValidationError);
      expect(problemsOf(failure)).toEqual([['officer', message]]);
    }
  });

  it('refuses the whole allocation for one case that cannot be given: another council’s, unknown, closed, or already held; nothing half-done', async () => {
    const waiting = await aWaitingCase();
    const team = await aTeam(testApp);
    const theirs = await aCase(testApp, team.manager.actor);
    await refusedWith([waiting.caseId, theirs.caseId], () => allocation().allocate(manager.actor, { cases: [waiting.caseId, theirs.caseId], officer: officer.user.id }), NotFoundError);
    await refusedWith([waiting.caseId], () => allocation().allocate(manager.actor, { cases: [waiting.caseId, '01937a40-2c1d-7e3f-8a9b-0c1d2e3f4a5b'], officer: officer.user.id }), NotFoundError);

    const closed = await aCase(testApp, manager.actor, { stage: 'closed' });
    const closing = await refusedWith([waiting.caseId, closed.caseId], () => allocation().allocate(manager.actor, { cases: [waiting.caseId, closed.caseId], officer: officer.user.id }), ConflictError);
    expect(closing.message).toBe(`Case ${closed.reference} is closed: a closed case keeps the officer it had`);

    const held = await aCase(testApp, other.actor);
    const taken = await refusedWith([waiting.caseId, held.caseId], () => allocation().allocate(manager.actor, { cases: [waiting.caseId, held.caseId], officer: officer.user.id }), ConflictError);
    expect(taken.message).toBe(`Case ${held.reference} is already allocated to Daniel Osei since 2026-11-23. Nothing was allocated`);
  });

  it('refuses when the family’s letter cannot be written (the council’s details for letters not set), said against the cases, nothing written', async () => {
    const team = await aTeam(testApp);
    const waiting = await aCase(testApp, team.manager.actor);
    await aPerson(testApp, team.manager.actor, waiting.childId, { mainContact: true });
    const before = await caseRow(waiting.caseId);
    const failure = await allocation().allocate(team.manager.actor, { cases: [waiting.caseId], officer: team.officer.user.id }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ValidationError);
    expect((failure as ValidationError).problems[0]).toMatchObject({ field: 'cases', message: expect.stringContaining('The council’s details for letters are not set') });
    expect(await caseRow(waiting.caseId)).toEqual(before);
    expect(await holders(waiting.caseId)).toHaveLength(1);
  });

  it('two managers allocating the same case at once: one wins, the other is told who has it since when, and none of its cases moves', async () => {
    const shared = await aWaitingCase();
    const mine = await aWaitingCase();
    const theirs = await aWaitingCase();
    const outcomes = await Promise.allSettled([
      allocation().allocate(manager.actor, { cases: [mine.caseId, shared.caseId], officer: officer.user.id }),
      allocation().allocate(lead.actor, { cases: [shared.caseId, theirs.caseId], officer: other.user.id }),
    ]);
    const won = outcomes.findIndex((outcome) => outcome.status === 'fulfilled');
    const lost = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
    expect(won).toBeGreaterThanOrEqual(0);
    expect(lost.reason).toBeInstanceOf(ConflictError);
    const winner = won === 0 ? { name: 'Bex Smith', id: officer.user.id, loserOnly: theirs } : { name: 'Daniel Osei', id: other.user.id, loserOnly: mine };
    expect((lost.reason as Error).message).toBe(`Case ${shared.reference} is already allocated to ${winner.name} since 2026-11-23. Nothing was allocated`);
    expect((await caseRow(shared.caseId)).officer_id).toBe(winner.id);
    expect(await caseRow(winner.loserOnly.caseId)).toMatchObject({ officer_id: null, unallocated_since: '2026-11-23' });
    expect(await holders(winner.loserOnly.caseId)).toHaveLength(1);
    expect(await holders(shared.caseId)).toHaveLength(2);
  });

  it('answers a retry with the same Idempotency-Key as the first time, writing nothing more; the key with another request is refused', async () => {
    const waiting = await aWaitingCase();
    const first = await allocation().allocate(manager.actor, { cases: [waiting.caseId], officer: officer.user.id }, { idempotencyKey: 'allocate-1' });
    const before = await written([waiting.caseId]);
    const again = await allocation().allocate(manager.actor, { cases: [waiting.caseId], officer: officer.user.id }, { idempotencyKey: 'allocate-1' });
    expect(again).toEqual({ result: first.result, replayed: true });
    expect(await written([waiting.caseId])).toEqual(before);
    await expect(allocation().allocate(manager.actor, { cases: [waiting.caseId], officer: other.user.id }, { idempotencyKey: 'allocate-1' })).rejects.toThrow(/different request/);
  });
});

describe('changing a case’s officer (SEND Code of Practice 2015, 9.23)', () => {
  it('moves the case to another officer with the manager’s reason: the counts follow, a second spell, a case.reallocated event, an audit entry, and the family told', async () => {
    const held = await aCase(testApp, officer.actor);
    await aPerson(testApp, officer.actor, held.childId, { forename: 'Imran', surname: 'Khan', mainContact: true });
    const [fromBefore, toBefore] = [await openCases(officer.user.id), await openCases(other.user.id)];
    const { result } = await allocation().reallocate(manager.actor, held.caseId, { officer: other.user.id, reason: '  Keeping the school’s pupils with one officer  ', currentOfficerId: officer.user.id });
    expect(result.cases[0]).toMatchObject({ caseId: held.caseId, officerId: other.user.id, previousOfficerId: officer.user.id, letterId: expect.any(String) });
    expect([await openCases(officer.user.id), await openCases(other.user.id)]).toEqual([fromBefore - 1, toBefore + 1]);
    expect(await holders(held.caseId)).toEqual([
      { officer_id: officer.user.id, change: 'request-recorded', reason: null, open: false, event_id: null, recorded_by: officer.user.id },
      { officer_id: other.user.id, change: 'reallocated', reason: 'Keeping the school’s pupils with one officer', open: true, event_id: result.cases[0]!.eventId, recorded_by: manager.user.id },
    ]);
    const [event] = await queryRows<{ type: string }>(testApp.database.db, sql`SELECT type FROM case_event WHERE id = ${result.cases[0]!.eventId}`);
    expect(event!.type).toBe('case.reallocated');
    const [letter] = await queryRows<{ body_text: string }>(testApp.database.db, sql`SELECT body_text FROM letter WHERE id = ${result.cases[0]!.letterId}`);
    expect(letter!.body_text).toContain('Daniel Osei is the named officer');
    expect(letter!.body_text).toContain('was Bex Smith.');

    const view = await allocation().caseOfficer(manager.actor, held.caseId);
    expect(view.officer).toEqual({ id: other.user.id, name: 'Daniel Osei' });
    expect(view.holders.map((spell) => [spell.officerName, spell.change, spell.from, spell.to, spell.reason])).toEqual([
      ['Daniel Osei', 'reallocated', '2026-11-23', null, 'Keeping the school’s pupils with one officer'],
      ['Bex Smith', 'request-recorded', '2026-11-23', '2026-11-23', null],
    ]);
    expect(view.officers.map((entry) => entry.id)).not.toContain(other.user.id);
  });

  it('refuses without a reason, to the officer who holds it already, a case moved since the manager looked, and a closed case; nothing written', async () => {
    const held = await aCase(testApp, officer.actor);
    const noReason = await refusedWith([held.caseId], () => allocation().reallocate(manager.actor, held.caseId, { officer: '', reason: ' ' }), ValidationError);
    expect(problemsOf(noReason)).toEqual([
      ['officer', 'Select the officer to give the case to'],
      ['reason', 'Say why the case is changing officer'],
    ]);
    const same = await refusedWith([held.caseId], () => allocation().reallocate(manager.actor, held.caseId, { officer: officer.user.id, reason: 'Balance' }), ValidationError);
    expect(problemsOf(same)).toEqual([['officer', `Bex Smith already holds case ${held.reference}: choose another officer`]]);
    const stale = await refusedWith([held.caseId], () => allocation().reallocate(manager.actor, held.caseId, { officer: other.user.id, reason: 'Balance', currentOfficerId: null }), ConflictError);
    expect(stale.message).toBe(`Case ${held.reference} was given to Bex Smith on 2026-11-23, while you were choosing. Nothing was changed`);
    const closed = await aCase(testApp, officer.actor, { stage: 'closed' });
    await refusedWith([closed.caseId], () => allocation().reallocate(manager.actor, closed.caseId, { officer: other.user.id, reason: 'Balance' }), ConflictError);
    await refusedWith([held.caseId], () => allocation().reallocate(officer.actor, held.caseId, { officer: other.user.id, reason: 'Balance' }), ForbiddenError);
    await expect(allocation().reallocate(manager.actor, 'not-a-case', { officer: other.user.id, reason: 'Balance' })).rejects.toThrow(NotFoundError);
  });

  it('shows anyone working on cases the officer and who has held the case, logging the view; the form’s choices only to a manager, and only while the case is open', async () => {
    const held = await aCase(testApp, officer.actor);
    const asOfficer = await allocation().caseOfficer(officer.actor, held.caseId);
    expect(asOfficer).toMatchObject({ mayChange: false, officers: [], officer: { id: officer.user.id, name: 'Bex Smith' } });
    const asManager = await allocation().caseOfficer(manager.actor, held.caseId);
    expect(asManager.mayChange).toBe(true);
    expect(asManager.officers.length).toBeGreaterThan(0);
    const [logged] = await queryRows<{ n: number }>(testApp.database.db, sql`SELECT count(*)::int AS n FROM access_log WHERE child_id = ${held.childId} AND view = 'officer'`);
    expect(Number(logged!.n)).toBe(2);
    const closed = await aCase(testApp, officer.actor, { stage: 'closed' });
    expect((await allocation().caseOfficer(manager.actor, closed.caseId)).mayChange).toBe(false);
  });
});

describe('a restricted record', () => {
  it('hides the case’s officer page from an officer who does not hold it, as a case that does not exist, and logs the refusal; its holder and managers see it', async () => {
    const held = await aCase(testApp, officer.actor);
    await testApp.database.db.execute(sql`UPDATE child SET sensitive = true WHERE id = ${held.childId}`);
    await expect(allocation().caseOfficer(other.actor, held.caseId)).rejects.toThrow(NotFoundError);
    const [refused] = await queryRows<{ n: number }>(testApp.database.db, sql`SELECT count(*)::int AS n FROM access_log WHERE child_id = ${held.childId} AND view = 'refused:officer'`);
    expect(Number(refused!.n)).toBe(1);
    expect((await allocation().caseOfficer(officer.actor, held.caseId)).officer?.id).toBe(officer.user.id);
    // Managers see restricted records (the one access policy), so they may move the case.
    const { result } = await allocation().reallocate(manager.actor, held.caseId, { officer: other.user.id, reason: 'Safeguarding: an officer the family knows' });
    expect(result.cases[0]!.officerId).toBe(other.user.id);
    await expect(allocation().caseOfficer(officer.actor, held.caseId)).rejects.toThrow(NotFoundError);
  });
});

describe(`the caseload for the API (${testEngine})`, () => {
  it('gives managers each active case officer’s open cases and the whole queue with the day each case joined it, logging the children listed', async () => {
    const team = await aTeam(testApp);
    const second = await anOfficer(testApp, { authorityId: team.council.id, name: 'Zed Second' });
    await aCase(testApp, team.officer.actor);
    await aCase(testApp, team.officer.actor);
    const waiting = await aCase(testApp, team.manager.actor);
    await testApp.database.db.execute(sql`UPDATE ehc_case SET unallocated_since = '2026-11-02' WHERE id = ${waiting.caseId}`);
    const caseload = await allocation().caseload(team.manager.actor);
    expect(caseload.officers).toEqual([
      { id: team.officer.user.id, name: team.officer.user.name, openCases: 2 },
      { id: second.user.id, name: 'Zed Second', openCases: 0 },
    ]);
    expect(caseload.unallocated).toEqual({ total: 1, cases: [{ caseId: waiting.caseId, reference: waiting.reference, childId: waiting.childId, stage: 'request', unallocatedSince: '2026-11-02' }] });
    const [logged] = await queryRows<{ child_ids: string[] }>(testApp.database.db, sql`SELECT child_ids FROM list_access_log WHERE actor_id = ${team.manager.user.id} AND view = 'api:caseload'`);
    expect(logged!.child_ids).toEqual([waiting.childId]);
    await expect(allocation().caseload(team.officer.actor)).rejects.toThrow(ForbiddenError);
  });
});

describe('the council’s cap per officer (issue 16: allocation respects the cap)', () => {
  /** An officer at 0.1 of full time: a capacity of 4.0 under the default cap, so two cases without a school (2.5 each) go over it. */
  async function aPartTimeOfficer(name: string) {
    const partTime = await anOfficer(testApp, { name });
    await testApp.database.db.execute(sql`UPDATE staff_user SET fte = 0.1 WHERE id = ${partTime.user.id}`);
    return partTime;
  }
  const spellOf = async (caseId: string) =>
    (await queryRows<{ officer_id: string | null; reason: string | null }>(testApp.database.db, sql`SELECT officer_id, reason FROM case_holder WHERE case_id = ${caseId} AND held_to IS NULL`))[0];

  it('allocates within the cap without a reason; over it, refuses without the manager’s reason and saves nothing; with it, keeps the reason on each spell and in the audit log', async () => {
    const small = await aPartTimeOfficer('Sol Capped');
    const within = await aWaitingCase();
    await allocation().allocate(manager.actor, { cases: [within.caseId], officer: small.user.id });
    expect(await spellOf(within.caseId)).toEqual({ officer_id: small.user.id, reason: null });

    const over = await aWaitingCase();
    const refused = await allocation().allocate(manager.actor, { cases: [over.caseId], officer: small.user.id }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).problems).toEqual([{ field: 'overCapReason', message: 'Sol Capped would be at 5.0 of 4.0, over the cap: give the reason for going over it, or choose another officer' }]);
    expect(await caseRow(over.caseId)).toMatchObject({ officer_id: null });

    await allocation().allocate(manager.actor, { cases: [over.caseId], officer: small.user.id, overCapReason: 'Sol knows the family' });
    expect(await spellOf(over.caseId)).toEqual({ officer_id: small.user.id, reason: 'Over the cap: Sol knows the family' });
    const audit = await queryRows<{ details: Record<string, unknown> }>(testApp.database.db, sql`SELECT details FROM audit_event WHERE action = 'caseload.over-cap' AND entity_id = ${small.user.id}`);
    expect(audit).toEqual([{ details: { cases: [over.caseId], load: { from: '2.5', to: '5.0' }, capacity: '4.0', overCapReason: 'Sol knows the family' } }]);
  });

  it('a reallocation over the cap needs the reason too, kept after the reason for the change', async () => {
    const small = await aPartTimeOfficer('Sue Capped');
    await aCase(testApp, small.actor);
    const held = await aCase(testApp, officer.actor);
    await expect(allocation().reallocate(manager.actor, held.caseId, { officer: small.user.id, reason: 'Balancing', currentOfficerId: officer.user.id })).rejects.toThrow(/over the cap/);
    expect(await caseRow(held.caseId)).toMatchObject({ officer_id: officer.user.id });
    await allocation().reallocate(manager.actor, held.caseId, { officer: small.user.id, reason: 'Balancing', currentOfficerId: officer.user.id, overCapReason: 'Short-term only' });
    expect(await spellOf(held.caseId)).toEqual({ officer_id: small.user.id, reason: 'Balancing. Over the cap: Short-term only' });
  });
});
