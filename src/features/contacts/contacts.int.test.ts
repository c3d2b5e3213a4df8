import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, anApiToken, anAuthority, anOfficer, type TestOfficer } from '../../test/factories/index.ts';
import { refusedFields, refusedMessages, validationRefusal } from '../../test/problems.ts';
import { errorSummaryOf, getPage, postForm, signIn, type CookieJar } from '../../test/http.ts';

let testApp: TestApp;
let officer: TestOfficer;
let manager: TestOfficer;
let jar: CookieJar;
// Monday 30 November 2026.
const clock = fixedClock('2026-11-30T10:00:00Z');

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  officer = await anOfficer(testApp);
  manager = await anOfficer(testApp, { role: 'team_manager' });
  jar = await signIn(testApp.app, officer.user.email, officer.password);
});
afterAll(async () => {
  await testApp?.close();
});

const contacts = () => testApp.services.contacts;

const refusal = validationRefusal;
const fields = refusedFields;
const messages = refusedMessages;

async function contactCount(): Promise<number> {
  const [row] = await queryRows<{ total: number }>(testApp.database.db, sql`SELECT count(*)::int AS total FROM contact WHERE authority_id = ${testApp.authorityId}`);
  return row!.total;
}
async function auditActions(contactId: string): Promise<string[]> {
  return (await queryRows<{ action: string }>(testApp.database.db, sql`SELECT action FROM audit_event WHERE entity_id = ${contactId} ORDER BY occurred_at, id`)).map((row) => row.action);
}

const aComplaint = (overrides: Record<string, string> = {}) =>
  contacts().logContact(officer.actor, { kind: 'complaint', channel: 'email', source: 'family', fromName: 'Mrs Khan', summary: 'The draft plan was late.', theme: 'delay', receivedOn: '2026-11-02', ...overrides });

describe('logging a contact', () => {
  it('gives each a reference of the council and year, an owner and the response deadline of its kind: enquiry 5 working days, complaint 10, FOI 20 (FOIA s.10(1)), subject access one month (UK GDPR Art. 12(3))', async () => {
    const base = { channel: 'email', source: 'family', fromName: 'Mr Jones', summary: 'Where is the draft plan?', receivedOn: '2026-11-02' };
    const enquiry = (await contacts().logContact(officer.actor, { ...base, kind: 'enquiry' })).result;
    const complaint = (await aComplaint()).result;
    const foi = (await contacts().logContact(officer.actor, { ...base, kind: 'foi', source: 'other' })).result;
    const sar = (await contacts().logContact(officer.actor, { ...base, kind: 'sar' })).result;
    expect(enquiry.reference).toMatch(/^CT-2026-\d{6}$/);
    expect(Number(complaint.reference.slice(-6))).toBe(Number(enquiry.reference.slice(-6)) + 1);
    // Monday 2 November 2026: 5 working days to Monday 9th, 10 to the 16th, 20 to the 30th; one month to 2 December.
    expect([enquiry.dueOn, complaint.dueOn, foi.dueOn, sar.dueOn]).toEqual(['2026-11-09', '2026-11-16', '2026-11-30', '2026-12-02']);
    const view = await contacts().contact(officer.actor, complaint.contactId);
    expect(view).toMatchObject({ ownerId: officer.user.id, stage: 'stage-1', theme: 'delay', stages: [{ stage: 'stage-1', dueOn: '2026-11-16' }], clock: { status: 'overdue' } });
    expect(await auditActions(complaint.contactId)).toEqual(['contact.logged']);
  });

  it('runs enquiries and complaints on the council’s own response times, set by a manager (council policy, not statute)', async () => {
    await expect(contacts().savePolicy(officer.actor, { enquiryWorkingDays: '3', memberEnquiryWorkingDays: '5', stage1WorkingDays: '10', stage2WorkingDays: '20' })).rejects.toThrow();
    const bad = await refusal(contacts().savePolicy(manager.actor, { enquiryWorkingDays: '0', memberEnquiryWorkingDays: 'x', stage1WorkingDays: '10', stage2WorkingDays: '20' }));
    expect(fields(bad)).toEqual(['enquiryWorkingDays', 'memberEnquiryWorkingDays']);
    await contacts().savePolicy(manager.actor, { enquiryWorkingDays: '3', memberEnquiryWorkingDays: '5', stage1WorkingDays: '15', stage2WorkingDays: '20' });
    try {
      const { result } = await contacts().logContact(officer.actor, { kind: 'enquiry', channel: 'phone', source: 'family', fromName: 'Ms Ali', summary: 'Transport', receivedOn: '2026-11-02' });
      expect(result.dueOn).toBe('2026-11-05');
      expect((await aComplaint()).result.dueOn).toBe('2026-11-23');
    } finally {
      await contacts().savePolicy(manager.actor, { enquiryWorkingDays: '5', memberEnquiryWorkingDays: '5', stage1WorkingDays: '10', stage2WorkingDays: '20' });
    }
  });

  it('ties a contact to one of the council’s children; a child of another council is a clear error and nothing is saved', async () => {
    const created = await aCase(testApp, officer.actor, { receivedOn: '2026-10-01' });
    const { result } = await aComplaint({ childId: created.childId });
    expect((await contacts().contact(officer.actor, result.contactId)).child?.id).toBe(created.childId);
    const byReference = await aComplaint({ caseReference: created.reference });
    expect((await contacts().contact(officer.actor, byReference.result.contactId)).child?.id).toBe(created.childId);

    const other = await anAuthority(testApp.database.db);
    const elsewhere = await anOfficer(testApp, { authorityId: other.id });
    const theirs = await aCase(testApp, elsewhere.actor, { receivedOn: '2026-10-01' });
    const before = await contactCount();
    const error = await refusal(aComplaint({ childId: theirs.childId }));
    expect(error.problems).toEqual([{ field: 'childId', message: expect.stringContaining('No child of your council has this record') }]);
    expect(await contactCount()).toBe(before);
  });

  it('refuses a complaint without a theme, a date to come and a missing kind, saying each, with nothing saved', async () => {
    const before = await contactCount();
    const error = await refusal(contacts().logContact(officer.actor, { kind: 'complaint', channel: 'email', source: 'family', fromName: 'A', summary: 'B', receivedOn: '2026-12-25' }));
    expect(fields(error).sort()).toEqual(['receivedOn', 'theme']);
    expect(fields(await refusal(contacts().logContact(officer.actor, {})))).toEqual(expect.arrayContaining(['kind', 'channel', 'source', 'fromName', 'summary', 'receivedOn']));
    expect(await contactCount()).toBe(before);
  });

  it('keeps a restricted child’s contact to the officer holding the case and managers', async () => {
    const created = await aCase(testApp, manager.actor, { receivedOn: '2026-10-01' });
    await testApp.database.db.execute(sql`UPDATE child SET sensitive = true WHERE id = ${created.childId}`);
    const { result } = await contacts().logContact(manager.actor, { kind: 'enquiry', channel: 'phone', source: 'family', fromName: 'Parent', summary: 'Hello', receivedOn: '2026-11-20', childId: created.childId });
    const stranger = await anOfficer(testApp);
    await expect(contacts().contact(stranger.actor, result.contactId)).rejects.toThrow(NotFoundError);
    const register = await contacts().register(stranger.actor, { child: created.childId });
    expect(register.rows).toHaveLength(1);
    expect(register.rows[0]).toMatchObject({ child: null, childWithheld: true, fromName: '' });
    expect((await contacts().openContactsOwnedBy(stranger.actor, manager.user.id)).map((entry) => entry.id)).not.toContain(result.contactId);
    expect((await contacts().openContactsOwnedBy(manager.actor, manager.user.id)).map((entry) => entry.id)).toContain(result.contactId);
    expect(fields(await refusal(contacts().logContact(stranger.actor, { kind: 'enquiry', channel: 'phone', source: 'family', fromName: 'P', summary: 'S', receivedOn: '2026-11-20', childId: created.childId })))).toEqual(['childId']);
  });
});

describe('a complaint through its stages', () => {
  it('escalates from stage 1 to stage 2 to the Ombudsman, each stage with its own dates, response and outcome, and closes once every action is done', async () => {
    const { result } = await aComplaint();
    const id = result.contactId;
    await contacts().respond(officer.actor, id, { respondedOn: '2026-11-13', summary: 'We apologise for the delay.', outcome: 'partly-upheld' });
    const escalated = (await contacts().escalate(officer.actor, id, { to: 'stage-2', receivedOn: '2026-11-16' })).result;
    // 20 working days from Monday 16 November 2026: Monday 14 December.
    expect(escalated.dueOn).toBe('2026-12-14');
    await contacts().respond(officer.actor, id, { respondedOn: '2026-11-27', summary: 'Upheld at stage 2.', outcome: 'upheld' });
    await contacts().addRemedy(officer.actor, id, { kind: 'apology', description: 'A written apology from the head of service' });
    await contacts().addRemedy(officer.actor, id, { kind: 'payment', description: 'For time and trouble', amount: '250' });
    const action = (await contacts().addRemedy(officer.actor, id, { kind: 'action', description: 'Issue the final plan', ownerId: officer.user.id, dueOn: '2026-12-11' })).result;
    expect(messages(await refusal(contacts().close(officer.actor, id, { closedOn: '2026-11-30' })))).toContain('Every action offered must be done');
    await contacts().remedyDone(officer.actor, id, action.remedyId, { doneOn: '2026-11-30' });
    await contacts().escalate(officer.actor, id, { to: 'ombudsman', receivedOn: '2026-11-30', ombudsmanReference: '26 012 345' });
    await contacts().respond(officer.actor, id, { respondedOn: '2026-11-30', summary: 'No further action: the council has remedied the injustice.', outcome: 'upheld' });
    await contacts().close(officer.actor, id, { closedOn: '2026-11-30' });
    const view = await contacts().contact(officer.actor, id);
    expect(view).toMatchObject({ status: 'closed', stage: 'ombudsman', outcome: 'upheld', closedOn: '2026-11-30' });
    expect(view.stages.map((stage) => [stage.stage, stage.receivedOn, stage.dueOn, stage.respondedOn, stage.outcome, stage.ombudsmanReference])).toEqual([
      ['stage-1', '2026-11-02', '2026-11-16', '2026-11-13', 'partly-upheld', null],
      ['stage-2', '2026-11-16', '2026-12-14', '2026-11-27', 'upheld', null],
      ['ombudsman', '2026-11-30', null, '2026-11-30', 'upheld', '26 012 345'],
    ]);
    expect(view.remedies.map((remedy) => [remedy.kind, remedy.amountPence, remedy.doneOn])).toEqual([
      ['apology', null, null],
      ['payment', 25000, null],
      ['action', null, '2026-11-30'],
    ]);
    expect(await auditActions(id)).toEqual([
      'contact.logged',
      'contact.stage-responded',
      'contact.escalated',
      'contact.stage-responded',
      'contact.remedy-added',
      'contact.remedy-added',
      'contact.remedy-added',
      'contact.action-done',
      'contact.ombudsman-referral',
      'contact.ombudsman-decision',
      'contact.closed',
    ]);
  });

  it('refuses a stage 2 without a stage 1 response, and the Ombudsman before stage 2, with nothing saved', async () => {
    const { result } = await aComplaint();
    expect(messages(await refusal(contacts().escalate(officer.actor, result.contactId, { to: 'stage-2', receivedOn: '2026-11-20' })))).toBe('Record the stage 1 response before escalating to stage 2');
    expect(messages(await refusal(contacts().escalate(officer.actor, result.contactId, { to: 'ombudsman', receivedOn: '2026-11-20', ombudsmanReference: 'X' })))).toContain('escalate it to stage 2 first');
    const view = await contacts().contact(officer.actor, result.contactId);
    expect(view.stages).toHaveLength(1);
    expect(view.stage).toBe('stage-1');
  });

  it('refuses a response dated before the contact was received, with nothing saved', async () => {
    const { result } = await aComplaint();
    const error = await refusal(contacts().respond(officer.actor, result.contactId, { respondedOn: '2026-11-01', summary: 'Early', outcome: 'upheld' }));
    expect(error.problems).toEqual([{ field: 'respondedOn', message: 'The response cannot be dated before the contact was received, on 2026-11-02' }]);
    expect((await contacts().contact(officer.actor, result.contactId)).stages[0]!.respondedOn).toBeNull();
  });
});

describe('answering an enquiry or information request', () => {
  it('records the response date and summary, closes it, and counts it within or after its deadline (FOIA s.10(1))', async () => {
    const { result } = await contacts().logContact(officer.actor, { kind: 'foi', channel: 'email', source: 'other', fromName: 'A journalist', summary: 'How many appeals?', receivedOn: '2026-11-02' });
    await contacts().respond(officer.actor, result.contactId, { respondedOn: '2026-11-27', summary: 'Sent the figures.' });
    const view = await contacts().contact(officer.actor, result.contactId);
    expect(view).toMatchObject({ status: 'closed', respondedOn: '2026-11-27', responseSummary: 'Sent the figures.', clock: null });
    const answeredOnTime = await contacts().register(officer.actor, { kind: 'foi', month: '2026-11', answered: 'on-time' });
    expect(answeredOnTime.rows.map((row) => row.id)).toContain(result.contactId);
  });

  it('shows an unanswered one past its deadline as overdue, in the register and on the child’s record', async () => {
    const created = await aCase(testApp, officer.actor, { receivedOn: '2026-10-01' });
    const { result } = await contacts().logContact(officer.actor, { kind: 'enquiry', channel: 'phone', source: 'family', fromName: 'Dad', summary: 'When is the panel?', receivedOn: '2026-11-02', childId: created.childId });
    const overdue = await contacts().register(officer.actor, { overdue: 'yes', owner: 'mine' });
    const row = overdue.rows.find((entry) => entry.id === result.contactId);
    expect(row?.clock).toMatchObject({ dueOn: '2026-11-09', status: 'overdue', daysRemaining: -21 });
    const page = await getPage(testApp.app, jar, `/children/${created.childId}`);
    expect(page.body).toContain('Contacts and complaints');
    expect(page.body).toContain(result.reference);
    expect(page.body).toContain('Overdue by 21 days');
    const worklist = await contacts().openContactsOwnedBy(officer.actor, officer.user.id);
    expect(worklist.map((entry) => entry.dueOn)).toEqual([...worklist.map((entry) => entry.dueOn)].sort((a, b) => (a ?? '9999').localeCompare(b ?? '9999')));
    expect(worklist.map((entry) => entry.id)).toContain(result.contactId);
  });
});

describe('the pages', () => {
  it('logs a contact from the form, and shows the form again with the GOV.UK error summary when it is wrong, saving nothing', async () => {
    const before = await contactCount();
    const bad = await postForm(testApp.app, jar, '/contacts/new', { kind: 'complaint', channel: 'email', source: 'family', fromName: 'Mrs Khan', summary: 'Late', 'receivedOn-day': '2', 'receivedOn-month': '11', 'receivedOn-year': '2026' }, { csrfFrom: '/contacts/new' });
    expect(bad.statusCode).toBe(400);
    expect(errorSummaryOf(bad.body)).toEqual([{ href: '#theme', text: 'Select what the complaint is about' }]);
    expect(await contactCount()).toBe(before);
    const good = await postForm(testApp.app, jar, '/contacts/new', { kind: 'complaint', channel: 'email', source: 'family', fromName: 'Mrs Khan', summary: 'Late', theme: 'delay', 'receivedOn-day': '2', 'receivedOn-month': '11', 'receivedOn-year': '2026' }, { csrfFrom: '/contacts/new' });
    expect(good.statusCode).toBe(303);
    const page = await getPage(testApp.app, jar, good.headers.location as string);
    expect(page.body).toContain('The contact was logged');
    expect(page.body).toContain('Record the stage 1 response');
  });

  it('refuses a form without its CSRF token', async () => {
    const response = await postForm(testApp.app, jar, '/contacts/new', { kind: 'enquiry' });
    expect(response.statusCode).toBe(403);
  });

  it('refuses a response before the contact on the page, with the error against the date', async () => {
    const { result } = await aComplaint();
    const url = `/contacts/${result.contactId}`;
    const response = await postForm(testApp.app, jar, `${url}/response`, { 'respondedOn-day': '1', 'respondedOn-month': '11', 'respondedOn-year': '2026', summary: 'x', outcome: 'upheld' }, { csrfFrom: url });
    expect(response.statusCode).toBe(400);
    expect(errorSummaryOf(response.body)).toEqual([{ href: '#response-respondedOn-day', text: 'The response cannot be dated before the contact was received, on 2 November 2026' }]);
  });

  it('lets a manager set the response times, and not an officer', async () => {
    expect((await postForm(testApp.app, jar, '/contacts/policy', { enquiryWorkingDays: '4', memberEnquiryWorkingDays: '5', stage1WorkingDays: '10', stage2WorkingDays: '20' }, { csrfFrom: '/contacts/policy' })).statusCode).toBe(403);
    const managerJar = await signIn(testApp.app, manager.user.email, manager.password);
    const bad = await postForm(testApp.app, managerJar, '/contacts/policy', { enquiryWorkingDays: '', memberEnquiryWorkingDays: '5', stage1WorkingDays: '10', stage2WorkingDays: '20' }, { csrfFrom: '/contacts/policy' });
    expect(errorSummaryOf(bad.body)).toEqual([{ href: '#enquiryWorkingDays', text: 'Enter the time to answer an enquiry as a whole number of working days from 1 to 60' }]);
    const good = await postForm(testApp.app, managerJar, '/contacts/policy', { enquiryWorkingDays: '5', memberEnquiryWorkingDays: '5', stage1WorkingDays: '10', stage2WorkingDays: '20' }, { csrfFrom: '/contacts/policy' });
    expect(good.statusCode).toBe(303);
  });
});

describe('the report', () => {
  it('counts by month what the register lists behind each figure, and downloads the same figures as CSV', async () => {
    const other = await anAuthority(testApp.database.db);
    const own = { ...testApp, authorityId: other.id };
    const boss = await anOfficer(own, { role: 'team_manager' });
    const log = (input: Record<string, string>) =>
      testApp.services.contacts.logContact(boss.actor, { channel: 'email', source: 'family', fromName: 'X', summary: 'Y', ...input });
    const late = (await log({ kind: 'complaint', theme: 'transport', receivedOn: '2026-10-01' })).result;
    await testApp.services.contacts.respond(boss.actor, late.contactId, { respondedOn: '2026-10-30', summary: 'Late', outcome: 'not-upheld' });
    const onTime = (await log({ kind: 'complaint', theme: 'transport', receivedOn: '2026-10-05' })).result;
    await testApp.services.contacts.respond(boss.actor, onTime.contactId, { respondedOn: '2026-10-06', summary: 'Quick', outcome: 'upheld' });
    await log({ kind: 'enquiry', receivedOn: '2026-10-07' });
    const report = await testApp.services.contacts.report(boss.actor, 2026);
    const october = report.volumes.find((row) => row.month === '2026-10' && row.kind === 'complaint')!;
    expect(october).toMatchObject({ received: 2, answered: 2, answeredWithinDeadline: 1 });
    expect(report.themes).toEqual([{ month: '2026-10', theme: 'transport', total: 2 }]);
    expect(report.outcomes.sort((a, b) => a.outcome.localeCompare(b.outcome))).toEqual([
      { month: '2026-10', outcome: 'not-upheld', total: 1 },
      { month: '2026-10', outcome: 'upheld', total: 1 },
    ]);
    // Each figure's list in the register holds as many contacts as the figure says.
    for (const [query, expected] of [
      [{ month: '2026-10', kind: 'complaint' }, 2],
      [{ month: '2026-10', kind: 'complaint', answered: 'any' }, 2],
      [{ month: '2026-10', kind: 'complaint', answered: 'on-time' }, 1],
      [{ month: '2026-10', kind: 'complaint', outcome: 'upheld' }, 1],
      [{ month: '2026-10', kind: 'complaint', theme: 'transport' }, 2],
      [{ month: '2026-10', kind: 'enquiry' }, 1],
    ] as const) {
      expect((await testApp.services.contacts.register(boss.actor, query)).total, JSON.stringify(query)).toBe(expected);
    }
    const bossJar = await signIn(testApp.app, boss.user.email, boss.password);
    const page = await getPage(testApp.app, bossJar, '/contacts/report?year=2026');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/contacts?kind=complaint&amp;month=2026-10&amp;answered=on-time"');
    const csv = await getPage(testApp.app, bossJar, '/contacts/report.csv?year=2026');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('2026-10,Answered within the deadline,Complaint,1');
    expect(csv.body).toContain('2026-10,Complaint theme,Transport,2');
    expect((await getPage(testApp.app, jar, '/contacts/report')).statusCode).toBe(403);
  });
});

describe('the API', () => {
  it('logs a contact once for an Idempotency-Key and lists it with the register’s filters', async () => {
    const token = await anApiToken(testApp, officer);
    const body = { kind: 'member-enquiry', channel: 'email', source: 'mp', fromName: 'The MP for Selly Oak', summary: 'A constituent’s plan', receivedOn: '2026-11-23' };
    const send = () => testApp.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: { authorization: `Bearer ${token}`, 'idempotency-key': 'mp-1' }, payload: body });
    const first = await send();
    expect(first.statusCode).toBe(201);
    const again = await send();
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    const listed = await testApp.app.inject({ method: 'GET', url: '/api/v1/contacts?kind=member-enquiry&owner=mine', headers: { authorization: `Bearer ${token}` } });
    expect(listed.json().contacts.filter((entry: { id: string }) => entry.id === first.json().contactId)).toHaveLength(1);
    const got = await testApp.app.inject({ method: 'GET', url: first.headers.location as string, headers: { authorization: `Bearer ${token}` } });
    expect(got.json()).toMatchObject({ kind: 'member-enquiry', source: 'mp', dueOn: '2026-11-30' });
  });
});
