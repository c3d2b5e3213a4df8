// The improvement board's pack as at a day: the plan as it stood then (a change after the day is
// not in it), each measure's figure on the day, what changed since the last meeting before it,
// risks and exceptions; its PDF, tagged and saying the same; the counts behind a measure, with no
// child in them; refusals of a day in the future or before the plan began; who may see it.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { adjustableClock } from '../../lib/clock.ts';
import { ForbiddenError } from '../../lib/errors.ts';
import { closeWorkers } from '../../lib/worker-pool.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, anAuthority, anOfficer, type TestOfficer } from '../../test/factories/index.ts';
import { errorSummaryOf, getPage, signIn } from '../../test/http.ts';
import { refusedFields, refusedMessages, validationRefusal } from '../../test/problems.ts';
import { listListAccessBy } from '../audit/index.ts';

const run = promisify(execFile);
// The plan begins on Thursday 1 October 2026; "today" ends as Monday 30 November 2026.
const clock = adjustableClock('2026-10-01T10:00:00Z');
let testApp: TestApp;
let folder: string;

interface Council {
  authorityId: string;
  manager: TestOfficer;
  officer: TestOfficer;
  board: TestOfficer;
}
let council: Council;
let ids: { areaId: string; actionId: string; laterActionId: string; bindingId: string; meetingId: string };
const CHILDREN = [
  { forename: 'Zebedee', surname: 'Quillfeather' },
  { forename: 'Marigold', surname: 'Ashbourne-Tey' },
];
const references: string[] = [];

const packs = () => testApp.services.boardPack;
const plans = () => testApp.services.improvementPlan;
const advanceTo = (moment: string) => clock.advance(new Date(moment).getTime() - clock.now().getTime());

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  folder = await mkdtemp(join(tmpdir(), 'board-pack-'));
  const authority = await anAuthority(testApp.database.db);
  const authorityId = authority.id;
  const [manager, officer, board] = await Promise.all([
    anOfficer(testApp, { authorityId, role: 'service_lead' }),
    anOfficer(testApp, { authorityId, role: 'case_officer' }),
    anOfficer(testApp, { authorityId, role: 'board_member' }),
  ]);
  council = { authorityId, manager, officer, board };
  // 1 October: the plan begins, with an action owned by the officer and a measure of open cases bound to it.
  const { areaId } = await plans().addArea(manager.actor, { title: 'Timeliness of EHC plans', finding: 'Families wait too long.' });
  const { actionId } = await plans().addAction(manager.actor, areaId, { title: 'Allocate every request within 5 working days', ownerId: officer.user.id });
  const { bindingId } = await plans().bindMeasure(manager.actor, { actionId }, { measureId: 'open-cases', baselineValue: '10', baselineOn: '2026-06-01', targetValue: '2', targetOn: '2027-06-01' });
  await plans().addMilestone(manager.actor, actionId, { title: 'Queue reviewed weekly', dueOn: '2026-10-20' });
  // A case opened in September, open since.
  references.push((await aCase(testApp, officer.actor, { receivedOn: '2026-09-10', child: CHILDREN[0] })).reference);
  // 5 October: the board meets.
  advanceTo('2026-10-05T16:00:00Z');
  const { meetingId } = await plans().recordMeeting(manager.actor, { heldOn: '2026-10-05', attendees: 'Independent chair', decisions: 'Agreed the plan.' });
  // 10 October: the action is at risk.
  advanceTo('2026-10-10T09:00:00Z');
  await plans().updateStatus(officer.actor, actionId, { status: 'at-risk', note: 'Two posts are vacant.' });
  // 10 November: back on track, a second case opened, and a new action added.
  advanceTo('2026-11-10T09:00:00Z');
  await plans().updateStatus(officer.actor, actionId, { status: 'on-track', note: 'Both posts are filled.' });
  references.push((await aCase(testApp, officer.actor, { receivedOn: '2026-11-02', child: CHILDREN[1] })).reference);
  const { actionId: laterActionId } = await plans().addAction(manager.actor, areaId, { title: 'Publish the waiting times', ownerId: manager.user.id });
  advanceTo('2026-11-30T10:00:00Z');
  ids = { areaId, actionId, laterActionId, bindingId, meetingId };
});
afterAll(async () => {
  await closeWorkers();
  await testApp?.close();
  await rm(folder, { recursive: true, force: true });
});

describe('the board pack as at a day', () => {
  it('shows the plan as it stood at the end of the day: a status given and an action added after it are not in it', async () => {
    const pack = await packs().pack(council.board.actor, '2026-10-15');
    expect(pack.asAt).toBe('2026-10-15');
    expect(pack.planBegan).toBe('2026-10-01');
    const actions = pack.plan.areas[0]!.actions;
    expect(actions.map((action) => action.title)).toEqual(['Allocate every request within 5 working days']);
    expect(actions[0]).toMatchObject({ status: 'at-risk', statusNote: 'Two posts are vacant.' });
    expect(actions[0]!.milestones).toEqual([expect.objectContaining({ title: 'Queue reviewed weekly', dueOn: '2026-10-20', doneOn: null })]);

    const today = await packs().pack(council.board.actor, '2026-11-30');
    expect(today.plan.areas[0]!.actions.map((action) => [action.title, action.status])).toEqual([
      ['Allocate every request within 5 working days', 'on-track'],
      ['Publish the waiting times', 'not-started'],
    ]);
  });

  it('gives each bound measure its figure on the day, with its baseline, target, trajectory and months to the day', async () => {
    const then = (await packs().pack(council.manager.actor, '2026-10-15')).measures;
    expect(then).toHaveLength(1);
    expect(then[0]!.boundTo).toBe('Action: Allocate every request within 5 working days');
    // One case open on 15 October (the second opened in November), under the target of 2; two today.
    expect(then[0]!.measure).toMatchObject({ measureId: 'open-cases', current: 1, currentOver: 'On the day', baselineValue: 10, targetValue: 2, trajectory: 'met', trend: 'away-from-target' });
    expect(then[0]!.measure.months).toHaveLength(12);
    expect(then[0]!.measure.months.at(-1)).toMatchObject({ month: '2026-10', value: 1 });
    const now = (await packs().pack(council.manager.actor, '2026-11-30')).measures[0]!.measure;
    expect(now).toMatchObject({ current: 2, currentOver: 'Today' });
  });

  it('lists what changed since the last meeting before the day, from the change log and the statuses given', async () => {
    const pack = await packs().pack(council.board.actor, '2026-10-15');
    expect(pack.lastMeeting).toMatchObject({ id: ids.meetingId, heldOn: '2026-10-05' });
    expect(pack.changes.map((change) => [change.what, change.before, change.after, change.reason])).toEqual([['Status', 'Not started', 'At risk', 'Two posts are vacant.']]);
    const today = await packs().pack(council.board.actor, '2026-11-30');
    expect(today.changes.map((change) => change.what)).toEqual(['Status', 'Status', 'Action added']);
    // Before the meeting: every change from the plan's beginning.
    const first = await packs().pack(council.board.actor, '2026-10-02');
    expect(first.lastMeeting).toBeUndefined();
    expect(first.changes.map((change) => change.what)).toEqual(['Area added', 'Action added', 'Measure bound', 'Milestone added']);
  });

  it('lists the risks and exceptions: actions at risk or off track, and milestones overdue on the day', async () => {
    const before = await packs().pack(council.board.actor, '2026-10-15');
    expect(before.risks.atRisk.map((entry) => entry.action.title)).toEqual(['Allocate every request within 5 working days']);
    expect(before.risks.overdue).toEqual([]);
    const after = await packs().pack(council.board.actor, '2026-10-25');
    expect(after.risks.overdue.map((entry) => [entry.milestone.title, entry.actionTitle])).toEqual([['Queue reviewed weekly', 'Allocate every request within 5 working days']]);
    const today = await packs().pack(council.board.actor, '2026-11-30');
    expect(today.risks.atRisk).toEqual([]);
  });

  it('refuses a day in the future, a day before the plan began and a day that is not a date, saying why', async () => {
    expect(refusedMessages(await validationRefusal(packs().pack(council.manager.actor, '2026-12-01')))).toBe('The day the pack is as at cannot be in the future');
    expect(refusedMessages(await validationRefusal(packs().pack(council.manager.actor, '2026-09-30')))).toBe('The day the pack is as at cannot be before the plan began, on 2026-10-01');
    expect(refusedMessages(await validationRefusal(packs().pack(council.manager.actor, '2026-02-30')))).toBe('Enter the day the pack is to be as at as a real date, like 1 12 2026');
    const empty = await validationRefusal(packs().pack(council.manager.actor, ''));
    expect(refusedFields(empty)).toEqual(['asAt']);
    expect(refusedMessages(empty)).toBe('Enter the day the pack is to be as at');
  });

  it('refuses, on the page, a day in the future with an error summary linking to the date, and saves nothing', async () => {
    const counts = async () => (await queryRows<{ total: number }>(testApp.database.db, sql`SELECT (SELECT count(*) FROM improvement_change WHERE authority_id = ${council.authorityId}) + (SELECT count(*) FROM board_meeting WHERE authority_id = ${council.authorityId}) AS total`))[0]!.total;
    const before = await counts();
    const jar = await signIn(testApp.app, council.manager.user.email, council.manager.password);
    const page = await getPage(testApp.app, jar, '/improvement-plan/board-pack/as-at?asAt-day=1&asAt-month=12&asAt-year=2026');
    expect(page.statusCode).toBe(400);
    expect(errorSummaryOf(page.body)).toEqual([{ href: '#asAt-day', text: 'The day the pack is as at cannot be in the future' }]);
    const early = await getPage(testApp.app, jar, '/improvement-plan/board-pack/as-at?asAt-day=30&asAt-month=9&asAt-year=2026');
    expect(early.statusCode).toBe(400);
    expect(errorSummaryOf(early.body)[0]!.text).toBe('The day the pack is as at cannot be before the plan began, on 1 October 2026');
    expect(await counts()).toBe(before);
  });
});

describe('the pack’s pages', () => {
  it('are a form defaulting to today, the pack as a page, and its PDF, for a board member; each view logged', async () => {
    const jar = await signIn(testApp.app, council.board.user.email, council.board.password);
    const plan = await getPage(testApp.app, jar, '/improvement-plan');
    expect(plan.body).toContain('href="/improvement-plan/board-pack"');
    const form = await getPage(testApp.app, jar, '/improvement-plan/board-pack');
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(/name="asAt-day"[^>]*value="30"/);
    expect(form.body).toMatch(/name="asAt-year"[^>]*value="2026"/);
    const page = await getPage(testApp.app, jar, '/improvement-plan/board-pack/as-at?asAt-day=15&asAt-month=10&asAt-year=2026');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('As at 15 October 2026');
    expect(page.body).toContain('Two posts are vacant.');
    expect(page.body).not.toContain('Publish the waiting times');
    expect(page.body).toContain('<svg');
    expect(page.body).toContain(`/improvement-plan/board-pack/measures/${ids.bindingId}?asAt=2026-10-15`);

    const pdf = await getPage(testApp.app, jar, '/improvement-plan/board-pack.pdf?asAt=2026-10-15');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/^attachment; filename="Improvement board pack 2026-10-15\.pdf"/);
    const path = join(folder, 'pack.pdf');
    await writeFile(path, pdf.rawPayload);
    const [info, text] = await Promise.all([run('pdfinfo', [path]).then((out) => out.stdout), run('pdftotext', ['-enc', 'UTF-8', path, '-']).then((out) => out.stdout)]);
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^Title:\s+Improvement board pack$/m);
    for (const words of ['Improvement board pack', 'As at 15 October 2026', 'Risks and exceptions', 'What changed since the last meeting', 'Measures', 'The plan', 'Open cases', 'Allocate every request within 5 working days', 'Two posts are vacant.', 'Target met', 'Figure on the day 1 (On the day)', 'September 2026 1', 'Queue reviewed weekly']) {
      expect(text.replace(/\s+/g, ' '), words).toContain(words);
    }
    expect(text).not.toContain('Publish the waiting times');
    const structure = (await run('pdfinfo', ['-struct', path])).stdout;
    expect(structure).toContain('Figure');
    expect(structure).toContain('Table');

    const views = await listListAccessBy(testApp.database.db, council.authorityId, council.board.actor.id);
    expect(views.map((row) => row.view)).toEqual(expect.arrayContaining(['board-pack', 'board-pack-pdf']));
    expect(views.every((row) => row.childIds.length === 0)).toBe(true);
  });

  it('drill from a measure to the counts behind it by team, primary need, age and month, never to a child', async () => {
    const jar = await signIn(testApp.app, council.board.user.email, council.board.password);
    const page = await getPage(testApp.app, jar, `/improvement-plan/board-pack/measures/${ids.bindingId}?asAt=2026-11-30`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('The counts behind Open cases');
    for (const caption of ['By team', 'By primary need', 'By age on the day', 'By month']) expect(page.body).toContain(caption);
    expect(page.body).toContain('November 2026');
    for (const child of CHILDREN) {
      expect(page.body).not.toContain(child.forename);
      expect(page.body).not.toContain(child.surname);
    }
    for (const reference of references) expect(page.body).not.toContain(reference);
    const breakdown = (await packs().drill(council.board.actor, ids.bindingId, '2026-11-30')).breakdown;
    expect(breakdown.total).toEqual({ counted: 2, all: 2 });
    expect(breakdown.byAge.reduce((sum, row) => sum + row.all, 0)).toBe(2);
    const views = await listListAccessBy(testApp.database.db, council.authorityId, council.board.actor.id);
    expect(views.map((row) => row.view)).toContain('board-pack-drill');
  });

  it('are refused to anyone but managers and the board (403)', async () => {
    await expect(packs().pack(council.officer.actor, '2026-11-30')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(packs().drill(council.officer.actor, ids.bindingId, '2026-11-30')).rejects.toBeInstanceOf(ForbiddenError);
    const jar = await signIn(testApp.app, council.officer.user.email, council.officer.password);
    for (const path of ['/improvement-plan/board-pack', '/improvement-plan/board-pack/as-at?asAt=2026-11-30', '/improvement-plan/board-pack.pdf?asAt=2026-11-30', `/improvement-plan/board-pack/measures/${ids.bindingId}?asAt=2026-11-30`]) {
      expect((await getPage(testApp.app, jar, path)).statusCode, path).toBe(403);
    }
    const manager = await signIn(testApp.app, council.manager.user.email, council.manager.password);
    expect((await getPage(testApp.app, manager, `/improvement-plan/board-pack/measures/${ids.bindingId}?asAt=2026-11-30`)).statusCode).toBe(200);
  });
});

describe('a pack as at a past day, after the plan was changed', () => {
  // A council of its own: its plan begins on 1 October 2026. On 20 October at 23:30 in London
  // (22:30 UTC, summer time) the measure's target and the action's owner change: on the day itself.
  // At 00:30 on 21 October in London (23:30 UTC on the 20th) the first area is renamed and its
  // finding rewritten, and the second area is moved to the top. On 5 November the baseline changes.
  let other: Council;
  let moved: { areaId: string; secondAreaId: string; actionId: string; bindingId: string };
  const first = { title: 'Timeliness of EHC plans', finding: 'Families wait too long.' };
  const renamed = { title: 'Timeliness and quality of EHC plans', finding: 'Families wait too long, and plans say too little.' };
  const second = { title: 'Communication with families', finding: 'Letters are hard to follow.' };
  const action = 'Allocate every request within 5 working days';

  beforeAll(async () => {
    advanceTo('2026-10-01T10:00:00Z');
    const authorityId = (await anAuthority(testApp.database.db)).id;
    const [manager, officer, board] = await Promise.all([
      anOfficer(testApp, { authorityId, role: 'service_lead' }),
      anOfficer(testApp, { authorityId, role: 'case_officer' }),
      anOfficer(testApp, { authorityId, role: 'board_member' }),
    ]);
    other = { authorityId, manager, officer, board };
    const { areaId } = await plans().addArea(manager.actor, first);
    const { areaId: secondAreaId } = await plans().addArea(manager.actor, second);
    const { actionId } = await plans().addAction(manager.actor, areaId, { title: action, ownerId: officer.user.id });
    const { bindingId } = await plans().bindMeasure(manager.actor, { actionId }, { measureId: 'open-cases', baselineValue: '10', baselineOn: '2026-06-01', targetValue: '2', targetOn: '2027-06-01' });
    advanceTo('2026-10-20T22:30:00Z');
    await plans().changeTarget(manager.actor, bindingId, { baselineValue: '10', baselineOn: '2026-06-01', targetValue: '4', targetOn: '2027-09-01', reason: 'Two posts are vacant.' });
    await plans().changeOwner(manager.actor, actionId, { ownerId: manager.user.id, reason: 'The officer has moved team.' });
    advanceTo('2026-10-20T23:30:00Z');
    await plans().editArea(manager.actor, areaId, { ...renamed, reason: 'After the review.' });
    await plans().editArea(manager.actor, secondAreaId, { ...second, position: '1', reason: 'The board’s first concern.' });
    advanceTo('2026-11-05T10:00:00Z');
    await plans().changeTarget(manager.actor, bindingId, { baselineValue: '12', baselineOn: '2026-09-01', targetValue: '4', targetOn: '2027-09-01', reason: 'The baseline was miscounted.' });
    advanceTo('2026-11-30T10:00:00Z');
    moved = { areaId, secondAreaId, actionId, bindingId };
  });

  const areasOf = (pack: Awaited<ReturnType<ReturnType<typeof packs>['pack']>>) => pack.plan.areas.map((area) => [area.position, area.title, area.finding]);
  const actionOf = (pack: Awaited<ReturnType<ReturnType<typeof packs>['pack']>>) => pack.plan.areas.flatMap((area) => area.actions)[0]!;

  it('shows the areas’ titles, findings and places, the action’s owner and the measure’s baseline and target as they stood on the day, before they were changed', async () => {
    const pack = await packs().pack(other.board.actor, '2026-10-19');
    expect(areasOf(pack)).toEqual([
      [1, first.title, first.finding],
      [2, second.title, second.finding],
    ]);
    expect(actionOf(pack)).toMatchObject({ title: action, ownerName: other.officer.user.name });
    expect(pack.measures).toHaveLength(1);
    expect(pack.measures[0]!.boundTo).toBe(`Action: ${action}`);
    expect(pack.measures[0]!.measure).toMatchObject({ baselineValue: 10, baselineOn: '2026-06-01', targetValue: 2, targetOn: '2027-06-01' });
    expect(pack.notRecorded).toEqual([]);
  });

  it('counts a change made late on the day itself (by the end of the day in London), and not one made just after midnight in London that is still the day in UTC', async () => {
    const pack = await packs().pack(other.board.actor, '2026-10-20');
    expect(pack.measures[0]!.measure).toMatchObject({ baselineValue: 10, baselineOn: '2026-06-01', targetValue: 4, targetOn: '2027-09-01' });
    expect(actionOf(pack).ownerName).toBe(other.manager.user.name);
    expect(areasOf(pack)).toEqual([
      [1, first.title, first.finding],
      [2, second.title, second.finding],
    ]);
    const next = await packs().pack(other.board.actor, '2026-10-21');
    expect(areasOf(next)).toEqual([
      [1, second.title, second.finding],
      [2, renamed.title, renamed.finding],
    ]);
    expect(next.measures[0]!.measure).toMatchObject({ baselineValue: 10, baselineOn: '2026-06-01', targetValue: 4 });
  });

  it('shows the plan as it stands today when nothing has changed since', async () => {
    const pack = await packs().pack(other.board.actor, '2026-11-30');
    expect(areasOf(pack)).toEqual([
      [1, second.title, second.finding],
      [2, renamed.title, renamed.finding],
    ]);
    expect(actionOf(pack).ownerName).toBe(other.manager.user.name);
    expect(pack.measures[0]!.measure).toMatchObject({ baselineValue: 12, baselineOn: '2026-09-01', targetValue: 4, targetOn: '2027-09-01' });
    // The plan's own page says the same.
    const live = await plans().plan(other.board.actor);
    expect(live.areas.map((area) => [area.position, area.title])).toEqual([
      [1, second.title],
      [2, renamed.title],
    ]);
  });

  it('says the same on its page and in its PDF, and the counts behind the measure name what it was bound to then', async () => {
    const jar = await signIn(testApp.app, other.board.user.email, other.board.password);
    const page = await getPage(testApp.app, jar, '/improvement-plan/board-pack/as-at?asAt=2026-10-19');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`1. ${first.title}`);
    expect(page.body).toContain('2 by 1 June 2027');
    expect(page.body).toContain('10 on 1 June 2026');
    expect(page.body).toContain(other.officer.user.name);
    expect(page.body).not.toContain(renamed.title);
    expect(page.body).not.toContain('1 September 2027');
    expect(page.body).not.toContain('Shown as it is now');

    const pdf = await getPage(testApp.app, jar, '/improvement-plan/board-pack.pdf?asAt=2026-10-19');
    expect(pdf.statusCode).toBe(200);
    const path = join(folder, 'changed.pdf');
    await writeFile(path, pdf.rawPayload);
    const text = (await run('pdftotext', ['-enc', 'UTF-8', path, '-'])).stdout.replace(/\s+/g, ' ');
    for (const words of [`1. ${first.title}`, first.finding, `2. ${second.title}`, 'Target 2 by 1 June 2027', 'Baseline 10 on 1 June 2026', other.officer.user.name]) expect(text, words).toContain(words);
    for (const words of [renamed.title, '1 September 2027', 'Shown as it is now']) expect(text, words).not.toContain(words);

    const drill = await packs().drill(other.board.actor, moved.bindingId, '2026-10-19');
    expect(drill.boundTo).toBe(action);
  });

  it('says, on the page and in the PDF, what it shows as it is now because a change after the day was not logged', async () => {
    // An edit the change log does not hold (made outside the service).
    await testApp.database.db.execute(sql`UPDATE improvement_area SET finding = 'Rewritten without a log entry.', updated_at = ${new Date('2026-11-20T10:00:00Z')} WHERE id = ${moved.secondAreaId}`);
    const pack = await packs().pack(other.board.actor, '2026-10-19');
    expect(pack.notRecorded).toEqual([`Area 2, “${second.title}” is shown as it is now: it was changed after the day, and the change log does not hold that change.`]);
    expect((await packs().pack(other.board.actor, '2026-11-30')).notRecorded).toEqual([]);
    const jar = await signIn(testApp.app, other.board.user.email, other.board.password);
    const page = await getPage(testApp.app, jar, '/improvement-plan/board-pack/as-at?asAt=2026-10-19');
    expect(page.body).toContain('Shown as it is now');
    const pdf = await getPage(testApp.app, jar, '/improvement-plan/board-pack.pdf?asAt=2026-10-19');
    const path = join(folder, 'not-recorded.pdf');
    await writeFile(path, pdf.rawPayload);
    const text = (await run('pdftotext', ['-enc', 'UTF-8', path, '-'])).stdout.replace(/\s+/g, ' ');
    expect(text).toContain('Shown as it is now');
    expect(text).toContain('is shown as it is now: it was changed after the day');
  });
});
