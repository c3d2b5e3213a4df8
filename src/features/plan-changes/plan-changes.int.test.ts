import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { ConflictError, ValidationError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aMaintainedPlan, anOfficer, type TestOfficer } from '../../test/factories/index.ts';
import { errorSummaryOf, getPage, postForm, signIn, type CookieJar } from '../../test/http.ts';

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

const changes = () => testApp.services.planChanges;
const plans = () => testApp.services.plans;

async function eventTypes(caseId: string) {
  return (await queryRows<{ type: string }>(testApp.database.db, sql`SELECT type FROM case_event WHERE case_id = ${caseId} ORDER BY recorded_at`)).map((row) => row.type);
}
async function letters(caseId: string) {
  return queryRows<{ letter_type: string; body_text: string; recipient_name: string }>(testApp.database.db, sql`SELECT letter_type, body_text, recipient_name FROM letter WHERE case_id = ${caseId} ORDER BY created_at`);
}
async function refusal(work: Promise<unknown>): Promise<ValidationError | ConflictError> {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error instanceof ValidationError || error instanceof ConflictError, String(error)).toBe(true);
  return error as ValidationError | ConflictError;
}
const messages = (error: ValidationError | ConflictError) => (error instanceof ValidationError ? error.problems.map((problem) => problem.message).join(' ') : error.message);

/** An amendment started on a maintained plan, with section F changed through the plan's own service. */
async function aProposedChange(options: { reviewMeetingOn?: string } = {}) {
  const created = await aMaintainedPlan(testApp, officer.actor);
  const { result } = await changes().startAmendment(officer.actor, created.planId, options);
  const view = await plans().versionView(officer.actor, created.planId);
  const f = view.content.f[0]!;
  await plans().saveItem(officer.actor, created.planId, 'f', { ...f, frequency: 'Twice a week' }, view.version.revision);
  return { ...created, changeId: result.changeId };
}

describe('amendments (SEND Regs 2014 reg. 22)', () => {
  it('proposes amendments on a working copy, sends the notice with the difference, records the family’s comments and issues the amended plan as a new version with its notice and appeal rights (reg. 22(2), (3))', async () => {
    const { planId, caseId, changeId } = await aProposedChange();
    const proposing = await changes().change(officer.actor, changeId);
    expect(proposing).toMatchObject({ status: 'proposing', baseVersionNumber: 2 });
    expect(proposing.difference[0]).toMatchObject({ section: 'f', items: [{ change: 'changed', reference: 'F1' }] });
    expect((await plans().planSummary(officer.actor, planId)).versions.map((version) => version.status)).toEqual(['draft', 'final', 'working']);

    await changes().sendAmendmentNotice(officer.actor, changeId, { noticeOn: '2026-11-02' });
    const notice = (await letters(caseId)).find((letter) => letter.letter_type === 'amendment-proposed');
    expect(notice?.body_text).toContain('- Section F: Special educational provision, F1: changed (How often)');
    expect(notice?.body_text).toContain('You have at least 15 days, until 16 November 2026, to:');

    await changes().recordResponse(officer.actor, changeId, { party: 'parent', answeredOn: '2026-11-10', answer: 'We agree with twice a week.' });
    const { result } = await changes().issueAmendedPlan(officer.actor, changeId, {});
    expect(result).toMatchObject({ status: 'amended', versionNumber: 3 });
    expect(await eventTypes(caseId)).toEqual(expect.arrayContaining(['amendment.proposed', 'plan.amended']));
    const amended = (await letters(caseId)).find((letter) => letter.letter_type === 'amended-plan-issued');
    expect(amended?.body_text).toContain('F1: changed (How often)');
    expect(amended?.body_text).toContain('You can appeal against this decision to the First-tier Tribunal');
    const view = await changes().change(officer.actor, changeId);
    expect(view).toMatchObject({ status: 'amended', versionNumber: 3, responses: [{ party: 'parent', answer: 'We agree with twice a week.' }] });
    expect(view.difference[0]?.items[0]?.fields.map((field) => field.name)).toEqual(['frequency']);
    expect((await plans().versionView(officer.actor, planId)).version).toMatchObject({ number: 3, status: 'amended', issuedOn: '2026-11-30' });
    const deadlines = await queryRows<{ deadline_id: string; met_on: string | null }>(testApp.database.db, sql`SELECT deadline_id, met_on FROM case_deadline WHERE case_id = ${caseId} AND deadline_id = 'amended-plan'`);
    expect(deadlines[0]?.met_on).toBe('2026-11-30');
  });

  it('refuses the amended plan before the family’s 15 days are over, and nothing is saved (reg. 22(2)(c))', async () => {
    const { planId, caseId, changeId } = await aProposedChange();
    await changes().sendAmendmentNotice(officer.actor, changeId, { noticeOn: '2026-11-20' });
    const error = await refusal(changes().issueAmendedPlan(officer.actor, changeId, {}));
    expect(messages(error)).toMatch(/until 2026-12-04 .*reg\. 22\(2\).* from 2026-12-05/);
    expect(await eventTypes(caseId)).not.toContain('plan.amended');
    expect((await plans().versionView(officer.actor, planId)).version.status).toBe('working');
    expect((await changes().change(officer.actor, changeId)).status).toBe('proposed');
  });

  it('refuses a second notice, and a notice that changes nothing', async () => {
    const { changeId, caseId } = await aProposedChange();
    await changes().sendAmendmentNotice(officer.actor, changeId, {});
    expect(messages(await refusal(changes().sendAmendmentNotice(officer.actor, changeId, {})))).toMatch(/already sent, on 2026-11-30/);
    expect((await letters(caseId)).filter((letter) => letter.letter_type === 'amendment-proposed')).toHaveLength(1);

    const unchanged = await aMaintainedPlan(testApp, officer.actor);
    const { result } = await changes().startAmendment(officer.actor, unchanged.planId, {});
    expect(messages(await refusal(changes().sendAmendmentNotice(officer.actor, result.changeId, {})))).toMatch(/same as the plan as issued/);
    expect(await eventTypes(unchanged.caseId)).not.toContain('amendment.proposed');
  });

  it('refuses a second open amendment on the same plan', async () => {
    const { planId } = await aProposedChange();
    expect(messages(await refusal(changes().startAmendment(officer.actor, planId, {})))).toMatch(/already open/);
  });

  it('after a review, refuses the notice more than 4 weeks after the meeting without a recorded reason (R (L, M, P) v Devon CC [2022])', async () => {
    const { changeId, caseId } = await aProposedChange({ reviewMeetingOn: '2026-10-20' });
    expect((await changes().change(officer.actor, changeId)).deadlines.map((deadline) => [deadline.id, deadline.due])).toEqual([['amendment-notice', '2026-11-17']]);
    const error = await refusal(changes().sendAmendmentNotice(officer.actor, changeId, {}));
    expect((error as ValidationError).problems).toEqual([{ field: 'lateReason', message: expect.stringContaining('by 2026-11-17 (R (L, M, P) v Devon CC [2022])') }]);
    expect(await eventTypes(caseId)).not.toContain('amendment.proposed');
    await changes().sendAmendmentNotice(officer.actor, changeId, { lateReason: 'The school’s report arrived late' });
    expect((await changes().change(officer.actor, changeId)).lateReason).toBe('The school’s report arrived late');
  });

  it('decides not to amend after the representations, with reasons and appeal rights, and sets the working copy back to the plan as issued (reg. 22(4))', async () => {
    const { planId, caseId, changeId } = await aProposedChange();
    await changes().sendAmendmentNotice(officer.actor, changeId, { noticeOn: '2026-11-02' });
    const missing = await refusal(changes().declineAmendment(officer.actor, changeId, { reasons: '  ' }));
    expect((missing as ValidationError).problems).toEqual([{ field: 'reasons', message: 'Enter the reasons' }]);
    await changes().declineAmendment(officer.actor, changeId, { reasons: 'The family showed the provision works as it is.' });
    const letter = (await letters(caseId)).find((entry) => entry.letter_type === 'no-amendment');
    expect(letter?.body_text).toContain('The family showed the provision works as it is.');
    expect(letter?.body_text).toContain('You can appeal against this decision');
    expect(await eventTypes(caseId)).toContain('amendment.declined');
    const working = await plans().versionView(officer.actor, planId);
    expect(working.content.f[0]?.frequency).toBe('Once a week');
    expect(messages(await refusal(changes().issueAmendedPlan(officer.actor, changeId, {})))).toMatch(/already decided/);
  });
});

describe('ceasing (CFA 2014 s.45; SEND Regs 2014 regs 29-31)', () => {
  it('refuses the decision before the parent or young person and the head teacher are consulted, and from an officer without the authority (reg. 31(1))', async () => {
    const { caseId, planId } = await aMaintainedPlan(testApp, officer.actor);
    const { result } = await changes().startCeasing(officer.actor, planId);
    const decision = { reasonCode: '2', reasons: 'Needs met at school without a plan.', institutionEmail: 'senco@school.example', commissioningBodyEmail: 'send@icb.example' };
    expect(messages(await refusal(changes().decideToCease(officer.actor, result.changeId, decision)))).toMatch(/team manager or service lead/);
    expect(messages(await refusal(changes().decideToCease(manager.actor, result.changeId, decision)))).toMatch(/Consult the parent or young person and the head teacher .*reg\. 31\(1\)/);
    await changes().recordResponse(officer.actor, result.changeId, { party: 'parent', askedOn: '2026-11-02', answeredOn: '2026-11-09', answer: 'We agree.' });
    expect(messages(await refusal(changes().decideToCease(manager.actor, result.changeId, decision)))).toMatch(/Consult the head teacher/);
    expect(await eventTypes(caseId)).not.toContain('cease.decided');
    expect(messages(await refusal(changes().decideToCease(manager.actor, result.changeId, { reasonCode: '10', reasons: 'x', institutionEmail: 'senco@school.example', commissioningBodyEmail: 'send@icb.example' })))).toMatch(/Select why the plan is to cease/);
  });

  it('decides to cease with the SEN2 reason and the notice with appeal rights; the plan is kept until the time to appeal has passed (s.45(4))', async () => {
    const { caseId, planId } = await aMaintainedPlan(testApp, officer.actor);
    const { result } = await changes().startCeasing(officer.actor, planId);
    await changes().recordResponse(officer.actor, result.changeId, { party: 'parent', answeredOn: '2026-11-09', answer: 'We agree.' });
    await changes().recordResponse(officer.actor, result.changeId, { party: 'head-teacher', answeredOn: '2026-11-10', answer: 'Needs are met from our own resources.' });
    await changes().decideToCease(manager.actor, result.changeId, { decidedOn: '2026-11-20', reasonCode: '2', reasons: 'Needs met at school without a plan.', institutionEmail: 'senco@school.example', commissioningBodyEmail: 'send@icb.example' });
    const letter = (await letters(caseId)).find((entry) => entry.letter_type === 'cease-decision');
    expect(letter?.body_text).toContain('Needs met without an EHC plan.');
    // The school named in the plan and health are told of the decision, not the family's reasons (reg. 31(2)).
    const told = (await letters(caseId)).filter((entry) => entry.letter_type === 'cease-decision-notified');
    expect(told.map((entry) => entry.recipient_name).sort()).toEqual(['The head teacher or principal', 'The health commissioning body']);
    const sentTo = await queryRows<{ recipient_address: string }>(testApp.database.db, sql`SELECT recipient_address FROM outbox_message WHERE case_id = ${caseId} AND recipient_address IN ('send@icb.example', 'senco@school.example')`);
    expect(sentTo).toHaveLength(2);
    expect(told.every((entry) => entry.body_text.includes('the plan ends on 21 January 2027') && !entry.body_text.includes('Needs met at school without a plan.'))).toBe(true);
    expect(letter?.body_text).toContain('If you do not appeal, the plan ends on 21 January 2027.');
    const view = await changes().change(officer.actor, result.changeId);
    expect(view).toMatchObject({ status: 'decided', reasonCode: '2', ceasesOn: '2027-01-21', ceaseDue: false });
    expect(messages(await refusal(changes().cease(officer.actor, result.changeId)))).toMatch(/kept until the time for an appeal has passed .* ceases on 2027-01-21/);
    expect(messages(await refusal(changes().decideToCease(manager.actor, result.changeId, { reasonCode: '2', reasons: 'Again', institutionEmail: 'senco@school.example', commissioningBodyEmail: 'send@icb.example' })))).toMatch(/already made, on 2026-11-20/);
    expect((await plans().versionView(officer.actor, planId)).version.status).toBe('final');
    // The job that ceases it on its day is queued; run early, it leaves the plan as it is.
    const [queued] = await queryRows<{ id: string; run_after: Date; payload: { changeId: string } }>(testApp.database.db, sql`SELECT id, run_after, payload FROM job WHERE kind = 'plan-changes.cease' AND payload->>'changeId' = ${result.changeId}`);
    expect(new Date(queued!.run_after).toISOString()).toBe('2027-01-21T00:00:00.000Z');
    await changes().ceaseWhenDue({ id: queued!.id, authorityId: testApp.authorityId, kind: 'plan-changes.cease', payload: queued!.payload, attempt: 1, maxAttempts: 5 });
    expect((await changes().change(officer.actor, result.changeId)).status).toBe('decided');
  });

  it('keeps the plan while the appeals register holds a live appeal against the decision to cease (CFA 2014 s.45(4))', async () => {
    const { caseId, planId } = await aMaintainedPlan(testApp, officer.actor);
    const { result } = await changes().startCeasing(officer.actor, planId);
    await changes().recordResponse(officer.actor, result.changeId, { party: 'parent', answeredOn: '2026-10-09', answer: 'We disagree.' });
    await changes().recordResponse(officer.actor, result.changeId, { party: 'head-teacher', answeredOn: '2026-10-10', answer: 'Agreed.' });
    const decided = await changes().decideToCease(manager.actor, result.changeId, { decidedOn: '2026-10-12', reasonCode: '2', reasons: 'Needs met without a plan.', institutionEmail: 'senco@school.example', commissioningBodyEmail: 'send@icb.example' });
    await testApp.services.appeals.registerAppeal(officer.actor, caseId, { appealType: 'cease', decisionEventId: decided.result.eventId!, tribunalReference: 'EH555/26/00001', registeredOn: '2026-10-20', responseDueOn: '2026-12-01', hearingOn: '2027-02-10' });
    // Even with the change's own appeal recorded as ended, the register's live appeal keeps the plan.
    await changes().recordAppeal(officer.actor, result.changeId, { on: '2026-10-20' });
    await changes().recordAppealOutcome(officer.actor, result.changeId, { concludedOn: '2026-11-25', outcome: 'upheld' });
    expect(messages(await refusal(changes().cease(officer.actor, result.changeId)))).toMatch(/appeal EH555\/26\/00001 against this decision is in the appeals register/);
    expect(await eventTypes(caseId)).not.toContain('plan.ceased');
  });

  it('after an appeal that upholds the decision, ceases the plan the next day: plan.ceased, a ceased version, the case closed; then refuses an amendment on the ceased plan', async () => {
    const { caseId, planId } = await aMaintainedPlan(testApp, officer.actor);
    const { result } = await changes().startCeasing(officer.actor, planId);
    await changes().recordResponse(officer.actor, result.changeId, { party: 'young-person', answeredOn: '2026-10-09', answer: 'I have a job now.' });
    await changes().recordResponse(officer.actor, result.changeId, { party: 'head-teacher', answeredOn: '2026-10-10', answer: 'Agreed.' });
    await changes().decideToCease(manager.actor, result.changeId, { decidedOn: '2026-10-12', reasonCode: '4', reasons: 'Paid employment.', institutionEmail: 'senco@school.example', commissioningBodyEmail: 'send@icb.example' });
    await changes().recordAppeal(officer.actor, result.changeId, { on: '2026-10-20' });
    expect((await changes().change(officer.actor, result.changeId)).ceasesOn).toBeNull();
    expect(messages(await refusal(changes().cease(officer.actor, result.changeId)))).toMatch(/until the appeal concludes/);
    await changes().recordAppealOutcome(officer.actor, result.changeId, { concludedOn: '2026-11-25', outcome: 'upheld' });
    expect((await changes().change(officer.actor, result.changeId)).ceaseDue).toBe(true);
    // The job queued for the day after the appeal ended records it (the page's button does the same).
    const [queued] = await queryRows<{ id: string; payload: { changeId: string; ceasesOn: string } }>(testApp.database.db, sql`SELECT id, payload FROM job WHERE kind = 'plan-changes.cease' AND payload->>'changeId' = ${result.changeId} AND payload->>'ceasesOn' = '2026-11-26'`);
    expect(queued?.payload.ceasesOn).toBe('2026-11-26');
    await changes().ceaseWhenDue({ id: queued!.id, authorityId: testApp.authorityId, kind: 'plan-changes.cease', payload: queued!.payload, attempt: 1, maxAttempts: 5 });
    expect(await eventTypes(caseId)).toEqual(expect.arrayContaining(['cease.decided', 'plan.ceased']));
    const summary = await plans().planSummary(officer.actor, planId);
    expect(summary.versions.at(-1)).toMatchObject({ number: 3, status: 'ceased', issuedOn: '2026-11-26' });
    const [caseRow] = await queryRows<{ closed_on: string | null }>(testApp.database.db, sql`SELECT closed_on FROM ehc_case WHERE id = ${caseId}`);
    expect(caseRow?.closed_on).toBe('2026-11-26');
    expect(messages(await refusal(changes().startAmendment(officer.actor, planId, {})))).toMatch(/The plan has ceased: an amendment cannot be made/);
    expect((await changes().overview(officer.actor, planId)).canStart).toEqual({ amendment: false, cease: false, reassessment: false });
    expect(messages(await refusal(changes().cease(officer.actor, result.changeId)))).toMatch(/already ceased, on 2026-11-26/);
  });
});

describe('re-assessment (SEND Regs 2014 regs 24-27)', () => {
  it('records the request with its 15-day clock, and the decision by an officer with the authority: agreed, the plan due within 14 weeks (regs 25(1), 27)', async () => {
    const { caseId, planId } = await aMaintainedPlan(testApp, officer.actor);
    const { result } = await changes().requestReassessment(officer.actor, planId, { requestedOn: '2026-11-20', requestedBy: 'family' });
    expect((await changes().change(officer.actor, result.changeId)).deadlines.map((deadline) => [deadline.id, deadline.due])).toEqual([['reassessment-decision', '2026-12-05']]);
    expect(messages(await refusal(changes().decideReassessment(officer.actor, result.changeId, { outcome: 'agree' })))).toMatch(/team manager or service lead/);
    await changes().decideReassessment(manager.actor, result.changeId, { outcome: 'agree', decidedOn: '2026-11-27' });
    expect((await changes().change(officer.actor, result.changeId)).deadlines.map((deadline) => [deadline.id, deadline.due])).toEqual([
      ['reassessment-decision', '2026-12-05'],
      ['final-plan', '2027-03-05'],
    ]);
    expect((await letters(caseId)).map((letter) => letter.letter_type)).toContain('reassessment-agreed');
    expect(messages(await refusal(changes().decideReassessment(manager.actor, result.changeId, { outcome: 'refuse', reasons: 'x' })))).toMatch(/already made/);
  });

  it('refuses a re-assessment with reasons and the right of appeal; a refusal without reasons is refused, nothing saved (reg. 25(2))', async () => {
    const { caseId, planId } = await aMaintainedPlan(testApp, officer.actor);
    const { result } = await changes().requestReassessment(officer.actor, planId, { requestedOn: '2026-11-25', requestedBy: 'school' });
    expect((await refusal(changes().decideReassessment(manager.actor, result.changeId, { outcome: 'refuse' })) as ValidationError).problems).toEqual([{ field: 'reasons', message: 'Enter the reasons' }]);
    expect(await eventTypes(caseId)).not.toContain('reassessment.refused');
    await changes().decideReassessment(manager.actor, result.changeId, { outcome: 'refuse', reasons: 'The last assessment was 4 months ago.' });
    const letter = (await letters(caseId)).find((entry) => entry.letter_type === 'reassessment-refused');
    expect(letter?.body_text).toContain('The last assessment was 4 months ago.');
    expect(letter?.body_text).toContain('You can appeal against this decision');
  });

  it('refuses a request dated in the future or from no one', async () => {
    const { planId } = await aMaintainedPlan(testApp, officer.actor);
    const error = (await refusal(changes().requestReassessment(officer.actor, planId, { requestedOn: '2026-12-25', requestedBy: 'nobody' }))) as ValidationError;
    expect(error.problems.map((problem) => problem.field)).toEqual(['requestedOn', 'requestedBy']);
  });
});

describe('the pages', () => {
  it('starts an amendment from the plan’s changes, shows the proposed changes, and shows a bad notice again with the error summary, nothing saved', async () => {
    const { planId, caseId } = await aMaintainedPlan(testApp, officer.actor);
    const planPage = await getPage(testApp.app, jar, `/plans/${planId}`);
    expect(planPage.body).toContain(`href="/plans/${planId}/changes"`);
    const overview = await getPage(testApp.app, jar, `/plans/${planId}/changes`);
    expect(overview.statusCode).toBe(200);
    expect(overview.body).toContain('Propose amendments to the plan');
    const started = await postForm(testApp.app, jar, `/plans/${planId}/amendments/new`, { 'reviewMeetingOn-day': '20', 'reviewMeetingOn-month': '10', 'reviewMeetingOn-year': '2026' }, { csrfFrom: `/plans/${planId}/amendments/new` });
    expect(started.statusCode).toBe(303);
    const changePath = String(started.headers.location).split('?')[0]!;
    const view = await plans().versionView(officer.actor, planId);
    await plans().saveItem(officer.actor, planId, 'f', { ...view.content.f[0]!, frequency: 'Every day' }, view.version.revision);
    const page = await getPage(testApp.app, jar, changePath);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Every day');
    expect(page.body).toContain('<ins class="app-diff__added">');
    const refused = await postForm(testApp.app, jar, `${changePath}/notice`, {}, { csrfFrom: changePath });
    expect(refused.statusCode).toBe(400);
    expect(errorSummaryOf(refused.body)).toEqual([{ href: '#lateReason', text: expect.stringContaining('by 17 November 2026 (R (L, M, P) v Devon CC [2022])') }]);
    expect(await eventTypes(caseId)).not.toContain('amendment.proposed');
    const sent = await postForm(testApp.app, jar, `${changePath}/notice`, { lateReason: 'Waiting for advice' }, { csrfFrom: changePath });
    expect(sent.statusCode).toBe(303);
    expect(await eventTypes(caseId)).toContain('amendment.proposed');
  });

  it('shows ceasing and re-assessment pages, and a decision to cease refused before the consultation with the error summary, nothing saved', async () => {
    const managerJar = await signIn(testApp.app, manager.user.email, manager.password);
    const { planId, caseId } = await aMaintainedPlan(testApp, officer.actor);
    expect((await getPage(testApp.app, managerJar, `/plans/${planId}/ceasing/new`)).statusCode).toBe(200);
    const started = await postForm(testApp.app, managerJar, `/plans/${planId}/ceasing/new`, {}, { csrfFrom: `/plans/${planId}/ceasing/new` });
    expect(started.statusCode).toBe(303);
    const changePath = String(started.headers.location).split('?')[0]!;
    const unaddressed = await postForm(testApp.app, managerJar, `${changePath}/cease-decision`, { reasonCode: '2', reasons: 'Needs met.', institutionEmail: 'not an address' }, { csrfFrom: changePath });
    expect(unaddressed.statusCode).toBe(400);
    expect(errorSummaryOf(unaddressed.body)).toEqual([
      { href: '#institutionEmail', text: 'Enter an e-mail address in the right format, like name@example.org' },
      { href: '#commissioningBodyEmail', text: expect.stringContaining('health commissioning body, to tell them of the decision (SEND Regulations 2014 reg. 31(2))') },
    ]);
    const refused = await postForm(testApp.app, managerJar, `${changePath}/cease-decision`, { reasonCode: '2', reasons: 'Needs met.', institutionEmail: 'senco@school.example', commissioningBodyEmail: 'send@icb.example' }, { csrfFrom: changePath });
    expect(refused.statusCode).toBe(400);
    expect(errorSummaryOf(refused.body)).toEqual([{ href: '#decision', text: expect.stringContaining('reg. 31(1)') }]);
    expect(await eventTypes(caseId)).not.toContain('cease.decided');
    const consulted = await postForm(testApp.app, managerJar, `${changePath}/consultations`, { party: 'head-teacher', 'answeredOn-day': '1', 'answeredOn-month': '11', 'answeredOn-year': '2026', answer: 'Agreed' }, { csrfFrom: changePath });
    expect(consulted.statusCode).toBe(303);
    const page = await getPage(testApp.app, managerJar, changePath);
    expect(page.body).toContain('The head teacher has been consulted.');
    expect(page.body).toContain('The parent or young person has not been consulted yet.');
    const badDate = await postForm(testApp.app, managerJar, `${changePath}/consultations`, { party: 'parent', 'answeredOn-day': '31', 'answeredOn-month': '2', 'answeredOn-year': '2026', answer: 'Yes' }, { csrfFrom: changePath });
    expect(badDate.statusCode).toBe(400);
    expect(errorSummaryOf(badDate.body)).toEqual([{ href: '#consultations-answeredOn-day', text: 'Enter the date of the answer as a real date' }]);

    expect((await getPage(testApp.app, managerJar, `/plans/${planId}/reassessments/new`)).statusCode).toBe(200);
    const requested = await postForm(testApp.app, managerJar, `/plans/${planId}/reassessments/new`, { 'requestedOn-day': '20', 'requestedOn-month': '11', 'requestedOn-year': '2026', requestedBy: 'family' }, { csrfFrom: `/plans/${planId}/reassessments/new` });
    expect(requested.statusCode).toBe(303);
    const reassessment = await getPage(testApp.app, managerJar, String(requested.headers.location));
    expect(reassessment.statusCode).toBe(200);
    expect(reassessment.body).toContain('The request to re-assess was recorded.');
    expect(reassessment.body).toContain('5 December 2026');
    const overview = await getPage(testApp.app, managerJar, `/plans/${planId}/changes`);
    expect(overview.body).toContain('Consulting before deciding');
    expect(overview.body).toContain('Request to re-assess received');
  });

  it('refuses a form without its CSRF token', async () => {
    const { planId } = await aMaintainedPlan(testApp, officer.actor);
    const response = await postForm(testApp.app, jar, `/plans/${planId}/ceasing/new`, {});
    expect(response.statusCode).toBe(403);
  });
});
