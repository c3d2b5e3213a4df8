// Annual reviews on the pages and in the service (CFA 2014 s.44; SEND Regs 2014 regs 18 to 22):
// the plans due, a review arranged with its invitations, held, reported and decided with its
// notice, a school's pupils invited together, and each bad input refused with nothing saved.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { addDays, type IsoDate } from '../../domain/calendar/index.ts';
import { londonDateOf, type Clock } from '../../lib/clock.ts';
import { ConflictError, ValidationError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, aMaintainedPlan, anOfficer, aPerson, aSchool, type TestCase, type TestOfficer } from '../../test/factories/index.ts';
import { errorSummaryOf, getPage, postForm, signIn, type CookieJar } from '../../test/http.ts';
import { listAuditEventsFor } from '../audit/index.ts';
import type { SchoolRecord } from '../reference/index.ts';

/** The day the tests run on, moved for a meeting held later or a review arranged earlier. */
let moment = new Date('2026-11-23T10:00:00Z');
const clock: Clock & { set(iso: string): void } = {
  now: () => new Date(moment),
  today: () => londonDateOf(moment),
  set: (iso: string) => {
    moment = new Date(iso);
  },
};

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

/** A maintained plan issued on `planIssued` (its review due the day before the anniversary), its child at `school`, with a parent to write to. */
async function aPlanCase(planIssued: string, options: { school?: SchoolRecord; dateOfBirth?: string; holder?: TestOfficer; parent?: boolean } = {}): Promise<TestCase> {
  const holder = options.holder ?? officer;
  const created = await aCase(testApp, holder.actor, {
    stage: 'plan',
    receivedOn: addDays(planIssued as IsoDate, -126),
    stepDates: { 'plan.issued': planIssued },
    child: { ...(options.school ? { schoolId: options.school.id } : {}), ...(options.dateOfBirth ? { dateOfBirth: options.dateOfBirth } : {}) },
  });
  if (options.parent !== false) await aPerson(testApp, holder.actor, created.childId, { mainContact: true });
  return created;
}

const reviewRows = (caseId: string) => queryRows<{ id: string; status: string }>(testApp.database.db, sql`SELECT id, status FROM annual_review WHERE case_id = ${caseId}`);
const lettersOf = (caseId: string) => queryRows<{ type: string; recipient_channel: string }>(testApp.database.db, sql`SELECT letter_type AS type, recipient_channel FROM letter WHERE case_id = ${caseId} ORDER BY created_at`);
const eventsOf = async (caseId: string) => (await queryRows<{ type: string }>(testApp.database.db, sql`SELECT type FROM case_event WHERE case_id = ${caseId} ORDER BY recorded_at, id`)).map((row) => row.type);
const deadline = async (caseId: string, id: string) =>
  (await queryRows<{ due_on: string; met_on: string | null }>(testApp.database.db, sql`SELECT due_on::text, met_on::text FROM case_deadline WHERE case_id = ${caseId} AND deadline_id = ${id}`))[0];

describe('running a review (SEND Regs 2014 regs 20 to 22)', () => {
  it('arranges the meeting, invites the family and the people named, holds it, takes the report and decides to keep the plan, each with its case event and clock', async () => {
    const planned = await aPlanCase('2026-01-10', { school: oakTree });
    const { result: review } = await testApp.services.reviews.arrange(officer.actor, planned.caseId, {
      meetingOn: '2026-12-14',
      headTeacherHolds: true,
      invitees: [{ role: 'health', name: 'Dr Priya Raman', email: 'priya.raman@nhs.example' }],
    });
    expect(review).toMatchObject({ status: 'arranged', meetingPlace: 'Oak Tree Primary School', headTeacherHolds: true, adviceBy: '2026-11-30', dueOn: '2027-01-09' });
    expect(await lettersOf(planned.caseId)).toEqual(expect.arrayContaining([{ type: 'review-invitation', recipient_channel: 'letter' }, { type: 'review-invitation', recipient_channel: 'email' }]));
    // The clock of reg. 20(4): invitations and advice 2 weeks before the meeting.
    expect(await deadline(planned.caseId, 'advice-circulated')).toEqual({ due_on: '2026-11-30', met_on: null });

    await testApp.services.reviews.recordViews(officer.actor, review.id, { childViews: 'I like my new reading group.', familyViews: 'Speech therapy has helped.' });
    // The meeting is held on the day; the clock moves to it.
    clock.set('2026-12-14T10:00:00Z');
    try {
      const held = await testApp.services.reviews.recordHeld(officer.actor, review.id, { heldOn: '2026-12-14' });
      expect(held).toMatchObject({ status: 'held', reportDueOn: '2026-12-28', decisionDueOn: '2027-01-11' });
      expect(await deadline(planned.caseId, 'review-decision')).toEqual({ due_on: '2027-01-11', met_on: null });
      const reported = await testApp.services.reviews.recordReport(officer.actor, review.id, { receivedOn: '2026-12-14', summary: 'Keep the plan' });
      expect(reported.status).toBe('reported');
      expect(await deadline(planned.caseId, 'review-report')).toEqual({ due_on: '2026-12-28', met_on: '2026-12-14' });
      const { result: decided } = await testApp.services.reviews.recordDecision(officer.actor, review.id, { decision: 'maintain', decidedOn: '2026-12-14', reasons: 'The plan still meets the needs.' });
      expect(decided).toMatchObject({ status: 'decided', decision: 'maintain', nextStep: null });
      expect(decided.decisionLetterId).not.toBeNull();
      expect(await eventsOf(planned.caseId)).toEqual(expect.arrayContaining(['review.scheduled', 'review.held', 'review.reported', 'review.decided']));
      // The next review's 12 months run from this one (CFA 2014 s.44(1)).
      expect(await deadline(planned.caseId, 'review-due')).toEqual({ due_on: '2027-12-13', met_on: null });
      expect((await lettersOf(planned.caseId)).map((letter) => letter.type)).toContain('review-decision-maintain');
      const audit = await listAuditEventsFor(testApp.database.db, officer.actor.authorityId, 'annual_review', review.id);
      expect(audit.map((entry) => entry.action)).toEqual(expect.arrayContaining(['review.arranged', 'review.views-recorded', 'review.held', 'review.reported', 'review.decided']));
    } finally {
      clock.set('2026-11-23T10:00:00Z');
    }
  });

  it('notifies a decision to cease with the right of appeal, and gives the link on to the ceasing (SEND Regs 2014 reg. 20(10))', async () => {
    const planned = await aPlanCase('2026-01-05', { school: oakTree });
    const { result: review } = await testApp.services.reviews.arrange(officer.actor, planned.caseId, { meetingOn: '2026-11-23', shortNoticeReason: 'The family asked for an early meeting' });
    await testApp.services.reviews.recordHeld(officer.actor, review.id, { heldOn: '2026-11-23' });
    const { result: decided } = await testApp.services.reviews.recordDecision(officer.actor, review.id, { decision: 'cease', decidedOn: '2026-11-23', reasons: 'The outcomes are met.' });
    expect(decided.nextStep).toEqual({ decision: 'cease', href: `/reviews/${review.id}/next-step` });
    // A plan recorded only as a step has no document to cease yet: the link goes on to the case's plan.
    const onward = await testApp.app.inject({ method: 'GET', url: decided.nextStep!.href, headers: { cookie: jar.header() } });
    expect(onward.statusCode).toBe(303);
    expect(onward.headers.location).toBe(`/cases/${planned.caseId}/plan`);
    const [letter] = await queryRows<{ body_text: string }>(testApp.database.db, sql`SELECT body_text FROM letter WHERE id = ${decided.decisionLetterId}`);
    expect(letter!.body_text).toContain('your right to appeal');
  });
  it('goes on from a decision to amend to proposing the amendments to the case’s plan, held to 4 weeks from the meeting (SEND Regs 2014 regs 20(10) and 22; R (L, M, P) v Devon CC [2022])', async () => {
    const maintained = await aMaintainedPlan(testApp, officer.actor, { withParent: true });
    const { result: review } = await testApp.services.reviews.arrange(officer.actor, maintained.caseId, { meetingOn: '2026-11-23', meetingPlace: 'Oak Tree Primary School', shortNoticeReason: 'The family asked for an early meeting' });
    await testApp.services.reviews.recordHeld(officer.actor, review.id, { heldOn: '2026-11-23' });
    const { result: decided } = await testApp.services.reviews.recordDecision(officer.actor, review.id, { decision: 'amend', decidedOn: '2026-11-23', reasons: 'Section F needs the new therapy.' });
    const onward = await testApp.app.inject({ method: 'GET', url: decided.nextStep!.href, headers: { cookie: jar.header() } });
    expect(onward.statusCode).toBe(303);
    expect(onward.headers.location).toBe(`/plans/${maintained.planId}/amendments/new?reviewMeetingOn=2026-11-23`);
  });
});

describe('bad input: a clear error and nothing saved', () => {
  it('refuses an invitation for a meeting in the past (SEND Regs 2014 reg. 20(4))', async () => {
    const planned = await aPlanCase('2026-01-10');
    const refusal = testApp.services.reviews.arrange(officer.actor, planned.caseId, { meetingOn: '2026-11-20', meetingPlace: 'Town Hall' });
    await expect(refusal).rejects.toThrow(ValidationError);
    await expect(refusal).rejects.toMatchObject({ problems: [{ field: 'meetingOn', message: 'The review meeting must be today or later: invitations cannot go for a meeting in the past' }] });
    expect(await reviewRows(planned.caseId)).toEqual([]);
    expect(await lettersOf(planned.caseId)).toEqual([]);
  });

  it('refuses invitations less than 2 weeks before the meeting without a reason (SEND Regs 2014 reg. 20(4))', async () => {
    const planned = await aPlanCase('2026-01-10');
    await expect(testApp.services.reviews.arrange(officer.actor, planned.caseId, { meetingOn: '2026-12-01', meetingPlace: 'Town Hall' })).rejects.toMatchObject({
      problems: [{ field: 'meetingOn', message: expect.stringContaining('they had to go by 17 November 2026') }],
    });
    expect(await reviewRows(planned.caseId)).toEqual([]);
  });

  it('refuses a review of a plan that is not maintained (CFA 2014 s.44)', async () => {
    const drafted = await aCase(testApp, officer.actor, { stage: 'draft' });
    await expect(testApp.services.reviews.arrange(officer.actor, drafted.caseId, { meetingOn: '2026-12-14', meetingPlace: 'Town Hall' })).rejects.toMatchObject({
      problems: [{ field: 'meetingOn', message: expect.stringContaining('no maintained EHC plan') }],
    });
    expect(await reviewRows(drafted.caseId)).toEqual([]);
  });

  it('refuses a decision without a meeting held (SEND Regs 2014 reg. 20(10))', async () => {
    const planned = await aPlanCase('2026-01-10');
    const { result: review } = await testApp.services.reviews.arrange(officer.actor, planned.caseId, { meetingOn: '2026-12-14', meetingPlace: 'Town Hall' });
    await expect(testApp.services.reviews.recordDecision(officer.actor, review.id, { decision: 'maintain', decidedOn: '2026-11-23', reasons: 'Fine' })).rejects.toMatchObject({
      problems: [{ field: 'decision', message: expect.stringContaining('a decision needs a meeting') }],
    });
    expect((await reviewRows(planned.caseId))[0]!.status).toBe('arranged');
    expect(await eventsOf(planned.caseId)).not.toContain('review.decided');
  });

  it('refuses a decision more than 4 weeks after the meeting without a recorded reason, and takes it with one (SEND Regs 2014 reg. 20(10))', async () => {
    const planned = await aPlanCase('2026-01-10');
    clock.set('2026-09-01T10:00:00Z');
    const { result: review } = await testApp.services.reviews.arrange(officer.actor, planned.caseId, { meetingOn: '2026-09-21', meetingPlace: 'Town Hall' });
    clock.set('2026-11-23T10:00:00Z');
    await testApp.services.reviews.recordHeld(officer.actor, review.id, { heldOn: '2026-09-21' });
    await expect(testApp.services.reviews.recordDecision(officer.actor, review.id, { decision: 'maintain', decidedOn: '2026-11-23', reasons: 'Fine' })).rejects.toMatchObject({
      problems: [{ field: 'lateReason', message: expect.stringContaining('by 19 October 2026') }],
    });
    expect((await reviewRows(planned.caseId))[0]!.status).toBe('held');
    const { result } = await testApp.services.reviews.recordDecision(officer.actor, review.id, { decision: 'maintain', decidedOn: '2026-11-23', reasons: 'Fine', lateReason: 'The report came late' });
    expect(result).toMatchObject({ status: 'decided', lateReason: 'The report came late' });
  });

  it('refuses a second review while one is running', async () => {
    const planned = await aPlanCase('2026-01-10');
    await testApp.services.reviews.arrange(officer.actor, planned.caseId, { meetingOn: '2026-12-14', meetingPlace: 'Town Hall' });
    await expect(testApp.services.reviews.arrange(officer.actor, planned.caseId, { meetingOn: '2026-12-15', meetingPlace: 'Town Hall' })).rejects.toThrow(ConflictError);
    expect(await reviewRows(planned.caseId)).toHaveLength(1);
  });

  it('shows the arrange form again with the GOV.UK error summary, nothing saved', async () => {
    const planned = await aPlanCase('2026-01-10');
    const page = await getPage(testApp.app, jar, `/cases/${planned.caseId}/reviews/new`);
    expect(page.statusCode).toBe(200);
    const response = await postForm(testApp.app, jar, `/cases/${planned.caseId}/reviews/new`, { 'meetingOn-day': '1', 'meetingOn-month': '11', 'meetingOn-year': '2026', meetingPlace: 'School' }, { csrfFrom: `/cases/${planned.caseId}/reviews/new` });
    expect(response.statusCode).toBe(400);
    expect(errorSummaryOf(response.body)).toEqual([{ href: '#meetingOn-day', text: 'The review meeting must be today or later: invitations cannot go for a meeting in the past' }]);
    expect(await reviewRows(planned.caseId)).toEqual([]);
  });
});

describe('the reviews due', () => {
  it('lists an officer’s reviews due in the next 8 weeks and overdue, not later ones (CFA 2014 s.44(1))', async () => {
    const own = await anOfficer(testApp);
    const ownJar = await signIn(testApp.app, own.user.email, own.password);
    const soon = await aPlanCase('2026-01-10', { holder: own });
    const overdue = await aPlanCase('2025-10-01', { holder: own });
    const later = await aPlanCase('2026-06-01', { holder: own });
    const due = await testApp.services.reviews.myReviewsDue(own.actor);
    expect(due.reviews.map((row) => row.caseId)).toEqual([overdue.caseId, soon.caseId]);
    expect(due.reviews.map((row) => row.caseId)).not.toContain(later.caseId);
    expect(due.counts).toMatchObject({ overdue: 1, upcoming: 1 });
    const page = await getPage(testApp.app, ownJar, '/reviews');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Reviews due');
  });

  it('brings forward the review of a child under 5 by the council’s interval (Code of Practice 9.178)', async () => {
    const own = await anOfficer(testApp);
    // Plan issued 2026-07-01: 12 months run to 2027-06-30; 6 months to 2026-12-31, within 8 weeks.
    const young = await aPlanCase('2026-07-01', { holder: own, dateOfBirth: '2023-03-01' });
    const due = await testApp.services.reviews.myReviewsDue(own.actor);
    expect(due.reviews).toEqual([expect.objectContaining({ caseId: young.caseId, dueOn: '2026-12-31', statutoryDueOn: '2027-06-30', underFive: true })]);
  });

  it('takes the council’s interval for under-5s from 3 to 6 months, refusing another with the error summary (Code of Practice 9.178)', async () => {
    const refused = await postForm(testApp.app, managerJar, '/team/reviews/settings', { underFiveMonths: '9' }, { csrfFrom: '/team/reviews/settings' });
    expect(refused.statusCode).toBe(400);
    expect(errorSummaryOf(refused.body).map((entry) => entry.text)).toEqual([expect.stringContaining('from 3 to 6')]);
    expect(await testApp.services.reviews.underFiveMonths(manager.actor.authorityId)).toBe(6);
    const saved = await postForm(testApp.app, managerJar, '/team/reviews/settings', { underFiveMonths: '6' }, { csrfFrom: '/team/reviews/settings' });
    expect(saved.statusCode).toBe(303);
    expect(await getPage(testApp.app, jar, '/team/reviews/settings').then((response) => response.statusCode)).toBe(403);
  });

  it('shows a manager the whole service by school, officer and month, with bookmarkable filters', async () => {
    const elm = await aSchool(testApp.database.db, { name: 'Elm Street School' });
    await aPlanCase('2026-01-12', { school: elm });
    for (const group of ['school', 'officer', 'month']) {
      const page = await getPage(testApp.app, managerJar, `/team/reviews?group=${group}`);
      expect(page.statusCode, group).toBe(200);
    }
    const bySchool = await getPage(testApp.app, managerJar, `/team/reviews?school=${elm.urn}`);
    expect(bySchool.body).toContain('Elm Street School');
    const view = await testApp.services.reviews.serviceReviews(manager.actor, { school: String(elm.urn) });
    expect(view.reviews).toHaveLength(1);
    // The counts come with the groups, and agree with them and with the list, however grouped.
    for (const group of ['school', 'officer'] as const) {
      const grouped = await testApp.services.reviews.serviceReviews(manager.actor, { group });
      const summed = grouped.groups.reduce((sum, entry) => ({ overdue: sum.overdue + entry.overdue, upcoming: sum.upcoming + entry.upcoming }), { overdue: 0, upcoming: 0 });
      expect(grouped.counts, group).toMatchObject(summed);
      expect(grouped.counts.overdue + grouped.counts.upcoming).toBeGreaterThan(0);
    }
    expect(view.counts).toMatchObject({ overdue: view.groups[0]!.overdue, upcoming: view.groups[0]!.upcoming });
    // A page past the end shows the last page, its rows read again.
    const pastTheEnd = await testApp.services.reviews.serviceReviews(manager.actor, { page: 99 });
    expect(pastTheEnd.page).toBe(pastTheEnd.pageCount);
    expect(pastTheEnd.reviews.length).toBeGreaterThan(0);
    expect(await getPage(testApp.app, jar, '/team/reviews').then((response) => response.statusCode)).toBe(403);
  });
});

describe('a school’s pupils invited together (SEND Regs 2014 regs 20 and 21)', () => {
  it('arranges 40 reviews in one action: one request to the school, one invitation per family, each on its own clock (its time is measured by npm run bench:review-invitations)', async () => {
    const school = await aSchool(testApp.database.db, { name: 'Birch Academy' });
    const cases: TestCase[] = [];
    for (let index = 0; index < 40; index += 1) cases.push(await aPlanCase(`2026-0${1 + (index % 3)}-10`, { school }));
    const due = await testApp.services.reviews.schoolDue(officer.actor, String(school.urn), 'spring-2027');
    expect(due.pupils).toHaveLength(40);
    const { result } = await testApp.services.reviews.inviteSchool(officer.actor, {
      urn: String(school.urn),
      term: 'spring-2027',
      firstMeetingOn: '2027-01-11',
      perDay: 4,
      contactName: 'Ms Rachel Green',
      contactEmail: 'senco@birch.example',
    });
    expect(result.reviews).toHaveLength(40);
    expect(new Set(result.reviews.map((review) => review.meetingOn)).size).toBe(10);
    const [messages] = await queryRows<{ count: number }>(testApp.database.db, sql`SELECT count(*)::int AS count FROM outbox_message WHERE recipient_address = 'senco@birch.example'`);
    expect(messages!.count).toBe(1);
    const [invitations] = await queryRows<{ count: number }>(
      testApp.database.db,
      sql`SELECT count(*)::int AS count FROM letter WHERE letter_type = 'review-invitation' AND case_id IN (SELECT case_id FROM annual_review WHERE batch_id = ${result.batchId})`,
    );
    expect(invitations!.count).toBe(40);
    expect(await deadline(cases[0]!.caseId, 'invitations')).toMatchObject({ due_on: '2026-12-28' });
    // The school's pupils are then under review: the per-school table counts them arranged.
    const view = await testApp.services.reviews.serviceReviews(manager.actor, { school: String(school.urn) });
    expect(view.groups[0]).toMatchObject({ arranged: 40 });
  }, 120_000);

  it('refuses a first meeting day in the past, nothing saved, on the page with the error summary', async () => {
    const school = await aSchool(testApp.database.db, { name: 'Ash Grove School' });
    const planned = await aPlanCase('2026-01-10', { school });
    const response = await postForm(testApp.app, jar, `/reviews/schools/${school.urn}`, {
      term: 'spring-2027',
      'firstMeetingOn-day': '1',
      'firstMeetingOn-month': '11',
      'firstMeetingOn-year': '2026',
      perDay: '3',
      contactName: 'Head',
      contactEmail: 'head@ash.example',
    }, { csrfFrom: `/reviews/schools/${school.urn}` });
    expect(response.statusCode).toBe(400);
    expect(errorSummaryOf(response.body).map((entry) => entry.text)).toEqual([expect.stringContaining('invitations cannot go for a meeting in the past')]);
    expect(await reviewRows(planned.caseId)).toEqual([]);
  });
});
