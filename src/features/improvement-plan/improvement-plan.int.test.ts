// The improvement plan: areas and actions, measures bound to the reporting catalogue and read live,
// statuses with notes, the flag to the board, board meetings whose snapshot never changes, the
// change log, who may do what, and every refusal leaving nothing saved.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { refusalOf } from '../../test/database.ts';
import { aCase, aCouncilWithBoard, anOfficer, type TestCouncil } from '../../test/factories/index.ts';
import { refusedFields, refusedMessages, validationRefusal } from '../../test/problems.ts';
import { errorSummaryOf, getPage, postForm, signIn } from '../../test/http.ts';
import { listListAccessBy } from '../audit/index.ts';

let testApp: TestApp;
// Monday 30 November 2026.
const clock = fixedClock('2026-11-30T10:00:00Z');

beforeAll(async () => {
  testApp = await createTestApp({ clock });
});
afterAll(async () => {
  await testApp?.close();
});

const plans = () => testApp.services.improvementPlan;

type Council = TestCouncil;
const aCouncil = () => aCouncilWithBoard(testApp);

const refusal = validationRefusal;
const fields = refusedFields;
const messages = refusedMessages;

/** How many rows of a table the council has. */
async function count(table: 'improvement_area' | 'improvement_action' | 'improvement_measure' | 'improvement_status_update' | 'board_meeting' | 'improvement_change' | 'improvement_milestone' | 'improvement_evidence', authorityId: string): Promise<number> {
  const [row] = await queryRows<{ total: number }>(testApp.database.db, sql`SELECT count(*)::int AS total FROM ${sql.identifier(table)} WHERE "authority_id" = ${authorityId}`);
  return row!.total;
}
async function everything(authorityId: string) {
  const tables = ['improvement_area', 'improvement_action', 'improvement_measure', 'improvement_status_update', 'board_meeting', 'improvement_change', 'improvement_milestone', 'improvement_evidence'] as const;
  return Object.fromEntries(await Promise.all(tables.map(async (table) => [table, await count(table, authorityId)] as const)));
}

const timeliness = { title: 'Timeliness of EHC plans', finding: 'Too few new plans are issued within 20 weeks; families wait too long.' };
const reviews = { title: 'Annual reviews', finding: 'Many annual reviews are overdue and their decisions late.' };
const baseline = { baselineValue: '30', baselineOn: '2026-06-01', targetValue: '60', targetOn: '2027-06-01' };

/** A plan with an area, an action owned by the officer and a measure bound to the action. */
async function aPlan(council: Council) {
  const { areaId } = await plans().addArea(council.manager.actor, timeliness);
  const { actionId } = await plans().addAction(council.manager.actor, areaId, { title: 'Track every plan past week 16', ownerId: council.officer.user.id });
  const { bindingId } = await plans().bindMeasure(council.manager.actor, { actionId }, { measureId: 'plans-in-20-weeks-excluding-exceptions', ...baseline });
  return { areaId, actionId, bindingId };
}

describe('the plan', () => {
  it('holds areas in order, each with actions owned by staff, starting not started, and a measure bound with its baseline and target', async () => {
    const council = await aCouncil();
    const { areaId, actionId } = await aPlan(council);
    const first = await plans().addArea(council.manager.actor, { ...reviews, position: '1' });
    const plan = await plans().plan(council.manager.actor);
    expect(plan.areas.map((area) => [area.position, area.title])).toEqual([
      [1, 'Annual reviews'],
      [2, 'Timeliness of EHC plans'],
    ]);
    expect(plan.areas[0]!.id).toBe(first.areaId);
    const action = plan.areas[1]!.actions[0]!;
    expect(action).toMatchObject({ id: actionId, areaId, ownerName: council.officer.user.name, status: 'not-started', statusName: 'Not started' });
    expect(action.measures[0]).toMatchObject({ measureId: 'plans-in-20-weeks-excluding-exceptions', baselineValue: 30, baselineOn: '2026-06-01', targetValue: 60, targetOn: '2027-06-01', better: 'higher', figuresShown: true });
  });

  it('moves an area to the place asked, down or up the plan, the others closing up, and logs the move as made', async () => {
    const council = await aCouncil();
    const titles = ['First', 'Second', 'Third', 'Fourth'];
    const ids: string[] = [];
    for (const title of titles) ids.push((await plans().addArea(council.manager.actor, { title, finding: `${title} finding.` })).areaId);
    const order = async () => (await plans().plan(council.manager.actor)).areas.map((area) => [area.position, area.title]);
    await plans().editArea(council.manager.actor, ids[0]!, { title: 'First', finding: 'First finding.', position: '3', reason: 'Less pressing.' });
    expect(await order()).toEqual([[1, 'Second'], [2, 'Third'], [3, 'First'], [4, 'Fourth']]);
    await plans().editArea(council.manager.actor, ids[3]!, { title: 'Fourth', finding: 'Fourth finding.', position: '1', reason: 'Most pressing.' });
    expect(await order()).toEqual([[1, 'Fourth'], [2, 'Second'], [3, 'Third'], [4, 'First']]);
    // A place past the last is the last, and the log says so.
    await plans().editArea(council.manager.actor, ids[1]!, { title: 'Second', finding: 'Second finding.', position: '9', reason: 'Later.' });
    expect(await order()).toEqual([[1, 'Fourth'], [2, 'Third'], [3, 'First'], [4, 'Second']]);
    const [moved] = await queryRows<{ before: string; after: string }>(testApp.database.db, sql`SELECT "before", "after" FROM improvement_change WHERE entity_id = ${ids[1]!} AND reason = 'Later.'`);
    expect(moved).toEqual({ before: '2', after: '4' });
  });

  it('reads a bound measure’s value from the case data whenever it is shown, never a stored copy, with the line to the target and the trend', async () => {
    const council = await aCouncil();
    const { areaId } = await plans().addArea(council.manager.actor, reviews);
    await plans().bindMeasure(council.manager.actor, { areaId }, { measureId: 'open-cases', baselineValue: '10', baselineOn: '2026-05-30', targetValue: '0', targetOn: '2027-05-30' });
    const before = (await plans().area(council.manager.actor, areaId)).measures[0]!;
    expect(before).toMatchObject({ current: 0, currentOver: 'Today', trajectory: 'met' });
    await aCase(testApp, council.officer.actor, { receivedOn: '2026-11-02' });
    const after = (await plans().area(council.manager.actor, areaId)).measures[0]!;
    expect(after.current).toBe(1);
    // Half way from 30 May 2026 to 30 May 2027 (184 of 365 days): the line expects about 5.
    expect(after.expected).toBe(5);
    expect(after.trajectory).toBe('on-trajectory');
    expect(after.months).toHaveLength(12);
    expect(after.months.at(-1)).toMatchObject({ month: '2026-11', value: 1 });
  });

  it('flags to the board an action on track whose measure has moved away from its target over the last 3 months (a count where lower is better)', async () => {
    const council = await aCouncil();
    const { areaId } = await plans().addArea(council.manager.actor, reviews);
    const { actionId } = await plans().addAction(council.manager.actor, areaId, { title: 'Clear the queue', ownerId: council.manager.user.id });
    await plans().bindMeasure(council.manager.actor, { actionId }, { measureId: 'open-cases', baselineValue: '10', baselineOn: '2026-06-01', targetValue: '2', targetOn: '2027-06-01' });
    // Open cases at the end of September 1, October 2, November (today) 3: rising, away from a target to bring them down.
    for (const receivedOn of ['2026-09-10', '2026-10-12', '2026-11-02']) await aCase(testApp, council.officer.actor, { receivedOn });
    await plans().updateStatus(council.manager.actor, actionId, { status: 'at-risk', note: 'The queue is growing.' });
    expect((await plans().plan(council.manager.actor)).flagged).toHaveLength(0);
    await plans().updateStatus(council.manager.actor, actionId, { status: 'on-track', note: 'New staff start in January.' });
    const plan = await plans().plan(council.manager.actor);
    const action = plan.areas[0]!.actions[0]!;
    expect(action.measures[0]!.trend).toBe('away-from-target');
    expect(action.flagged).toBe(true);
    expect(plan.flagged.map((entry) => entry.action.id)).toEqual([actionId]);
    const jar = await signIn(testApp.app, council.board.user.email, council.board.password);
    const page = await getPage(testApp.app, jar, '/improvement-plan');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Flagged to the board');
    expect(page.body).toContain('on track, but “Open cases” is moving away from the target');
  });
});

describe('the status of an action', () => {
  it('is updated by its owner with a note, kept in its history and the change log with the note as the reason', async () => {
    const council = await aCouncil();
    const { actionId } = await aPlan(council);
    await plans().updateStatus(council.officer.actor, actionId, { status: 'on-track', note: 'The tracker is in use by two teams of three.' });
    const found = await plans().action(council.officer.actor, actionId);
    expect(found.action).toMatchObject({ status: 'on-track', statusNote: 'The tracker is in use by two teams of three.' });
    expect(found.history.map((entry) => [entry.status, entry.byName])).toEqual([
      ['on-track', council.officer.user.name],
      ['not-started', council.manager.user.name],
    ]);
    // An officer who owns an action is not shown the service's figures.
    expect(found.action.measures[0]!.figuresShown).toBe(false);
    const changes = await plans().changes(council.manager.actor);
    expect(changes[0]).toMatchObject({ what: 'Status', before: 'Not started', after: 'On track', reason: 'The tracker is in use by two teams of three.', byName: council.officer.user.name });
  });

  it('is refused without a note, with a status not in the list, and to a member of staff who is neither its owner nor a manager: nothing saved', async () => {
    const council = await aCouncil();
    const { actionId } = await aPlan(council);
    const other = await anOfficer(testApp, { authorityId: council.authorityId });
    const saved = await everything(council.authorityId);
    const noNote = await refusal(plans().updateStatus(council.officer.actor, actionId, { status: 'off-track', note: '  ' }));
    expect(fields(noNote)).toEqual(['note']);
    expect(messages(noNote)).toBe('Enter a note saying why the action stands where it does');
    expect(fields(await refusal(plans().updateStatus(council.officer.actor, actionId, { status: 'done', note: 'Done' })))).toEqual(['status']);
    await expect(plans().updateStatus(other.actor, actionId, { status: 'on-track', note: 'Mine now' })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await everything(council.authorityId)).toEqual(saved);
  });
});

describe('binding a measure', () => {
  it('refuses a target date before the baseline date, a measure not in the catalogue, a baseline in the future and a share over 100: nothing saved', async () => {
    const council = await aCouncil();
    const { areaId } = await plans().addArea(council.manager.actor, timeliness);
    const saved = await everything(council.authorityId);
    const early = await refusal(plans().bindMeasure(council.manager.actor, { areaId }, { measureId: 'requests-decided-in-6-weeks', ...baseline, targetOn: '2026-05-01' }));
    expect(early.problems).toEqual([{ field: 'targetOn', message: 'The target date must be after the baseline date' }]);
    const unknown = await refusal(plans().bindMeasure(council.manager.actor, { areaId }, { measureId: 'happiness-index', ...baseline }));
    expect(unknown.problems).toEqual([{ field: 'measureId', message: 'Select a measure from the list' }]);
    const future = await refusal(plans().bindMeasure(council.manager.actor, { areaId }, { measureId: 'requests-decided-in-6-weeks', ...baseline, baselineOn: '2026-12-01', targetOn: '2027-12-01' }));
    expect(fields(future)).toEqual(['baselineOn']);
    const over = await refusal(plans().bindMeasure(council.manager.actor, { areaId }, { measureId: 'requests-decided-in-6-weeks', ...baseline, targetValue: '101' }));
    expect(fields(over)).toEqual(['targetValue']);
    const wholeCount = await refusal(plans().bindMeasure(council.manager.actor, { areaId }, { measureId: 'reviews-overdue', ...baseline, baselineValue: '12.5' }));
    expect(messages(wholeCount)).toContain('as a whole number of cases');
    expect(await everything(council.authorityId)).toEqual(saved);
  });

  it('binds a measure once to the same area or action', async () => {
    const council = await aCouncil();
    const { actionId } = await aPlan(council);
    const again = await refusal(plans().bindMeasure(council.manager.actor, { actionId }, { measureId: 'plans-in-20-weeks-excluding-exceptions', ...baseline }));
    expect(messages(again)).toContain('is bound to this action already');
  });

  it('changes a target only with a reason, logging who changed it from what to what, when and why', async () => {
    const council = await aCouncil();
    const { bindingId } = await aPlan(council);
    const saved = await everything(council.authorityId);
    const noReason = await refusal(plans().changeTarget(council.manager.actor, bindingId, { ...baseline, targetValue: '55' }));
    expect(fields(noReason)).toEqual(['reason']);
    const early = await refusal(plans().changeTarget(council.manager.actor, bindingId, { ...baseline, targetOn: '2026-01-01', reason: 'Sooner' }));
    expect(early.problems).toEqual([{ field: 'targetOn', message: 'The target date must be after the baseline date' }]);
    expect(await everything(council.authorityId)).toEqual(saved);
    await plans().changeTarget(council.manager.actor, bindingId, { ...baseline, targetValue: '55', targetOn: '2027-09-01', reason: 'The board agreed a later date with the DfE adviser' });
    const [change] = await plans().changes(council.manager.actor);
    expect(change).toMatchObject({
      what: 'Target',
      subject: 'New plans issued within 20 weeks, excluding exceptions (Track every plan past week 16)',
      before: '60% by 2027-06-01',
      after: '55% by 2027-09-01',
      reason: 'The board agreed a later date with the DfE adviser',
      byName: council.manager.user.name,
      at: '2026-11-30T10:00:00.000Z',
    });
    const audit = await queryRows<{ action: string }>(testApp.database.db, sql`SELECT action FROM audit_event WHERE authority_id = ${council.authorityId} AND entity_id = ${bindingId} ORDER BY occurred_at, id`);
    expect(audit.map((row) => row.action)).toEqual(['improvement.measure-bound', 'improvement.target-changed']);
  });
});

describe('owners, milestones and evidence', () => {
  it('changes an owner with a reason; adds milestones marked done by the owner, and evidence as links', async () => {
    const council = await aCouncil();
    const { actionId } = await aPlan(council);
    expect(fields(await refusal(plans().changeOwner(council.manager.actor, actionId, { ownerId: council.manager.user.id })))).toEqual(['reason']);
    await plans().addMilestone(council.manager.actor, actionId, { title: 'Tracker in every team', dueOn: '2027-01-31' });
    await plans().addEvidence(council.officer.actor, actionId, { title: 'The tracker', url: 'https://intranet.example/tracker' });
    expect(fields(await refusal(plans().addEvidence(council.officer.actor, actionId, { title: 'A file', url: 'javascript:alert(1)' })))).toEqual(['url']);
    const milestone = (await plans().action(council.manager.actor, actionId)).action.milestones[0]!;
    await plans().milestoneDone(council.officer.actor, actionId, milestone.id);
    await refusal(plans().milestoneDone(council.officer.actor, actionId, milestone.id));
    await plans().changeOwner(council.manager.actor, actionId, { ownerId: council.manager.user.id, reason: 'The officer moved team' });
    const found = await plans().action(council.manager.actor, actionId);
    expect(found.action.ownerName).toBe(council.manager.user.name);
    expect(found.action.milestones).toEqual([{ id: milestone.id, title: 'Tracker in every team', dueOn: '2027-01-31', doneOn: '2026-11-30' }]);
    expect(found.evidence.map((entry) => [entry.title, entry.kind === 'link' ? entry.url : entry.filename])).toEqual([['The tracker', 'https://intranet.example/tracker']]);
    expect(found.changes.find((entry) => entry.what === 'Owner')).toMatchObject({ before: council.officer.user.name, after: council.manager.user.name, reason: 'The officer moved team' });
    // No longer the owner: the officer may no longer update it.
    await expect(plans().updateStatus(council.officer.actor, actionId, { status: 'on-track', note: 'Still mine?' })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('board meetings', () => {
  it('keep the plan as it stood, values included, while the plan goes on changing', async () => {
    const council = await aCouncil();
    const { actionId } = await aPlan(council);
    const { meetingId } = await plans().recordMeeting(council.manager.actor, { heldOn: '2026-11-30', attendees: 'Chair\nDfE adviser', decisions: 'Keep the weekly tracker.' });
    await plans().addAction(council.manager.actor, (await plans().plan(council.manager.actor)).areas[0]!.id, { title: 'Report to the board monthly', ownerId: council.manager.user.id, meetingId });
    await plans().updateStatus(council.officer.actor, actionId, { status: 'at-risk', note: 'Two teams short-staffed.' });
    const meeting = await plans().meeting(council.board.actor, meetingId);
    const stood = meeting.snapshot.areas[0]!.actions;
    expect(stood.map((entry) => [entry.title, entry.status])).toEqual([['Track every plan past week 16', 'not-started']]);
    expect(stood[0]!.measures[0]).toMatchObject({ measureId: 'plans-in-20-weeks-excluding-exceptions', targetValue: 60, current: null, trajectory: 'no-figure' });
    expect(meeting.snapshot.asAt).toBe('2026-11-30');
    expect(meeting.arising.map((entry) => entry.title)).toEqual(['Report to the board monthly']);
    const now = await plans().plan(council.manager.actor);
    expect(now.areas[0]!.actions.map((entry) => entry.status)).toEqual(['at-risk', 'not-started']);
  });

  it('refuse a meeting in the future or without attendees or decisions: nothing saved', async () => {
    const council = await aCouncil();
    const saved = await everything(council.authorityId);
    const future = await refusal(plans().recordMeeting(council.manager.actor, { heldOn: '2026-12-01', attendees: 'Chair', decisions: 'None' }));
    expect(fields(future)).toEqual(['heldOn']);
    expect(fields(await refusal(plans().recordMeeting(council.manager.actor, { heldOn: '2026-11-30' })))).toEqual(['attendees', 'decisions']);
    expect(await everything(council.authorityId)).toEqual(saved);
  });

  it('a past meeting’s snapshot cannot be edited: the service refuses it, and so does the database, whatever the statement', async () => {
    const council = await aCouncil();
    await aPlan(council);
    const { meetingId } = await plans().recordMeeting(council.manager.actor, { heldOn: '2026-11-02', attendees: 'Chair', decisions: 'Agreed the plan.' });
    const before = await plans().meeting(council.manager.actor, meetingId);
    const refused = await refusal(plans().correctMeeting(council.manager.actor, meetingId, { attendees: 'Chair', decisions: 'Agreed the plan.', reason: 'Figures looked wrong', snapshot: { areas: [] } }));
    expect(refused.problems).toEqual([{ field: 'snapshot', message: 'The plan as it stood at a past meeting cannot be changed' }]);
    expect(await refusalOf(testApp.database, sql`UPDATE board_meeting SET snapshot = '{"areas": []}'::jsonb WHERE authority_id = ${council.authorityId} AND id = ${meetingId}`)).toMatch(/cannot be changed/);
    expect(await refusalOf(testApp.database, sql`UPDATE board_meeting SET held_on = '2026-11-03' WHERE authority_id = ${council.authorityId} AND id = ${meetingId}`)).toMatch(/cannot be changed/);
    expect(await refusalOf(testApp.database, sql`DELETE FROM board_meeting WHERE authority_id = ${council.authorityId} AND id = ${meetingId}`)).toMatch(/cannot be deleted/);
    expect(await refusalOf(testApp.database, sql`UPDATE improvement_change SET reason = 'none' WHERE authority_id = ${council.authorityId}`)).toMatch(/append-only|permission denied/);
    // Who attended and what was decided may be corrected, with a reason; the snapshot stays as it was.
    await plans().correctMeeting(council.manager.actor, meetingId, { attendees: 'Chair\nDirector of children’s services', decisions: 'Agreed the plan.', reason: 'The director attended but was left off' });
    const after = await plans().meeting(council.manager.actor, meetingId);
    expect(after.snapshot).toEqual(before.snapshot);
    expect(after.attendees).toBe('Chair\nDirector of children’s services');
    expect(after.changes[0]).toMatchObject({ what: 'Attendees', reason: 'The director attended but was left off' });
  });
});

describe('who may do what', () => {
  it('a board member reads the plan and its meetings, and every write is refused (403), nothing saved', async () => {
    const council = await aCouncil();
    const { areaId, actionId, bindingId } = await aPlan(council);
    const { meetingId } = await plans().recordMeeting(council.manager.actor, { heldOn: '2026-11-30', attendees: 'Chair', decisions: 'Noted.' });
    const board = council.board.actor;
    expect((await plans().plan(board)).areas).toHaveLength(1);
    expect((await plans().meeting(board, meetingId)).id).toBe(meetingId);
    const saved = await everything(council.authorityId);
    const writes = [
      plans().addArea(board, reviews),
      plans().editArea(board, areaId, { ...reviews, reason: 'Mine' }),
      plans().addAction(board, areaId, { title: 'Mine', ownerId: council.officer.user.id }),
      plans().updateStatus(board, actionId, { status: 'off-track', note: 'The board thinks so' }),
      plans().changeOwner(board, actionId, { ownerId: council.manager.user.id, reason: 'Mine' }),
      plans().addMilestone(board, actionId, { title: 'Mine', dueOn: '2027-01-01' }),
      plans().addEvidence(board, actionId, { title: 'Mine', url: 'https://example.org' }),
      plans().bindMeasure(board, { areaId }, { measureId: 'open-cases', ...baseline }),
      plans().changeTarget(board, bindingId, { ...baseline, reason: 'Mine' }),
      plans().recordMeeting(board, { heldOn: '2026-11-30', attendees: 'Me', decisions: 'Mine' }),
      plans().correctMeeting(board, meetingId, { attendees: 'Me', decisions: 'Mine', reason: 'Mine' }),
    ];
    for (const write of writes) await expect(write).rejects.toBeInstanceOf(ForbiddenError);
    expect(await everything(council.authorityId)).toEqual(saved);

    const jar = await signIn(testApp.app, council.board.user.email, council.board.password);
    const plan = await getPage(testApp.app, jar, '/improvement-plan');
    expect(plan.statusCode).toBe(200);
    expect(plan.body).not.toContain('Add an area');
    const post = await postForm(testApp.app, jar, `/improvement-plan/actions/${actionId}/status`, { status: 'off-track', note: 'The board thinks so' }, { csrfFrom: '/improvement-plan' });
    expect(post.statusCode).toBe(403);
    expect((await getPage(testApp.app, jar, `/improvement-plan/actions/${actionId}/status`)).statusCode).toBe(403);
    expect((await getPage(testApp.app, jar, '/improvement-plan/areas/new')).statusCode).toBe(403);
    expect(await everything(council.authorityId)).toEqual(saved);
  });

  it('a case officer who owns no action sees no plan; one council never reaches another’s plan', async () => {
    const council = await aCouncil();
    const other = await aCouncil();
    const { actionId, areaId } = await aPlan(council);
    await expect(plans().plan(council.officer.actor)).rejects.toBeInstanceOf(ForbiddenError);
    const stranger = await anOfficer(testApp, { authorityId: council.authorityId });
    await expect(plans().action(stranger.actor, actionId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(plans().area(other.manager.actor, areaId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(plans().action(other.manager.actor, actionId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(plans().updateStatus(other.manager.actor, actionId, { status: 'complete', note: 'Not ours' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('every view goes to the log of lists, naming no child; every change to the audit log', async () => {
    const council = await aCouncil();
    const { areaId, actionId } = await aPlan(council);
    await plans().plan(council.board.actor);
    await plans().area(council.board.actor, areaId);
    await plans().action(council.board.actor, actionId);
    const views = await listListAccessBy(testApp.database.db, council.authorityId, council.board.actor.id);
    expect(views.map((row) => row.view).sort()).toEqual(['improvement-action', 'improvement-area', 'improvement-plan']);
    expect(views.every((row) => row.childIds.length === 0)).toBe(true);
    const audit = await queryRows<{ action: string }>(testApp.database.db, sql`SELECT action FROM audit_event WHERE authority_id = ${council.authorityId} ORDER BY occurred_at, id`);
    expect(audit.map((row) => row.action)).toEqual(expect.arrayContaining(['improvement.area-added', 'improvement.action-added', 'improvement.measure-bound']));
  });
});

describe('the pages', () => {
  it('a manager adds an area, an action and a measure through the forms; each form shows its errors, linked to the fields, and saves nothing', async () => {
    const council = await aCouncil();
    const jar = await signIn(testApp.app, council.manager.user.email, council.manager.password);
    const emptyArea = await postForm(testApp.app, jar, '/improvement-plan/areas/new', { title: '', finding: '' }, { csrfFrom: '/improvement-plan/areas/new' });
    expect(emptyArea.statusCode).toBe(400);
    expect(errorSummaryOf(emptyArea.body)).toEqual([
      { href: '#title', text: 'Enter the area’s title' },
      { href: '#finding', text: 'Enter what was found' },
    ]);
    const area = await postForm(testApp.app, jar, '/improvement-plan/areas/new', timeliness, { csrfFrom: '/improvement-plan/areas/new' });
    expect(area.statusCode).toBe(303);
    const areaPath = area.headers.location!.split('?')[0]!;
    const areaId = areaPath.split('/').at(-1)!;
    const newAction = `/improvement-plan/areas/${areaId}/actions/new`;
    const noOwner = await postForm(testApp.app, jar, newAction, { title: 'Track plans', ownerId: '' }, { csrfFrom: newAction });
    expect(errorSummaryOf(noOwner.body)).toEqual([{ href: '#ownerId', text: 'Select who owns the action' }]);
    const action = await postForm(testApp.app, jar, newAction, { title: 'Track plans', ownerId: council.officer.user.id }, { csrfFrom: newAction });
    const actionPath = action.headers.location!.split('?')[0]!;
    const bind = `${actionPath}/measures/new`;
    const badBind = await postForm(
      testApp.app,
      jar,
      bind,
      { measureId: 'no-such-measure', baselineValue: '30', 'baselineOn-day': '1', 'baselineOn-month': '6', 'baselineOn-year': '2026', targetValue: '60', 'targetOn-day': '1', 'targetOn-month': '5', 'targetOn-year': '2026' },
      { csrfFrom: bind },
    );
    expect(badBind.statusCode).toBe(400);
    expect(errorSummaryOf(badBind.body)).toEqual([
      { href: '#measureId', text: 'Select a measure from the list' },
      { href: '#targetOn-day', text: 'The target date must be after the baseline date' },
    ]);
    expect(await count('improvement_measure', council.authorityId)).toBe(0);
    const statusPath = `${actionPath}/status`;
    const noNote = await postForm(testApp.app, jar, statusPath, { status: 'on-track', note: '' }, { csrfFrom: statusPath });
    expect(errorSummaryOf(noNote.body)).toEqual([{ href: '#note', text: 'Enter a note saying why the action stands where it does' }]);
    const actionPage = await getPage(testApp.app, jar, actionPath);
    expect(actionPage.statusCode).toBe(200);
    expect(actionPage.body).toContain('Track plans');
    for (const path of ['/improvement-plan', areaPath, '/improvement-plan/meetings', '/improvement-plan/meetings/new', '/improvement-plan/changes', `${actionPath}/owner`, `${actionPath}/milestones/new`, `${actionPath}/evidence/new`, `${areaPath}/edit`, `${areaPath}/measures/new`]) {
      expect((await getPage(testApp.app, jar, path)).statusCode, path).toBe(200);
    }
  });
});
