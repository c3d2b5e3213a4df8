import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { CASE_STAGES } from '../../domain/children/stages.ts';
import { fixedClock } from '../../lib/clock.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { signIn } from '../http.ts';
import { madeUpLaCode } from './authorities.ts';
import { aCase, anAuthority, anOfficer, aPerson, aSchool } from './index.ts';
import { loadAuthorityProfiles } from '../../db/seed/scale.ts';

// The builders themselves: what they make is what the services would have made.

let testApp: TestApp;
const clock = fixedClock('2026-11-23T10:00:00Z');

beforeAll(async () => {
  testApp = await createTestApp({ clock });
});
afterAll(async () => {
  await testApp?.close();
});

describe('the test factories', () => {
  it('anOfficer: staff of any role, each with an e-mail address of their own, who can sign in', async () => {
    const officer = await anOfficer(testApp);
    const manager = await anOfficer(testApp, { role: 'team_manager' });
    expect(officer.actor).toEqual({ kind: 'user', id: officer.user.id, authorityId: testApp.authorityId, roles: ['case_officer'] });
    expect(manager.user.role).toBe('team_manager');
    expect(manager.user.email).not.toBe(officer.user.email);
    await expect(signIn(testApp.app, manager.user.email, manager.password)).resolves.toBeDefined();
  });

  it('anAuthority: a council of its own LA code, whose officers belong to it', async () => {
    const [one, two] = [await anAuthority(testApp.database.db), await anAuthority(testApp.database.db)];
    expect(one.laCode).not.toBe(two.laCode);
    expect((await testApp.services.reference.findAuthorityByLaCode(one.laCode))?.id).toBe(one.id);
    const officer = await anOfficer(testApp, { authorityId: two.id });
    expect(officer.user.authorityId).toBe(two.id);
  });

  it('anAuthority: never a real council\'s LA code, however many files a worker has run before', async () => {
    const real = new Set(loadAuthorityProfiles().map((profile) => profile.laCode));
    const codes = Array.from({ length: 1000 }, (_, index) => madeUpLaCode(index + 1));
    expect(codes.filter((code) => real.has(code))).toEqual([]);
    expect(new Set(codes.slice(0, 470)).size).toBe(470);
    expect(codes.every((code) => /^\d{3}$/.test(code))).toBe(true);
  });

  it.each(CASE_STAGES)('aCase: a case at the %s stage, with the events and audit the services write', async (stage) => {
    const officer = await anOfficer(testApp);
    const created = await aCase(testApp, officer.actor, { stage });
    // Read from the tables: a closed case is no longer on the child's record.
    const [found] = await queryRows<{ stage: string; reference: string; closed: boolean }>(
      testApp.database.db,
      sql`SELECT stage, reference, closed_on IS NOT NULL AS closed FROM ehc_case WHERE id = ${created.caseId}`,
    );
    expect(found).toEqual({ stage, reference: created.reference, closed: stage === 'closed' });
    const events = await queryRows<{ type: string; occurred_on: string }>(
      testApp.database.db,
      sql`SELECT type, occurred_on FROM case_event WHERE case_id = ${created.caseId} ORDER BY occurred_on`,
    );
    expect(events[0]?.type).toBe('request.received');
    expect(events.every((event) => event.occurred_on <= clock.today())).toBe(true);
    const [audit] = await queryRows<{ n: number }>(testApp.database.db, sql`SELECT count(*)::int AS n FROM audit_event WHERE entity_id = ${created.caseId}`);
    expect(audit!.n).toBe(events.length);
  });

  it('aCase: takes the dates it is given and refuses a step that is not on the way', async () => {
    const officer = await anOfficer(testApp);
    const created = await aCase(testApp, officer.actor, { stage: 'assessment', receivedOn: '2026-06-01', stepDates: { 'assessment.agreed': '2026-07-10' } });
    const record = await testApp.services.children.childRecord(officer.actor, created.childId);
    expect(record.events.map((event) => [event.type, event.occurredOn])).toEqual([
      ['assessment.agreed', '2026-07-10'],
      ['request.received', '2026-06-01'],
    ]);
    await expect(aCase(testApp, officer.actor, { stage: 'request', stepDates: { 'plan.issued': '2026-01-01' } })).rejects.toThrow(/not a step on the way/);
  });

  it('aSchool and aPerson: a school of its own URN, and a parent linked to the child', async () => {
    const school = await aSchool(testApp.database.db);
    expect((await aSchool(testApp.database.db)).urn).not.toBe(school.urn);
    const officer = await anOfficer(testApp);
    const { childId } = await aCase(testApp, officer.actor, { child: { schoolId: school.id } });
    await aPerson(testApp, officer.actor, childId, { forename: 'Ada' });
    const record = await testApp.services.children.childRecord(officer.actor, childId);
    expect(record.school?.urn).toBe(school.urn);
    expect(record.people.map((person) => person.forename)).toEqual(['Ada']);
  });
});
