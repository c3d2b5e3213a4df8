// The decisions of an EHC needs assessment through the service: made by an officer with the
// authority, with reasons, dated in the order of the law; each refusal writes nothing (no decision,
// no event, no audit entry, no letter in the outbox).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, anAuthority, anOfficer, aPerson, aSchool, type TestOfficer } from '../../test/factories/index.ts';
import { DECISION_PAGE_ONLY } from '../case-progress/index.ts';

let testApp: TestApp;
let officer: TestOfficer;
let manager: TestOfficer;
let lead: TestOfficer;
// Monday 23 November 2026.
const clock = fixedClock('2026-11-23T10:00:00Z');
const REASONS = 'The school’s evidence shows needs it cannot meet from its own resources.';

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  officer = await anOfficer(testApp);
  manager = await anOfficer(testApp, { role: 'team_manager' });
  lead = await anOfficer(testApp, { role: 'service_lead' });
});
afterAll(async () => {
  await testApp?.close();
});

const decisions = () => testApp.services.decisions;
const aRequest = (options: Parameters<typeof aCase>[2] = {}) => aCase(testApp, officer.actor, { receivedOn: '2026-10-01', ...options });
const anAssessment = () => aCase(testApp, officer.actor, { stage: 'assessment', receivedOn: '2026-08-03', stepDates: { 'assessment.agreed': '2026-09-07' } });

/** Everything a decision writes, counted: the same before and after a refusal shows nothing was half-written. */
async function written(caseId: string) {
  const [row] = await queryRows<Record<string, number>>(
    testApp.database.db,
    sql`SELECT (SELECT count(*)::int FROM assessment_decision WHERE case_id = ${caseId}) AS decisions,
               (SELECT count(*)::int FROM request_withdrawal WHERE case_id = ${caseId}) AS withdrawals,
               (SELECT count(*)::int FROM views_request WHERE case_id = ${caseId}) AS "viewsAsked",
               (SELECT count(*)::int FROM views_received WHERE case_id = ${caseId}) AS views,
               (SELECT count(*)::int FROM case_event WHERE case_id = ${caseId}) AS events,
               (SELECT count(*)::int FROM audit_event WHERE entity_id = ${caseId}) AS audit,
               (SELECT count(*)::int FROM outbox_message WHERE case_id = ${caseId}) AS messages,
               (SELECT count(*)::int FROM letter WHERE case_id = ${caseId}) AS letters,
               (SELECT stage FROM ehc_case WHERE id = ${caseId}) AS stage`,
  );
  return row!;
}

async function refusedWith<E extends Error>(caseId: string, attempt: () => Promise<unknown>, kind: new (...args: never[]) => E): Promise<E> {
  const before = await written(caseId);
  const failure = await attempt().catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(kind);
  expect(await written(caseId), 'nothing written').toEqual(before);
  return failure as E;
}

const fieldsOf = (error: ValidationError) => error.problems.map((problem) => problem.field);

async function deadline(caseId: string, id: string) {
  const [row] = await queryRows<{ due_on: string; met_on: string | null }>(testApp.database.db, sql`SELECT due_on, met_on FROM case_deadline WHERE case_id = ${caseId} AND deadline_id = ${id}`);
  return row;
}

describe('the decision whether to assess (SEND Regs 2014 regs 4-5)', () => {
  it('reg. 5(1): a team manager decides to assess with reasons: the case moves to the assessment, the 6 weeks are met, and the reasons stay out of the event’s payload', async () => {
    const created = await aRequest();
    const { result, replayed } = await decisions().decideWhetherToAssess(manager.actor, created.caseId, { outcome: 'assess', decidedOn: '2026-11-10', reasons: `  ${REASONS}  ` });
    expect(replayed).toBe(false);
    expect(result).toMatchObject({
      caseId: created.caseId,
      question: 'assess',
      outcome: 'assess',
      decidedOn: '2026-11-10',
      reasons: REASONS,
      decidedBy: { id: manager.user.id, name: manager.user.name },
      panelCaseId: null,
      noticeOn: '2026-11-23',
      appealBy: null,
      mediationBy: null,
      standing: true,
    });
    expect((await written(created.caseId)).stage).toBe('assessment');
    expect(await deadline(created.caseId, 'decision-to-assess')).toEqual({ due_on: '2026-11-12', met_on: '2026-11-10' });
    expect(await deadline(created.caseId, 'no-plan-decision')).toEqual({ due_on: '2027-01-21', met_on: null });
    const [event] = await queryRows<{ id: string; payload: Record<string, unknown> }>(testApp.database.db, sql`SELECT id, payload FROM case_event WHERE case_id = ${created.caseId} AND type = 'assessment.agreed'`);
    expect(event).toEqual({ id: result.eventId, payload: { decisionId: result.id } });
    const [audit] = await queryRows<{ action: string; actor_id: string; details: Record<string, unknown> }>(
      testApp.database.db,
      sql`SELECT action, actor_id, details FROM audit_event WHERE entity_id = ${created.caseId} AND action = 'decision.recorded'`,
    );
    expect(audit).toEqual({ action: 'decision.recorded', actor_id: manager.user.id, details: { decisionId: result.id, question: 'assess', outcome: 'assess', eventId: result.eventId, noticeLetterId: null } });
    const file = await decisions().decisionFile(officer.actor, created.caseId);
    expect(file.sen2.requestOutcome).toEqual({ code: 'Y', date: '2026-11-10' });
    expect(file.sen2.assessmentOutcome).toEqual({ code: 'A', date: null });
    expect(file.waitingOn).toBe('issue-plan');
  });

  it('reg. 5(3) and HESC r.20(1)(c): a refusal closes the case; its notice gives the appeal limit (2 months, moved off a weekend by r.12) and the 2 months to contact a mediation adviser (CFA 2014 s.55)', async () => {
    const created = await aRequest();
    const { result } = await decisions().decideWhetherToAssess(lead.actor, created.caseId, { outcome: 'do-not-assess', decidedOn: '2026-11-20', reasons: 'Needs met by the school’s SEN support.' });
    // Notice sent Monday 23 November 2026: 2 months is Saturday 23 January 2027; the Tribunal's limit moves to Monday 25th, the adviser's stays.
    expect(result).toMatchObject({ outcome: 'do-not-assess', noticeOn: '2026-11-23', appealBy: '2027-01-25', mediationBy: '2027-01-23' });
    const state = await written(created.caseId);
    expect(state.stage).toBe('closed');
    expect(await deadline(created.caseId, 'decision-to-assess')).toEqual({ due_on: '2026-11-12', met_on: '2026-11-20' });
    expect(await deadline(created.caseId, 'final-plan')).toBeUndefined();
    const record = await testApp.services.children.childRecord(officer.actor, created.childId);
    expect(record.openCase).toBeUndefined();
    expect(record.earlierCases[0]).toMatchObject({ outcome: 'Decided not to assess', sen2: { requestOutcome: { code: 'N', date: '2026-11-20' }, assessmentOutcome: null } });
  });

  it('refuses a decision dated before the request was received, or in the future, writing nothing', async () => {
    const created = await aRequest();
    const early = await refusedWith(created.caseId, () => decisions().decideWhetherToAssess(manager.actor, created.caseId, { outcome: 'assess', decidedOn: '2026-09-30', reasons: REASONS }), ValidationError);
    expect(early.problems).toEqual([{ field: 'decidedOn', message: 'The decision cannot be dated before the request was received, on 2026-10-01' }]);
    const future = await refusedWith(created.caseId, () => decisions().decideWhetherToAssess(manager.actor, created.caseId, { outcome: 'assess', decidedOn: '2026-11-24', reasons: REASONS }), ValidationError);
    expect(future.problems).toEqual([{ field: 'decidedOn', message: 'The date of the decision must be today or in the past' }]);
    const unreal = await refusedWith(created.caseId, () => decisions().decideWhetherToAssess(manager.actor, created.caseId, { outcome: 'assess', decidedOn: '2026-02-30', reasons: REASONS }), ValidationError);
    expect(fieldsOf(unreal)).toEqual(['decidedOn']);
  });

  it('refuses a decision without reasons, or without an outcome, saying each, writing nothing', async () => {
    const created = await aRequest();
    const failure = await refusedWith(created.caseId, () => decisions().decideWhetherToAssess(manager.actor, created.caseId, { outcome: 'maybe', decidedOn: '2026-11-20', reasons: '   ' }), ValidationError);
    expect(failure.problems).toEqual([
      { field: 'outcome', message: 'Select the decision' },
      { field: 'reasons', message: 'Give the reasons for the decision: they are what the family and a tribunal read' },
    ]);
    const long = await refusedWith(created.caseId, () => decisions().decideWhetherToAssess(manager.actor, created.caseId, { outcome: 'assess', decidedOn: '2026-11-20', reasons: 'x'.repeat(5001) }), ValidationError);
    expect(fieldsOf(long)).toEqual(['reasons']);
  });

  it('refuses a case officer (the council delegates its decisions to senior officers), and an administrator, writing nothing', async () => {
    const created = await aRequest();
    const failure = await refusedWith(created.caseId, () => decisions().decideWhetherToAssess(officer.actor, created.caseId, { outcome: 'do-not-assess', decidedOn: '2026-11-20', reasons: REASONS }), ForbiddenError);
    expect(failure.message).toMatch(/Only a team manager or service lead can make this decision/);
    const admin = await anOfficer(testApp, { role: 'admin' });
    await refusedWith(created.caseId, () => decisions().decideWhetherToAssess(admin.actor, created.caseId, { outcome: 'assess', decidedOn: '2026-11-20', reasons: REASONS }), ForbiddenError);
    expect(() => decisions().requireDecisionMaker(officer.actor)).toThrow(ForbiddenError);
  });

  it('refuses a second decision whether to assess (CFA 2014 s.36(8)): a wrong one is corrected in the history, which lets it be made again', async () => {
    const created = await aRequest();
    const { result } = await decisions().decideWhetherToAssess(manager.actor, created.caseId, { outcome: 'assess', decidedOn: '2026-11-10', reasons: REASONS });
    const second = await refusedWith(created.caseId, () => decisions().decideWhetherToAssess(manager.actor, created.caseId, { outcome: 'assess', decidedOn: '2026-11-12', reasons: REASONS }), ValidationError);
    expect(second.problems).toEqual([{ field: 'outcome', message: 'The decision whether to assess is already recorded (2026-11-10). If it is wrong, correct it in the case’s history' }]);
    await testApp.services.caseProgress.correctEvent(manager.actor, created.caseId, result.eventId, { change: 'withdraw', reason: 'Recorded on the wrong child' });
    const file = await decisions().decisionFile(officer.actor, created.caseId);
    expect(file.decisions.map((decision) => decision.standing)).toEqual([false]);
    expect(file.sen2.requestOutcome).toEqual({ code: 'A', date: null });
    await decisions().decideWhetherToAssess(manager.actor, created.caseId, { outcome: 'do-not-assess', decidedOn: '2026-11-12', reasons: 'Needs met by the school.' });
    expect((await decisions().decisionFile(officer.actor, created.caseId)).sen2.requestOutcome).toEqual({ code: 'N', date: '2026-11-12' });
  });

  it('two managers deciding at once: the case is taken one decision at a time, and the second is refused', async () => {
    const created = await aRequest();
    const outcomes = await Promise.allSettled([
      decisions().decideWhetherToAssess(manager.actor, created.caseId, { outcome: 'assess', decidedOn: '2026-11-20', reasons: REASONS }),
      decisions().decideWhetherToAssess(lead.actor, created.caseId, { outcome: 'do-not-assess', decidedOn: '2026-11-20', reasons: REASONS }),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    // Whichever is taken second is refused: after an agreement, as already decided; after a
    // refusal, which closes the case, as a change to a closed case.
    const refused = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(outcomes[0]!.status === 'fulfilled' ? ValidationError : ConflictError);
    expect(await written(created.caseId)).toMatchObject({ decisions: 1, events: 2 });
  });

  it('a decision re-dated by a correction keeps its reasons and takes the new day', async () => {
    const created = await aRequest();
    const { result } = await decisions().decideWhetherToAssess(manager.actor, created.caseId, { outcome: 'assess', decidedOn: '2026-11-10', reasons: REASONS });
    await testApp.services.caseProgress.correctEvent(manager.actor, created.caseId, result.eventId, { change: 'redate', occurredOn: '2026-11-06', reason: 'The notice went on 6 November' });
    const file = await decisions().decisionFile(officer.actor, created.caseId);
    expect(file.decisions).toMatchObject([{ id: result.id, decidedOn: '2026-11-06', reasons: REASONS, standing: true }]);
    expect(file.sen2.requestOutcome).toEqual({ code: 'Y', date: '2026-11-06' });
  });

  it('refuses a closed case (409) and an unknown one (404)', async () => {
    const closed = await aCase(testApp, officer.actor, { stage: 'closed', receivedOn: '2026-09-01', stepDates: { 'assessment.refused': '2026-10-01' } });
    await refusedWith(closed.caseId, () => decisions().decideWhetherToAssess(manager.actor, closed.caseId, { outcome: 'assess', decidedOn: '2026-11-20', reasons: REASONS }), ConflictError);
    await expect(decisions().decideWhetherToAssess(manager.actor, '01937a4e-8f5c-7c3b-a5d2-6f4e2b1c9d80', { outcome: 'assess', decidedOn: '2026-11-20', reasons: REASONS })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('is never a step: the step form refuses the decisions and a withdrawal, pointing to the decision page', async () => {
    const created = await aRequest();
    for (const type of ['assessment.agreed', 'assessment.refused', 'request.withdrawn', 'plan.agreed', 'plan.refused'] as const) {
      const failure = await refusedWith(created.caseId, () => testApp.services.caseProgress.recordStep(manager.actor, created.caseId, type, '2026-11-20'), ValidationError);
      expect(failure.problems).toEqual([{ field: 'type', message: DECISION_PAGE_ONLY }]);
    }
  });

  it('follows the panel: the decision names the panel case whose recommendation it followed', async () => {
    const created = await aRequest();
    const { result: panel } = await testApp.services.panels.createPanel(officer.actor, { heldOn: '2026-11-17', title: 'SEND panel' });
    const { result: onAgenda } = await testApp.services.panels.bringToPanel(officer.actor, created.caseId, { panelId: panel.id });
    await testApp.services.panels.recordRecommendation(officer.actor, panel.id, created.caseId, { recommendation: 'assess' });
    const { result } = await decisions().decideWhetherToAssess(manager.actor, created.caseId, { outcome: 'assess', decidedOn: '2026-11-18', reasons: REASONS });
    expect(result.panelCaseId).toBe(onAgenda.id);
    const file = await decisions().decisionFile(officer.actor, created.caseId);
    expect(file.decisions[0]!.panel).toEqual({ heldOn: '2026-11-17', title: 'SEND panel', recommendation: 'assess' });
    const agenda = await testApp.services.panels.agenda(officer.actor, panel.id);
    expect(agenda.entries[0]!.decision).toEqual({ outcome: 'agree', decidedOn: '2026-11-18' });
  });
});

describe('the decision after the assessment (SEND Regs 2014 reg. 10)', () => {
  it('reg. 10(1) and 10(3): not to issue a plan closes the case, meets the 16-week decision and gives the appeal limits', async () => {
    const created = await anAssessment();
    const { result } = await decisions().decideAfterAssessment(manager.actor, created.caseId, { outcome: 'do-not-issue-plan', decidedOn: '2026-11-20', reasons: 'The school can meet the needs with the advice given.' });
    expect(result).toMatchObject({ question: 'issue-plan', outcome: 'do-not-issue-plan', appealBy: '2027-01-25', mediationBy: '2027-01-23' });
    expect((await written(created.caseId)).stage).toBe('closed');
    // Received 3 August 2026: week 16 is 23 November.
    expect(await deadline(created.caseId, 'no-plan-decision')).toEqual({ due_on: '2026-11-23', met_on: '2026-11-20' });
    expect(await deadline(created.caseId, 'final-plan')).toBeUndefined();
    const file = await decisions().decisionFile(officer.actor, created.caseId);
    expect(file.sen2).toEqual({ receivedDate: '2026-08-03', requestOutcome: { code: 'Y', date: '2026-09-07' }, assessmentOutcome: { code: 'N', date: '2026-11-20' } });
  });

  it('CFA 2014 s.37(1): to issue a plan answers the week-16 question, leaves the 20 weeks running and the case in the assessment; week 16 is the council’s target for the draft', async () => {
    const created = await anAssessment();
    await decisions().decideAfterAssessment(lead.actor, created.caseId, { outcome: 'issue-plan', decidedOn: '2026-11-16', reasons: 'The advice shows needs that call for a plan.' });
    expect((await written(created.caseId)).stage).toBe('assessment');
    expect(await deadline(created.caseId, 'no-plan-decision')).toEqual({ due_on: '2026-11-23', met_on: '2026-11-16' });
    expect(await deadline(created.caseId, 'final-plan')).toEqual({ due_on: '2026-12-21', met_on: null });
    const file = await decisions().decisionFile(officer.actor, created.caseId);
    expect(file.sen2.assessmentOutcome).toEqual({ code: 'Y', date: '2026-11-16' });
    expect(file.deadlines.draftTarget).toMatchObject({ id: 'draft-target', due: '2026-11-23' });
    expect(file.deadlines.draftTarget.basis).toContain('not a statutory limit');
    expect(file.waitingOn).toBeNull();
    // The draft follows as a step.
    await testApp.services.caseProgress.recordStep(officer.actor, created.caseId, 'draft.issued', '2026-11-20');
  });

  it('refuses a decision after the assessment before the decision to assess, a second one, a case officer, and one dated before the agreement, writing nothing', async () => {
    const request = await aRequest();
    const early = await refusedWith(request.caseId, () => decisions().decideAfterAssessment(manager.actor, request.caseId, { outcome: 'do-not-issue-plan', decidedOn: '2026-11-20', reasons: REASONS }), ValidationError);
    expect(early.problems).toEqual([{ field: 'outcome', message: 'Record the decision to assess before the decision after the assessment' }]);

    const created = await anAssessment();
    await refusedWith(created.caseId, () => decisions().decideAfterAssessment(officer.actor, created.caseId, { outcome: 'issue-plan', decidedOn: '2026-11-20', reasons: REASONS }), ForbiddenError);
    const beforeAgreement = await refusedWith(created.caseId, () => decisions().decideAfterAssessment(manager.actor, created.caseId, { outcome: 'issue-plan', decidedOn: '2026-09-01', reasons: REASONS }), ValidationError);
    expect(beforeAgreement.problems).toEqual([{ field: 'decidedOn', message: 'The date must be on or after 2026-09-07, the date of “Decided to assess”' }]);
    await decisions().decideAfterAssessment(manager.actor, created.caseId, { outcome: 'issue-plan', decidedOn: '2026-11-20', reasons: REASONS });
    const second = await refusedWith(created.caseId, () => decisions().decideAfterAssessment(manager.actor, created.caseId, { outcome: 'do-not-issue-plan', decidedOn: '2026-11-21', reasons: REASONS }), ValidationError);
    expect(second.problems[0]!.message).toMatch(/decision after the assessment is already recorded \(2026-11-20\)/);
  });
});

describe('a request withdrawn', () => {
  it('before the decision: closes the case, ends its running deadlines, keeps who and why; SEN2 RequestOutcome W', async () => {
    const created = await aRequest();
    const { result } = await decisions().withdrawRequest(officer.actor, created.caseId, { withdrawnOn: '2026-11-02', withdrawnBy: 'parent', reason: 'The family are moving away.' });
    expect(result).toMatchObject({ withdrawnOn: '2026-11-02', withdrawnBy: 'parent', reason: 'The family are moving away.', standing: true });
    expect((await written(created.caseId)).stage).toBe('closed');
    const [deadlines] = await queryRows<{ n: number }>(testApp.database.db, sql`SELECT count(*)::int AS n FROM case_deadline WHERE case_id = ${created.caseId} AND met_on IS NULL AND duty = 'authority'`);
    expect(deadlines!.n).toBe(0);
    const [event] = await queryRows<{ payload: Record<string, unknown> }>(testApp.database.db, sql`SELECT payload FROM case_event WHERE case_id = ${created.caseId} AND type = 'request.withdrawn'`);
    expect(event!.payload).toEqual({ withdrawalId: result.id, withdrawnBy: 'parent' });
    const file = await decisions().decisionFile(officer.actor, created.caseId);
    expect(file.withdrawal).toMatchObject({ id: result.id, recordedBy: officer.user.name });
    expect(file.sen2.requestOutcome).toEqual({ code: 'W', date: '2026-11-02' });
  });

  it('during the assessment: SEN2 AssessmentOutcome W, the decision to assess stays met', async () => {
    const created = await anAssessment();
    await decisions().withdrawRequest(officer.actor, created.caseId, { withdrawnOn: '2026-11-20', withdrawnBy: 'young-person', reason: 'She has started college and no longer wants a plan.' });
    expect(await deadline(created.caseId, 'decision-to-assess')).toMatchObject({ met_on: '2026-09-07' });
    const file = await decisions().decisionFile(officer.actor, created.caseId);
    expect(file.sen2).toMatchObject({ requestOutcome: { code: 'Y' }, assessmentOutcome: { code: 'W', date: '2026-11-20' } });
  });

  it('is corrected like any step: withdrawing the withdrawal opens the case again', async () => {
    const created = await aRequest();
    const { result } = await decisions().withdrawRequest(officer.actor, created.caseId, { withdrawnOn: '2026-11-02', withdrawnBy: 'school', reason: 'The school withdrew it.' });
    await testApp.services.caseProgress.correctEvent(officer.actor, created.caseId, result.eventId, { change: 'withdraw', reason: 'The parent still wants the assessment' });
    expect((await written(created.caseId)).stage).toBe('request');
    expect((await decisions().decisionFile(officer.actor, created.caseId)).withdrawal).toBeNull();
  });

  it('refuses without who or why, a date before the request or in the future, and after a decision on the plan, writing nothing', async () => {
    const created = await aRequest();
    const failure = await refusedWith(created.caseId, () => decisions().withdrawRequest(officer.actor, created.caseId, { withdrawnOn: '2026-12-01', withdrawnBy: 'neighbour', reason: '' }), ValidationError);
    expect(fieldsOf(failure)).toEqual(['withdrawnBy', 'withdrawnOn', 'reason']);
    const early = await refusedWith(created.caseId, () => decisions().withdrawRequest(officer.actor, created.caseId, { withdrawnOn: '2026-09-01', withdrawnBy: 'parent', reason: 'Moving' }), ValidationError);
    expect(early.problems).toEqual([{ field: 'withdrawnOn', message: 'The request cannot have been withdrawn before it was received, on 2026-10-01' }]);
    const decided = await anAssessment();
    await decisions().decideAfterAssessment(manager.actor, decided.caseId, { outcome: 'issue-plan', decidedOn: '2026-11-16', reasons: REASONS });
    const late = await refusedWith(decided.caseId, () => decisions().withdrawRequest(officer.actor, decided.caseId, { withdrawnOn: '2026-11-20', withdrawnBy: 'parent', reason: 'Moving' }), ValidationError);
    expect(late.problems[0]!.message).toMatch(/can no longer be withdrawn/);
  });
});

describe('the family’s and the school’s views', () => {
  it('asks the parent (the main contact) or the school for their views by a day, and records the views received', async () => {
    const school = await aSchool(testApp.database.db);
    const created = await aRequest({ child: { schoolId: school.id } });
    await aPerson(testApp, officer.actor, created.childId, { forename: 'Nadia', mainContact: true });
    const { result: asked } = await decisions().askForViews(officer.actor, created.caseId, { party: 'parent', respondBy: '2026-12-04' });
    expect(asked).toMatchObject({ party: 'parent', askedOn: '2026-11-23', respondBy: '2026-12-04' });
    await decisions().askForViews(officer.actor, created.caseId, { party: 'school', respondBy: '2026-12-04' });
    const { result: views } = await decisions().recordViews(officer.actor, created.caseId, { party: 'parent', receivedOn: '2026-11-20', summary: 'She wants the assessment to look at his sensory needs.' });
    expect(views).toMatchObject({ party: 'parent', receivedOn: '2026-11-20' });
    const file = await decisions().decisionFile(officer.actor, created.caseId);
    expect(file.viewsAsked.map((entry) => [entry.party, entry.askedBy])).toEqual([
      ['parent', officer.user.name],
      ['school', officer.user.name],
    ]);
    expect(file.viewsReceived.map((entry) => entry.summary)).toEqual(['She wants the assessment to look at his sensory needs.']);
    const audit = await queryRows<{ action: string; details: Record<string, unknown> }>(testApp.database.db, sql`SELECT action, details FROM audit_event WHERE entity_id = ${created.caseId} AND action LIKE 'views.%' ORDER BY occurred_at, id`);
    expect(audit.map((entry) => entry.action)).toEqual(['views.asked', 'views.asked', 'views.recorded']);
    // Ids and codes only: the summary is not in the audit.
    expect(JSON.stringify(audit)).not.toContain('sensory');
  });

  it('refuses to ask for views no letter can reach (no parent with an address, no school recorded), and bad input, writing nothing', async () => {
    const created = await aRequest();
    const noParent = await refusedWith(created.caseId, () => decisions().askForViews(officer.actor, created.caseId, { party: 'parent', respondBy: '2026-12-04' }), ValidationError);
    expect(noParent.problems[0]).toMatchObject({ field: 'party', message: expect.stringMatching(/No parent or carer with an address/) });
    const noSchool = await refusedWith(created.caseId, () => decisions().askForViews(officer.actor, created.caseId, { party: 'school', respondBy: '2026-12-04' }), ValidationError);
    expect(noSchool.problems[0]!.message).toMatch(/school or setting is not recorded/);
    const bad = await refusedWith(created.caseId, () => decisions().askForViews(officer.actor, created.caseId, { party: 'neighbour', respondBy: '2026-11-23' }), ValidationError);
    expect(bad.problems).toEqual([
      { field: 'party', message: 'Select whose views to ask for' },
      { field: 'respondBy', message: 'The date to reply by must be in the future' },
    ]);
    const views = await refusedWith(created.caseId, () => decisions().recordViews(officer.actor, created.caseId, { party: 'parent', receivedOn: '2026-09-01', summary: 'x' }), ValidationError);
    expect(views.problems).toEqual([{ field: 'receivedOn', message: 'The views cannot have been received before the request, on 2026-10-01' }]);
    const empty = await refusedWith(created.caseId, () => decisions().recordViews(officer.actor, created.caseId, { party: '', receivedOn: '2026-11-30', summary: ' ' }), ValidationError);
    expect(fieldsOf(empty)).toEqual(['party', 'receivedOn', 'summary']);
  });
});

describe('who may see a case’s decisions', () => {
  it('a restricted child’s decisions are not found for an officer who does not hold the case; every view is logged', async () => {
    const created = await aRequest();
    await testApp.database.db.execute(sql`UPDATE child SET sensitive = true WHERE id = ${created.childId}`);
    const outsider = await anOfficer(testApp);
    await expect(decisions().decisionFile(outsider.actor, created.caseId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(decisions().withdrawRequest(outsider.actor, created.caseId, { withdrawnOn: '2026-11-20', withdrawnBy: 'parent', reason: 'x' })).rejects.toBeInstanceOf(NotFoundError);
    await decisions().decisionFile(officer.actor, created.caseId);
    await decisions().decisionFile(manager.actor, created.caseId);
    const views = await queryRows<{ view: string }>(testApp.database.db, sql`SELECT view FROM access_log WHERE child_id = ${created.childId} ORDER BY accessed_at, id`);
    expect(views.map((entry) => entry.view)).toEqual(expect.arrayContaining(['refused:decisions', 'refused:withdrawal', 'decisions']));
  });
});

describe('the notices, sent as letters in the decision’s own transaction', () => {
  /** The letters of a case, oldest first: their type, whom they went to, their words, and their outbox message. */
  async function lettersOf(caseId: string) {
    return queryRows<{ id: string; letter_type: string; recipient_name: string; body_text: string; message_status: string }>(
      testApp.database.db,
      sql`SELECT l.id, l.letter_type, l.recipient_name, l.body_text, m.status AS message_status
            FROM letter l JOIN outbox_message m ON m.authority_id = l.authority_id AND m.id = l.message_id
           WHERE l.authority_id = ${testApp.authorityId} AND l.case_id = ${caseId} ORDER BY l.created_at, l.id`,
    );
  }

  const withFamily = async (created: { childId: string }) => aPerson(testApp, officer.actor, created.childId, { forename: 'Nadia', surname: 'Letters', mainContact: true });

  it('CFA 2014 s.36(8): a decision to assess queues the notice to the main contact, with its reasons and the 16- and 20-week days, and names it', async () => {
    const created = await aRequest();
    await withFamily(created);
    const { result } = await decisions().decideWhetherToAssess(manager.actor, created.caseId, { outcome: 'assess', decidedOn: '2026-11-10', reasons: REASONS });
    const [letter, ...others] = await lettersOf(created.caseId);
    expect(others).toEqual([]);
    expect(letter).toMatchObject({ id: result.noticeLetterId, letter_type: 'assessment-agreed', recipient_name: 'Nadia Letters', message_status: 'queued' });
    expect(letter!.body_text).toContain(REASONS);
    expect(letter!.body_text).toContain('We made this decision on 10 November 2026');
    expect(letter!.body_text).toContain('by 21 January 2027');
    expect(letter!.body_text).toContain('by 18 February 2027');
  });

  it('SEND Regs 2014 reg. 5(3): a refusal’s notice gives the right of appeal, its limits, mediation and disagreement resolution', async () => {
    const created = await aRequest();
    await withFamily(created);
    await decisions().decideWhetherToAssess(manager.actor, created.caseId, { outcome: 'do-not-assess', decidedOn: '2026-11-20', reasons: 'Needs met by the school’s SEN support.' });
    const [letter] = await lettersOf(created.caseId);
    expect(letter!.letter_type).toBe('assessment-refused');
    expect(letter!.body_text).toContain('Needs met by the school’s SEN support.');
    expect(letter!.body_text).toContain('by 25 January 2027');
    expect(letter!.body_text).toContain('contact a mediation adviser by 23 January 2027');
    expect(letter!.body_text).toMatch(/disagreement resolution service/);
  });

  it('SEND Regs 2014 reg. 10(3): after the assessment, “no plan” sends its notice with the appeal rights; “a plan” tells the family when the draft is due', async () => {
    const refused = await anAssessment();
    await withFamily(refused);
    await decisions().decideAfterAssessment(manager.actor, refused.caseId, { outcome: 'do-not-issue-plan', decidedOn: '2026-11-20', reasons: 'The school can meet the needs.' });
    expect((await lettersOf(refused.caseId)).map((letter) => letter.letter_type)).toEqual(['no-plan']);
    const agreed = await anAssessment();
    await withFamily(agreed);
    await decisions().decideAfterAssessment(manager.actor, agreed.caseId, { outcome: 'issue-plan', decidedOn: '2026-11-16', reasons: 'Needs call for a plan.' });
    const [letter] = await lettersOf(agreed.caseId);
    expect(letter!.letter_type).toBe('plan-to-be-drafted');
    // Received 3 August: week 16, the council's target for the draft, is 23 November.
    expect(letter!.body_text).toContain('23 November 2026');
  });

  it('a withdrawal and a request for views each queue their letter; the school’s goes to its SENCo', async () => {
    const school = await aSchool(testApp.database.db);
    const created = await aRequest({ child: { schoolId: school.id } });
    await withFamily(created);
    const { result: asked } = await decisions().askForViews(officer.actor, created.caseId, { party: 'school', respondBy: '2026-12-04' });
    const { result: withdrawn } = await decisions().withdrawRequest(officer.actor, created.caseId, { withdrawnOn: '2026-11-20', withdrawnBy: 'parent', reason: 'Moving away.' });
    const letters = await lettersOf(created.caseId);
    expect(letters.map((letter) => [letter.id, letter.letter_type])).toEqual([
      [asked.letterId, 'views-request'],
      [withdrawn.letterId, 'request-withdrawn'],
    ]);
    expect(letters[0]!.recipient_name).toMatch(/^The SENCo, /);
    expect(letters[1]!.body_text).toContain('was withdrawn on 20 November 2026 by the parent or carer');
  });

  it('no letter for a decision refused (a case officer, a date before the request), nor for one on a case with no one to write to', async () => {
    const created = await aRequest();
    await withFamily(created);
    await refusedWith(created.caseId, () => decisions().decideWhetherToAssess(officer.actor, created.caseId, { outcome: 'do-not-assess', decidedOn: '2026-11-20', reasons: REASONS }), ForbiddenError);
    await refusedWith(created.caseId, () => decisions().decideWhetherToAssess(manager.actor, created.caseId, { outcome: 'do-not-assess', decidedOn: '2026-09-01', reasons: REASONS }), ValidationError);
    expect(await lettersOf(created.caseId)).toEqual([]);
    const alone = await aRequest();
    const { result } = await decisions().decideWhetherToAssess(manager.actor, alone.caseId, { outcome: 'assess', decidedOn: '2026-11-20', reasons: REASONS });
    expect(result.noticeLetterId).toBeNull();
    expect(await lettersOf(alone.caseId)).toEqual([]);
  });

  it('a notice that cannot be written (the council’s details for letters not set) refuses the decision: nothing written, no half-written letter', async () => {
    const council = await anAuthority(testApp.database.db);
    const theirOfficer = await anOfficer(testApp, { authorityId: council.id });
    const theirManager = await anOfficer(testApp, { authorityId: council.id, role: 'team_manager' });
    const created = await aCase(testApp, theirOfficer.actor, { receivedOn: '2026-10-01' });
    await aPerson(testApp, theirOfficer.actor, created.childId, { mainContact: true });
    const failure = await refusedWith(created.caseId, () => decisions().decideWhetherToAssess(theirManager.actor, created.caseId, { outcome: 'do-not-assess', decidedOn: '2026-11-20', reasons: REASONS }), ValidationError);
    expect(failure.problems[0]).toMatchObject({ field: 'outcome', message: expect.stringMatching(/council’s details for letters are not set/) });
    const [row] = await queryRows<{ n: number }>(testApp.database.db, sql`SELECT count(*)::int AS n FROM job WHERE authority_id = ${council.id}`);
    expect(row!.n).toBe(0);
  });
});
