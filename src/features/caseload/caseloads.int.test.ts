// Weighted caseloads: every officer's open cases and weighted load against their capacity, the
// unallocated queue and its long waits, the cases behind each figure; the weighting rules and the
// cap an administrator changes; an officer's full-time equivalent; each case's weight on its record.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, anOfficer, aSchool, aTeam, type TestTeam } from '../../test/factories/index.ts';
import { errorSummaryOf, getPage, postForm, signIn } from '../../test/http.ts';
import { listListAccessBy } from '../audit/index.ts';

let testApp: TestApp;
// Monday 23 November 2026.
const clock = fixedClock('2026-11-23T10:00:00Z');
let queries: string[] = [];

beforeAll(async () => {
  testApp = await createTestApp({ clock, onQuery: (query) => queries.push(query) });
});
afterAll(async () => {
  await testApp?.close();
});

const db = () => testApp.database.db;

async function waitingSince(caseId: string, day: string) {
  await db().execute(sql`UPDATE ehc_case SET officer_id = NULL, unallocated_since = ${day} WHERE id = ${caseId}`);
}

async function restrict(childId: string) {
  await db().execute(sql`UPDATE child SET sensitive = true WHERE id = ${childId}`);
}

/** Every weight field as the form sends it, the defaults unless told. */
function weightForm(savedAt: string, change: Record<string, string> = {}): Record<string, string> {
  return {
    savedAt,
    'weight-open-case': '1.0',
    'weight-assessment': '1.0',
    'weight-phase-transfer': '1.0',
    'weight-live-appeal': '1.5',
    'weight-no-placement': '1.5',
    'weight-looked-after': '1.0',
    'weight-review-overdue': '1.5',
    'weight-restricted': '0.5',
    cap: '40.0',
    ...change,
  };
}

/**
 * A council with two officers (the second part-time at 0.5) and a school: Alpha holds a request at
 * a school (1.0), an assessment running late at a school (2.0: its 20 weeks ended in October) and
 * a restricted request with no school (3.0); Beta holds a plan at a school for a child starting
 * year 7 next September (2.0); two cases wait in the queue, one since 9 November (long), one
 * since 18 November (not yet).
 */
async function aCouncilWithCaseloads() {
  const team: TestTeam = await aTeam(testApp);
  const school = await aSchool(db(), { name: 'Caseload Primary' });
  const alpha = team.officer;
  const beta = await anOfficer(testApp, { authorityId: team.council.id, name: 'Zeta Officer' });
  const admin = await anOfficer(testApp, { authorityId: team.council.id, role: 'admin' });
  const current = (await testApp.services.users.user(admin.actor, beta.user.id)).user;
  await testApp.services.users.setCapacity(admin.actor, beta.user.id, { version: current.version, fte: '0.5' });
  const atSchool = { schoolId: school.id };
  const request = await aCase(testApp, alpha.actor, { receivedOn: '2026-11-16', child: { ...atSchool, forename: 'Plain', surname: 'Request' } });
  const late = await aCase(testApp, alpha.actor, { stage: 'assessment', receivedOn: '2026-06-01', child: { ...atSchool, forename: 'Late', surname: 'Assessment' } });
  const restricted = await aCase(testApp, alpha.actor, { receivedOn: '2026-11-16', child: { forename: 'Hidden', surname: 'Child' } });
  await restrict(restricted.childId);
  const mover = await aCase(testApp, beta.actor, { stage: 'plan', receivedOn: '2026-03-02', child: { ...atSchool, dateOfBirth: '2016-02-01', forename: 'Year', surname: 'Six' } });
  const longWait = await aCase(testApp, team.manager.actor, { receivedOn: '2026-11-02', child: { ...atSchool, forename: 'Long', surname: 'Wait' } });
  await waitingSince(longWait.caseId, '2026-11-09');
  const shortWait = await aCase(testApp, team.manager.actor, { receivedOn: '2026-11-16', child: { ...atSchool, forename: 'Short', surname: 'Wait' } });
  await waitingSince(shortWait.caseId, '2026-11-18');
  return { ...team, alpha, beta, admin, school, cases: { request, late, restricted, mover, longWait, shortWait } };
}

describe('the caseloads page', () => {
  it('gives each officer’s open cases and weighted load against their capacity, from the rules, with the queue and its long waits', async () => {
    const council = await aCouncilWithCaseloads();
    const caseloads = await testApp.services.caseload.caseloads(council.manager.actor);
    expect(caseloads.officers.map((officer) => [officer.name, officer.openCases, officer.load.text, officer.load.over, officer.casesOverdue])).toEqual([
      [council.alpha.user.name, 3, '6.0 of 40.0 (15%)', false, 1],
      ['Zeta Officer', 1, '2.0 of 20.0 (10%)', false, 0],
    ]);
    expect(caseloads.queue).toMatchObject({ openCases: 2, load: 20, longWaiting: 1, longWaitCutoff: '2026-11-15', oldestSince: '2026-11-09' });
    expect(caseloads.totals).toMatchObject({ openCases: 6, heldCases: 4, load: 80, capacity: 600, overCapacity: 0 });
  });

  it('flags an officer over their capacity, and follows the cap an administrator sets', async () => {
    const council = await aCouncilWithCaseloads();
    const { savedAt } = await testApp.services.caseload.weightSettings(council.admin.actor);
    await testApp.services.caseload.saveWeightSettings(council.admin.actor, weightForm(savedAt, { cap: '3' }));
    const caseloads = await testApp.services.caseload.caseloads(council.manager.actor);
    expect(caseloads.officers.map((officer) => [officer.load.text, officer.load.over])).toEqual([
      ['6.0 of 3.0 (200%)', true],
      ['2.0 of 1.5 (133%)', true],
    ]);
    expect(caseloads.totals.overCapacity).toBe(2);
  });

  it('filters by stage and by school, and the figures follow', async () => {
    const council = await aCouncilWithCaseloads();
    const assessing = await testApp.services.caseload.caseloads(council.manager.actor, { stage: 'assessment' });
    expect(assessing.officers.map((officer) => officer.openCases)).toEqual([1, 0]);
    expect(assessing.filters).toMatchObject({ stage: 'assessment', stageName: 'Needs assessment' });
    const atSchool = await testApp.services.caseload.caseloads(council.manager.actor, { school: String(council.school.urn) });
    expect(atSchool.officers.map((officer) => officer.openCases)).toEqual([2, 1]);
    expect(atSchool.queue.openCases).toBe(2);
    expect(atSchool.filters).toMatchObject({ school: council.school.urn, schoolName: 'Caseload Primary' });
    expect(atSchool.schools).toEqual([{ urn: council.school.urn, name: 'Caseload Primary', openCases: 5 }]);
    // A stage or school the page does not know is dropped, not an error.
    const unknown = await testApp.services.caseload.caseloads(council.manager.actor, { stage: 'closed', school: 'x' });
    expect(unknown.filters).toMatchObject({ stage: undefined, school: undefined });
    expect(unknown.totals.openCases).toBe(6);
  });

  it('shows every active case officer, one holding nothing too, and not a deactivated one holding nothing', async () => {
    const council = await aCouncilWithCaseloads();
    const idle = await anOfficer(testApp, { authorityId: council.council.id, name: 'Idle Officer' });
    const gone = await anOfficer(testApp, { authorityId: council.council.id, name: 'Gone Officer' });
    const { user } = await testApp.services.users.user(council.admin.actor, gone.user.id);
    await testApp.services.users.deactivate(council.admin.actor, gone.user.id, { version: user.version });
    const names = (await testApp.services.caseload.caseloads(council.manager.actor)).officers.map((officer) => officer.name);
    expect(names).toContain('Idle Officer');
    expect(names).not.toContain('Gone Officer');
    expect(idle).toBeDefined();
  });

  it('is for team managers and above: case officers and board members are refused by the service and the pages', async () => {
    const council = await aCouncilWithCaseloads();
    const lead = await anOfficer(testApp, { authorityId: council.council.id, role: 'service_lead' });
    for (const allowed of [council.manager, lead, council.admin]) {
      await expect(testApp.services.caseload.caseloads(allowed.actor)).resolves.toBeDefined();
      await expect(testApp.services.caseload.caseloadCases(allowed.actor, {})).resolves.toBeDefined();
    }
    const board = await anOfficer(testApp, { authorityId: council.council.id, role: 'board_member' });
    for (const someone of [council.alpha, board]) {
      await expect(testApp.services.caseload.caseloads(someone.actor)).rejects.toThrow(ForbiddenError);
      await expect(testApp.services.caseload.caseloadCases(someone.actor, {})).rejects.toThrow(ForbiddenError);
      await expect(testApp.services.caseload.weightSettings(someone.actor)).rejects.toThrow(ForbiddenError);
      const jar = await signIn(testApp.app, someone.user.email, someone.password);
      for (const url of ['/team/caseloads', '/team/caseloads/cases', '/team/caseloads/weights']) expect((await getPage(testApp.app, jar, url)).statusCode, url).toBe(403);
    }
  });

  it('shows the chart as an image with a title and a description, its figures in a table beside it, and links every figure to the cases behind it', async () => {
    const council = await aCouncilWithCaseloads();
    const jar = await signIn(testApp.app, council.manager.user.email, council.manager.password);
    const page = await getPage(testApp.app, jar, `/team/caseloads?stage=assessment&school=${council.school.urn}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<svg class="app-chart" role="img" aria-labelledby="caseload-chart-title caseload-chart-description"/);
    expect(page.body).toContain('<title id="caseload-chart-title">Weighted load against capacity, by officer</title>');
    expect(page.body).toContain('Load against capacity, by officer</caption>');
    expect(page.body).toContain(`href="/team/caseloads/cases?officer=${council.alpha.user.id}&amp;show=overdue&amp;stage=assessment&amp;school=${council.school.urn}"`);
    expect(page.body).toContain('<option value="assessment" selected>');
    expect(page.body).toContain('No teams are set up yet');
    // No child is named on the page itself.
    expect(page.body).not.toContain('Late Assessment');
    const all = await getPage(testApp.app, jar, '/team/caseloads');
    expect(all.body).toContain('href="/team/caseloads/cases?officer=unallocated&amp;show=waiting-long"');
    expect(all.body).toContain('waiting more than 5 working days');
  });
});

describe('the caseloads page’s cost', () => {
  it('is one statement, whatever the cases behind it: the database counts them, no case comes into Node', async () => {
    const small = await aTeam(testApp);
    await aCase(testApp, small.officer.actor, { receivedOn: '2026-11-16' });
    const large = await aCouncilWithCaseloads();
    for (let index = 0; index < 30; index += 1) await aCase(testApp, large.alpha.actor, { stage: index % 2 ? 'assessment' : 'request', receivedOn: '2026-06-01' });
    const queriesOf = async (team: TestTeam) => {
      const jar = await signIn(testApp.app, team.manager.user.email, team.manager.password);
      await getPage(testApp.app, jar, '/team/caseloads');
      queries = [];
      const page = await getPage(testApp.app, jar, '/team/caseloads');
      expect(page.statusCode).toBe(200);
      return [...queries];
    };
    const few = await queriesOf(small);
    const many = await queriesOf(large);
    expect(many).toHaveLength(few.length);
    expect(many).toHaveLength(1);
    expect(many[0]).toMatch(/"council_cases"/);
  });
});

describe('the cases behind a figure', () => {
  it('lists an officer’s open cases, each with its weight explained, and logs the children shown', async () => {
    const council = await aCouncilWithCaseloads();
    const found = await testApp.services.caseload.caseloadCases(council.manager.actor, { officer: council.alpha.user.id });
    expect(found.officer).toEqual({ id: council.alpha.user.id, name: council.alpha.user.name });
    expect(found.cases.map((entry) => [entry.childName, entry.weight.explanation])).toEqual([
      ['Late Assessment', '2.0: open case 1.0, assessment in progress 1.0'],
      ['Plain Request', '1.0: open case 1.0'],
      ['Hidden Child', '3.0: open case 1.0, no school or setting 1.5, restricted record 0.5'],
    ]);
    const logged = await listListAccessBy(db(), council.manager.actor.authorityId, council.manager.actor.id);
    expect(logged.find((row) => row.view === 'caseload-cases')?.childIds).toEqual(expect.arrayContaining([council.cases.late.childId, council.cases.restricted.childId]));
  });

  it('lists those with a deadline missed, and the queue’s cases waiting more than 5 working days', async () => {
    const council = await aCouncilWithCaseloads();
    const overdue = await testApp.services.caseload.caseloadCases(council.manager.actor, { officer: council.alpha.user.id, show: 'overdue' });
    expect(overdue.cases.map((entry) => entry.childName)).toEqual(['Late Assessment']);
    const waiting = await testApp.services.caseload.caseloadCases(council.manager.actor, { officer: 'unallocated', show: 'waiting-long' });
    expect(waiting.cases.map((entry) => [entry.childName, entry.unallocatedSince])).toEqual([['Long Wait', '2026-11-09']]);
    const queue = await testApp.services.caseload.caseloadCases(council.manager.actor, { officer: 'unallocated' });
    expect(queue.total).toBe(2);
    const moving = await testApp.services.caseload.caseloadCases(council.manager.actor, { officer: council.beta.user.id });
    expect(moving.cases[0]!.weight.explanation).toBe('2.0: open case 1.0, phase transfer this year 1.0');
  });

  it('says an officer of another council, or no one, is not found', async () => {
    const council = await aCouncilWithCaseloads();
    const elsewhere = await aTeam(testApp);
    await expect(testApp.services.caseload.caseloadCases(council.manager.actor, { officer: elsewhere.officer.user.id })).rejects.toThrow(NotFoundError);
    await expect(testApp.services.caseload.caseloadCases(council.manager.actor, { officer: 'not-an-id' })).rejects.toThrow(NotFoundError);
  });

  it('the page shows the weights and pages through', async () => {
    const council = await aCouncilWithCaseloads();
    const jar = await signIn(testApp.app, council.manager.user.email, council.manager.password);
    const page = await getPage(testApp.app, jar, `/team/caseloads/cases?officer=${council.alpha.user.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Late Assessment');
    expect(page.body).toContain('open case 1.0, assessment in progress 1.0');
    expect(page.body).toContain('<strong>3</strong> cases');
  });
});

describe('the weighting rules', () => {
  it('are the defaults until an administrator changes them, the unrecorded rules said plainly', async () => {
    const council = await aCouncilWithCaseloads();
    const settings = await testApp.services.caseload.weightSettings(council.manager.actor);
    expect(settings.rules.map((rule) => [rule.key, rule.weight, rule.recorded])).toEqual([
      ['open-case', '1.0', true],
      ['assessment', '1.0', true],
      ['phase-transfer', '1.0', true],
      ['live-appeal', '1.5', false],
      ['no-placement', '1.5', true],
      ['looked-after', '1.0', false],
      ['review-overdue', '1.5', true],
      ['restricted', '0.5', true],
    ]);
    expect(settings).toMatchObject({ cap: '40.0', savedAt: '', canChange: false });
    const jar = await signIn(testApp.app, council.manager.user.email, council.manager.password);
    const page = await getPage(testApp.app, jar, '/team/caseloads/weights');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Appeals are not recorded in the service yet: no case matches this rule until they are.');
    expect(page.body).not.toContain('<form method="post" action="/team/caseloads/weights"');
  });

  it('an administrator changes them: only what changed is saved, with who and when, and audited; cases weigh the new weights', async () => {
    const council = await aCouncilWithCaseloads();
    const { savedAt } = await testApp.services.caseload.weightSettings(council.admin.actor);
    const jar = await signIn(testApp.app, council.admin.user.email, council.admin.password);
    const response = await postForm(testApp.app, jar, '/team/caseloads/weights', weightForm(savedAt, { 'weight-assessment': '2', 'weight-restricted': '0' }), { csrfFrom: '/team/caseloads/weights' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/team/caseloads/weights?saved=1');
    const rows = await queryRows<{ rule_key: string; weight: string; updated_by: string }>(db(), sql`SELECT rule_key, weight::text, updated_by FROM weight_rule WHERE authority_id = ${council.council.id} ORDER BY rule_key`);
    expect(rows).toEqual([
      { rule_key: 'assessment', weight: '2.0', updated_by: council.admin.user.id },
      { rule_key: 'restricted', weight: '0.0', updated_by: council.admin.user.id },
    ]);
    const audit = await queryRows<{ action: string; details: unknown }>(db(), sql`SELECT action, details FROM audit_event WHERE authority_id = ${council.council.id} AND action = 'caseload.weights-changed'`);
    expect(audit).toEqual([{ action: 'caseload.weights-changed', details: { assessment: { from: '1.0', to: '2.0' }, restricted: { from: '0.5', to: '0.0' } } }]);
    const found = await testApp.services.caseload.caseloadCases(council.manager.actor, { officer: council.alpha.user.id });
    expect(found.cases.map((entry) => entry.weight.explanation)).toEqual(['3.0: open case 1.0, assessment in progress 2.0', '1.0: open case 1.0', '2.5: open case 1.0, no school or setting 1.5']);
    expect((await testApp.services.caseload.caseloads(council.manager.actor)).officers[0]!.load.text).toBe('6.5 of 40.0 (16%)');
  });

  it.each([
    ['a negative weight', { 'weight-assessment': '-1' }, 'weight-assessment', 'The weight for assessment in progress must be 0 or more: a weight is never negative'],
    ['a weight over 10', { 'weight-live-appeal': '10.5' }, 'weight-live-appeal', 'The weight for live appeal must be 10 or less'],
    ['two decimal places', { 'weight-restricted': '0.25' }, 'weight-restricted', 'The weight for restricted record must have no more than one decimal place, like 1.5'],
    ['not a number', { 'weight-open-case': 'one' }, 'weight-open-case', 'The weight for open case must be a number, like 1.5'],
    ['an empty weight', { 'weight-review-overdue': '' }, 'weight-review-overdue', 'Enter a weight for review overdue'],
    ['a cap of 0', { cap: '0' }, 'cap', 'The cap must be more than 0 and no more than 500'],
  ])('refuses %s with the error summary, and saves nothing', async (_, change, field, message) => {
    const council = await aCouncilWithCaseloads();
    const { savedAt } = await testApp.services.caseload.weightSettings(council.admin.actor);
    const jar = await signIn(testApp.app, council.admin.user.email, council.admin.password);
    // One good change beside the bad one: it is not saved either.
    const response = await postForm(testApp.app, jar, '/team/caseloads/weights', weightForm(savedAt, { 'weight-phase-transfer': '2.0', ...change }), { csrfFrom: '/team/caseloads/weights' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('govuk-error-summary');
    expect(response.body).toContain(`href="#${field}"`);
    expect(response.body).toContain(message);
    expect(await queryRows(db(), sql`SELECT 1 FROM weight_rule WHERE authority_id = ${council.council.id}`)).toEqual([]);
    expect(await queryRows(db(), sql`SELECT 1 FROM caseload_setting WHERE authority_id = ${council.council.id}`)).toEqual([]);
    expect(await queryRows(db(), sql`SELECT 1 FROM audit_event WHERE authority_id = ${council.council.id} AND action = 'caseload.weights-changed'`)).toEqual([]);
  });

  it('refuses a save without the form’s CSRF token', async () => {
    const council = await aCouncilWithCaseloads();
    const jar = await signIn(testApp.app, council.admin.user.email, council.admin.password);
    const response = await postForm(testApp.app, jar, '/team/caseloads/weights', weightForm(''));
    expect(response.statusCode).toBe(403);
    expect(await queryRows(db(), sql`SELECT 1 FROM weight_rule WHERE authority_id = ${council.council.id}`)).toEqual([]);
  });

  it('the second of two administrators saving from the same form is told, and nothing of theirs is saved', async () => {
    const council = await aCouncilWithCaseloads();
    const other = await anOfficer(testApp, { authorityId: council.council.id, role: 'admin' });
    const { savedAt } = await testApp.services.caseload.weightSettings(council.admin.actor);
    await testApp.services.caseload.saveWeightSettings(council.admin.actor, weightForm(savedAt, { 'weight-assessment': '2.0' }));
    await expect(testApp.services.caseload.saveWeightSettings(other.actor, weightForm(savedAt, { 'weight-restricted': '1.0' }))).rejects.toThrow(ConflictError);
    const rows = await queryRows<{ rule_key: string }>(db(), sql`SELECT rule_key FROM weight_rule WHERE authority_id = ${council.council.id}`);
    expect(rows.map((row) => row.rule_key)).toEqual(['assessment']);
  });

  it('only an administrator changes them; the database refuses a negative weight whatever the service does', async () => {
    const council = await aCouncilWithCaseloads();
    await expect(testApp.services.caseload.saveWeightSettings(council.manager.actor, weightForm(''))).rejects.toThrow(ForbiddenError);
    await expect(testApp.services.caseload.saveWeightSettings(council.admin.actor, weightForm('', { 'weight-assessment': '-0.5' }))).rejects.toThrow(ValidationError);
    await expect(
      db().execute(sql`INSERT INTO weight_rule (authority_id, rule_key, weight, updated_by, updated_at) VALUES (${council.council.id}, 'assessment', -1, ${council.admin.user.id}, now())`),
    ).rejects.toThrow();
  });
});

describe('an officer’s full-time equivalent', () => {
  it('an administrator sets it on the users pages, from 0.1 to 1.0, audited; a bad one is refused with nothing saved', async () => {
    const council = await aCouncilWithCaseloads();
    const jar = await signIn(testApp.app, council.admin.user.email, council.admin.password);
    const userPage = `/users/${council.alpha.user.id}`;
    expect((await getPage(testApp.app, jar, userPage)).body).toContain(`href="/users/${council.alpha.user.id}/capacity"`);
    const { user } = await testApp.services.users.user(council.admin.actor, council.alpha.user.id);
    for (const [fte, message] of [
      ['1.5', 'The full-time equivalent must be from 0.1 to 1.0'],
      ['0', 'The full-time equivalent must be from 0.1 to 1.0'],
      ['0.75', 'The full-time equivalent must have no more than one decimal place, like 0.6'],
      ['', 'Enter the full-time equivalent, like 1.0 for full time or 0.6 for three days a week'],
    ] as const) {
      const refused = await postForm(testApp.app, jar, `${userPage}/capacity`, { version: String(user.version), fte }, { csrfFrom: `${userPage}/capacity` });
      expect(refused.statusCode, fte).toBe(400);
      expect(refused.body).toContain('href="#fte"');
      expect(refused.body).toContain(message);
    }
    expect((await testApp.services.users.user(council.admin.actor, council.alpha.user.id)).user.fte).toBe('1.0');
    const saved = await postForm(testApp.app, jar, `${userPage}/capacity`, { version: String(user.version), fte: '0.6' }, { csrfFrom: `${userPage}/capacity` });
    expect(saved.statusCode).toBe(303);
    expect((await testApp.services.users.user(council.admin.actor, council.alpha.user.id)).user.fte).toBe('0.6');
    const audit = await queryRows<{ details: unknown }>(db(), sql`SELECT details FROM audit_event WHERE authority_id = ${council.council.id} AND action = 'staff.capacity-changed' AND entity_id = ${council.alpha.user.id}`);
    expect(audit).toEqual([{ details: { fte: { from: '1.0', to: '0.6' } } }]);
    expect((await testApp.services.caseload.caseloads(council.manager.actor)).officers[0]!.load.text).toBe('6.0 of 24.0 (25%)');
    await expect(testApp.services.users.setCapacity(council.manager.actor, council.alpha.user.id, { version: user.version + 1, fte: '1' })).rejects.toThrow(ForbiddenError);
  });
});

describe('the day an officer joined the service (issue 16: experience for the hand-over)', () => {
  it('an administrator records it on the capacity page, audited, and the hand-over’s suggestion reads the officer’s months in post from it, not from when the account was made', async () => {
    const council = await aCouncilWithCaseloads();
    const jar = await signIn(testApp.app, council.admin.user.email, council.admin.password);
    const page = `/users/${council.beta.user.id}/capacity`;
    const form = await getPage(testApp.app, jar, page);
    // Backfilled from the day the account was made (today in these tests).
    expect(form.body).toContain('name="startedOn-year" type="text" value="2026"');
    const { user } = await testApp.services.users.user(council.admin.actor, council.beta.user.id);
    const saved = await postForm(testApp.app, jar, page, { version: String(user.version), fte: '0.5', 'startedOn-day': '1', 'startedOn-month': '9', 'startedOn-year': '2024' }, { csrfFrom: page });
    expect(saved.statusCode).toBe(303);
    expect((await testApp.services.users.user(council.admin.actor, council.beta.user.id)).user.startedOn).toBe('2024-09-01');
    const audit = await queryRows<{ details: unknown }>(db(), sql`SELECT details FROM audit_event WHERE action = 'staff.capacity-changed' AND entity_id = ${council.beta.user.id} AND details ? 'startedOn'`);
    expect(audit).toEqual([{ details: { startedOn: { from: '2026-11-23', to: '2024-09-01' } } }]);
    const plan = await testApp.services.allocation.handoverPlan(council.manager.actor, council.alpha.user.id);
    expect(plan.recipients.find((entry) => entry.id === council.beta.user.id)?.monthsInPost).toBe(26);
  });

  it('refuses a day in the future or not a real date with the error summary, saving nothing', async () => {
    const council = await aCouncilWithCaseloads();
    const jar = await signIn(testApp.app, council.admin.user.email, council.admin.password);
    const page = `/users/${council.beta.user.id}/capacity`;
    const { user } = await testApp.services.users.user(council.admin.actor, council.beta.user.id);
    for (const [day, month, year, message] of [
      ['24', '11', '2026', 'The day they joined the service must be today or in the past'],
      ['31', '2', '2024', 'The day they joined the service must be a real date, like 1 9 2024'],
      ['', '', '', 'Enter the day they joined the service, like 1 9 2024'],
    ] as const) {
      const refused = await postForm(testApp.app, jar, page, { version: String(user.version), fte: '0.5', 'startedOn-day': day, 'startedOn-month': month, 'startedOn-year': year }, { csrfFrom: page });
      expect(refused.statusCode).toBe(400);
      expect(errorSummaryOf(refused.body)).toEqual([{ href: '#startedOn-day', text: message }]);
    }
    expect((await testApp.services.users.user(council.admin.actor, council.beta.user.id)).user).toMatchObject({ startedOn: '2026-11-23', version: user.version });
  });
});

describe('a case’s weight on the child’s record', () => {
  it('is explained for staff who may see the case', async () => {
    const council = await aCouncilWithCaseloads();
    const jar = await signIn(testApp.app, council.alpha.user.email, council.alpha.password);
    const page = await getPage(testApp.app, jar, `/children/${council.cases.restricted.childId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Caseload weight');
    expect(page.body).toContain('3.0: open case 1.0, no school or setting 1.5, restricted record 0.5');
    const record = await testApp.services.children.childRecord(council.manager.actor, council.cases.late.childId);
    expect(record.openCase?.weight.explanation).toBe('2.0: open case 1.0, assessment in progress 1.0');
  });
});
