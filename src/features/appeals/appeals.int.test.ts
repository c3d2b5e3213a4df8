import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, aMaintainedPlan, anOfficer, type TestOfficer } from '../../test/factories/index.ts';
import { errorSummaryOf, getPage, postForm, signIn, type CookieJar } from '../../test/http.ts';
import { refusedMessages, validationRefusal } from '../../test/problems.ts';

let testApp: TestApp;
let officer: TestOfficer;
let manager: TestOfficer;
let jar: CookieJar;
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

const appeals = () => testApp.services.appeals;

const refusal = validationRefusal;
const messages = refusedMessages;
const count = async (table: string, caseId: string) => (await queryRows<{ n: number }>(testApp.database.db, sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE "authority_id" = ${testApp.authorityId} AND case_id = ${caseId}`))[0]!.n;
const deadline = async (caseId: string, id: string) =>
  (await queryRows<{ due_on: string; met_on: string | null }>(testApp.database.db, sql`SELECT due_on, met_on FROM case_deadline WHERE case_id = ${caseId} AND deadline_id = ${id}`))[0];

const nextDeadline = async (caseId: string) =>
  (await queryRows<{ next_deadline_on: string | null; next_deadline_title: string | null }>(testApp.database.db, sql`SELECT next_deadline_on, next_deadline_title FROM ehc_case WHERE "authority_id" = ${testApp.authorityId} AND id = ${caseId}`))[0];

/** A maintained plan and the event id of its final plan (the decision a plan-content appeal is against). */
async function aPlanDecision() {
  const created = await aMaintainedPlan(testApp, officer.actor);
  const overview = await appeals().ofCase(officer.actor, created.caseId);
  const issued = overview.decisions.find((decision) => decision.type === 'plan.issued')!;
  return { ...created, decisionEventId: issued.id };
}

const LETTER = { tribunalReference: 'EH123/26/00001', registeredOn: '2026-10-20', responseDueOn: '2026-12-01', hearingOn: '2027-02-10' };

describe('the tribunal appeals register (CFA 2014 s.51)', () => {
  it('CFA 2014 s.51 and SEND Regs 2014 reg. 44: registers an appeal against the plan’s sections, defends it, records the outcome and the order, and tracks the order to carried out, each on the case’s history and deadlines', async () => {
    const { caseId, decisionEventId } = await aPlanDecision();
    const { result } = await appeals().registerAppeal(officer.actor, caseId, { appealType: 'plan-content', decisionEventId, sections: ['F', 'I'], ...LETTER, hearingOn: '2026-11-20' });
    expect(await deadline(caseId, 'appeal-response')).toEqual({ due_on: '2026-12-01', met_on: null });
    // The officer's worklist is ordered by the case's next deadline: now the response to the tribunal.
    expect(await nextDeadline(caseId)).toEqual({ next_deadline_on: '2026-12-01', next_deadline_title: 'Send the council’s response to the tribunal' });
    const registered = await appeals().appeal(officer.actor, result.appealId);
    expect(registered).toMatchObject({ status: 'registered', decision: { type: 'plan.issued', on: '2026-10-05' }, sections: [{ section: 'F' }, { section: 'I' }] });
    expect(registered.decision.by).not.toBe('Recorded by the service');

    await appeals().decidePosition(manager.actor, result.appealId, { position: 'defend', decidedOn: '2026-11-02', reasons: 'The provision in F is specified and quantified.' });
    expect(await deadline(caseId, 'appeal-response')).toEqual({ due_on: '2026-12-01', met_on: '2026-11-02' });

    const sections = (await appeals().appeal(officer.actor, result.appealId)).sections;
    const outcome = await appeals().recordOutcome(officer.actor, result.appealId, { outcomeOn: '2026-11-20', outcomes: { [sections[0]!.id]: 'partly', [sections[1]!.id]: 'dismissed' }, orderKind: 'amend-plan' });
    expect(await deadline(caseId, 'appeal-order')).toEqual({ due_on: '2026-12-25', met_on: null });
    expect(await nextDeadline(caseId)).toEqual({ next_deadline_on: '2026-12-25', next_deadline_title: 'Carry out the tribunal’s order' });

    await appeals().recordOrderComplied(officer.actor, outcome.result.orderId!, { compliedOn: '2026-11-28' });
    expect(await deadline(caseId, 'appeal-order')).toEqual({ due_on: '2026-12-25', met_on: '2026-11-28' });
    const view = await appeals().appeal(officer.actor, result.appealId);
    expect(view).toMatchObject({ status: 'concluded', concludedOn: '2026-11-20', orders: [{ orderKind: 'amend-plan', compliedOn: '2026-11-28' }] });
    const types = (await queryRows<{ type: string }>(testApp.database.db, sql`SELECT type FROM case_event WHERE case_id = ${caseId} AND type LIKE 'appeal.%' ORDER BY recorded_at`)).map((row) => row.type);
    expect(types).toEqual(['appeal.registered', 'appeal.decided', 'appeal.concluded', 'appeal.order-made', 'appeal.order-complied']);
    const audits = (await queryRows<{ action: string }>(testApp.database.db, sql`SELECT action FROM audit_event WHERE entity_id = ${result.appealId} ORDER BY occurred_at`)).map((row) => row.action);
    expect(audits).toEqual(['appeal.registered', 'appeal.defended', 'appeal.concluded', 'appeal.order-complied']);
  });

  it('CFA 2014 s.51(2)(a): an appeal against a refusal to assess, on the case the refusal closed, keeps its response deadline on the case', async () => {
    const refused = await aCase(testApp, officer.actor, { stage: 'closed', receivedOn: '2026-08-03' });
    const decision = (await appeals().ofCase(officer.actor, refused.caseId)).decisions.find((entry) => entry.type === 'assessment.refused')!;
    const { result } = await appeals().registerAppeal(officer.actor, refused.caseId, { appealType: 'refusal-to-assess', decisionEventId: decision.id, ...LETTER });
    expect(await deadline(refused.caseId, 'appeal-response')).toEqual({ due_on: '2026-12-01', met_on: null });
    expect((await appeals().appeal(officer.actor, result.appealId)).sections).toMatchObject([{ section: 'decision', name: 'The decision' }]);
  });

  it('CFA 2014 s.51: refuses an appeal registered before the decision it is against, with nothing saved', async () => {
    const { caseId, decisionEventId } = await aPlanDecision();
    const error = await refusal(appeals().registerAppeal(officer.actor, caseId, { appealType: 'plan-content', decisionEventId, sections: ['F'], ...LETTER, registeredOn: '2026-10-01' }));
    expect(messages(error)).toBe('The appeal cannot be registered before the decision it is against, made on 2026-10-05');
    expect(await count('appeal', caseId)).toBe(0);
    expect(await deadline(caseId, 'appeal-response')).toBeUndefined();
  });

  it('CFA 2014 s.51(2): refuses an appeal type that does not match the decision, and a plan-content appeal with no section', async () => {
    const { caseId, decisionEventId } = await aPlanDecision();
    expect(messages(await refusal(appeals().registerAppeal(officer.actor, caseId, { appealType: 'refusal-to-assess', decisionEventId, ...LETTER })))).toContain('“decided not to assess”');
    expect(messages(await refusal(appeals().registerAppeal(officer.actor, caseId, { appealType: 'plan-content', decisionEventId, sections: [], ...LETTER })))).toContain('Select the sections appealed');
    expect(await count('appeal', caseId)).toBe(0);
  });

  it('refuses an outcome before the hearing unless withdrawn or conceded, with nothing saved', async () => {
    const { caseId, decisionEventId } = await aPlanDecision();
    const { result } = await appeals().registerAppeal(officer.actor, caseId, { appealType: 'plan-content', decisionEventId, sections: ['B'], ...LETTER });
    const [section] = (await appeals().appeal(officer.actor, result.appealId)).sections;
    const error = await refusal(appeals().recordOutcome(officer.actor, result.appealId, { outcomeOn: '2026-11-25', outcomes: { [section!.id]: 'upheld' } }));
    expect(messages(error)).toBe('The tribunal decides at the hearing on 2027-02-10: an outcome before it can only be a withdrawal or a concession');
    expect((await appeals().appeal(officer.actor, result.appealId)).status).toBe('registered');
    await appeals().recordOutcome(officer.actor, result.appealId, { outcomeOn: '2026-11-25', outcomes: { [section!.id]: 'withdrawn' } });
    expect(await appeals().appeal(officer.actor, result.appealId)).toMatchObject({ status: 'concluded', sections: [{ outcome: 'withdrawn' }] });
  });

  it('keeps the decision to defend or concede to a team manager or service lead, with reasons', async () => {
    const { caseId, decisionEventId } = await aPlanDecision();
    const { result } = await appeals().registerAppeal(officer.actor, caseId, { appealType: 'plan-content', decisionEventId, sections: ['I'], ...LETTER });
    expect(messages(await refusal(appeals().decidePosition(officer.actor, result.appealId, { position: 'concede', reasons: 'x' })))).toContain('Only a team manager or service lead');
    expect(messages(await refusal(appeals().decidePosition(manager.actor, result.appealId, { position: 'concede' })))).toBe('Enter the reasons for the decision');
    await appeals().decidePosition(manager.actor, result.appealId, { position: 'concede', reasons: 'The family’s school can meet the needs.', settle: true });
    expect(await appeals().appeal(officer.actor, result.appealId)).toMatchObject({ status: 'conceded', settledEarly: true });
  });

  it('shows the register, the appeal’s page and the triage, logs each view, and shows the form’s errors with nothing saved', async () => {
    const { caseId, childId, decisionEventId } = await aPlanDecision();
    const { result } = await appeals().registerAppeal(officer.actor, caseId, { appealType: 'plan-content', decisionEventId, sections: ['F'], ...LETTER });
    const register = await getPage(testApp.app, jar, '/appeals');
    expect(register.statusCode).toBe(200);
    expect(register.body).toContain('EH123/26/00001');
    const page = await getPage(testApp.app, jar, `/appeals/${result.appealId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('The council’s response to the tribunal');
    const record = await getPage(testApp.app, jar, `/children/${childId}`);
    expect(record.body).toContain('Mediation and appeals');
    expect(record.body).toContain('Appeal EH123/26/00001</a>: hearing 10 February 2027');
    const accesses = await queryRows<{ view: string }>(testApp.database.db, sql`SELECT view FROM access_log WHERE child_id = ${childId}`);
    expect(accesses.map((row) => row.view)).toContain('appeal');

    const before = await count('appeal', caseId);
    const posted = await postForm(testApp.app, jar, `/cases/${caseId}/appeals/new`, { appealType: 'plan-content', decisionEventId, sections: 'F', tribunalReference: 'EH9', 'registeredOn-day': '1', 'registeredOn-month': '10', 'registeredOn-year': '2026', 'responseDueOn-day': '1', 'responseDueOn-month': '12', 'responseDueOn-year': '2026' }, { csrfFrom: `/cases/${caseId}/appeals/new` });
    expect(posted.statusCode).toBe(400);
    expect(errorSummaryOf(posted.body).map((error) => error.text)).toEqual(['The appeal cannot be registered before the decision it is against, made on 5 October 2026']);
    expect(await count('appeal', caseId)).toBe(before);

    // A complaint about the same child's case is weighed beside the appeal.
    const complaint = await testApp.services.contacts.logContact(officer.actor, { kind: 'complaint', channel: 'email', source: 'family', fromName: 'Mrs Appellant', summary: 'The plan does not say how often.', theme: 'plan-content', receivedOn: '2026-11-02', childId });
    const managerJar = await signIn(testApp.app, manager.user.email, manager.password);
    const triage = await getPage(testApp.app, managerJar, '/appeals/triage');
    expect(triage.statusCode).toBe(200);
    expect(triage.body).toContain('Appeal EH123/26/00001');
    const rows = await appeals().triage(manager.actor);
    expect(rows.find((row) => row.kind === 'complaint' && row.id === complaint.result.contactId)).toMatchObject({ caseId, status: 'Stage 1', what: expect.stringMatching(/^Complaint CT-\d{4}-\d{6}: the plan/) });
    expect(triage.body).toContain(`/contacts/${complaint.result.contactId}`);
    expect((await getPage(testApp.app, jar, '/appeals/triage')).statusCode).toBe(403);

    // Settled from the triage: the appeal conceded early, with the reasons, by the manager.
    expect(triage.body).toContain(`/appeals/${result.appealId}?settle=1#position`);
    const settling = await getPage(testApp.app, managerJar, `/appeals/${result.appealId}?settle=1`);
    expect(settling.body).toContain('name="settle" value="yes"');
    const settled = await postForm(testApp.app, managerJar, `/appeals/${result.appealId}/position`, { position: 'concede', settle: 'yes', reasons: 'The plan was late and section F is vague: the council would lose at a hearing.' }, { csrfFrom: `/appeals/${result.appealId}?settle=1` });
    expect(settled.statusCode).toBe(303);
    expect(settled.headers.location).toBe('/appeals/triage?settled=1');
    expect(await appeals().appeal(officer.actor, result.appealId)).toMatchObject({ status: 'conceded', settledEarly: true, positionReasons: 'The plan was late and section F is vague: the council would lose at a hearing.' });
    const audits = await queryRows<{ action: string }>(testApp.database.db, sql`SELECT action FROM audit_event WHERE "authority_id" = ${testApp.authorityId} AND entity_id = ${result.appealId}`);
    expect(audits.map((row) => row.action)).toContain('appeal.settled');
    const csv = await getPage(testApp.app, managerJar, '/appeals/report.csv?from=2026-10-01&to=2026-11-30');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body.split('\n')[0]).toContain('month,registered');
  });
});

describe('mediation (SEND Regs 2014 regs 32-42)', () => {
  it('SEND Regs 2014 regs 36-38 and 42: mediation asked for starts the 30 days; held with an agreement, its actions are due under reg. 42 and tracked to done', async () => {
    const { caseId, decisionEventId } = await aPlanDecision();
    const { result } = await appeals().startMediation(officer.actor, caseId, { about: 'Section F speech and language therapy', decisionEventId, adviserContactedOn: '2026-10-10', wantsMediation: 'yes', requestedOn: '2026-10-12' });
    expect(await deadline(caseId, 'mediation-meeting')).toEqual({ due_on: '2026-11-11', met_on: null });
    await appeals().recordMediationHeld(officer.actor, result.mediationId, { heldOn: '2026-11-02', outcome: 'agreement' });
    expect(await deadline(caseId, 'mediation-meeting')).toEqual({ due_on: '2026-11-11', met_on: '2026-11-02' });
    await appeals().addAction(officer.actor, result.mediationId, { description: 'Amend section F', kind: 'appealable', orderKind: 'amend-plan' });
    await appeals().addAction(officer.actor, result.mediationId, { description: 'Meet the school', kind: 'other' });
    await appeals().addAction(officer.actor, result.mediationId, { description: 'Send the therapy report', kind: 'agreed', agreedDueOn: '2026-12-20' });
    const view = await appeals().mediation(officer.actor, result.mediationId);
    expect(view.actions.map((action) => [action.description, action.dueOn])).toEqual([
      ['Meet the school', '2026-11-16'],
      ['Amend section F', '2026-12-07'],
      ['Send the therapy report', '2026-12-20'],
    ]);
    await appeals().completeAction(officer.actor, view.actions[0]!.id, { doneOn: '2026-11-10' });
    expect((await appeals().mediation(officer.actor, result.mediationId)).actions[0]?.doneOn).toBe('2026-11-10');
    await appeals().recordCertificate(officer.actor, result.mediationId, { certificateOn: '2026-11-04' });
    expect((await appeals().mediation(officer.actor, result.mediationId)).clocks.find((clock) => clock.title.startsWith('Mediation adviser'))).toMatchObject({ due: '2026-11-05', met: '2026-11-04' });
    // The page says how each day was counted, with the days in words like the rest of the page.
    const page = await getPage(testApp.app, jar, `/mediations/${result.mediationId}`);
    expect(page.body).toContain('12 October 2026');
    expect(page.body).not.toMatch(/\b2026-\d{2}-\d{2}\b[^"]/);
  });

  it('SEND Regs 2014 reg. 34: a certificate only when the family do not want mediation, due in 3 working days', async () => {
    const { caseId } = await aPlanDecision();
    const { result } = await appeals().startMediation(officer.actor, caseId, { about: 'Placement', adviserContactedOn: '2026-11-06', wantsMediation: 'no' });
    const view = await appeals().mediation(officer.actor, result.mediationId);
    expect(view.clocks).toEqual([expect.objectContaining({ due: '2026-11-11', met: null })]);
    expect(await deadline(caseId, 'mediation-meeting')).toBeUndefined();
    expect(messages(await refusal(appeals().addAction(officer.actor, result.mediationId, { description: 'x', kind: 'other' })))).toBe('Only a mediation that reached an agreement has actions to track');
  });
});
