// Teams as administrators keep them: each rule of the teams service, its refusals saving nothing,
// and each form's refusal shown as a GOV.UK error summary.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { anAuthority, anOfficer, aStaffTeam, type TestOfficer } from '../../test/factories/index.ts';
import { errorSummaryOf, getPage, postForm, signIn, type CookieJar } from '../../test/http.ts';

let testApp: TestApp;
let admin: TestOfficer;
let adminJar: CookieJar;
const clock = fixedClock('2026-11-23T10:00:00Z');

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  admin = await anOfficer(testApp, { role: 'admin' });
  adminJar = await signIn(testApp.app, admin.user.email, admin.password);
});
afterAll(async () => {
  await testApp?.close();
});

const teams = () => testApp.services.teams;

async function teamRows(name: string) {
  return queryRows<{ id: string; manager_id: string }>(testApp.database.db, sql`SELECT id, manager_id FROM team WHERE authority_id = ${testApp.authorityId} AND name = ${name}`);
}

async function auditOf(entityId: string) {
  return queryRows<{ action: string; details: Record<string, unknown> }>(testApp.database.db, sql`SELECT action, details FROM audit_event WHERE entity_id = ${entityId} ORDER BY occurred_at, id`);
}

async function teamOf(userId: string) {
  const [row] = await queryRows<{ team_id: string | null }>(testApp.database.db, sql`SELECT team_id FROM staff_user WHERE id = ${userId}`);
  return row?.team_id ?? null;
}

describe('teams', () => {
  it('an administrator makes a team with its manager and members, renames it and changes its manager, each audited', async () => {
    const manager = await anOfficer(testApp, { role: 'team_manager' });
    const lead = await anOfficer(testApp, { role: 'service_lead' });
    const officer = await anOfficer(testApp);
    const { id } = await teams().createTeam(admin.actor, { name: '  North   area ', manager: manager.user.id });
    expect(await teamRows('North area')).toEqual([{ id, manager_id: manager.user.id }]);
    await teams().setMembers(admin.actor, id, { members: [officer.user.id, manager.user.id], version: 1 });
    expect(await teamOf(officer.user.id)).toBe(id);
    await teams().changeTeam(admin.actor, id, { name: 'North', manager: lead.user.id, version: 2 });
    const found = await teams().team(manager.actor, id);
    expect(found.team).toMatchObject({ name: 'North', managerId: lead.user.id, members: 2 });
    expect(found.members.map((member) => member.id).sort()).toEqual([officer.user.id, manager.user.id].sort());
    expect((await auditOf(id)).map((row) => row.action)).toEqual(['team.created', 'team.members-changed', 'team.changed']);
  });

  it('one team a person: choosing someone from another team moves them; unticking takes them out', async () => {
    const manager = await anOfficer(testApp, { role: 'team_manager' });
    const officer = await anOfficer(testApp);
    const first = await aStaffTeam(testApp, { managerId: manager.user.id, memberIds: [officer.user.id] });
    const second = await aStaffTeam(testApp, { managerId: manager.user.id });
    await teams().setMembers(admin.actor, second.id, { members: [officer.user.id], version: 1 });
    expect(await teamOf(officer.user.id)).toBe(second.id);
    expect((await teams().team(admin.actor, first.id)).members).toEqual([]);
    await teams().setMembers(admin.actor, second.id, { members: [], version: 2 });
    expect(await teamOf(officer.user.id)).toBeNull();
  });

  it('refuses a case officer or a manager who is not an administrator, saving nothing', async () => {
    const manager = await anOfficer(testApp, { role: 'team_manager' });
    const officer = await anOfficer(testApp);
    for (const actor of [officer.actor, manager.actor]) {
      await expect(teams().createTeam(actor, { name: 'Refused team', manager: manager.user.id })).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(teams().listTeams(officer.actor)).rejects.toBeInstanceOf(ForbiddenError);
    const team = await aStaffTeam(testApp, { managerId: manager.user.id });
    await expect(teams().setMembers(manager.actor, team.id, { members: [officer.user.id], version: 1 })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(teams().changeTeam(officer.actor, team.id, { name: 'Renamed', manager: manager.user.id, version: 1 })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await teamRows('Refused team')).toEqual([]);
    expect(await teamOf(officer.user.id)).toBeNull();
  });

  it('refuses a manager who is a case officer, inactive or of another council, a name taken, and an inactive member, saving nothing', async () => {
    const manager = await anOfficer(testApp, { role: 'team_manager' });
    const officer = await anOfficer(testApp);
    const elsewhere = await anOfficer(testApp, { role: 'team_manager', authorityId: (await anAuthority(testApp.database.db)).id });
    const leaving = await anOfficer(testApp, { role: 'team_manager' });
    await testApp.services.users.deactivate(admin.actor, leaving.user.id, { version: 1 });
    for (const candidate of [officer.user.id, elsewhere.user.id, leaving.user.id, 'not-an-id', '']) {
      const refusal = await teams().createTeam(admin.actor, { name: 'Badly managed', manager: candidate }).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(ValidationError);
      expect((refusal as ValidationError).problems.map((problem) => problem.field)).toEqual(['manager']);
    }
    expect(await teamRows('Badly managed')).toEqual([]);
    const taken = await aStaffTeam(testApp, { managerId: manager.user.id, name: 'Early years' });
    await expect(teams().createTeam(admin.actor, { name: 'EARLY YEARS', manager: manager.user.id })).rejects.toThrow(/already a team called/);
    await expect(teams().createTeam(admin.actor, { name: ' ', manager: manager.user.id })).rejects.toThrow(/Enter the team’s name/);
    await expect(teams().setMembers(admin.actor, taken.id, { members: [officer.user.id, leaving.user.id], version: 1 })).rejects.toBeInstanceOf(ValidationError);
    await expect(teams().setMembers(admin.actor, taken.id, { members: [elsewhere.user.id], version: 1 })).rejects.toBeInstanceOf(ValidationError);
    expect(await teamOf(officer.user.id)).toBeNull();
    // A save over someone else's change is refused.
    await teams().changeTeam(admin.actor, taken.id, { name: 'Early years and reception', manager: manager.user.id, version: 1 });
    await expect(teams().changeTeam(admin.actor, taken.id, { name: 'Stale', manager: manager.user.id, version: 1 })).rejects.toBeInstanceOf(ConflictError);
    expect(await teamRows('Stale')).toEqual([]);
  });
});

describe('the teams pages', () => {
  it('an administrator adds a team through the form and is shown it; managers read the list; a case officer is refused', async () => {
    const manager = await anOfficer(testApp, { role: 'team_manager', name: 'Oğuz <b>Demir</b>' });
    const response = await postForm(testApp.app, adminJar, '/teams/new', { name: 'South', manager: manager.user.id }, { csrfFrom: '/teams/new' });
    expect(response.statusCode).toBe(303);
    const page = await getPage(testApp.app, adminJar, response.headers.location as string);
    expect(page.body).toContain('Team added');
    expect(page.body).toContain('Oğuz &lt;b&gt;Demir&lt;/b&gt;');
    const managerJar = await signIn(testApp.app, manager.user.email, manager.password);
    expect((await getPage(testApp.app, managerJar, '/teams')).body).toContain('South');
    expect((await getPage(testApp.app, managerJar, '/teams/new')).statusCode).toBe(403);
    const officer = await anOfficer(testApp);
    const officerJar = await signIn(testApp.app, officer.user.email, officer.password);
    expect((await getPage(testApp.app, officerJar, '/teams')).statusCode).toBe(403);
  });

  it('shows the error summary and saves nothing when the name or manager is missing, or a member is inactive', async () => {
    const response = await postForm(testApp.app, adminJar, '/teams/new', { name: '', manager: '' }, { csrfFrom: '/teams/new' });
    expect(response.statusCode).toBe(400);
    expect(errorSummaryOf(response.body)).toEqual([
      { href: '#name', text: 'Enter the team’s name' },
      { href: '#manager', text: 'Choose the team’s manager' },
    ]);
    const manager = await anOfficer(testApp, { role: 'team_manager' });
    const team = await aStaffTeam(testApp, { managerId: manager.user.id });
    const rename = await postForm(testApp.app, adminJar, `/teams/${team.id}/edit`, { name: '', manager: manager.user.id, version: '1' }, { csrfFrom: `/teams/${team.id}/edit` });
    expect(rename.statusCode).toBe(400);
    expect(errorSummaryOf(rename.body)).toEqual([{ href: '#name', text: 'Enter the team’s name' }]);
    const leaving = await anOfficer(testApp);
    await testApp.services.users.deactivate(admin.actor, leaving.user.id, { version: 1 });
    const members = await postForm(testApp.app, adminJar, `/teams/${team.id}/members`, { members: leaving.user.id, version: '1' }, { csrfFrom: `/teams/${team.id}/members` });
    expect(members.statusCode).toBe(400);
    expect(errorSummaryOf(members.body)).toEqual([{ href: '#members', text: 'Choose only active officers and managers of the council' }]);
    expect((await teams().team(admin.actor, team.id)).team.name).toBe(team.name);
    expect(await teamOf(leaving.user.id)).toBeNull();
  });

  it('refuses a form without its CSRF token', async () => {
    const manager = await anOfficer(testApp, { role: 'team_manager' });
    const response = await postForm(testApp.app, adminJar, '/teams/new', { name: 'No token', manager: manager.user.id });
    expect(response.statusCode).toBe(403);
    expect(await teamRows('No token')).toEqual([]);
  });
});
