import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows, type Database } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { testEngine } from '../../test/database.ts';
import { aCase, anAuthority, anOfficer } from '../../test/factories/index.ts';
import type { Actor } from '../auth/index.ts';

// officer_caseload holds each officer's count of open cases, kept by triggers on ehc_case, and My
// cases shows it on every page. It must agree with the cases after any change to them, however
// many rows a statement touches, and concurrent moves of cases must not deadlock on it.

const clock = fixedClock('2026-11-23T10:00:00Z');
let testApp: TestApp;
let db: Database;
let authorityId: string;
let first: Actor;
let second: Actor;
let manager: Actor;
let cases: { caseId: string }[];

// These statements look across officers and authorities on purpose, so they name tables unquoted.
// Given a council, they look at that council's officers only.
const held = async (council?: string) =>
  Object.fromEntries(
    (
      await queryRows<{ officer_id: string; open_cases: number }>(
        db,
        sql.raw(`SELECT officer_id, open_cases FROM officer_caseload WHERE open_cases > 0${council ? ` AND authority_id = '${council}'` : ''}`),
      )
    ).map((row) => [row.officer_id, Number(row.open_cases)]),
  );
const counted = async () =>
  Object.fromEntries(
    (
      await queryRows<{ officer_id: string; n: number | string }>(
        db,
        sql.raw('SELECT officer_id, count(*) AS n FROM ehc_case WHERE closed_on IS NULL AND officer_id IS NOT NULL GROUP BY officer_id'),
      )
    ).map((row) => [row.officer_id, Number(row.n)]),
  );
const run = (statement: string) => db.execute(sql.raw(statement));
/** A decision not to assess, by the council's manager: it closes the case. */
const REFUSAL = { outcome: 'do-not-assess', decidedOn: '2026-10-20', reasons: 'Needs met by the school’s SEN support' };

const request = (actor: Actor, forename: string, index: number) =>
  aCase(testApp, actor, {
    receivedOn: '2026-10-01',
    child: { forename, surname: 'Caseload', dateOfBirth: '2015-01-01', sex: 'F', postcode: `B${(index % 9) + 1} 1AA` },
  });

describe(`each officer's count of open cases (${testEngine})`, () => {
  beforeAll(async () => {
    testApp = await createTestApp({ clock });
    db = testApp.database.db;
  });

  afterAll(async () => {
    await testApp?.close();
  });

  // Each test has a council of its own: two case officers and a manager, the first officer holding
  // three cases, the second one, and one waiting in the unallocated queue.
  beforeEach(async () => {
    authorityId = (await anAuthority(db)).id;
    first = (await anOfficer(testApp, { authorityId })).actor;
    second = (await anOfficer(testApp, { authorityId })).actor;
    manager = (await anOfficer(testApp, { authorityId, role: 'team_manager' })).actor;
    cases = [];
    for (let index = 0; index < 3; index += 1) cases.push(await request(first, `First${index}`, index));
    await request(second, 'Second', 3);
    await request(manager, 'Unallocated', 4);
  });

  it('counts a new case for the officer who holds it, none for a case left unallocated, and drops a case when it closes', async () => {
    const { decisions, worklist } = testApp.services;
    expect(await held(authorityId)).toEqual({ [first.id]: 3, [second.id]: 1 });
    expect((await worklist.worklist(first)).total).toBe(3);

    await decisions.decideWhetherToAssess(manager, cases[0]!.caseId, REFUSAL);
    expect(await held(authorityId)).toEqual({ [first.id]: 2, [second.id]: 1 });
    expect((await worklist.worklist(first)).total).toBe(2);
    expect((await worklist.worklist(manager)).total).toBe(0);
  });

  it('agrees with the cases after statements that move, close, reopen, add and remove many cases at once', async () => {
    // One of the first officer's cases closed, to reopen and to open again below.
    await testApp.services.decisions.decideWhetherToAssess(manager, cases[0]!.caseId, REFUSAL);
    // Every case of the first officer's to the second, in one statement.
    await run(`UPDATE ehc_case SET officer_id = '${second.id}' WHERE officer_id = '${first.id}'`);
    expect(await held()).toEqual(await counted());
    // Half back again, and the unallocated case to the first officer.
    await run(`UPDATE ehc_case SET officer_id = '${first.id}', unallocated_since = NULL
                WHERE closed_on IS NULL AND authority_id = '${authorityId}' AND (officer_id IS NULL OR id IN (SELECT id FROM ehc_case WHERE officer_id = '${second.id}' ORDER BY id LIMIT 2))`);
    expect(await held()).toEqual(await counted());
    // A change that moves nothing leaves the counts alone.
    await run(`UPDATE ehc_case SET next_deadline_title = next_deadline_title WHERE authority_id = '${authorityId}'`);
    expect(await held()).toEqual(await counted());
    // Closing and reopening.
    await run(`UPDATE ehc_case SET closed_on = '2026-11-01' WHERE officer_id = '${second.id}'`);
    expect(await held()).toEqual(await counted());
    expect((await held())[second.id]).toBeUndefined();
    await run(`UPDATE ehc_case SET closed_on = NULL WHERE officer_id = '${second.id}' AND stage <> 'closed'`);
    expect(await held()).toEqual(await counted());
    // A new open case for each child whose case has closed, then removed. (The scale seed's test
    // checks the counts after a COPY of thousands of cases.)
    await run(`INSERT INTO ehc_case (id, authority_id, child_id, reference, stage, officer_id, opened_on, created_at)
               SELECT gen_random_uuid(), authority_id, child_id, reference || '-again', 'request', '${second.id}', '2026-11-02', now()
                 FROM ehc_case WHERE closed_on IS NOT NULL AND authority_id = '${authorityId}'`);
    expect(await held()).toEqual(await counted());
    await run(`DELETE FROM ehc_case WHERE authority_id = '${authorityId}' AND reference LIKE '%-again'`);
    expect(await held()).toEqual(await counted());
    expect((await testApp.services.worklist.worklist(second)).total).toBe((await counted())[second.id] ?? 0);
  });

  it('keeps each authority’s officers apart', async () => {
    const otherOfficer = (await anOfficer(testApp, { authorityId: (await anAuthority(db)).id })).actor;
    await request(otherOfficer, 'Elsewhere', 5);
    expect((await testApp.services.worklist.worklist(otherOfficer)).total).toBe(1);
    expect(await held()).toEqual(await counted());
  });

  it('moves cases both ways between two officers at once without a deadlock or a lost count', async () => {
    const firstCases = (await queryRows<{ id: string }>(db, sql.raw(`SELECT id FROM ehc_case WHERE officer_id = '${first.id}' AND closed_on IS NULL`))).map((row) => row.id);
    const secondCases = (await queryRows<{ id: string }>(db, sql.raw(`SELECT id FROM ehc_case WHERE officer_id = '${second.id}' AND closed_on IS NULL`))).map((row) => row.id);
    expect(firstCases.length).toBeGreaterThan(0);
    expect(secondCases.length).toBeGreaterThan(0);
    const move = (ids: string[], to: Actor) =>
      db.transaction(async (tx) => {
        await tx.execute(sql.raw(`UPDATE ehc_case SET officer_id = '${to.id}' WHERE id IN (${ids.map((id) => `'${id}'`).join(', ')})`));
        // Hold the transaction open a moment so the other one's move overlaps it.
        await tx.execute(sql.raw('SELECT pg_sleep(0.05)'));
      });
    for (let round = 0; round < 5; round += 1) {
      const [toSecond, toFirst] = round % 2 === 0 ? [firstCases, secondCases] : [secondCases, firstCases];
      await Promise.all([move(toSecond, round % 2 === 0 ? second : first), move(toFirst, round % 2 === 0 ? first : second)]);
      expect(await held()).toEqual(await counted());
    }
  });
});
