// Moves between councils on the pages and through the API (SEND Regs 2014 reg. 15): a move out
// with the day the plan is due, the plan sent and the case closed as transferred; a plan received
// on a move in, the family told and the review due. Every refusal says why and saves nothing.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, aDecisionMaker, anApiToken, anAuthority, anOfficer, aSchool, type TestOfficer } from '../../test/factories/index.ts';
import { listAccessFor } from '../audit/index.ts';
import { errorSummaryOf, getPage, postForm, signIn, type CookieJar } from '../../test/http.ts';

const clock = fixedClock('2026-11-23T10:00:00Z');
const TODAY = '2026-11-23';

let testApp: TestApp;
let officer: TestOfficer;
let jar: CookieJar;
let token: string;
let otherCouncilToken: string;

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  officer = await anOfficer(testApp);
  jar = await signIn(testApp.app, officer.user.email, officer.password);
  token = await anApiToken(testApp, officer);
  otherCouncilToken = await anApiToken(testApp, await anOfficer(testApp, { authorityId: (await anAuthority(testApp.database.db)).id }));
});
afterAll(async () => {
  await testApp?.close();
});

/** A case whose final plan was issued in June. */
const planCase = () => aCase(testApp, officer.actor, { stage: 'plan', receivedOn: '2026-01-05' });

const dateFields = (name: string, date: string) => {
  const [year, month, day] = date.split('-');
  return { [`${name}-day`]: day ?? '', [`${name}-month`]: month ?? '', [`${name}-year`]: year ?? '' };
};

async function written(caseId: string) {
  const authorityId = testApp.authorityId;
  const [counts] = await queryRows<{ transfers: number; events: number; letters: number; audit: number; closedOn: string | null; stage: string }>(
    testApp.database.db,
    sql`SELECT
      (SELECT count(*)::int FROM "council_transfer" WHERE "authority_id" = ${authorityId} AND "case_id" = ${caseId}) AS "transfers",
      (SELECT count(*)::int FROM "case_event" WHERE "authority_id" = ${authorityId} AND "case_id" = ${caseId} AND "type" LIKE 'transfer-%') AS "events",
      (SELECT count(*)::int FROM "letter" WHERE "authority_id" = ${authorityId} AND "case_id" = ${caseId}) AS "letters",
      (SELECT count(*)::int FROM "audit_event" WHERE "authority_id" = ${authorityId} AND "details"->>'caseId' = ${caseId} AND "action" LIKE 'transfer.%') AS "audit",
      (SELECT "closed_on"::text FROM "ehc_case" WHERE "authority_id" = ${authorityId} AND "id" = ${caseId}) AS "closedOn",
      (SELECT "stage" FROM "ehc_case" WHERE "authority_id" = ${authorityId} AND "id" = ${caseId}) AS "stage"`,
  );
  return counts!;
}

async function deadline(caseId: string, id: string) {
  const [row] = await queryRows<{ dueOn: string; metOn: string | null; basis: string }>(
    testApp.database.db,
    sql`SELECT "due_on"::text AS "dueOn", "met_on"::text AS "metOn", "basis" FROM "case_deadline" WHERE "authority_id" = ${testApp.authorityId} AND "case_id" = ${caseId} AND "deadline_id" = ${id}`,
  );
  return row;
}

const outUrl = (caseId: string) => `/cases/${caseId}/transfers/out`;
const outFields = (overrides: Record<string, string> = {}) => ({ newCouncil: 'Northshire County Council', ...dateFields('moveDate', '2026-12-01'), ...dateFields('learntOn', TODAY), ...overrides });
const moveOut = (caseId: string, fields: Record<string, string>) => postForm(testApp.app, jar, outUrl(caseId), fields, { csrfFrom: outUrl(caseId) });

const json = (method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}, as = token) =>
  testApp.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${as}`, ...(payload === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
  });

describe('a move to another council', () => {
  it('records the move with the plan due within 15 working days beginning with the day learnt, less than 15 working days before the move (SEND Regs 2014 reg. 15)', async () => {
    const created = await planCase();
    const response = await moveOut(created.caseId, outFields());
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/cases/${created.caseId}/transfers?saved=out`);
    // 23 November (a Monday) is the first of the 15 working days: 23-27, 30 November-4 December, 7-11 December.
    expect(await deadline(created.caseId, 'transfer-plan')).toMatchObject({ dueOn: '2026-12-11', metOn: null });
    expect((await deadline(created.caseId, 'transfer-plan'))?.basis).toContain('reg. 15');
    expect(await written(created.caseId)).toMatchObject({ transfers: 1, events: 1, audit: 1, closedOn: null });
    const page = await getPage(testApp.app, jar, `/cases/${created.caseId}/transfers?saved=out`);
    expect(page.body).toContain('Northshire County Council');
    expect(page.body).toContain('11 December 2026');
    expect(page.body).toContain('Send the plan to the new council');
  });

  it('learnt at least 15 working days before: the plan is due on the day of the move (SEND Regs 2014 reg. 15)', async () => {
    const created = await planCase();
    expect((await moveOut(created.caseId, outFields({ ...dateFields('moveDate', '2027-01-29'), ...dateFields('learntOn', '2026-11-20') }))).statusCode).toBe(303);
    expect(await deadline(created.caseId, 'transfer-plan')).toMatchObject({ dueOn: '2027-01-29' });
  });

  it('sends the plan to the new council with its letter, meets the deadline and closes the case as transferred (SEND Regs 2014 reg. 15)', async () => {
    const created = await planCase();
    await moveOut(created.caseId, outFields());
    const [transfer] = await queryRows<{ id: string }>(testApp.database.db, sql`SELECT "id" FROM "council_transfer" WHERE "authority_id" = ${testApp.authorityId} AND "case_id" = ${created.caseId}`);
    const url = `/transfers/${transfer!.id}/plan-sent`;
    const sent = await postForm(testApp.app, jar, url, { recipientName: 'SEND team manager', recipientEmail: 'send@northshire.example', ...dateFields('sentOn', TODAY) }, { csrfFrom: url });
    expect(sent.statusCode).toBe(303);
    expect(await written(created.caseId)).toMatchObject({ transfers: 1, events: 2, letters: 1, audit: 2, closedOn: TODAY, stage: 'closed' });
    expect(await deadline(created.caseId, 'transfer-plan')).toMatchObject({ metOn: TODAY });
    const [message] = await queryRows<{ subject: string; address: string }>(
      testApp.database.db,
      sql`SELECT "subject", "recipient_address" AS "address" FROM "outbox_message" WHERE "authority_id" = ${testApp.authorityId} AND "case_id" = ${created.caseId}`,
    );
    expect(message).toMatchObject({ address: 'send@northshire.example' });
    expect(message!.subject).toContain('has moved to your area');
    const again = await postForm(testApp.app, jar, url, { recipientName: 'SEND team manager', recipientEmail: 'send@northshire.example', ...dateFields('sentOn', TODAY) }, { csrfFrom: `/cases/${created.caseId}/transfers` });
    expect(again.statusCode).toBe(409);
    expect(await written(created.caseId)).toMatchObject({ events: 2, letters: 1 });
  });

  it.each([
    ['nothing entered', { newCouncil: '', ...dateFields('moveDate', ''), ...dateFields('learntOn', '') }, ['Enter the name of the council the child is moving to', 'Enter the date of the move as a real date', 'Enter the date the council learnt of the move as a real date']],
    ['a learnt date to come', outFields(dateFields('learntOn', '2026-11-24')), ['The date the council learnt of the move must be today or in the past']],
    ['a move years ahead', outFields(dateFields('moveDate', '2028-12-01')), ['The date of the move must be within the next 12 months: check the year']],
    ['an impossible date', outFields(dateFields('moveDate', '2026-02-30')), ['Enter the date of the move as a real date']],
  ] as const)('refuses %s: the error summary, nothing saved', async (_what, fields, messages) => {
    const created = await planCase();
    const response = await moveOut(created.caseId, fields);
    expect(response.statusCode).toBe(400);
    expect(errorSummaryOf(response.body).map((entry) => entry.text)).toEqual(messages);
    expect(await written(created.caseId)).toMatchObject({ transfers: 0, events: 0, audit: 0 });
  });

  it('refuses a move for a child whose case has no plan, and a second move: the reason, nothing saved (409) (SEND Regs 2014 reg. 15)', async () => {
    const assessing = await aCase(testApp, officer.actor, { stage: 'assessment', receivedOn: '2026-09-01', stepDates: { 'assessment.agreed': '2026-10-06' } });
    const refused = await moveOut(assessing.caseId, outFields());
    expect(refused.statusCode).toBe(409);
    expect(errorSummaryOf(refused.body)[0]?.text).toBe('Only a case with a plan the council maintains moves to another council with it: record the final plan first');
    expect(await written(assessing.caseId)).toMatchObject({ transfers: 0, events: 0, audit: 0 });
    const page = await getPage(testApp.app, jar, `/cases/${assessing.caseId}/transfers`);
    expect(page.body).not.toContain(`href="${outUrl(assessing.caseId)}"`);

    const created = await planCase();
    await moveOut(created.caseId, outFields());
    const twice = await moveOut(created.caseId, outFields());
    expect(twice.statusCode).toBe(409);
    expect(await written(created.caseId)).toMatchObject({ transfers: 1, events: 1 });
  });

  it('refuses the plan sent before the council learnt of the move: the error summary, nothing saved', async () => {
    const created = await planCase();
    await moveOut(created.caseId, outFields());
    const [transfer] = await queryRows<{ id: string }>(testApp.database.db, sql`SELECT "id" FROM "council_transfer" WHERE "authority_id" = ${testApp.authorityId} AND "case_id" = ${created.caseId}`);
    const url = `/transfers/${transfer!.id}/plan-sent`;
    const response = await postForm(testApp.app, jar, url, { recipientName: '', recipientEmail: 'not an address', ...dateFields('sentOn', '2026-11-20') }, { csrfFrom: url });
    expect(response.statusCode).toBe(400);
    expect(errorSummaryOf(response.body).map((entry) => entry.text)).toEqual([
      'The plan cannot have been sent before the council learnt of the move, on 23 November 2026',
      'Enter the name of the person at the new council it is sent to',
      'Enter an e-mail address in the right format, like name@example.org',
    ]);
    expect(await written(created.caseId)).toMatchObject({ events: 1, letters: 0, closedOn: null });
  });

  it('writes who looked to the access log', async () => {
    const created = await planCase();
    await getPage(testApp.app, jar, `/cases/${created.caseId}/transfers`);
    const access = await listAccessFor(testApp.database.db, testApp.authorityId, created.childId);
    expect(access.filter((entry) => entry.view === 'transfers' && entry.actorId === officer.actor.id)).toHaveLength(1);
  });
});

describe('a plan received from another council', () => {
  const inUrl = (childId: string) => `/children/${childId}/transfer-in`;
  const inFields = (overrides: Record<string, string> = {}) => ({
    oldCouncil: 'Westmoor Borough Council',
    ...dateFields('moveDate', '2026-11-02'),
    ...dateFields('planReceivedOn', '2026-11-09'),
    ...dateFields('lastReviewOn', '2026-03-15'),
    ...overrides,
  });
  const moveIn = (childId: string, fields: Record<string, string>) => postForm(testApp.app, jar, inUrl(childId), fields, { csrfFrom: inUrl(childId) });

  it('opens a case with the plan, the family to be told within 6 weeks and the review on the later of the two periods (SEND Regs 2014 reg. 15)', async () => {
    const earlier = await aCase(testApp, officer.actor, { stage: 'closed', receivedOn: '2025-09-01' });
    const response = await moveIn(earlier.childId, inFields());
    expect(response.statusCode).toBe(303);
    const caseId = /\/cases\/([^/]+)\/transfers/.exec(String(response.headers.location))![1]!;
    expect(await written(caseId)).toMatchObject({ transfers: 1, events: 1, audit: 1, closedOn: null, stage: 'plan' });
    expect(await deadline(caseId, 'transfer-notify')).toMatchObject({ dueOn: '2026-12-14', metOn: null });
    // 12 months beginning with 15 March 2026 end on 14 March 2027, later than 3 months beginning with 2 November.
    expect(await deadline(caseId, 'review-due')).toMatchObject({ dueOn: '2027-03-14' });

    const [transfer] = await queryRows<{ id: string }>(testApp.database.db, sql`SELECT "id" FROM "council_transfer" WHERE "authority_id" = ${testApp.authorityId} AND "case_id" = ${caseId}`);
    const toldUrl = `/transfers/${transfer!.id}/family-told`;
    const early = await postForm(testApp.app, jar, toldUrl, dateFields('toldOn', '2026-10-30'), { csrfFrom: toldUrl });
    expect(early.statusCode).toBe(400);
    expect(errorSummaryOf(early.body)[0]?.text).toBe('The family cannot have been told before the move, on 2 November 2026');
    const told = await postForm(testApp.app, jar, toldUrl, dateFields('toldOn', '2026-11-20'), { csrfFrom: toldUrl });
    expect(told.statusCode).toBe(303);
    expect(await deadline(caseId, 'transfer-notify')).toMatchObject({ metOn: '2026-11-20' });
    // The case opened by the plan received reads on the child's record like any other.
    const record = await getPage(testApp.app, jar, `/children/${earlier.childId}`);
    expect(record.statusCode).toBe(200);
    expect(record.body).toContain('EHC plan received from another council on a move');
    expect(record.body).toContain(`/cases/${caseId}/transfers`);
  });

  it('reviews within 3 months of the move when that is later than 12 months from the last review (SEND Regs 2014 reg. 15)', async () => {
    const earlier = await aCase(testApp, officer.actor, { stage: 'closed', receivedOn: '2025-09-01' });
    const response = await moveIn(earlier.childId, inFields(dateFields('lastReviewOn', '2025-10-01')));
    const caseId = /\/cases\/([^/]+)\/transfers/.exec(String(response.headers.location))![1]!;
    expect(await deadline(caseId, 'review-due')).toMatchObject({ dueOn: '2027-02-01' });
  });

  it('refuses a last review after the move, dates to come, and a child with an open case: the reason, nothing saved', async () => {
    const earlier = await aCase(testApp, officer.actor, { stage: 'closed', receivedOn: '2025-09-01' });
    const bad = await moveIn(earlier.childId, inFields({ oldCouncil: '', ...dateFields('planReceivedOn', '2026-12-01'), ...dateFields('lastReviewOn', '2026-11-10') }));
    expect(bad.statusCode).toBe(400);
    expect(errorSummaryOf(bad.body).map((entry) => entry.text)).toEqual([
      'Enter the name of the council the child has moved from',
      'The date the plan was received must be today or in the past',
      'The plan’s last review must be before the move: the other council reviewed it, not this one',
    ]);
    const open = await planCase();
    const refused = await moveIn(open.childId, inFields());
    expect(refused.statusCode).toBe(409);
    expect(errorSummaryOf(refused.body)[0]?.text).toContain('The child already has an open case');
    const [count] = await queryRows<{ count: number }>(
      testApp.database.db,
      sql`SELECT count(*)::int AS "count" FROM "council_transfer" WHERE "authority_id" = ${testApp.authorityId} AND "child_id" IN (${earlier.childId}, ${open.childId})`,
    );
    expect(count!.count).toBe(0);
  });
});

describe('a plan received with the details of its papers, for the SEN2 return', () => {
  const inUrl = (childId: string) => `/children/${childId}/transfer-in`;
  const moveIn = (childId: string, fields: Record<string, string>) => postForm(testApp.app, jar, inUrl(childId), fields, { csrfFrom: inUrl(childId) });
  const base = {
    oldCouncil: 'Kent County Council',
    ...dateFields('moveDate', '2026-11-02'),
    ...dateFields('planReceivedOn', '2026-11-09'),
    ...dateFields('lastReviewOn', '2026-03-15'),
  };
  const papers = (urn: number, overrides: Record<string, string> = {}) => ({
    ...base,
    oldLaCode: '886',
    ...dateFields('requestReceivedOn', '2023-02-06'),
    requestSource: '2',
    primaryNeed: 'ASD',
    secondaryNeed: 'SLCN',
    placementUrn: String(urn),
    placementSettingType: '',
    ...overrides,
  });
  /** What the child has of moves and plans: nothing at all after a refusal. */
  async function childWrites(childId: string) {
    const [row] = await queryRows<{ transfers: number; plans: number; versions: number; cases: number }>(
      testApp.database.db,
      sql`SELECT
        (SELECT count(*)::int FROM "council_transfer" WHERE "authority_id" = ${testApp.authorityId} AND "child_id" = ${childId}) AS "transfers",
        (SELECT count(*)::int FROM "plan" WHERE "authority_id" = ${testApp.authorityId} AND "child_id" = ${childId}) AS "plans",
        (SELECT count(*)::int FROM "plan_version" v JOIN "plan" p ON p."authority_id" = v."authority_id" AND p."id" = v."plan_id" WHERE p."authority_id" = ${testApp.authorityId} AND p."child_id" = ${childId}) AS "versions",
        (SELECT count(*)::int FROM "ehc_case" WHERE "authority_id" = ${testApp.authorityId} AND "child_id" = ${childId} AND "closed_on" IS NULL) AS "cases"`,
    );
    return row!;
  }

  it('the form sets the papers out as an optional fieldset of its own, with no conditional parts', async () => {
    const earlier = await aCase(testApp, officer.actor, { stage: 'closed', receivedOn: '2025-09-01' });
    const page = await getPage(testApp.app, jar, inUrl(earlier.childId));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('From the plan’s papers, for the SEN2 return');
    for (const name of ['oldLaCode', 'requestReceivedOn-day', 'requestSource', 'primaryNeed', 'secondaryNeed', 'placementUrn', 'placementSettingType']) expect(page.body).toContain(`id="${name}"`);
    expect(page.body).not.toContain('govuk-radios__conditional');
  });

  it('SEND Regs 2014 reg. 15: keeps the other council’s LA code and the original request on the move and its event, and makes the received plan the case’s final plan, issued on its date, with sections B and I', async () => {
    const school = await aSchool(testApp.database.db);
    const earlier = await aCase(testApp, officer.actor, { stage: 'closed', receivedOn: '2025-09-01' });
    const response = await moveIn(earlier.childId, papers(school.urn));
    expect(response.statusCode).toBe(303);
    const caseId = /\/cases\/([^/]+)\/transfers/.exec(String(response.headers.location))![1]!;
    const [transfer] = await queryRows<{ otherLaCode: string; requestReceivedOn: string; requestSource: number }>(
      testApp.database.db,
      sql`SELECT "other_la_code" AS "otherLaCode", "request_received_on"::text AS "requestReceivedOn", "request_source" AS "requestSource" FROM "council_transfer" WHERE "authority_id" = ${testApp.authorityId} AND "case_id" = ${caseId}`,
    );
    expect(transfer).toEqual({ otherLaCode: '886', requestReceivedOn: '2023-02-06', requestSource: 2 });
    const [event] = await queryRows<{ id: string; payload: Record<string, unknown> }>(
      testApp.database.db,
      sql`SELECT "id", "payload" FROM "case_event" WHERE "authority_id" = ${testApp.authorityId} AND "case_id" = ${caseId} AND "type" = 'transfer-in.recorded'`,
    );
    expect(event!.payload).toMatchObject({ laCode: '886', requestReceivedOn: '2023-02-06', requestSource: 2 });
    const versions = await queryRows<{ planId: string; number: number; status: string; issuedOn: string; eventId: string; content: { b: { type: string; primary: boolean }[]; i: unknown } }>(
      testApp.database.db,
      sql`SELECT p."id" AS "planId", v."number", v."status", v."issued_on"::text AS "issuedOn", v."event_id" AS "eventId", v."content" FROM "plan" p JOIN "plan_version" v ON v."authority_id" = p."authority_id" AND v."plan_id" = p."id" WHERE p."authority_id" = ${testApp.authorityId} AND p."case_id" = ${caseId}`,
    );
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ number: 1, status: 'final', issuedOn: '2026-03-15', eventId: event!.id, planId: event!.payload.planId });
    expect(versions[0]!.content.b.map((need) => [need.type, need.primary])).toEqual([
      ['ASD', true],
      ['SLCN', false],
    ]);
    expect(versions[0]!.content.i).toEqual({ kind: 'school', urn: school.urn });

    // The moves page shows the papers' details; the plan's page reads the received plan as its final plan.
    const moves = await getPage(testApp.app, jar, `/cases/${caseId}/transfers`);
    expect(moves.body).toContain('886');
    expect(moves.body).toContain('6 February 2023, made by: School or education setting');
    const plan = await getPage(testApp.app, jar, `/plans/${versions[0]!.planId}`);
    expect(plan.statusCode).toBe(200);
    expect(plan.body).toContain('the primary need in the plan received from Kent County Council');
    expect(plan.body).toContain(school.name);
  });

  it('a type of setting instead of a school, and the papers left out altogether: no plan made up, the move recorded as before', async () => {
    const setting = await aCase(testApp, officer.actor, { stage: 'closed', receivedOn: '2025-09-01' });
    expect((await moveIn(setting.childId, papers(0, { placementUrn: '', placementSettingType: 'A special school for autistic children', secondaryNeed: '' }))).statusCode).toBe(303);
    const [content] = await queryRows<{ content: { b: unknown[]; i: unknown } }>(
      testApp.database.db,
      sql`SELECT v."content" FROM "plan" p JOIN "plan_version" v ON v."authority_id" = p."authority_id" AND v."plan_id" = p."id" WHERE p."authority_id" = ${testApp.authorityId} AND p."child_id" = ${setting.childId}`,
    );
    expect(content!.content.i).toEqual({ kind: 'setting-type', settingType: 'A special school for autistic children' });
    expect(content!.content.b).toHaveLength(1);

    const none = await aCase(testApp, officer.actor, { stage: 'closed', receivedOn: '2025-09-01' });
    expect((await moveIn(none.childId, base)).statusCode).toBe(303);
    expect(await childWrites(none.childId)).toMatchObject({ transfers: 1, plans: 0, versions: 0, cases: 1 });
  });

  it('refuses a bad LA code, a request date to come or after the plan’s date, an unknown need and a school not on the list: each in the error summary linking to its field, nothing saved', async () => {
    const school = await aSchool(testApp.database.db);
    const earlier = await aCase(testApp, officer.actor, { stage: 'closed', receivedOn: '2025-09-01' });
    const refusedWith = async (fields: Record<string, string>) => {
      const response = await moveIn(earlier.childId, fields);
      expect(response.statusCode).toBe(400);
      expect(await childWrites(earlier.childId)).toEqual({ transfers: 0, plans: 0, versions: 0, cases: 0 });
      return errorSummaryOf(response.body);
    };
    expect(await refusedWith(papers(school.urn, { oldLaCode: '88' }))).toEqual([{ href: '#oldLaCode', text: 'Enter the other council’s LA code as 3 digits, for example 886' }]);
    expect(await refusedWith(papers(school.urn, { oldLaCode: '123' }))).toEqual([{ href: '#oldLaCode', text: 'There is no English local authority with the LA code 123: check it against the plan’s papers' }]);
    expect(await refusedWith(papers(school.urn, dateFields('requestReceivedOn', '2026-12-01')))).toEqual([{ href: '#requestReceivedOn-day', text: 'The date the other council received the request must be today or in the past' }]);
    expect(await refusedWith(papers(school.urn, dateFields('requestReceivedOn', '2026-04-01')))).toEqual([
      { href: '#requestReceivedOn-day', text: 'The request must have been received on or before the plan’s date, 15 March 2026: the plan was made after it' },
    ]);
    expect(await refusedWith(papers(school.urn, dateFields('requestReceivedOn', '2023-02-31')))).toEqual([{ href: '#requestReceivedOn-day', text: 'Enter the date the other council received the request as a real date' }]);
    expect(await refusedWith(papers(school.urn, { requestSource: '7' }))).toEqual([{ href: '#requestSource', text: 'Select who made the request' }]);
    expect(await refusedWith(papers(school.urn, { primaryNeed: 'XYZ' }))).toEqual([{ href: '#primaryNeed', text: 'Select the primary need from the list: “XYZ” is not a type of need' }]);
    expect(await refusedWith(papers(school.urn, { primaryNeed: '', secondaryNeed: 'SLCN' }))).toEqual([{ href: '#primaryNeed', text: 'Select the primary need: a secondary need is given with it' }]);
    expect(await refusedWith(papers(school.urn, { secondaryNeed: 'ASD' }))).toEqual([{ href: '#secondaryNeed', text: 'The secondary need must be another type than the primary need' }]);
    expect(await refusedWith(papers(999_998))).toEqual([{ href: '#placementUrn', text: 'There is no school with URN 999998 in the schools register' }]);
    expect(await refusedWith(papers(school.urn, { placementSettingType: 'A special school' }))).toEqual([{ href: '#placementUrn', text: 'Give the school’s URN or a type of setting, not both' }]);
    // What was typed is kept on the form to correct.
    const again = await moveIn(earlier.childId, papers(school.urn, { oldLaCode: '88' }));
    expect(again.body).toContain('value="88"');
    expect(again.body).toMatch(/<option value="ASD" selected/);
  });

  it('SEND Regs 2014 reg. 15: a plan received has no request here to decide: the decision whether to assess, or after an assessment, is refused with why', async () => {
    const earlier = await aCase(testApp, officer.actor, { stage: 'closed', receivedOn: '2025-09-01' });
    const { result } = await testApp.services.transfers.recordTransferIn(officer.actor, earlier.childId, { oldCouncil: 'Kent County Council', moveDate: '2026-11-02', planReceivedOn: '2026-11-09', lastReviewOn: '2026-03-15' });
    const decisionMaker = await aDecisionMaker(testApp);
    const input = { outcome: 'assess', decidedOn: TODAY, reasons: 'The evidence shows needs the school cannot meet.' };
    await expect(testApp.services.decisions.decideWhetherToAssess(decisionMaker.actor, result.caseId, input)).rejects.toMatchObject({
      problems: [{ field: 'outcome', message: 'The plan was received from another council, which decided its request. If it is wrong, correct it in the case’s history' }],
    });
    await expect(testApp.services.decisions.decideAfterAssessment(decisionMaker.actor, result.caseId, { ...input, outcome: 'issue-plan' })).rejects.toMatchObject({
      problems: [{ field: 'outcome', message: 'The plan was received from another council, which assessed the child and made it. If it is wrong, correct it in the case’s history' }],
    });
  });

  it('refuses the council’s own LA code as the council moved from', async () => {
    const kent = await anAuthority(testApp.database.db, '886');
    const kentOfficer = await anOfficer(testApp, { authorityId: kent.id });
    const earlier = await aCase(testApp, kentOfficer.actor, { stage: 'closed', receivedOn: '2025-09-01' });
    await expect(
      testApp.services.transfers.recordTransferIn(kentOfficer.actor, earlier.childId, { oldCouncil: 'Medway Council', moveDate: '2026-11-02', planReceivedOn: '2026-11-09', lastReviewOn: '2026-03-15', oldLaCode: '886' }),
    ).rejects.toMatchObject({ problems: [{ field: 'oldLaCode', message: '886 is this council’s own LA code: enter the code of the council the child moved from' }] });
  });
});

describe('moves between councils through the API', () => {
  it('records a move out once per Idempotency-Key, and refuses another council’s case as unknown', async () => {
    const created = await planCase();
    const body = { newCouncil: 'Northshire County Council', moveDate: '2026-12-01', learntOn: TODAY };
    const first = await json('POST', `/api/v1/cases/${created.caseId}/transfers/out`, body, { 'idempotency-key': `out-${created.caseId}` });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ direction: 'out', planDueOn: '2026-12-11' });
    const retry = await json('POST', `/api/v1/cases/${created.caseId}/transfers/out`, body, { 'idempotency-key': `out-${created.caseId}` });
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    const misuse = await json('POST', `/api/v1/cases/${created.caseId}/transfers/out`, { ...body, newCouncil: 'Elsewhere' }, { 'idempotency-key': `out-${created.caseId}` });
    expect(misuse.statusCode).toBe(422);
    expect(await written(created.caseId)).toMatchObject({ transfers: 1, events: 1 });
    const listed = await json('GET', `/api/v1/cases/${created.caseId}/transfers`);
    expect(listed.json().transfers).toHaveLength(1);
    expect((await json('GET', `/api/v1/cases/${created.caseId}/transfers`, undefined, {}, otherCouncilToken)).statusCode).toBe(404);

    const bad = await json('POST', `/api/v1/cases/${created.caseId}/transfers/out`, { ...body, learntOn: '2027-01-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });

  it('records a plan received on a move in', async () => {
    const earlier = await aCase(testApp, officer.actor, { stage: 'closed', receivedOn: '2025-09-01' });
    const response = await json('POST', `/api/v1/children/${earlier.childId}/transfers/in`, { oldCouncil: 'Westmoor Borough Council', moveDate: '2026-11-02', planReceivedOn: '2026-11-09', lastReviewOn: '2026-03-15' });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ direction: 'in', familyDueOn: '2026-12-14', reviewDueOn: '2027-03-14', otherLaCode: null, requestReceivedOn: null, requestSource: null });
  });

  it('records a plan received with its papers’ details, and refuses an unknown LA code as a problem', async () => {
    const school = await aSchool(testApp.database.db);
    const earlier = await aCase(testApp, officer.actor, { stage: 'closed', receivedOn: '2025-09-01' });
    const body = { oldCouncil: 'Kent County Council', moveDate: '2026-11-02', planReceivedOn: '2026-11-09', lastReviewOn: '2026-03-15', oldLaCode: '886', requestReceivedOn: '2023-02-06', requestSource: '1', primaryNeed: 'SEMH', placementUrn: String(school.urn) };
    const refused = await json('POST', `/api/v1/children/${earlier.childId}/transfers/in`, { ...body, oldLaCode: '000' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([{ field: 'oldLaCode', message: 'There is no English local authority with the LA code 000: check it against the plan’s papers' }]);
    const response = await json('POST', `/api/v1/children/${earlier.childId}/transfers/in`, body);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ otherLaCode: '886', requestReceivedOn: '2023-02-06', requestSource: 1, requestSourceName: 'Parent or young person' });
  });
});
