// The hand-over of a leaving officer's whole caseload through the service (issue 16, part 4): the
// suggested spread, then the manager's confirmation in one transaction, all or nothing. Each case
// gets a spell in its holders, a case.reallocated event, an audit entry and the letter telling the
// family who their officer now is (SEND Code of Practice 2015, 9.23). Each test has a council of its
// own, so the officers who may receive cases are only that test's.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, anAuthority, anOfficer, aPerson, aSchool, aStaffTeam, councilDetailsSet, type TestOfficer } from '../../test/factories/index.ts';

let testApp: TestApp;
// Monday 23 November 2026.
const clock = fixedClock('2026-11-23T10:00:00Z');

// The statements each confirmation runs, to show it is batched (issue 16's measure: 500 cases in one confirmation under 2 s).
let statements: string[] | undefined;

beforeAll(async () => {
  testApp = await createTestApp({ clock, onQuery: (query) => statements?.push(query) });
});
afterAll(async () => {
  await testApp?.close();
});

const allocation = () => testApp.services.allocation;

interface Council {
  manager: TestOfficer;
  admin: TestOfficer;
  leaving: TestOfficer;
  sam: TestOfficer;
  ada: TestOfficer;
}

async function aCouncil(): Promise<Council> {
  const { id: authorityId } = await anAuthority(testApp.database.db);
  const council = {
    manager: await anOfficer(testApp, { authorityId, role: 'team_manager' }),
    admin: await anOfficer(testApp, { authorityId, role: 'admin' }),
    leaving: await anOfficer(testApp, { authorityId, name: 'Leah Gone' }),
    sam: await anOfficer(testApp, { authorityId, name: 'Sam Patel' }),
    ada: await anOfficer(testApp, { authorityId, name: 'Ada Obi' }),
  };
  // The family's letter names the council's information and advice service.
  await councilDetailsSet(testApp, council.admin.actor);
  return council;
}

/** A case held by `holder`, its child at `schoolId`, with a parent to write to. */
async function aHeldCase(holder: TestOfficer, schoolId?: string) {
  const created = await aCase(testApp, holder.actor, schoolId ? { child: { schoolId } } : {});
  await aPerson(testApp, holder.actor, created.childId, { forename: 'Sarah', surname: 'Nowak', mainContact: true });
  return created;
}

async function setFte(council: Council, officer: TestOfficer, fte: string) {
  const { user } = await testApp.services.users.user(council.admin.actor, officer.user.id);
  await testApp.services.users.setCapacity(council.admin.actor, officer.user.id, { version: user.version, fte });
}

/** Everything a change of holder writes for the cases, counted. */
async function written(caseIds: readonly string[]) {
  const [row] = await queryRows<Record<string, unknown>>(
    testApp.database.db,
    sql`SELECT (SELECT json_agg(officer_id ORDER BY id) FROM ehc_case WHERE id = ANY(${pgArray(caseIds)}::uuid[])) AS officers,
               (SELECT count(*)::int FROM case_holder WHERE case_id = ANY(${pgArray(caseIds)}::uuid[])) AS spells,
               (SELECT count(*)::int FROM case_event WHERE case_id = ANY(${pgArray(caseIds)}::uuid[])) AS events,
               (SELECT count(*)::int FROM audit_event WHERE entity_id = ANY(${pgArray(caseIds)}::text[])) AS audit,
               (SELECT count(*)::int FROM letter WHERE case_id = ANY(${pgArray(caseIds)}::uuid[])) AS letters`,
  );
  return row;
}

/** A list as one PostgreSQL array literal: drizzle spreads a JavaScript array into a row. */
const pgArray = (values: readonly string[]) => `{${values.join(',')}}`;

const problemsOf = (error: unknown) => (error as ValidationError).problems.map((problem) => [problem.field, problem.message]);

describe('the suggested hand-over', () => {
  it('keeps a school’s pupils with one officer with room, explains each suggestion, never suggests a leaving officer, and logs the children listed', async () => {
    const council = await aCouncil();
    const elm = await aSchool(testApp.database.db, { name: 'Elm Primary' });
    const cases = [];
    for (let n = 0; n < 3; n++) cases.push(await aHeldCase(council.leaving, elm.id));
    const alsoLeaving = await anOfficer(testApp, { authorityId: council.manager.actor.authorityId, name: 'Aaron Also' });
    const { user } = await testApp.services.users.user(council.admin.actor, alsoLeaving.user.id);
    await testApp.services.users.setLeavingDate(council.manager.actor, alsoLeaving.user.id, { version: user.version, leavingOn: '2026-12-31' });
    // Sam already holds a pupil of Elm Primary.
    await aHeldCase(council.sam, elm.id);

    const plan = await allocation().handoverPlan(council.manager.actor, council.leaving.user.id);
    expect(plan.officer.name).toBe('Leah Gone');
    expect(plan.recipients.map((entry) => entry.name)).toEqual(['Ada Obi', 'Sam Patel']);
    expect(plan.cases).toHaveLength(3);
    for (const entry of plan.cases) {
      expect(entry.suggestion).toMatchObject({ officerName: 'Sam Patel', overCap: false });
      expect(entry.suggestion!.explanation).toMatch(/^Keeps the 3 pupils of Elm Primary together, with the 1 pupil Sam Patel already holds there; Sam Patel has room: \d+\.\d of 40\.0$/);
    }
    const [logged] = await queryRows<{ count: number }>(testApp.database.db, sql`SELECT cardinality(child_ids)::int AS count FROM list_access_log WHERE actor_id = ${council.manager.user.id} AND view = 'handover' AND child_ids @> ${pgArray(cases.map((entry) => entry.childId))}::uuid[]`);
    expect(logged!.count).toBe(3);
  });

  it('reaches across teams: a team manager hands over an officer of another team, to any officer of the service', async () => {
    const council = await aCouncil();
    const authorityId = council.manager.actor.authorityId;
    await aStaffTeam(testApp, { authorityId, managerId: council.manager.user.id, memberIds: [council.manager.user.id, council.sam.user.id], name: 'North' });
    const otherManager = await anOfficer(testApp, { authorityId, role: 'team_manager' });
    await aStaffTeam(testApp, { authorityId, managerId: otherManager.user.id, memberIds: [council.leaving.user.id, council.ada.user.id], name: 'South' });
    await aHeldCase(council.leaving);

    const plan = await allocation().handoverPlan(council.manager.actor, council.leaving.user.id);
    expect(plan.officer.name).toBe('Leah Gone');
    expect(plan.recipients.map((entry) => entry.name)).toEqual(['Ada Obi', 'Sam Patel']);
  });

  it('is for managers: a case officer is refused', async () => {
    const council = await aCouncil();
    await expect(allocation().handoverPlan(council.sam.actor, council.leaving.user.id)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('confirming the hand-over', () => {
  it('moves every case as chosen in one go: a holder spell, a case.reallocated event, an audit entry and the family’s letter each; then the leaver can be deactivated', async () => {
    const council = await aCouncil();
    const cases = [await aHeldCase(council.leaving), await aHeldCase(council.leaving), await aHeldCase(council.leaving)];
    const before = await written(cases.map((entry) => entry.caseId));
    const chosen = [
      { caseId: cases[0]!.caseId, officerId: council.sam.user.id },
      { caseId: cases[1]!.caseId, officerId: council.ada.user.id },
      { caseId: cases[2]!.caseId, officerId: council.sam.user.id },
    ];
    const { result } = await allocation().handOver(council.manager.actor, council.leaving.user.id, { cases: chosen });
    expect(result.cases).toHaveLength(3);
    expect(result.unsent).toBe(0);
    expect(result.recipients.map((entry) => entry.name).sort()).toEqual(['Ada Obi', 'Sam Patel']);
    const after = await written(cases.map((entry) => entry.caseId));
    expect(after).toMatchObject({ spells: Number(before!.spells) + 3, events: Number(before!.events) + 3, audit: Number(before!.audit) + 3, letters: Number(before!.letters) + 3 });
    for (const entry of chosen) {
      const [row] = await queryRows<{ officer_id: string; reason: string; type: string }>(
        testApp.database.db,
        sql`SELECT c.officer_id, h.reason, e.type FROM ehc_case c JOIN case_holder h ON h.case_id = c.id AND h.held_to IS NULL JOIN case_event e ON e.id = h.event_id WHERE c.id = ${entry.caseId}`,
      );
      expect(row).toEqual({ officer_id: entry.officerId, reason: 'Hand-over of Leah Gone’s caseload', type: 'case.reallocated' });
    }
    const [counts] = await queryRows<{ leaving: number; sam: number }>(
      testApp.database.db,
      sql`SELECT (SELECT coalesce(sum(open_cases), 0)::int FROM officer_caseload WHERE officer_id = ${council.leaving.user.id}) AS leaving,
                 (SELECT coalesce(sum(open_cases), 0)::int FROM officer_caseload WHERE officer_id = ${council.sam.user.id}) AS sam`,
    );
    expect(counts).toEqual({ leaving: 0, sam: 2 });
    const { user } = await testApp.services.users.user(council.admin.actor, council.leaving.user.id);
    await testApp.services.users.deactivate(council.admin.actor, council.leaving.user.id, { version: user.version });
  });

  it('runs the same number of statements for 2 cases as for 12: every case’s spell, event, audit entry and letter written together', async () => {
    const statementsFor = async (count: number) => {
      const council = await aCouncil();
      const cases = [];
      for (let n = 0; n < count; n++) cases.push(await aHeldCase(council.leaving));
      statements = [];
      const { result } = await allocation().handOver(council.manager.actor, council.leaving.user.id, {
        cases: cases.map((entry, index) => ({ caseId: entry.caseId, officerId: index % 2 === 0 ? council.sam.user.id : council.ada.user.id })),
        overCapReason: 'Everyone is busy',
      });
      const ran = statements.length;
      statements = undefined;
      expect(result.cases).toHaveLength(count);
      expect(result.unsent).toBe(0);
      return ran;
    };
    const few = await statementsFor(2);
    expect(await statementsFor(12)).toBe(few);
    expect(few).toBeLessThan(50);
  });

  it('refuses to take an officer over their cap without a recorded reason, nothing written; with one, keeps it with each case it covers', async () => {
    const council = await aCouncil();
    await setFte(council, council.sam, '0.1');
    const cases = [];
    for (let n = 0; n < 5; n++) cases.push(await aHeldCase(council.leaving));
    const chosen = cases.map((entry) => ({ caseId: entry.caseId, officerId: council.sam.user.id }));
    const before = await written(cases.map((entry) => entry.caseId));
    const refused = await allocation().handOver(council.manager.actor, council.leaving.user.id, { cases: chosen }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ValidationError);
    expect(problemsOf(refused)).toEqual([['overCapReason', expect.stringMatching(/^Sam Patel would be at \d+\.\d of 4\.0, over the cap: give the reason for going over it, or choose other officers$/)]]);
    expect(await written(cases.map((entry) => entry.caseId))).toEqual(before);

    await allocation().handOver(council.manager.actor, council.leaving.user.id, { cases: chosen, overCapReason: 'Sam knows these families; Ada is on leave' });
    const [row] = await queryRows<{ reason: string }>(testApp.database.db, sql`SELECT reason FROM case_holder WHERE case_id = ${cases[0]!.caseId} AND held_to IS NULL`);
    expect(row!.reason).toBe('Hand-over of Leah Gone’s caseload. Over the cap: Sam knows these families; Ada is on leave');
    const [audit] = await queryRows<{ details: { overCapReason: string } }>(testApp.database.db, sql`SELECT details FROM audit_event WHERE action = 'caseload.handed-over' AND entity_id = ${council.leaving.user.id}`);
    expect(audit!.details.overCapReason).toBe('Sam knows these families; Ada is on leave');
  });

  it('refuses the whole hand-over when one case was moved meanwhile, with a clear message, nothing half-done', async () => {
    const council = await aCouncil();
    const cases = [await aHeldCase(council.leaving), await aHeldCase(council.leaving)];
    const ids = cases.map((entry) => entry.caseId);
    await allocation().reallocate(council.manager.actor, cases[1]!.caseId, { officer: council.ada.user.id, reason: 'Ada knows the family' });
    const before = await written(ids);
    const refused = await allocation()
      .handOver(council.manager.actor, council.leaving.user.id, { cases: ids.map((caseId) => ({ caseId, officerId: council.sam.user.id })) })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ConflictError);
    expect((refused as Error).message).toBe(`Case ${cases[1]!.reference} was given to Ada Obi on 2026-11-23, while you were choosing. Nothing was changed`);
    expect(await written(ids)).toEqual(before);
  });

  it('refuses a recipient who is leaving, deactivated, the leaver themself, or not chosen, against the case’s field', async () => {
    const council = await aCouncil();
    const cases = [await aHeldCase(council.leaving), await aHeldCase(council.leaving), await aHeldCase(council.leaving)];
    const { user } = await testApp.services.users.user(council.admin.actor, council.ada.user.id);
    await testApp.services.users.setLeavingDate(council.admin.actor, council.ada.user.id, { version: user.version, leavingOn: '2027-01-29' });
    const before = await written(cases.map((entry) => entry.caseId));
    const refused = await allocation()
      .handOver(council.manager.actor, council.leaving.user.id, {
        cases: [
          { caseId: cases[0]!.caseId, officerId: council.ada.user.id },
          { caseId: cases[1]!.caseId, officerId: council.leaving.user.id },
          { caseId: cases[2]!.caseId, officerId: '' },
        ],
      })
      .catch((error: unknown) => error);
    expect(problemsOf(refused)).toEqual([
      [`to-${cases[0]!.caseId}`, 'Choose an officer from the list: an active case officer who is not leaving'],
      [`to-${cases[1]!.caseId}`, 'Leah Gone is the officer handing over: choose another officer'],
      [`to-${cases[2]!.caseId}`, `Choose the officer to receive case ${cases[2]!.reference}`],
    ]);
    expect(await written(cases.map((entry) => entry.caseId))).toEqual(before);
  });

  it('two managers confirming the same hand-over at once: one wins, the other is told, nothing half-done', async () => {
    const council = await aCouncil();
    const lead = await anOfficer(testApp, { authorityId: council.manager.actor.authorityId, role: 'service_lead' });
    const cases = [await aHeldCase(council.leaving), await aHeldCase(council.leaving), await aHeldCase(council.leaving)];
    const ids = cases.map((entry) => entry.caseId);
    const outcomes = await Promise.allSettled([
      allocation().handOver(council.manager.actor, council.leaving.user.id, { cases: ids.map((caseId) => ({ caseId, officerId: council.sam.user.id })) }),
      allocation().handOver(lead.actor, council.leaving.user.id, { cases: [...ids].reverse().map((caseId) => ({ caseId, officerId: council.ada.user.id })) }),
    ]);
    const won = outcomes.findIndex((outcome) => outcome.status === 'fulfilled');
    const lost = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
    expect(won).toBeGreaterThanOrEqual(0);
    expect(lost.reason).toBeInstanceOf(ConflictError);
    const winner = won === 0 ? council.sam.user.id : council.ada.user.id;
    const [row] = await queryRows<{ officers: string[]; spells: number }>(
      testApp.database.db,
      sql`SELECT array_agg(DISTINCT officer_id::text) AS officers, (SELECT count(*)::int FROM case_holder WHERE case_id = ANY(${pgArray(ids)}::uuid[])) AS spells FROM ehc_case WHERE id = ANY(${pgArray(ids)}::uuid[])`,
    );
    expect(row).toEqual({ officers: [winner], spells: 6 });
  });

  it('answers a retry with the same Idempotency-Key as the first time, writing nothing more', async () => {
    const council = await aCouncil();
    const held = await aHeldCase(council.leaving);
    const input = { cases: [{ caseId: held.caseId, officerId: council.sam.user.id }] };
    const first = await allocation().handOver(council.manager.actor, council.leaving.user.id, input, { idempotencyKey: 'handover-1' });
    const before = await written([held.caseId]);
    expect(await allocation().handOver(council.manager.actor, council.leaving.user.id, input, { idempotencyKey: 'handover-1' })).toEqual({ result: first.result, replayed: true });
    expect(await written([held.caseId])).toEqual(before);
  });
});

describe('a leaving date', () => {
  it('is set by a manager or an administrator, audited, must be a real date from today, and does not let the account be deactivated while cases are held', async () => {
    const council = await aCouncil();
    await aHeldCase(council.leaving);
    const version = async () => (await testApp.services.users.user(council.admin.actor, council.leaving.user.id)).user.version;
    const past = await testApp.services.users.setLeavingDate(council.manager.actor, council.leaving.user.id, { version: await version(), leavingOn: '2026-11-20' }).catch((error: unknown) => error);
    expect(problemsOf(past)).toEqual([['leavingOn-day', 'The leaving date must be today or later']]);
    const unreal = await testApp.services.users.setLeavingDate(council.manager.actor, council.leaving.user.id, { version: await version(), leavingOn: '2026-02-30' }).catch((error: unknown) => error);
    expect(problemsOf(unreal)).toEqual([['leavingOn-day', 'Enter the leaving date as a real date, like 29 1 2027']]);
    await expect(testApp.services.users.setLeavingDate(council.sam.actor, council.leaving.user.id, { version: await version(), leavingOn: '2026-12-31' })).rejects.toBeInstanceOf(ForbiddenError);

    await testApp.services.users.setLeavingDate(council.manager.actor, council.leaving.user.id, { version: await version(), leavingOn: '2026-12-31' });
    expect((await testApp.services.users.user(council.admin.actor, council.leaving.user.id)).user.leavingOn).toBe('2026-12-31');
    const [audit] = await queryRows<{ details: unknown }>(testApp.database.db, sql`SELECT details FROM audit_event WHERE action = 'staff.leaving-date-changed' AND entity_id = ${council.leaving.user.id}`);
    expect(audit!.details).toEqual({ leavingOn: { from: null, to: '2026-12-31' } });
    const caseloads = await testApp.services.caseload.caseloads(council.manager.actor);
    expect(caseloads.officers.find((entry) => entry.id === council.leaving.user.id)!.leavingOn).toBe('2026-12-31');

    const refused = await testApp.services.users.deactivate(council.admin.actor, council.leaving.user.id, { version: await version() }).catch((error: unknown) => error);
    expect(problemsOf(refused)).toEqual([['confirm', 'Leah Gone holds 1 open case. Hand them on to another officer before deactivating the account']]);
  });
});
