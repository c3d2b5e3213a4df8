// Draft to final on the pages: the family's response to the draft plan (SEND Regs 2014 reg. 13(1);
// CFA 2014 s.38(2)(b)) and the schools consulted about being named (CFA 2014 ss.39 and 40), each
// with its due date (Code of Practice 9.83), reminders, answer and reasons, and the consultations
// overdue. Every form's refusal is the GOV.UK error summary with nothing saved.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, aConsultation, aDecisionMaker, anAuthority, anOfficer, aSchool, type TestCase, type TestOfficer } from '../../test/factories/index.ts';
import { errorSummaryOf, getPage, postForm, signIn, type CookieJar } from '../../test/http.ts';
import { listAccessFor, listAuditEventsFor } from '../audit/index.ts';
import type { SchoolRecord } from '../reference/index.ts';

const clock = fixedClock('2026-11-23T10:00:00Z');
const TODAY = '2026-11-23';

let testApp: TestApp;
let officer: TestOfficer;
let manager: TestOfficer;
let jar: CookieJar;
let managerJar: CookieJar;
let oakTree: SchoolRecord;

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  officer = await anOfficer(testApp);
  manager = await anOfficer(testApp, { role: 'team_manager' });
  jar = await signIn(testApp.app, officer.user.email, officer.password);
  managerJar = await signIn(testApp.app, manager.user.email, manager.password);
  oakTree = await aSchool(testApp.database.db, { name: 'Oak Tree Primary School' });
});
afterAll(async () => {
  await testApp?.close();
});

/** A case whose draft plan was issued on 2 November: the family's 15 days end on 16 November. */
const draftCase = (holder: TestOfficer = officer): Promise<TestCase> =>
  aCase(testApp, holder.actor, { stage: 'draft', receivedOn: '2026-09-01', stepDates: { 'assessment.agreed': '2026-10-06', 'draft.issued': '2026-11-02' } });

/** What a case has written about consultations, and its letters, to show what was (or was not) saved. */
async function written(caseId: string) {
  const authorityId = testApp.authorityId;
  const [counts] = await queryRows<{ consultations: number; representations: number; letters: number; messages: number; audit: number }>(
    testApp.database.db,
    sql`SELECT
      (SELECT count(*)::int FROM "school_consultation" WHERE "authority_id" = ${authorityId} AND "case_id" = ${caseId}) AS "consultations",
      (SELECT count(*)::int FROM "draft_representation" WHERE "authority_id" = ${authorityId} AND "case_id" = ${caseId}) AS "representations",
      (SELECT count(*)::int FROM "letter" WHERE "authority_id" = ${authorityId} AND "case_id" = ${caseId}) AS "letters",
      (SELECT count(*)::int FROM "outbox_message" WHERE "authority_id" = ${authorityId} AND "case_id" = ${caseId}) AS "messages",
      (SELECT count(*)::int FROM "audit_event" WHERE "authority_id" = ${authorityId} AND "details"->>'caseId' = ${caseId} AND ("action" LIKE 'consultation.%' OR "action" LIKE 'draft.%')) AS "audit"`,
  );
  return counts!;
}

const dateFields = (name: string, date: string) => {
  const [year, month, day] = date.split('-');
  return { [`${name}-day`]: day ?? '', [`${name}-month`]: month ?? '', [`${name}-year`]: year ?? '' };
};

const consultUrl = (caseId: string) => `/cases/${caseId}/consultations/new`;
const familyUrl = (caseId: string) => `/cases/${caseId}/consultations/family-response`;
const consultFields = (overrides: Record<string, string> = {}) => ({
  urn: String(oakTree.urn),
  basis: 'family-request',
  contactName: 'Ms Rachel Green, SENCo',
  contactEmail: 'senco@oak-tree.example',
  ...dateFields('sentOn', TODAY),
  ...overrides,
});
const consultOnPage = (caseId: string, fields: Record<string, string>, as: CookieJar = jar) => postForm(testApp.app, as, consultUrl(caseId), fields, { csrfFrom: consultUrl(caseId) });
const familyOnPage = (caseId: string, fields: Record<string, string>) => postForm(testApp.app, jar, familyUrl(caseId), fields, { csrfFrom: familyUrl(caseId) });
/** Posts a form about one consultation with the version its page shows (or the one given). */
async function postAbout(url: string, fields: Record<string, string>, version?: string) {
  const page = await getPage(testApp.app, jar, url);
  const shown = /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? '1';
  return postForm(testApp.app, jar, url, { version: version ?? shown, ...fields }, { csrfFrom: url });
}

describe('consulting a school', () => {
  it('consults the school the family asked for by e-mail today: due 15 days after, not counting the day sent, with the letter queued and the consultation audited (CFA 2014 s.39(2); Code of Practice 9.83)', async () => {
    const created = await draftCase();
    const form = await getPage(testApp.app, jar, consultUrl(created.caseId));
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="sentOn-day" type="text" value="23"');
    const response = await consultOnPage(created.caseId, consultFields());
    expect(response.statusCode, response.body).toBe(303);
    expect(response.headers.location).toBe(`/cases/${created.caseId}/consultations?saved=consulted`);

    const { consultations } = await testApp.services.consultations.caseConsultations(officer.actor, created.caseId);
    expect(consultations).toHaveLength(1);
    expect(consultations[0]).toMatchObject({
      school: { urn: oakTree.urn, name: 'Oak Tree Primary School' },
      basis: 'family-request',
      citation: 'Children and Families Act 2014 s.39(2) to (4)',
      sentOn: TODAY,
      dueOn: '2026-12-08',
      status: 'awaiting',
      standing: { state: 'awaiting', daysRemaining: 15 },
      chasersSent: 0,
      version: 1,
    });
    expect(await written(created.caseId)).toMatchObject({ consultations: 1, letters: 1, messages: 1, audit: 1 });
    const [letter] = await queryRows<{ letterType: string; channel: string; recipientAddress: string; subject: string; bodyText: string }>(
      testApp.database.db,
      sql`SELECT l."letter_type" AS "letterType", m."channel", m."recipient_address" AS "recipientAddress", m."subject", m."body_text" AS "bodyText"
            FROM "letter" l JOIN "outbox_message" m ON m."authority_id" = l."authority_id" AND m."id" = l."message_id"
           WHERE l."authority_id" = ${testApp.authorityId} AND l."case_id" = ${created.caseId}`,
    );
    expect(letter).toMatchObject({ letterType: 'school-consultation', channel: 'email', recipientAddress: 'senco@oak-tree.example' });
    expect(letter!.bodyText).toContain('Their family has asked for the school to be named in the plan.');
    expect(letter!.bodyText).toContain('Please tell us by 8 December 2026');
    const audit = await listAuditEventsFor(testApp.database.db, testApp.authorityId, 'school_consultation', consultations[0]!.id);
    expect(audit.map((entry) => entry.action)).toEqual(['consultation.sent']);

    const page = await getPage(testApp.app, jar, response.headers.location as string);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('School consulted.');
    expect(page.body).toContain('<span dir="auto">Oak Tree Primary School</span>');
    expect(page.body).toContain('8 December 2026');
    expect(page.body).toContain('Awaiting');
    const access = await listAccessFor(testApp.database.db, testApp.authorityId, created.childId);
    expect(access.some((entry) => entry.view === 'consultations' && entry.actorId === officer.actor.id)).toBe(true);
  });

  it('records a consultation sent earlier another way: no e-mail goes, the due date still 15 days after it was sent (CFA 2014 s.40; Code of Practice 9.83)', async () => {
    const created = await draftCase();
    const { result } = await testApp.services.consultations.consultSchool(officer.actor, created.caseId, {
      urn: String(oakTree.urn),
      basis: 'council',
      contactName: 'Mr Paul Stone',
      contactEmail: 'head@oak-tree.example',
      sentOn: '2026-11-03',
    });
    expect(result).toMatchObject({ dueOn: '2026-11-18', citation: 'Children and Families Act 2014 s.40', standing: { state: 'overdue', daysOverdue: 5 } });
    expect(await written(created.caseId)).toMatchObject({ consultations: 1, letters: 0, messages: 0 });
  });

  it('consults once the decision to make a plan is recorded, before the draft (CFA 2014 s.39(2))', async () => {
    const created = await aCase(testApp, officer.actor, { stage: 'assessment', receivedOn: '2026-09-01', stepDates: { 'assessment.agreed': '2026-10-06' } });
    const decider = await aDecisionMaker(testApp);
    await testApp.services.decisions.decideAfterAssessment(decider.actor, created.caseId, { outcome: 'issue-plan', decidedOn: '2026-11-16', reasons: 'The assessment shows needs that call for provision through a plan.' });
    const page = await getPage(testApp.app, jar, `/cases/${created.caseId}/consultations`);
    expect(page.body).toContain('Consult a school');
    expect(page.body).not.toContain('Record the family’s response');
    const response = await consultOnPage(created.caseId, consultFields());
    expect(response.statusCode, response.body).toBe(303);
  });

  it.each([
    ['nothing entered', { urn: '', basis: '', contactName: '', contactEmail: '', ...dateFields('sentOn', '') }, ['#urn', '#basis', '#contactName', '#contactEmail', '#sentOn-day'], 'Enter the school’s URN'],
    ['a URN not in the schools register', { urn: '999999' }, ['#urn'], 'There is no school with URN 999999 in the schools register'],
    ['a URN that is not a number', { urn: 'Oak Tree' }, ['#urn'], 'Enter the school’s URN as a number'],
    ['an e-mail address that is not one', { contactEmail: 'senco at oak tree' }, ['#contactEmail'], 'Enter an e-mail address in the right format'],
    ['a date sent in the future', dateFields('sentOn', '2026-11-24'), ['#sentOn-day'], 'The date the consultation was sent must be today or in the past'],
    ['a date sent before the draft plan', dateFields('sentOn', '2026-11-01'), ['#sentOn-day'], 'before the decision to make a plan or the draft plan, on 2 November 2026'],
  ])('refuses %s with the GOV.UK error summary, and saves nothing: no consultation, letter or audit', async (_name, overrides, hrefs, message) => {
    const created = await draftCase();
    const response = await consultOnPage(created.caseId, consultFields(overrides));
    expect(response.statusCode, response.body).toBe(400);
    const summary = errorSummaryOf(response.body);
    expect(summary.map((entry) => entry.href)).toEqual(hrefs);
    expect(summary.map((entry) => entry.text).join(' ')).toContain(message);
    expect(response.body).toContain('<title>Error: Consult a school');
    expect(await written(created.caseId)).toMatchObject({ consultations: 0, letters: 0, messages: 0, audit: 0 });
  });

  it('refuses the same school twice while it has not answered (409), but consults another', async () => {
    const created = await draftCase();
    await aConsultation(testApp, officer.actor, created.caseId, { school: oakTree });
    const again = await consultOnPage(created.caseId, consultFields());
    expect(again.statusCode).toBe(409);
    expect(errorSummaryOf(again.body)[0]?.text).toBe('Oak Tree Primary School was consulted on 23 November 2026 and has not answered yet: chase that consultation, or withdraw it first');
    expect(await written(created.caseId)).toMatchObject({ consultations: 1, letters: 1 });
    const other = await aSchool(testApp.database.db);
    expect((await consultOnPage(created.caseId, consultFields({ urn: String(other.urn) }))).statusCode).toBe(303);
  });

  it('consults a school once when two people consult it at the same moment: the second is refused, one consultation and one letter kept', async () => {
    const created = await draftCase();
    const input = { urn: String(oakTree.urn), basis: 'family-request', contactName: 'Ms Rachel Green', contactEmail: 'senco@oak-tree.example', sentOn: TODAY };
    const outcomes = await Promise.allSettled([
      testApp.services.consultations.consultSchool(officer.actor, created.caseId, input),
      testApp.services.consultations.consultSchool(manager.actor, created.caseId, input),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
    expect((refused.reason as Error).name).toBe('ConflictError');
    expect(await written(created.caseId)).toMatchObject({ consultations: 1, letters: 1 });
  });

  it('refuses before the decision to make a plan or the draft, and once the final plan is issued: the page does not offer it, the form says why (409) (SEND Regs 2014 reg. 13)', async () => {
    const assessing = await aCase(testApp, officer.actor, { stage: 'assessment', receivedOn: '2026-09-01', stepDates: { 'assessment.agreed': '2026-10-06' } });
    const early = await getPage(testApp.app, jar, `/cases/${assessing.caseId}/consultations`);
    expect(early.body).not.toContain(`href="${consultUrl(assessing.caseId)}"`);
    const refused = await consultOnPage(assessing.caseId, consultFields());
    expect(refused.statusCode).toBe(409);
    expect(errorSummaryOf(refused.body)[0]?.text).toBe('Record the decision to make a plan, or the draft plan, before consulting schools');

    const final = await aCase(testApp, officer.actor, { stage: 'plan', receivedOn: '2026-06-01' });
    const late = await consultOnPage(final.caseId, consultFields());
    expect(late.statusCode).toBe(409);
    expect(errorSummaryOf(late.body)[0]?.text).toContain('The final plan is already issued');
    expect(await written(assessing.caseId)).toMatchObject({ consultations: 0, letters: 0 });
    expect(await written(final.caseId)).toMatchObject({ consultations: 0 });
  });

  it('refuses a form without its CSRF token: 403, nothing saved', async () => {
    const created = await draftCase();
    const response = await postForm(testApp.app, jar, consultUrl(created.caseId), consultFields());
    expect(response.statusCode).toBe(403);
    expect(await written(created.caseId)).toMatchObject({ consultations: 0, letters: 0 });
  });

  it('answers another council’s case as not found, and saves nothing', async () => {
    const elsewhere = await anOfficer(testApp, { authorityId: (await anAuthority(testApp.database.db)).id });
    const created = await draftCase();
    await expect(
      testApp.services.consultations.consultSchool(elsewhere.actor, created.caseId, { urn: String(oakTree.urn), basis: 'council', contactName: 'A Head', contactEmail: 'head@example.org', sentOn: TODAY }),
    ).rejects.toThrow('No such case');
    await expect(testApp.services.consultations.caseConsultations(elsewhere.actor, created.caseId)).rejects.toThrow('No such case');
    expect(await written(created.caseId)).toMatchObject({ consultations: 0 });
  });

  it('keeps a restricted child’s consultations from an officer who does not hold the case: not found, and the refusal logged', async () => {
    const created = await draftCase();
    await queryRows(testApp.database.db, sql`UPDATE child SET sensitive = true WHERE authority_id = ${testApp.authorityId} AND id = ${created.childId}`);
    const outsider = await anOfficer(testApp);
    await expect(testApp.services.consultations.caseConsultations(outsider.actor, created.caseId)).rejects.toThrow('No such case');
    await expect(testApp.services.consultations.recordRepresentation(outsider.actor, created.caseId, { kind: 'meeting-request', receivedOn: TODAY })).rejects.toThrow('No such case');
    const refusals = (await listAccessFor(testApp.database.db, testApp.authorityId, created.childId)).filter((entry) => entry.view.startsWith('refused:') && entry.actorId === outsider.actor.id);
    expect(refusals.length).toBeGreaterThan(0);
    expect(await written(created.caseId)).toMatchObject({ representations: 0 });
  });

  it('links the child’s record to the case’s consultations', async () => {
    const created = await draftCase();
    const record = await getPage(testApp.app, jar, `/children/${created.childId}`);
    expect(record.body).toContain(`href="/cases/${created.caseId}/consultations"`);
  });
});

describe('the school’s answer, reminders and withdrawal', () => {
  it('records that the school cannot meet the needs, with its reasons, and shows them (CFA 2014 s.39(4))', async () => {
    const created = await draftCase();
    const consultation = await aConsultation(testApp, officer.actor, created.caseId, { sentOn: '2026-11-03' });
    const response = await postAbout(`/consultations/${consultation.id}/response`, {
      response: 'cannot-meet-needs',
      reasons: 'No space in year 4, and the small-group work in section F is beyond our staffing.',
      ...dateFields('respondedOn', '2026-11-20'),
    });
    expect(response.statusCode, response.body).toBe(303);
    expect(response.headers.location).toBe(`/cases/${created.caseId}/consultations?saved=answered`);
    const [view] = (await testApp.services.consultations.caseConsultations(officer.actor, created.caseId)).consultations;
    expect(view).toMatchObject({ status: 'answered', response: 'cannot-meet-needs', respondedOn: '2026-11-20', standing: { state: 'answered', daysLate: 2 }, version: 2 });
    const page = await getPage(testApp.app, jar, response.headers.location as string);
    expect(page.body).toContain('Cannot meet the child’s needs');
    expect(page.body).toContain('No space in year 4, and the small-group work in section F is beyond our staffing.');
    expect(page.body).toContain('2 days after the due date');
    const audit = await listAuditEventsFor(testApp.database.db, testApp.authorityId, 'school_consultation', consultation.id);
    expect(audit.map((entry) => entry.action)).toEqual(['consultation.answered', 'consultation.sent']);
  });

  it.each([
    ['no answer chosen', { response: '', reasons: '', ...dateFields('respondedOn', TODAY) }, ['#response'], 'Select whether the school can meet the child’s needs'],
    ['cannot meet the needs with blank reasons', { response: 'cannot-meet-needs', reasons: '   ', ...dateFields('respondedOn', TODAY) }, ['#reasons'], 'Enter the school’s reasons'],
    ['an answer before the consultation was sent', { response: 'can-meet-needs', reasons: '', ...dateFields('respondedOn', '2026-11-02') }, ['#respondedOn-day'], 'cannot have answered before it was consulted, on 3 November 2026'],
    ['an answer in the future', { response: 'can-meet-needs', reasons: '', ...dateFields('respondedOn', '2026-11-30') }, ['#respondedOn-day'], 'must be today or in the past'],
  ])('refuses %s with the GOV.UK error summary, and changes nothing', async (_name, fields, hrefs, message) => {
    const created = await draftCase();
    const consultation = await aConsultation(testApp, officer.actor, created.caseId, { sentOn: '2026-11-03' });
    const response = await postAbout(`/consultations/${consultation.id}/response`, fields);
    expect(response.statusCode, response.body).toBe(400);
    const summary = errorSummaryOf(response.body);
    expect(summary.map((entry) => entry.href)).toEqual(hrefs);
    expect(summary.map((entry) => entry.text).join(' ')).toContain(message);
    const [view] = (await testApp.services.consultations.caseConsultations(officer.actor, created.caseId)).consultations;
    expect(view).toMatchObject({ status: 'awaiting', version: 1 });
  });

  it('refuses a change made on a stale version: 409, the form says someone else changed it, nothing changed', async () => {
    const created = await draftCase();
    const consultation = await aConsultation(testApp, officer.actor, created.caseId, { sentOn: '2026-11-03' });
    await testApp.services.consultations.chase(officer.actor, consultation.id, { version: 1 });
    const response = await postAbout(`/consultations/${consultation.id}/response`, { response: 'can-meet-needs', reasons: '', ...dateFields('respondedOn', TODAY) }, '1');
    expect(response.statusCode).toBe(409);
    expect(errorSummaryOf(response.body)[0]?.text).toContain('Someone else changed this consultation');
    const [view] = (await testApp.services.consultations.caseConsultations(officer.actor, created.caseId)).consultations;
    expect(view).toMatchObject({ status: 'awaiting', chasersSent: 1, version: 2 });
  });

  it('sends a reminder after confirmation, by e-mail, and counts it; refuses one once the school has answered (Code of Practice 9.83)', async () => {
    const created = await draftCase();
    const consultation = await aConsultation(testApp, officer.actor, created.caseId, { sentOn: '2026-11-03' });
    const confirm = await getPage(testApp.app, jar, `/consultations/${consultation.id}/chase`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Send the reminder');
    expect(confirm.body).toContain('which was due 5 days ago');
    const before = await written(created.caseId);
    const response = await postAbout(`/consultations/${consultation.id}/chase`, {});
    expect(response.statusCode, response.body).toBe(303);
    expect(response.headers.location).toBe(`/cases/${created.caseId}/consultations?saved=chased`);
    expect(await written(created.caseId)).toEqual({ ...before, letters: before.letters + 1, messages: before.messages + 1, audit: before.audit + 1 });
    const [letter] = await queryRows<{ letterType: string; subject: string }>(
      testApp.database.db,
      sql`SELECT "letter_type" AS "letterType", "subject" FROM "letter" WHERE "authority_id" = ${testApp.authorityId} AND "case_id" = ${created.caseId} AND "letter_type" = 'school-consultation-chaser'`,
    );
    expect(letter!.subject).toMatch(/^Reminder: can you meet the needs of /);
    const page = await getPage(testApp.app, jar, response.headers.location as string);
    expect(page.body).toContain('1 reminder, last 23 November 2026');
    expect(page.body).toContain('Overdue by 5 days');

    await testApp.services.consultations.recordResponse(officer.actor, consultation.id, { response: 'can-meet-needs', reasons: '', respondedOn: TODAY });
    const afterAnswer = await written(created.caseId);
    const refused = await postAbout(`/consultations/${consultation.id}/chase`, {}, '3');
    expect(refused.statusCode).toBe(409);
    expect(errorSummaryOf(refused.body)[0]?.text).toBe('This consultation is already answered: nothing was changed');
    expect(await written(created.caseId)).toEqual(afterAnswer);
  });

  it('withdraws a consultation with why, and refuses a blank reason', async () => {
    const created = await draftCase();
    const consultation = await aConsultation(testApp, officer.actor, created.caseId);
    const blank = await postAbout(`/consultations/${consultation.id}/withdraw`, { reason: ' ' });
    expect(blank.statusCode).toBe(400);
    expect(errorSummaryOf(blank.body).map((entry) => entry.href)).toEqual(['#reason']);
    const response = await postAbout(`/consultations/${consultation.id}/withdraw`, { reason: 'The family no longer asks for this school.' });
    expect(response.statusCode, response.body).toBe(303);
    const [view] = (await testApp.services.consultations.caseConsultations(officer.actor, created.caseId)).consultations;
    expect(view).toMatchObject({ status: 'withdrawn', withdrawnReason: 'The family no longer asks for this school.' });
    // Withdrawn, the school may be consulted again.
    await aConsultation(testApp, officer.actor, created.caseId, { school: consultation.schoolRecord });
  });
});

describe('the family’s response to the draft plan', () => {
  it('records a comment on section F in the family’s words, a school preference and a request to meet, grouped on the page, one after the 15 days marked late (SEND Regs 2014 reg. 13(1); CFA 2014 s.38(2)(b))', async () => {
    const created = await draftCase();
    const comment = await familyOnPage(created.caseId, {
      kind: 'comment',
      section: 'F',
      words: 'Section F says “regular speech therapy”.\nWe want it to say how often and for how long.',
      urn: '',
      ...dateFields('receivedOn', '2026-11-10'),
    });
    expect(comment.statusCode, comment.body).toBe(303);
    expect(comment.headers.location).toBe(`/cases/${created.caseId}/consultations?saved=representation`);
    expect((await familyOnPage(created.caseId, { kind: 'school-preference', urn: String(oakTree.urn), words: 'Her brother is there, and it has a speech and language unit.', section: '', ...dateFields('receivedOn', '2026-11-12') })).statusCode).toBe(303);
    expect((await familyOnPage(created.caseId, { kind: 'meeting-request', section: '', urn: '', words: '', ...dateFields('receivedOn', '2026-11-20') })).statusCode).toBe(303);

    const { representations } = await testApp.services.consultations.caseConsultations(officer.actor, created.caseId);
    expect(representations.map((entry) => [entry.kind, entry.section, entry.school?.urn ?? null, entry.late])).toEqual([
      ['comment', 'F', null, false],
      ['school-preference', null, oakTree.urn, false],
      ['meeting-request', null, null, true],
    ]);
    expect(await written(created.caseId)).toMatchObject({ representations: 3, audit: 3 });
    const page = await getPage(testApp.app, jar, `/cases/${created.caseId}/consultations?saved=representation`);
    expect(page.body).toContain('The family’s response is recorded.');
    expect(page.body).toContain('Section F: special educational provision');
    expect(page.body).toContain('Section F says “regular speech therapy”.');
    expect(page.body).toContain('Schools the family asks to be named (s.38(2)(b))');
    expect(page.body).toContain('Her brother is there');
    expect(page.body).toContain('Requests to meet an officer (reg. 13(1)(b))');
    expect(page.body).toContain('Late');
    expect(page.body).toContain('until 16 November 2026');
  });

  it.each([
    ['nothing chosen', { kind: '', section: '', urn: '', words: '', ...dateFields('receivedOn', '') }, ['#kind', '#receivedOn-day'], 'Select what the family said'],
    ['a comment without a section or words', { kind: 'comment', section: '', urn: '', words: '  ', ...dateFields('receivedOn', TODAY) }, ['#section', '#words'], 'Select the section of the plan'],
    ['a comment on a section plans do not have', { kind: 'comment', section: 'Z', urn: '', words: 'Too vague', ...dateFields('receivedOn', TODAY) }, ['#section'], 'Select the section of the plan'],
    ['a school not in the register', { kind: 'school-preference', section: '', urn: '999998', words: 'Near home', ...dateFields('receivedOn', TODAY) }, ['#urn'], 'There is no school with URN 999998'],
    ['a school preference with blank reasons', { kind: 'school-preference', section: '', urn: '', words: '', ...dateFields('receivedOn', TODAY) }, ['#urn', '#words'], 'Enter the family’s reasons'],
    ['a date received before the draft was issued', { kind: 'meeting-request', section: '', urn: '', words: '', ...dateFields('receivedOn', '2026-11-01') }, ['#receivedOn-day'], 'before the draft plan was issued, on 2 November 2026'],
    ['a date received in the future', { kind: 'meeting-request', section: '', urn: '', words: '', ...dateFields('receivedOn', '2026-11-24') }, ['#receivedOn-day'], 'must be today or in the past'],
  ])('refuses %s with the GOV.UK error summary, and saves nothing', async (_name, fields, hrefs, message) => {
    const created = await draftCase();
    const response = await familyOnPage(created.caseId, fields);
    expect(response.statusCode, response.body).toBe(400);
    const summary = errorSummaryOf(response.body);
    expect(summary.map((entry) => entry.href)).toEqual(hrefs);
    expect(summary.map((entry) => entry.text).join(' ')).toContain(message);
    expect(response.body).toContain('<title>Error: Record the family’s response to the draft plan');
    expect(await written(created.caseId)).toMatchObject({ representations: 0, audit: 0 });
  });

  it('refuses the family’s response before the draft is issued and after the final plan (409) (SEND Regs 2014 reg. 13(1))', async () => {
    const assessing = await aCase(testApp, officer.actor, { stage: 'assessment', receivedOn: '2026-09-01', stepDates: { 'assessment.agreed': '2026-10-06' } });
    const early = await familyOnPage(assessing.caseId, { kind: 'meeting-request', section: '', urn: '', words: '', ...dateFields('receivedOn', TODAY) });
    expect(early.statusCode).toBe(409);
    expect(errorSummaryOf(early.body)[0]?.text).toBe('Record the draft plan’s issue before the family’s response to it');
    const final = await aCase(testApp, officer.actor, { stage: 'plan', receivedOn: '2026-06-01' });
    const late = await familyOnPage(final.caseId, { kind: 'meeting-request', section: '', urn: '', words: '', ...dateFields('receivedOn', TODAY) });
    expect(late.statusCode).toBe(409);
    expect(errorSummaryOf(late.body)[0]?.text).toContain('The final plan is already issued');
    expect(await written(assessing.caseId)).toMatchObject({ representations: 0 });
    expect(await written(final.caseId)).toMatchObject({ representations: 0 });
  });
});

describe('consultations overdue', () => {
  it('lists an officer’s own overdue consultations, the longest overdue first, and every case’s for a manager, logging the children listed (Code of Practice 9.83)', async () => {
    const colleague = await anOfficer(testApp);
    const mine = await draftCase();
    const theirs = await draftCase(colleague);
    const older = await aConsultation(testApp, officer.actor, mine.caseId, { sentOn: '2026-11-02' });
    const newer = await aConsultation(testApp, officer.actor, mine.caseId, { sentOn: '2026-11-05' });
    const notYet = await aConsultation(testApp, officer.actor, mine.caseId, { sentOn: '2026-11-08' });
    const colleagues = await aConsultation(testApp, colleague.actor, theirs.caseId, { sentOn: '2026-11-04' });

    const { overdue } = await testApp.services.consultations.overdue(officer.actor);
    const ids = overdue.map((entry) => entry.id);
    expect(ids).toContain(older.id);
    expect(ids).toContain(newer.id);
    expect(ids).not.toContain(notYet.id);
    expect(ids).not.toContain(colleagues.id);
    expect(ids.indexOf(older.id)).toBeLessThan(ids.indexOf(newer.id));
    expect(overdue.find((entry) => entry.id === older.id)).toMatchObject({ dueOn: '2026-11-17', daysOverdue: 6, chasersSent: 0 });

    const page = await getPage(testApp.app, jar, '/consultations/overdue');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('on your cases');
    expect(page.body).toContain('Overdue by 6 days');
    const service = await getPage(testApp.app, managerJar, '/consultations/overdue');
    expect(service.body).toContain('across the service');
    expect(service.body).toContain(colleagues.schoolRecord.name);
    const myCases = await getPage(testApp.app, jar, '/cases');
    expect(myCases.body).toContain('href="/consultations/overdue"');
    const [logged] = await queryRows<{ count: number }>(
      testApp.database.db,
      sql`SELECT count(*)::int AS "count" FROM "list_access_log" WHERE "authority_id" = ${testApp.authorityId} AND "view" = 'consultations-overdue' AND ${mine.childId} = ANY("child_ids")`,
    );
    expect(logged!.count).toBeGreaterThan(0);
  });
});
