// Advice for an EHC needs assessment on the pages: asking for each kind of advice (SEND Regs 2014
// reg. 6(1)) with its own due date (reg. 8(1)), the advice received as a document, declined and
// withdrawn requests, reg. 8(2) exceptions and the advice that is late. Every form's refusal is
// the GOV.UK error summary with nothing saved: no request, no event, no job, no letter, no file.
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { englandAndWales } from '../../domain/calendar/test-fixtures.ts';
import { isoDate } from '../../domain/calendar/index.ts';
import { chaserSchedule } from '../../domain/clocks/index.ts';
import { fixedClock, londonMidnight } from '../../lib/clock.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, anOfficer, type TestCase, type TestOfficer } from '../../test/factories/index.ts';
import { aPdf, aPng, multipartBody, type MultipartFile } from '../../test/files.ts';
import { csrfTokenIn, errorSummaryOf, getPage, postForm, signIn, type CookieJar } from '../../test/http.ts';
import { listAccessFor, listAuditEventsFor } from '../audit/index.ts';
import { MAX_DOCUMENT_BYTES, MemoryFileStore } from '../documents/index.ts';
import type { NewAdviceRequest } from './index.ts';

const clock = fixedClock('2026-11-23T10:00:00Z');
const TODAY = '2026-11-23';
const store = new MemoryFileStore();

let testApp: TestApp;
let officer: TestOfficer;
let colleague: TestOfficer;
let manager: TestOfficer;
let jar: CookieJar;
let managerJar: CookieJar;

beforeAll(async () => {
  testApp = await createTestApp({ clock, fileStore: store });
  officer = await anOfficer(testApp);
  colleague = await anOfficer(testApp);
  manager = await anOfficer(testApp, { role: 'team_manager' });
  jar = await signIn(testApp.app, officer.user.email, officer.password);
  managerJar = await signIn(testApp.app, manager.user.email, manager.password);
});
afterAll(async () => {
  await testApp?.close();
});

/** A case whose decision to assess is recorded: the request on 12 October, the decision on 16 November. */
const assessedCase = (holder: TestOfficer = officer, options: Parameters<typeof aCase>[2] = {}): Promise<TestCase> =>
  aCase(testApp, holder.actor, { stage: 'assessment', receivedOn: '2026-10-12', ...options });

const medical = (overrides: Partial<NewAdviceRequest> = {}): NewAdviceRequest => ({
  kind: 'medical',
  organisation: 'Demo City Community Paediatrics',
  organisationType: 'health-body',
  professionalName: 'Dr Asha Patel',
  channel: 'email',
  address: 'paediatrics@nhs.example',
  sentOn: TODAY,
  ...overrides,
});

/** What a case has written about advice, and the letters and jobs, to show nothing was saved. */
async function written(caseId: string) {
  const db = testApp.database.db;
  const authorityId = testApp.authorityId;
  const [counts] = await queryRows<{ requests: number; events: number; jobs: number; letters: number; messages: number; documents: number }>(
    db,
    sql`SELECT
      (SELECT count(*)::int FROM "advice_request" WHERE "authority_id" = ${authorityId} AND "case_id" = ${caseId}) AS "requests",
      (SELECT count(*)::int FROM "case_event" WHERE "authority_id" = ${authorityId} AND "case_id" = ${caseId} AND "type" LIKE 'advice.%') AS "events",
      (SELECT count(*)::int FROM "job" WHERE "authority_id" = ${authorityId} AND "kind" = 'advice.chase' AND "payload"->>'adviceRequestId' IN (SELECT "id"::text FROM "advice_request" WHERE "authority_id" = ${authorityId} AND "case_id" = ${caseId})) AS "jobs",
      (SELECT count(*)::int FROM "letter" WHERE "authority_id" = ${authorityId} AND "case_id" = ${caseId}) AS "letters",
      (SELECT count(*)::int FROM "outbox_message" WHERE "authority_id" = ${authorityId} AND "case_id" = ${caseId}) AS "messages",
      (SELECT count(*)::int FROM "document" WHERE "authority_id" = ${authorityId} AND "case_id" = ${caseId}) AS "documents"`,
  );
  return counts!;
}

async function requestRow(id: string) {
  const [row] = await queryRows<Record<string, unknown>>(testApp.database.db, sql`SELECT * FROM "advice_request" WHERE "authority_id" = ${testApp.authorityId} AND "id" = ${id}`);
  return row!;
}

/** The ask form's fields for a request: the page's own names. */
function askFields(request: Partial<NewAdviceRequest> & { sentOn?: string; receivedByBodyOn?: string } = {}): Record<string, string> {
  const fields = medical(request);
  const [year, month, day] = (fields.sentOn || '--').split('-');
  const [rYear, rMonth, rDay] = (fields.receivedByBodyOn ?? '--').split('-');
  return {
    kind: fields.kind,
    organisationType: fields.organisationType,
    organisation: fields.organisation,
    professionalName: fields.professionalName ?? '',
    channel: fields.channel,
    email: fields.channel === 'email' ? fields.address : '',
    postalAddress: fields.channel === 'post' ? fields.address : '',
    'sentOn-day': day ?? '',
    'sentOn-month': month ?? '',
    'sentOn-year': year ?? '',
    'receivedByBodyOn-day': rDay ?? '',
    'receivedByBodyOn-month': rMonth ?? '',
    'receivedByBodyOn-year': rYear ?? '',
    qualifiedTeacherNote: fields.qualifiedTeacherNote ?? '',
  };
}

const askUrl = (caseId: string) => `/cases/${caseId}/advice/new`;
const askOnPage = (caseId: string, fields: Record<string, string>, as: CookieJar = jar) => postForm(testApp.app, as, askUrl(caseId), fields, { csrfFrom: askUrl(caseId) });

/** Posts the "Record advice received" form, a multipart form with its CSRF token. */
async function receiveOnPage(requestId: string, fields: Record<string, string>, file?: MultipartFile, options: { version?: string } = {}) {
  const url = `/advice/${requestId}/received`;
  const form = await getPage(testApp.app, jar, url);
  const version = options.version ?? /name="version" value="(\d+)"/.exec(form.body)?.[1] ?? '1';
  const body = multipartBody({ _csrf: csrfTokenIn(form.body), version, ...fields }, file);
  const response = await testApp.app.inject({ method: 'POST', url, headers: { cookie: jar.header(), 'content-type': body.contentType }, payload: body.payload });
  jar.store(response);
  return response;
}

const dateFields = (name: string, date: string) => {
  const [year, month, day] = date.split('-');
  return { [`${name}-day`]: day!, [`${name}-month`]: month!, [`${name}-year`]: year! };
};

describe('asking for advice', () => {
  it('asks a health body for medical advice by e-mail today: due 6 weeks from that day, statutory, with its event, its reminder and chasers queued and the request letter in the outbox (SEND Regs 2014 regs 6(1)(c) and 8(1))', async () => {
    const created = await assessedCase();
    const form = await getPage(testApp.app, jar, askUrl(created.caseId));
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Ask for advice');
    expect(form.body).toContain('SEND Regulations 2014 reg. 6(1)(g)');
    expect(form.body).toContain('reg. 6(2)');
    expect(form.body).toContain('name="sentOn-day" type="text" value="23"');

    const response = await askOnPage(created.caseId, askFields());
    expect(response.statusCode, response.body).toBe(303);
    expect(response.headers.location).toBe(`/cases/${created.caseId}/advice?saved=requested`);

    const [request] = (await testApp.services.advice.caseAdvice(officer.actor, created.caseId)).requests;
    expect(request).toMatchObject({
      kind: 'medical',
      organisation: 'Demo City Community Paediatrics',
      professionalName: 'Dr Asha Patel',
      sentOn: TODAY,
      receivedByBodyOn: null,
      receiptOn: TODAY,
      dueOn: '2027-01-04',
      dueBasis: 'statutory',
      status: 'requested',
      standing: { state: 'awaited', daysRemaining: 42 },
    });
    expect(request!.dueBasisText).toContain('reg. 8(1)');
    expect(await written(created.caseId)).toEqual({ requests: 1, events: 1, jobs: 3, letters: 1, messages: 1, documents: 0 });

    // Each chaser at 08:00 in England on its working day: 5 before the due date, 1 and 10 after.
    const jobs = await queryRows<{ chaser: string; runAfter: Date }>(
      testApp.database.db,
      sql`SELECT "payload"->>'chaser' AS "chaser", "run_after" AS "runAfter" FROM "job" WHERE "authority_id" = ${testApp.authorityId} AND "payload"->>'adviceRequestId' = ${request!.id} ORDER BY "run_after"`,
    );
    const schedule = chaserSchedule(isoDate('2027-01-04'), englandAndWales);
    expect(schedule.map((entry) => entry.on)).toEqual(['2026-12-23', '2027-01-05', '2027-01-18']);
    expect(jobs.map((job) => [job.chaser, new Date(job.runAfter).toISOString()])).toEqual(
      schedule.map((entry) => [entry.chaser, new Date(londonMidnight(entry.on).getTime() + 8 * 3_600_000).toISOString()]),
    );

    // The council's advice-request letter, kept on the case and queued in the outbox with the request.
    const [letter] = await queryRows<{ letterType: string; channel: string; recipientName: string; recipientAddress: string; subject: string; bodyText: string }>(
      testApp.database.db,
      sql`SELECT l."letter_type" AS "letterType", m."channel", m."recipient_name" AS "recipientName", m."recipient_address" AS "recipientAddress", m."subject", m."body_text" AS "bodyText"
            FROM "letter" l JOIN "outbox_message" m ON m."authority_id" = l."authority_id" AND m."id" = l."message_id"
           WHERE l."authority_id" = ${testApp.authorityId} AND l."case_id" = ${created.caseId}`,
    );
    expect(letter).toMatchObject({ letterType: 'advice-request', channel: 'email', recipientName: 'Dr Asha Patel', recipientAddress: 'paediatrics@nhs.example' });
    expect(letter!.subject).toMatch(new RegExp(`^Request for medical advice for .+ \\(${created.reference}\\)$`));
    expect(letter!.bodyText).toContain('We sent this request on 23 November 2026');
    expect(letter!.bodyText).toContain('Please send your advice by 4 January 2027. The law gives you 6 weeks');

    const audit = await listAuditEventsFor(testApp.database.db, testApp.authorityId, 'advice_request', request!.id);
    expect(audit.map((entry) => entry.action)).toEqual(['advice.requested']);

    const page = await getPage(testApp.app, jar, response.headers.location as string);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Advice asked for.');
    expect(page.body).toContain('Medical advice (SEND Regulations 2014 reg. 6(1)(c))');
    expect(page.body).toContain('4 January 2027');
    expect(page.body).toContain('Statutory: SEND Regulations 2014 reg. 8(1)');
    expect(page.body).toContain('Awaited');
    expect(page.body).toContain('Record advice received');
    const access = await listAccessFor(testApp.database.db, testApp.authorityId, created.childId);
    expect(access.some((entry) => entry.view === 'advice' && entry.actorId === officer.actor.id)).toBe(true);
  });

  it('takes a letter posted on a Friday as received on the Tuesday, and the school’s 6 weeks as guidance, said so (CPR 6.26; SEND Code of Practice)', async () => {
    const created = await assessedCase();
    const request = await testApp.services.advice.askForAdvice(
      officer.actor,
      created.caseId,
      medical({ kind: 'educational', organisationType: 'school', organisation: 'Oak Tree Primary School', channel: 'post', address: 'Oak Tree Primary School\n1 Oak Lane\nDemo City\nDC1 2AB', sentOn: '2026-11-20' }),
    );
    expect(request).toMatchObject({ receiptOn: '2026-11-24', dueOn: '2027-01-05', dueBasis: 'guidance' });
    expect(request.dueBasisText).toMatch(/^Guidance, not law/);
    // Sent before today: a request already sent another way, so no letter goes.
    expect(await written(created.caseId)).toMatchObject({ letters: 0, messages: 0 });
    const page = await getPage(testApp.app, jar, `/cases/${created.caseId}/advice`);
    expect(page.body).toContain('Guidance: SEND Code of Practice, not law');
    expect(page.body).toContain('Taken as 24 November 2026');
  });

  it('counts from the day the body received the request when it is known (SEND Regs 2014 reg. 8(1))', async () => {
    const created = await assessedCase();
    const response = await askOnPage(created.caseId, askFields({ sentOn: '2026-11-17', receivedByBodyOn: '2026-11-19' }));
    expect(response.statusCode, response.body).toBe(303);
    const [request] = (await testApp.services.advice.caseAdvice(officer.actor, created.caseId)).requests;
    expect(request).toMatchObject({ receivedByBodyOn: '2026-11-19', receiptOn: '2026-11-19', dueOn: '2026-12-31' });
  });

  it('keeps the reg. 6(2) note with educational advice', async () => {
    const created = await assessedCase();
    const response = await askOnPage(
      created.caseId,
      askFields({ kind: 'educational', organisationType: 'school', organisation: 'Oak Tree Primary School', qualifiedTeacherNote: 'Mrs Jones, qualified teacher of the deaf, sensory support service' }),
    );
    expect(response.statusCode, response.body).toBe(303);
    const page = await getPage(testApp.app, jar, `/cases/${created.caseId}/advice`);
    expect(page.body).toContain('Qualified teacher consulted (reg. 6(2))');
    expect(page.body).toContain('Mrs Jones, qualified teacher of the deaf');
  });

  it('asks for preparing-for-adulthood advice for a young person in year 9 or beyond (SEND Regs 2014 reg. 6(1)(g))', async () => {
    const created = await assessedCase(officer, { child: { dateOfBirth: '2012-10-01' } });
    const request = await testApp.services.advice.askForAdvice(officer.actor, created.caseId, medical({ kind: 'preparing-for-adulthood', organisationType: 'this-council', organisation: 'Demo City Preparing for Adulthood Team' }));
    expect(request.kind).toBe('preparing-for-adulthood');
  });

  it.each([
    ['nothing entered', { kind: '', organisationType: '', organisation: '', channel: '', sentOn: '' }, ['#kind', '#organisationType', '#organisation', '#channel', '#sentOn-day'], 'Select the kind of advice'],
    ['a date sent in the future', { sentOn: '2026-11-24' }, ['#sentOn-day'], 'The date the request was sent must be today or in the past'],
    ['a date sent that does not exist', { sentOn: '2026-02-30' }, ['#sentOn-day'], 'Enter the date the request was sent as a real date'],
    ['a date sent before the decision to assess', { sentOn: '2026-11-10' }, ['#sentOn-day'], 'The date the request was sent must be on or after 16 November 2026, the date of “Decided to assess”'],
    ['a date received before it was sent', { sentOn: '2026-11-20', receivedByBodyOn: '2026-11-19' }, ['#receivedByBodyOn-day'], 'The request cannot have been received before it was sent, on 20 November 2026'],
    ['an e-mail address that is not one', { address: 'paediatrics at nhs' }, ['#email'], 'Enter an e-mail address in the right format, like name@example.org'],
    ['post with no address', { channel: 'post', address: '' }, ['#postalAddress'], 'Enter the postal address the request was sent to'],
    ['the reg. 6(2) note with medical advice', { qualifiedTeacherNote: 'Qualified teacher of the deaf' }, ['#qualifiedTeacherNote'], 'Only educational advice is given after consulting a qualified teacher'],
    ['preparing-for-adulthood advice for a child in year 6 (reg. 6(1)(g))', { kind: 'preparing-for-adulthood' }, ['#kind'], 'Preparing for adulthood advice is sought only in or beyond year 9'],
  ] as const)('refuses %s with the GOV.UK error summary, and saves nothing: no request, event, job or letter', async (_name, overrides, hrefs, message) => {
    const created = await assessedCase(officer, { child: { dateOfBirth: '2015-06-01' } });
    const response = await askOnPage(created.caseId, askFields(overrides as Partial<NewAdviceRequest>));
    expect(response.statusCode, response.body).toBe(400);
    const summary = errorSummaryOf(response.body);
    expect(summary.map((entry) => entry.href)).toEqual([...hrefs]);
    expect(summary.map((entry) => entry.text).join(' ')).toContain(message);
    expect(response.body).toContain('<title>Error: Ask for advice');
    expect(await written(created.caseId)).toEqual({ requests: 0, events: 0, jobs: 0, letters: 0, messages: 0, documents: 0 });
  });

  it('refuses a form without its CSRF token: 403, nothing saved', async () => {
    const created = await assessedCase();
    const response = await postForm(testApp.app, jar, askUrl(created.caseId), askFields());
    expect(response.statusCode).toBe(403);
    expect(await written(created.caseId)).toEqual({ requests: 0, events: 0, jobs: 0, letters: 0, messages: 0, documents: 0 });
  });

  it('refuses advice before the decision to assess: the advice page does not offer it, and the form says why (409)', async () => {
    const created = await aCase(testApp, officer.actor, { receivedOn: '2026-11-02' });
    const page = await getPage(testApp.app, jar, `/cases/${created.caseId}/advice`);
    expect(page.body).toContain('Advice is asked for once the decision to assess is recorded.');
    expect(page.body).not.toContain(`href="${askUrl(created.caseId)}"`);
    const response = await askOnPage(created.caseId, askFields());
    expect(response.statusCode).toBe(409);
    expect(errorSummaryOf(response.body)[0]?.text).toBe('Record the decision to assess before asking for advice for the assessment');
    expect(await written(created.caseId)).toEqual({ requests: 0, events: 0, jobs: 0, letters: 0, messages: 0, documents: 0 });
  });

  it('links the child’s record to the case’s advice', async () => {
    const created = await assessedCase();
    const record = await getPage(testApp.app, jar, `/children/${created.childId}`);
    expect(record.body).toContain(`href="/cases/${created.caseId}/advice"`);
  });
});

describe('recording the advice received', () => {
  const asked = async () => {
    const created = await assessedCase();
    const request = await testApp.services.advice.askForAdvice(officer.actor, created.caseId, medical({ sentOn: '2026-11-17' }));
    return { created, request };
  };

  it('attaches the advice as a document on the case, marks the request received on time, records its event, and links it from the advice page', async () => {
    const { created, request } = await asked();
    const before = await written(created.caseId);
    const pdf = aPdf('Medical advice');
    const response = await receiveOnPage(request.id, dateFields('receivedOn', '2026-11-20'), { filename: 'Medical advice.pdf', contentType: 'application/pdf', bytes: pdf });
    expect(response.statusCode, response.body).toBe(303);
    expect(response.headers.location).toBe(`/cases/${created.caseId}/advice?saved=received`);

    const row = await requestRow(request.id);
    expect(row).toMatchObject({ status: 'received', received_on: '2026-11-20', version: 2 });
    const [document] = await queryRows<{ id: string; title: string; storage_key: string }>(
      testApp.database.db,
      sql`SELECT "id", "title", "storage_key" FROM "document" WHERE "authority_id" = ${testApp.authorityId} AND "id" = ${row.document_id as string}`,
    );
    expect(document!.title).toBe('Medical advice from Demo City Community Paediatrics');
    expect(store.files.get(document!.storage_key)?.equals(pdf)).toBe(true);
    expect(await written(created.caseId)).toEqual({ ...before, events: before.events + 1, documents: 1 });

    const page = await getPage(testApp.app, jar, response.headers.location as string);
    expect(page.body).toContain('Advice received and added to the case’s documents.');
    expect(page.body).toContain(`href="/documents/${document!.id}"`);
    expect(page.body).toContain('Received on time');
    const audit = await listAuditEventsFor(testApp.database.db, testApp.authorityId, 'advice_request', request.id);
    expect(audit.map((entry) => entry.action)).toEqual(['advice.received', 'advice.requested']);
  });

  it.each([
    ['advice received before it was asked for', { ...dateFields('receivedOn', '2026-11-16') }, { filename: 'advice.pdf', bytes: aPdf() }, ['#receivedOn-day'], 'The advice cannot have been received before it was asked for, on 17 November 2026'],
    ['advice received in the future', { ...dateFields('receivedOn', '2026-11-24') }, { filename: 'advice.pdf', bytes: aPdf() }, ['#receivedOn-day'], 'The date the advice was received must be today or in the past'],
    ['no date and no file', {}, undefined, ['#receivedOn-day', '#file'], 'Select a file'],
    ['a file whose name says PDF but whose content is not', { ...dateFields('receivedOn', '2026-11-20') }, { filename: 'advice.pdf', contentType: 'application/pdf', bytes: Buffer.from('MZ\u0090\u0000 not really a PDF') }, ['#file'], 'The selected file is not a real PDF'],
    ['a PNG named .pdf', { ...dateFields('receivedOn', '2026-11-20') }, { filename: 'advice.pdf', bytes: aPng() }, ['#file'], 'but its content is a PNG image'],
    ['a text file', { ...dateFields('receivedOn', '2026-11-20') }, { filename: 'advice.txt', bytes: Buffer.from('My advice') }, ['#file'], 'The selected file must be a PDF, DOCX, JPEG or PNG'],
    ['a file over 20 MB', { ...dateFields('receivedOn', '2026-11-20') }, { filename: 'big.pdf', bytes: Buffer.concat([aPdf(), Buffer.alloc(MAX_DOCUMENT_BYTES)]) }, ['#file'], 'The selected file must be smaller than 20 MB'],
    ['a date before it was asked for and a file of the wrong type, both said', { ...dateFields('receivedOn', '2026-11-01') }, { filename: 'advice.txt', bytes: Buffer.from('My advice') }, ['#receivedOn-day', '#file'], 'before it was asked for'],
  ] as const)('refuses %s with the GOV.UK error summary, and keeps nothing: no document, no file, the request still awaited', async (_name, fields, file, hrefs, message) => {
    const { created, request } = await asked();
    const before = await written(created.caseId);
    const files = store.files.size;
    const response = await receiveOnPage(request.id, fields as Record<string, string>, file as MultipartFile | undefined);
    expect(response.statusCode, response.body).toBe(400);
    const summary = errorSummaryOf(response.body);
    expect(summary.map((entry) => entry.href)).toEqual([...hrefs]);
    expect(summary.map((entry) => entry.text).join(' ')).toContain(message);
    expect(await written(created.caseId)).toEqual(before);
    expect(store.files.size).toBe(files);
    expect(await requestRow(request.id)).toMatchObject({ status: 'requested', document_id: null, version: 1 });
  });

  it('refuses advice for a request already answered, and a form from before someone else’s change: 409, nothing more kept', async () => {
    const { created, request } = await asked();
    expect((await receiveOnPage(request.id, dateFields('receivedOn', '2026-11-20'), { filename: 'advice.pdf', bytes: aPdf() })).statusCode).toBe(303);
    const before = await written(created.caseId);
    const files = store.files.size;
    const again = await receiveOnPage(request.id, dateFields('receivedOn', '2026-11-21'), { filename: 'advice.pdf', bytes: aPdf() }, { version: '1' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('This advice is already recorded as received: nothing was changed');
    expect(await written(created.caseId)).toEqual(before);
    expect(store.files.size).toBe(files);

    const other = await asked();
    await testApp.services.advice.recordException(officer.actor, other.request.id, { ground: 'missed-appointment', reason: 'Clinic appointment missed' });
    const stale = await receiveOnPage(other.request.id, dateFields('receivedOn', '2026-11-20'), { filename: 'advice.pdf', bytes: aPdf() }, { version: '1' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else changed this request for advice');
    expect(await requestRow(other.request.id)).toMatchObject({ status: 'requested', document_id: null });
  });
});

describe('declined, withdrawn and reg. 8(2) exceptions', () => {
  const asked = async (overrides: Partial<NewAdviceRequest> = {}) => {
    const created = await assessedCase();
    return { created, request: await testApp.services.advice.askForAdvice(officer.actor, created.caseId, medical(overrides)) };
  };

  it('records a request withdrawn, with why; it is no longer awaited', async () => {
    const { created, request } = await asked();
    const url = `/advice/${request.id}/close`;
    const response = await postForm(testApp.app, jar, url, { status: 'withdrawn', reason: 'Sent to the wrong clinic', version: '1' }, { csrfFrom: url });
    expect(response.statusCode, response.body).toBe(303);
    expect(response.headers.location).toBe(`/cases/${created.caseId}/advice?saved=withdrawn`);
    expect(await requestRow(request.id)).toMatchObject({ status: 'withdrawn', closed_reason: 'Sent to the wrong clinic' });
    const page = await getPage(testApp.app, jar, response.headers.location as string);
    expect(page.body).toContain('Withdrawn: Sent to the wrong clinic');
    expect(page.body).not.toContain(`href="/advice/${request.id}/received"`);
  });

  it.each([
    ['nothing chosen', {}, ['#status', '#reason']],
    ['no reason', { status: 'declined' }, ['#reason']],
  ])('refuses %s with the error summary, nothing changed', async (_name, fields, hrefs) => {
    const { request } = await asked();
    const url = `/advice/${request.id}/close`;
    const response = await postForm(testApp.app, jar, url, { version: '1', ...fields }, { csrfFrom: url });
    expect(response.statusCode).toBe(400);
    expect(errorSummaryOf(response.body).map((entry) => entry.href)).toEqual(hrefs);
    expect(await requestRow(request.id)).toMatchObject({ status: 'requested', version: 1 });
  });

  it('records a reg. 8(2)(c) exception for a statutory request: the due date stays and no longer binds (SEND Regs 2014 reg. 8(2))', async () => {
    const { created, request } = await asked({ sentOn: '2026-11-17' });
    const url = `/advice/${request.id}/exception`;
    const form = await getPage(testApp.app, jar, url);
    expect(form.body).toContain('SEND Regulations 2014 reg. 8(2)(c)');
    const response = await postForm(testApp.app, jar, url, { ground: 'missed-appointment', reason: 'The clinic appointment on 20 November was not kept', version: '1' }, { csrfFrom: url });
    expect(response.statusCode, response.body).toBe(303);
    const [view] = (await testApp.services.advice.caseAdvice(officer.actor, created.caseId)).requests;
    expect(view).toMatchObject({ dueOn: request.dueOn, standing: { state: 'excepted' }, exception: { ground: 'missed-appointment', citation: 'SEND Regulations 2014 reg. 8(2)(c)' } });
    const page = await getPage(testApp.app, jar, `/cases/${created.caseId}/advice`);
    expect(page.body).toContain('Exception recorded');
    expect(page.body).toContain('Missed appointment (SEND Regulations 2014 reg. 8(2)(c)): The clinic appointment on 20 November was not kept');
  });

  it('refuses a reg. 8(2) exception for a request whose 6 weeks are guidance, and one without a ground or reason: nothing changed', async () => {
    const { request } = await asked({ organisationType: 'this-council', organisation: 'Demo City Educational Psychology Service', kind: 'psychological' });
    const url = `/advice/${request.id}/exception`;
    const form = await getPage(testApp.app, jar, url);
    expect(form.body).toContain('This request’s 6 weeks are guidance');
    const response = await postForm(testApp.app, jar, url, { ground: 'missed-appointment', reason: 'Missed', version: '1' }, { csrfFrom: url });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Regulation 8(2) excuses only a body asked under section 31 of the Act');
    const statutory = await asked();
    const statutoryUrl = `/advice/${statutory.request.id}/exception`;
    const empty = await postForm(testApp.app, jar, statutoryUrl, { version: '1' }, { csrfFrom: statutoryUrl });
    expect(errorSummaryOf(empty.body).map((entry) => entry.href)).toEqual(['#ground', '#reason']);
    expect(await requestRow(request.id)).toMatchObject({ exception_ground: null, version: 1 });
    expect(await requestRow(statutory.request.id)).toMatchObject({ exception_ground: null, version: 1 });
  });
});

describe('late advice', () => {
  it('shows an officer the advice late on their own cases, from whom and by how many days; a manager the whole service, by organisation', async () => {
    const mine = await assessedCase(officer, { receivedOn: '2026-08-03' });
    const theirs = await assessedCase(colleague, { receivedOn: '2026-08-03' });
    const service = testApp.services.advice;
    // Decided on 7 September: asked on 8 September by e-mail, due 20 October, 34 days late today.
    const lateFromClinic = await service.askForAdvice(officer.actor, mine.caseId, medical({ sentOn: '2026-09-08', organisation: 'Late Clinic' }));
    const lateFromSchool = await service.askForAdvice(officer.actor, mine.caseId, medical({ kind: 'educational', organisationType: 'school', organisation: 'Slow School', sentOn: '2026-09-08' }));
    const answered = await service.askForAdvice(officer.actor, mine.caseId, medical({ kind: 'psychological', organisationType: 'this-council', organisation: 'Late Clinic', sentOn: '2026-09-08' }));
    await service.recordAdviceReceived(officer.actor, answered.id, { receivedOn: '2026-11-01', file: { filename: 'ep.pdf', bytes: aPdf(), truncated: false } });
    const excused = await service.askForAdvice(officer.actor, mine.caseId, medical({ kind: 'social-care', organisationType: 'other-council', organisation: 'Late Clinic', sentOn: '2026-09-08' }));
    await service.recordException(officer.actor, excused.id, { ground: 'absent-from-area', reason: 'Family abroad for 6 weeks' });
    const notYetDue = await service.askForAdvice(officer.actor, mine.caseId, medical({ kind: 'other', organisationType: 'other', organisation: 'Late Clinic', sentOn: TODAY }));
    const colleagues = await service.askForAdvice(colleague.actor, theirs.caseId, medical({ sentOn: '2026-09-08', organisation: 'Late Clinic' }));
    expect(lateFromClinic.dueOn).toBe('2026-10-20');

    const page = await getPage(testApp.app, jar, '/advice/late');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Advice still awaited after its due date on your cases');
    expect(page.body).toContain('Late by 34 days');
    for (const shown of [lateFromClinic, lateFromSchool]) expect(page.body).toContain(`href="/cases/${shown.caseId}/advice"`);
    expect(page.body).toContain('Slow School');
    const late = await service.lateAdvice(officer.actor);
    expect(late.scope).toBe('caseload');
    expect(late.late.map((entry) => entry.id).sort()).toEqual([lateFromClinic.id, lateFromSchool.id].sort());
    expect(late.late.map((entry) => entry.id)).not.toContain(answered.id);
    expect(late.late.map((entry) => entry.id)).not.toContain(excused.id);
    expect(late.late.map((entry) => entry.id)).not.toContain(notYetDue.id);
    expect(late.late.map((entry) => entry.id)).not.toContain(colleagues.id);

    const managers = await service.lateAdvice(manager.actor, { organisation: 'Late Clinic' });
    expect(managers.scope).toBe('service');
    expect(managers.late.map((entry) => entry.id)).toEqual(expect.arrayContaining([lateFromClinic.id, colleagues.id]));
    expect(managers.late.map((entry) => entry.id)).not.toContain(lateFromSchool.id);
    expect(managers.late.every((entry) => entry.organisation === 'Late Clinic')).toBe(true);
    const managerPage = await getPage(testApp.app, managerJar, '/advice/late?organisation=Late%20Clinic');
    expect(managerPage.body).toContain('across the service');
    expect(managerPage.body).toContain('<option value="Late Clinic" selected>');
    expect(managerPage.body).toContain('Officer');
    // An organisation with nothing late (a stale link) shows everything rather than nothing.
    expect((await service.lateAdvice(manager.actor, { organisation: 'No Such Clinic' })).organisation).toBeUndefined();
  });

  it('offers late advice from My cases and in the navigation', async () => {
    const page = await getPage(testApp.app, jar, '/cases');
    expect(page.body).toContain('<a class="govuk-link" href="/advice/late">Late advice on your cases</a>');
    expect(page.body).toMatch(/govuk-service-navigation__link" href="\/advice\/late"/);
  });
});

describe('who may see advice', () => {
  it('keeps a restricted child’s advice from other officers (404, as for no such case), and every page from the improvement board (403)', async () => {
    const created = await assessedCase();
    const request = await testApp.services.advice.askForAdvice(officer.actor, created.caseId, medical());
    await testApp.database.db.execute(sql`UPDATE "child" SET "sensitive" = true WHERE "authority_id" = ${testApp.authorityId} AND "id" = ${created.childId}`);
    const colleagueJar = await signIn(testApp.app, colleague.user.email, colleague.password);
    for (const url of [`/cases/${created.caseId}/advice`, `/cases/${created.caseId}/advice/new`, `/advice/${request.id}/received`, `/advice/${request.id}/exception`, `/advice/${request.id}/close`]) {
      expect((await getPage(testApp.app, colleagueJar, url)).statusCode, url).toBe(404);
    }
    expect((await getPage(testApp.app, jar, `/cases/${created.caseId}/advice`)).statusCode).toBe(200);
    const board = await anOfficer(testApp, { role: 'board_member' });
    const boardJar = await signIn(testApp.app, board.user.email, board.password);
    for (const url of [`/cases/${created.caseId}/advice`, '/advice/late']) expect((await getPage(testApp.app, boardJar, url)).statusCode, url).toBe(403);
  });
});

describe('whatever is typed into the advice forms and API', () => {
  const anyText = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('', ' ', '1e20', '-1', '\u0000', 'NaN', 'post', 'email', 'medical', 'health-body', 'declined', 'missed-appointment'));

  // A fuzz run of many requests: the test has a budget for its work, not a latency target.
  it('never answers 500, and leaves no request without its event and its chasers', async () => {
    const created = await assessedCase();
    const request = await testApp.services.advice.askForAdvice(officer.actor, created.caseId, medical());
    const token = (await testApp.services.auth.issueApiToken(officer.actor, officer.actor.id, 'test')).token;
    const api = (url: string, payload: unknown) =>
      testApp.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
    await fc.assert(
      fc.asyncProperty(fc.array(anyText, { minLength: 10, maxLength: 10 }), async (values) => {
        const [a, b, c, d, e, f, g, h, i, j] = values as string[];
        const answers = [
          await askOnPage(created.caseId, { kind: a!, organisationType: b!, organisation: c!, professionalName: d!, channel: e!, email: f!, postalAddress: g!, 'sentOn-day': h!, 'sentOn-month': '11', 'sentOn-year': '2026', qualifiedTeacherNote: i! }),
          await postForm(testApp.app, jar, `/advice/${request.id}/close`, { status: a!, reason: b!, version: c! }, { csrfFrom: `/advice/${request.id}/close` }),
          await postForm(testApp.app, jar, `/advice/${request.id}/exception`, { ground: d!, reason: e!, version: f! }, { csrfFrom: `/advice/${request.id}/exception` }),
          await getPage(testApp.app, jar, `/advice/late?organisation=${encodeURIComponent(g!)}`),
          await getPage(testApp.app, jar, `/advice/${encodeURIComponent(h!)}/received`),
          await api(`/api/v1/cases/${created.caseId}/advice-requests`, { kind: a, organisation: b, organisationType: c, channel: d, address: e, sentOn: f, receivedByBodyOn: g || undefined, professionalName: h }),
          await api(`/api/v1/advice-requests/${request.id}/exception`, { ground: i, reason: j }),
          await api(`/api/v1/advice-requests/${request.id}/closure`, { status: j, reason: a }),
        ];
        for (const answer of answers) expect(answer.statusCode, answer.body.slice(0, 300)).toBeLessThan(500);
      }),
      { numRuns: 20 },
    );
    const [broken] = await queryRows<{ unrecorded: number; unchased: number }>(
      testApp.database.db,
      sql`SELECT (SELECT count(*)::int FROM "advice_request" r WHERE r."authority_id" = ${testApp.authorityId} AND NOT EXISTS (SELECT 1 FROM "case_event" e WHERE e."authority_id" = r."authority_id" AND e."type" = 'advice.requested' AND e."payload"->>'adviceRequestId' = r."id"::text)) AS "unrecorded",
                 (SELECT count(*)::int FROM "advice_request" r WHERE r."authority_id" = ${testApp.authorityId} AND NOT EXISTS (SELECT 1 FROM "job" j WHERE j."authority_id" = r."authority_id" AND j."kind" = 'advice.chase' AND j."payload"->>'adviceRequestId' = r."id"::text)) AS "unchased"`,
    );
    expect(broken).toEqual({ unrecorded: 0, unchased: 0 });
  }, 180_000);
});
