// The pages of the assessment's decisions: the panels, an agenda and its recommendations, a case's
// decision page and its forms. Every form's error path shows the GOV.UK error summary and saves
// nothing; a case officer is refused the decision forms (403).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobRunner } from '../../composition.ts';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, anOfficer, aPerson, type TestOfficer } from '../../test/factories/index.ts';
import { errorSummaryOf, getPage, postForm, signIn, type CookieJar } from '../../test/http.ts';
import { aPdf } from '../../test/files.ts';
import { dateFields } from '../../test/requests.ts';
import type { IsoDate } from '../../domain/calendar/index.ts';
import { recordCaseEvent } from '../cases/index.ts';

let testApp: TestApp;
let officer: TestOfficer;
let manager: TestOfficer;
let officerJar: CookieJar;
let managerJar: CookieJar;
const clock = fixedClock('2026-11-23T10:00:00Z');

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  officer = await anOfficer(testApp);
  manager = await anOfficer(testApp, { role: 'team_manager' });
  officerJar = await signIn(testApp.app, officer.user.email, officer.password);
  managerJar = await signIn(testApp.app, manager.user.email, manager.password);
});
afterAll(async () => {
  await testApp?.close();
});

const aRequest = () => aCase(testApp, officer.actor, { receivedOn: '2026-10-01', child: { forename: 'Idris', surname: 'Okafor' } });
const submit = (jar: CookieJar, url: string, fields: Record<string, string>) => postForm(testApp.app, jar, url, fields, { csrfFrom: url });

async function count(table: 'assessment_decision' | 'decision_panel' | 'panel_case' | 'views_request' | 'views_received' | 'request_withdrawal'): Promise<number> {
  const [row] = await queryRows<{ n: number }>(testApp.database.db, sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE "authority_id" = ${testApp.authorityId}`);
  return row!.n;
}

describe('the decision page', () => {
  it('shows the request’s evidence, the views, the panels and the deadlines; a team manager is offered the decision, a case officer is told who makes it', async () => {
    const created = await aRequest();
    await testApp.services.documents.upload(officer.actor, created.caseId, { title: 'Educational psychologist’s advice', file: { filename: 'advice.pdf', bytes: aPdf(), truncated: false } });
    await testApp.services.decisions.recordViews(officer.actor, created.caseId, { party: 'parent', receivedOn: '2026-11-02', summary: 'Mum says <b>he</b> cannot cope with assemblies.' });
    const url = `/cases/${created.caseId}/decision`;
    const asOfficer = await getPage(testApp.app, officerJar, url);
    expect(asOfficer.statusCode).toBe(200);
    expect(asOfficer.body).toContain('<h1 class="govuk-heading-xl">Decisions</h1>');
    expect(asOfficer.body).toContain('Due by <strong>12 November 2026</strong>');
    expect(asOfficer.body).toContain('A team manager or service lead makes the decision');
    expect(asOfficer.body).not.toContain('Record the decision whether to assess');
    // Free text is escaped, the names marked for their own direction.
    expect(asOfficer.body).toContain('Mum says &lt;b&gt;he&lt;/b&gt; cannot cope with assemblies.');
    expect(asOfficer.body).toContain('<span dir="auto">Idris Okafor</span>');
    expect(asOfficer.body).toContain('Educational psychologist’s advice');
    expect(asOfficer.body).toContain('No parent or carer with an address');
    const asManager = await getPage(testApp.app, managerJar, url);
    expect(asManager.body).toContain(`href="/cases/${created.caseId}/decision/whether-to-assess"`);
    // The record links to it, and shows the SEN2 outcome so far.
    const record = await getPage(testApp.app, officerJar, `/children/${created.childId}`);
    expect(record.body).toContain(`href="/cases/${created.caseId}/decision"`);
    expect(record.body).toContain('SEN2 request outcome');
    expect(record.body).toContain('A (awaiting a decision)');
  });

  it('a decision recorded as a step before decisions were kept (carried over) is shown as decided, not offered again', async () => {
    const created = await aRequest();
    await testApp.database.db.transaction((tx) => recordCaseEvent(tx, clock, officer.actor, { caseId: created.caseId, type: 'assessment.agreed', occurredOn: '2026-11-02' as IsoDate }));
    const page = await getPage(testApp.app, managerJar, `/cases/${created.caseId}/decision`);
    expect(page.body).toContain('Decided to assess on 2 November 2026. The decision was recorded as a step');
    expect(page.body).not.toContain('Record the decision whether to assess');
    expect(page.body).toContain('Record the decision after the assessment');
  });

  it('the step form no longer offers the decisions', async () => {
    const created = await aRequest();
    const page = await getPage(testApp.app, officerJar, `/children/${created.childId}/steps/new`);
    expect(page.body).not.toContain('Decided to assess');
    expect(page.body).not.toContain('Decided not to assess');
    const posted = await submit(officerJar, `/children/${created.childId}/steps/new`, { type: 'assessment.agreed', ...dateFields('occurredOn', '2026-11-20') });
    expect(posted.statusCode).toBe(400);
    expect(errorSummaryOf(posted.body)[0]!.text).toMatch(/Record this on the case’s decision page/);
  });
});

describe('the decision whether to assess, on its form', () => {
  it('a case officer is refused the form and the decision (403), and nothing is saved', async () => {
    const created = await aRequest();
    const url = `/cases/${created.caseId}/decision/whether-to-assess`;
    const form = await getPage(testApp.app, officerJar, url);
    expect(form.statusCode).toBe(403);
    expect(form.body).toContain('Only a team manager or service lead can make this decision');
    const before = await count('assessment_decision');
    // The CSRF token from a page the officer may open.
    const posted = await postForm(testApp.app, officerJar, url, { outcome: 'assess', ...dateFields('decidedOn', '2026-11-20'), reasons: 'x' }, { csrfFrom: `/cases/${created.caseId}/decision` });
    expect(posted.statusCode).toBe(403);
    expect(await count('assessment_decision')).toBe(before);
  });

  it('shows the error summary for a date before the request, no reasons and no outcome, and saves nothing', async () => {
    const created = await aRequest();
    const url = `/cases/${created.caseId}/decision/whether-to-assess`;
    const before = await count('assessment_decision');
    const empty = await submit(managerJar, url, { ...dateFields('decidedOn', '2026-11-20'), reasons: '' });
    expect(empty.statusCode).toBe(400);
    expect(errorSummaryOf(empty.body)).toEqual([
      { href: '#outcome', text: 'Select the decision' },
      { href: '#reasons', text: 'Give the reasons for the decision: they are what the family and a tribunal read' },
    ]);
    const early = await submit(managerJar, url, { outcome: 'assess', ...dateFields('decidedOn', '2026-09-30'), reasons: 'Evidence of need.' });
    expect(early.statusCode).toBe(400);
    expect(errorSummaryOf(early.body)).toEqual([{ href: '#decidedOn-day', text: 'The decision cannot be dated before the request was received, on 1 October 2026' }]);
    // What was typed is kept.
    expect(early.body).toContain('Evidence of need.');
    const future = await submit(managerJar, url, { outcome: 'assess', ...dateFields('decidedOn', '2026-12-01'), reasons: 'Evidence of need.' });
    expect(errorSummaryOf(future.body)).toEqual([{ href: '#decidedOn-day', text: 'The date of the decision must be today or in the past' }]);
    expect(await count('assessment_decision')).toBe(before);
  });

  it('records the decision and shows it on the decision page with its reasons, who decided, the appeal limits of a refusal and its notice', async () => {
    const created = await aRequest();
    await aPerson(testApp, officer.actor, created.childId, { mainContact: true });
    const url = `/cases/${created.caseId}/decision/whether-to-assess`;
    const form = await getPage(testApp.app, managerJar, url);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('The family must be told the decision by 12 November 2026');
    const posted = await submit(managerJar, url, { outcome: 'do-not-assess', ...dateFields('decidedOn', '2026-11-20'), reasons: 'The school’s support is working.\nReview in the spring.' });
    expect(posted.statusCode, posted.body).toBe(303);
    expect(posted.headers.location).toBe(`/cases/${created.caseId}/decision?saved=decision`);
    const page = await getPage(testApp.app, officerJar, posted.headers.location as string);
    expect(page.body).toContain('Decision recorded.');
    expect(page.body).toContain('<strong>Do not assess</strong>');
    expect(page.body).toMatch(/The school’s support is working.\s+Review in the spring./);
    expect(page.body).toContain(manager.user.name);
    expect(page.body).toContain('by 25 January 2027');
    expect(page.body).toContain('by 23 January 2027');
    expect(page.body).toContain('N (no), 20 November 2026');
    const [letter] = await queryRows<{ id: string }>(testApp.database.db, sql`SELECT id FROM letter WHERE "authority_id" = ${testApp.authorityId} AND case_id = ${created.caseId}`);
    expect(page.body).toContain(`<a class="govuk-link" href="/letters/sent/${letter!.id}">The letter of 23 November 2026</a>`);
    expect(page.body).toContain('Its notice to the family is queued');
    // The letter's PDF is kept with the case's documents, but it is not the request's evidence.
    await createJobRunner(testApp, testApp.services, { random: () => 0 }).runUntilIdle();
    const [pdf] = await queryRows<{ pdf_document_id: string | null }>(testApp.database.db, sql`SELECT pdf_document_id FROM letter WHERE "authority_id" = ${testApp.authorityId} AND id = ${letter!.id}`);
    expect(pdf!.pdf_document_id).not.toBeNull();
    const after = await getPage(testApp.app, officerJar, `/cases/${created.caseId}/decision`);
    expect(after.body).toContain('No documents have been added to this case.');
  });

  it('says a decision’s notice was not sent when no one on the record could be written to', async () => {
    const created = await aRequest();
    const posted = await submit(managerJar, `/cases/${created.caseId}/decision/whether-to-assess`, { outcome: 'assess', ...dateFields('decidedOn', '2026-11-20'), reasons: 'Needs.' });
    expect(posted.headers.location).toBe(`/cases/${created.caseId}/decision?saved=decision-unsent`);
    const page = await getPage(testApp.app, officerJar, posted.headers.location as string);
    expect(page.body).toContain('No notice was sent: no parent or carer with an address or e-mail address is on the record.');
    expect(page.body).toContain('Not sent: no parent or carer with an address or e-mail address was on the record');
  });

  it('a second decision on the form is refused with the error summary, nothing saved (CFA 2014 s.36(8))', async () => {
    const created = await aCase(testApp, officer.actor, { stage: 'assessment', receivedOn: '2026-09-01', stepDates: { 'assessment.agreed': '2026-10-01' } });
    const decisions = await count('assessment_decision');
    const [events] = await queryRows<{ n: number }>(testApp.database.db, sql`SELECT count(*)::int AS n FROM case_event WHERE case_id = ${created.caseId}`);
    const posted = await submit(managerJar, `/cases/${created.caseId}/decision/whether-to-assess`, { outcome: 'assess', ...dateFields('decidedOn', '2026-11-20'), reasons: 'Again' });
    expect(posted.statusCode).toBe(400);
    expect(errorSummaryOf(posted.body)[0]).toEqual({ href: '#outcome', text: 'The decision whether to assess is already recorded (1 October 2026). If it is wrong, correct it in the case’s history' });
    expect(await count('assessment_decision'), 'nothing saved').toBe(decisions);
    const [after] = await queryRows<{ n: number }>(testApp.database.db, sql`SELECT count(*)::int AS n FROM case_event WHERE case_id = ${created.caseId}`);
    expect(after!.n, 'nothing saved').toBe(events!.n);
  });
});

describe('the decision after the assessment, on its form', () => {
  it('shows week 16 as the statutory limit for “no plan” and as the council’s target for the draft; refuses one before the decision to assess', async () => {
    const created = await aCase(testApp, officer.actor, { stage: 'assessment', receivedOn: '2026-08-03', stepDates: { 'assessment.agreed': '2026-09-07' } });
    const page = await getPage(testApp.app, managerJar, `/cases/${created.caseId}/decision`);
    expect(page.body).toContain('week 16, a statutory limit (SEND Regulations 2014 reg. 10(1))');
    expect(page.body).toContain('week 16 is the council’s target, not the law');
    const url = `/cases/${created.caseId}/decision/after-assessment`;
    const posted = await submit(managerJar, url, { outcome: 'do-not-issue-plan', ...dateFields('decidedOn', '2026-11-20'), reasons: 'Needs met by the school with the advice given.' });
    expect(posted.statusCode).toBe(303);
    const decided = await getPage(testApp.app, officerJar, `/cases/${created.caseId}/decision`);
    expect(decided.body).toContain('<strong>Do not issue an EHC plan</strong>');
    expect(decided.body).toContain('N (no), 20 November 2026');

    const request = await aRequest();
    const early = await submit(managerJar, `/cases/${request.caseId}/decision/after-assessment`, { outcome: 'issue-plan', ...dateFields('decidedOn', '2026-11-20'), reasons: 'x' });
    expect(early.statusCode).toBe(400);
    expect(errorSummaryOf(early.body)[0]!.text).toBe('Record the decision to assess before the decision after the assessment');
  });
});

describe('a withdrawal, on its form', () => {
  it('refuses it without who and why, then records it: the case closes', async () => {
    const created = await aRequest();
    const url = `/cases/${created.caseId}/decision/withdrawal`;
    const before = await count('request_withdrawal');
    const empty = await submit(officerJar, url, dateFields('withdrawnOn', '2026-11-20'));
    expect(empty.statusCode).toBe(400);
    expect(errorSummaryOf(empty.body)).toEqual([
      { href: '#withdrawnBy', text: 'Select who withdrew the request' },
      { href: '#reason', text: 'Say why the request was withdrawn' },
    ]);
    expect(await count('request_withdrawal')).toBe(before);
    const posted = await submit(officerJar, url, { withdrawnBy: 'parent', ...dateFields('withdrawnOn', '2026-11-20'), reason: 'Moving to Leeds.' });
    expect(posted.statusCode).toBe(303);
    const page = await getPage(testApp.app, officerJar, posted.headers.location as string);
    expect(page.body).toContain('Withdrawal recorded. The case is closed.');
    expect(page.body).toContain('Moving to Leeds.');
    expect(page.body).toContain('W (withdrawn), 20 November 2026');
  });
});

describe('views, on their forms', () => {
  it('asks the parent for views and records the school’s; each form’s error path shows the summary and saves nothing', async () => {
    const created = await aRequest();
    await aPerson(testApp, officer.actor, created.childId, { forename: 'Chidi', mainContact: true });
    const ask = `/cases/${created.caseId}/decision/views/ask`;
    const form = await getPage(testApp.app, officerJar, ask);
    expect(form.body).toContain('the main contact');
    const before = await count('views_request');
    const refused = await submit(officerJar, ask, dateFields('respondBy', '2026-11-01'));
    expect(refused.statusCode).toBe(400);
    expect(errorSummaryOf(refused.body)).toEqual([
      { href: '#party', text: 'Select whose views to ask for' },
      { href: '#respondBy-day', text: 'The date to reply by must be in the future' },
    ]);
    expect(await count('views_request')).toBe(before);
    expect((await submit(officerJar, ask, { party: 'parent', ...dateFields('respondBy', '2026-12-04') })).statusCode).toBe(303);

    const record = `/cases/${created.caseId}/decision/views/new`;
    const beforeViews = await count('views_received');
    const noSummary = await submit(officerJar, record, { party: 'school', ...dateFields('receivedOn', '2026-11-20') });
    expect(errorSummaryOf(noSummary.body)).toEqual([{ href: '#summary', text: 'Summarise the views' }]);
    expect(await count('views_received')).toBe(beforeViews);
    expect((await submit(officerJar, record, { party: 'school', ...dateFields('receivedOn', '2026-11-20'), summary: 'The SENCo supports the request.' })).statusCode).toBe(303);
    const page = await getPage(testApp.app, officerJar, `/cases/${created.caseId}/decision`);
    expect(page.body).toContain('The SENCo supports the request.');
    expect(page.body).toContain('asked 23 November 2026, to reply by 4 December 2026');
  });
});

describe('panels', () => {
  it('arranges a panel (its error path first), brings a case to it and records its recommendation on the agenda', async () => {
    const beforePanels = await count('decision_panel');
    const refused = await submit(officerJar, '/panels/new', { ...dateFields('heldOn', '2028-01-01'), title: '' });
    expect(refused.statusCode).toBe(400);
    expect(errorSummaryOf(refused.body)).toEqual([
      { href: '#heldOn-day', text: 'The panel must meet within a year of today' },
      { href: '#title', text: 'Enter the panel’s name' },
    ]);
    expect(await count('decision_panel')).toBe(beforePanels);
    const arranged = await submit(officerJar, '/panels/new', { ...dateFields('heldOn', '2026-11-19'), title: 'SEND panel (North)' });
    expect(arranged.statusCode).toBe(303);
    const panelUrl = (arranged.headers.location as string).split('?')[0]!;

    const created = await aRequest();
    const bring = `/cases/${created.caseId}/decision/panel`;
    const choose = await submit(officerJar, bring, {});
    expect(errorSummaryOf(choose.body)).toEqual([{ href: '#panelId', text: 'Choose the panel to bring the case to' }]);
    const panelId = panelUrl.split('/').at(-1)!;
    expect((await submit(officerJar, bring, { panelId })).statusCode).toBe(303);
    const again = await submit(officerJar, bring, { panelId });
    expect(again.statusCode).toBe(409);
    expect(errorSummaryOf(again.body)[0]!.text).toBe('This case is already on that panel’s agenda');

    const panels = await getPage(testApp.app, officerJar, '/panels');
    expect(panels.body).toContain('SEND panel (North)');
    const agenda = await getPage(testApp.app, officerJar, panelUrl);
    expect(agenda.body).toContain('Idris Okafor');
    expect(agenda.body).toContain('Whether to assess');

    const recommend = `/panels/${panelId}/cases/${created.caseId}/recommendation`;
    const deferWithoutNote = await postForm(testApp.app, officerJar, recommend, { recommendation: 'defer' }, { csrfFrom: panelUrl });
    expect(deferWithoutNote.statusCode).toBe(400);
    expect(errorSummaryOf(deferWithoutNote.body)).toEqual([{ href: `#note-${created.caseId}`, text: 'Say what the panel is waiting for before it recommends' }]);
    const recommended = await postForm(testApp.app, officerJar, recommend, { recommendation: 'assess', note: 'Health agrees.' }, { csrfFrom: panelUrl });
    expect(recommended.statusCode).toBe(303);
    expect(recommended.headers.location).toBe(`${panelUrl}?saved=recommendation#case-${created.caseId}`);
    const after = await getPage(testApp.app, officerJar, (recommended.headers.location as string).split('#')[0]!);
    expect(after.body).toContain('Recommendation recorded.');
    expect(after.body).toContain('<strong>Assess</strong>');
    // The decision page shows it beside the decision to come.
    const page = await getPage(testApp.app, managerJar, `/cases/${created.caseId}/decision`);
    expect(page.body).toContain('recommended: <strong>Assess</strong>');
  });

  it('an agenda names a restricted child only to those who may see the record', async () => {
    const { result: panel } = await testApp.services.panels.createPanel(officer.actor, { heldOn: '2026-11-30', title: 'Restricted test panel' });
    const created = await aCase(testApp, officer.actor, { receivedOn: '2026-10-01', child: { forename: 'Hidden', surname: 'Person' } });
    await testApp.services.panels.bringToPanel(officer.actor, created.caseId, { panelId: panel.id });
    await testApp.database.db.execute(sql`UPDATE child SET sensitive = true WHERE id = ${created.childId}`);
    const outsider = await anOfficer(testApp);
    const outsiderJar = await signIn(testApp.app, outsider.user.email, outsider.password);
    const hidden = await getPage(testApp.app, outsiderJar, `/panels/${panel.id}`);
    expect(hidden.body).not.toContain('Hidden Person');
    expect(hidden.body).toContain('A restricted record');
    const shown = await getPage(testApp.app, officerJar, `/panels/${panel.id}`);
    expect(shown.body).toContain('Hidden Person');
  });
});
