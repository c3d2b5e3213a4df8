import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { aPdf } from '../src/test/files.ts';
import { ImprovementPlanPage } from './pages/improvement-plan.ts';
import { datePartsOf } from './pages/service-page.ts';
import { DEMO_BOARD, DEMO_MANAGER, DEMO_OFFICER, signInAs } from './support/sign-in.ts';

const run = promisify(execFile);
const today = new Date();
const monthsFrom = (months: number) => {
  const date = new Date(today);
  date.setMonth(date.getMonth() + months);
  return datePartsOf(date);
};

test.describe('the improvement plan', () => {
  test('a manager adds an area and an action bound to a measure, its status is updated with a note, and a board meeting keeps the plan as it stood; each form refuses what is wrong', async ({ page }) => {
    test.slow();
    const team = await signInAs(page, DEMO_MANAGER);
    const plan = await ImprovementPlanPage.fromNavigation(team.navigation);
    await expect(plan.heading()).toHaveText('Improvement plan');
    await expect(plan.areaLink('Timeliness of EHC plans')).toBeVisible();
    await plan.screenshot('improvement-plan', { fullPage: true });

    // An area: refused empty, then added.
    const areaForm = await plan.addArea();
    const emptyArea = await areaForm.addExpectingErrors();
    await expect(emptyArea.errorLink('Enter the area’s title')).toBeVisible();
    await expect(emptyArea.errorLink('Enter what was found')).toBeVisible();
    const title = `Co-production with families ${Date.now()}`;
    await emptyArea.fill({ title, finding: 'Parents are not involved in shaping the service’s changes.' });
    const area = await emptyArea.add();
    await expect(area.heading()).toHaveText(title);

    // An action owned by the demo's officer.
    const actionForm = await area.addAction();
    await actionForm.fill({ title: 'Set up a parent carer panel', owner: DEMO_OFFICER.name });
    const action = await actionForm.add();
    await expect(action.heading()).toHaveText('Set up a parent carer panel');
    await expect(action.summary()).toContainText(DEMO_OFFICER.name);
    await expect(action.summary()).toContainText('Not started');

    // A measure: a target date before the baseline's is refused, then bound.
    const bind = await action.bindMeasure();
    await bind.fill({ measure: 'Stage 1 complaints answered within the time limit (a share, higher is better)', baseline: '50', baselineOn: monthsFrom(-3), target: '90', targetOn: monthsFrom(-4) });
    const early = await bind.bindExpectingErrors();
    await expect(early.errorLink('The target date must be after the baseline date')).toBeVisible();
    await early.fill({ measure: 'Stage 1 complaints answered within the time limit (a share, higher is better)', baseline: '50', baselineOn: monthsFrom(-3), target: '90', targetOn: monthsFrom(9) });
    const bound = await early.bind();
    await expect(bound.measuresTable('Set up a parent carer panel')).toContainText('Stage 1 complaints answered within the time limit');
    await expect(bound.measuresTable('Set up a parent carer panel')).toContainText(/On trajectory|Off trajectory|Target met|No figure/);
    await expect(bound.chart('Stage 1 complaints answered within the time limit')).toBeVisible();
    await bound.screenshot('improvement-plan-action', { fullPage: true });

    // The status: refused without a note, then updated.
    const status = await bound.updateStatus();
    await status.fill('On track', '');
    const noNote = await status.updateExpectingErrors();
    await expect(noNote.errorLink('Enter a note saying why the action stands where it does')).toBeVisible();
    await noNote.fill('On track', 'The first panel meets next month; eight parents have signed up.');
    const updated = await noNote.update();
    await expect(updated.banner()).toContainText('The action’s status was updated.');
    await expect(updated.summary()).toContainText('On track');
    await expect(updated.history()).toContainText('eight parents have signed up');

    // A meeting: refused in the future, then recorded with the plan as it stands.
    const meetings = await (await ImprovementPlanPage.open(page)).meetings();
    const meetingForm = await meetings.recordMeeting();
    await meetingForm.fill({ heldOn: monthsFrom(1), attendees: 'Independent chair\nParent carer forum', decisions: 'Agreed the new area.' });
    const future = await meetingForm.recordExpectingErrors();
    await expect(future.errorLink('Record a meeting once it has been held: the day cannot be in the future')).toBeVisible();
    await future.fill({ heldOn: datePartsOf(today), attendees: 'Independent chair\nParent carer forum', decisions: 'Agreed the new area.' });
    const meeting = await future.record();
    await expect(meeting.heading()).toContainText('Board meeting of');
    await expect(meeting.actionsOf(title)).toContainText('Set up a parent carer panel');
    await expect(meeting.actionsOf(title)).toContainText('On track');
    await meeting.screenshot('improvement-plan-meeting', { fullPage: true });

    const changes = await (await ImprovementPlanPage.open(page)).changes();
    await expect(changes.table()).toContainText('The first panel meets next month');
  });

  test('a manager changes an action’s owner, adds a milestone and marks it done, adds evidence, changes a target, an area and a meeting’s record, each with its reason; each form refuses what is missing', async ({ page }) => {
    test.slow();
    const team = await signInAs(page, DEMO_MANAGER);
    const plan = await ImprovementPlanPage.fromNavigation(team.navigation);
    const area = await plan.area('Communication with families');
    const action = await area.action('Tell every family the name of their case officer');

    const ownerForm = await action.changeOwner();
    await ownerForm.fill(DEMO_MANAGER.name, '');
    const noReason = await ownerForm.changeExpectingErrors();
    await expect(noReason.errorLink('Enter why the owner changes')).toBeVisible();
    await noReason.fill(DEMO_MANAGER.name, 'The officer is on leave until March');
    const owned = await noReason.change();
    await expect(owned.summary()).toContainText(DEMO_MANAGER.name);

    const milestoneForm = await owned.addMilestone();
    await milestoneForm.fill('Letters name the case officer', undefined);
    const noDate = await milestoneForm.addExpectingErrors();
    await expect(noDate.errorLink('Enter the day the milestone is due')).toBeVisible();
    await noDate.fill('Letters name the case officer', monthsFrom(1));
    const withMilestone = await noDate.add();
    const done = await withMilestone.markDone('Letters name the case officer');
    await expect(done.banner()).toContainText('The milestone was marked done.');

    const evidenceForm = await done.addEvidence();
    await evidenceForm.fill('The new letter', 'not a link');
    const badLink = await evidenceForm.addExpectingErrors();
    await expect(badLink.errorLink('Enter the link as a web address starting https://, like https://intranet.example/board-paper.pdf')).toBeVisible();
    await badLink.fill('The new letter', 'https://intranet.send-demo.example/letters/case-officer.pdf');
    const linked = await badLink.add();
    await expect(linked.evidence('The new letter')).toBeVisible();

    // A document as evidence: a file that is not a document of a kind taken is refused, then a PDF is uploaded and downloaded as it was.
    const uploadForm = await linked.uploadEvidence();
    await uploadForm.fill('Survey of families, November', { name: 'survey.txt', mimeType: 'text/plain', buffer: Buffer.from('Not a document') });
    const notTaken = await uploadForm.uploadExpectingErrors();
    await expect(notTaken.errorLink('The selected file must be a PDF, DOCX, XLSX, JPEG or PNG')).toBeVisible();
    const pdf = aPdf('Survey of families, November');
    await notTaken.fill('Survey of families, November', { name: 'Family survey November.pdf', mimeType: 'application/pdf', buffer: pdf });
    const withEvidence = await notTaken.upload();
    await expect(withEvidence.banner()).toContainText('The document was added as evidence.');
    await expect(withEvidence.evidenceList()).toContainText('Family survey November.pdf, PDF');
    await expect(withEvidence.evidenceList()).toContainText(`uploaded by ${DEMO_MANAGER.name}`);
    await withEvidence.screenshot('improvement-plan-action-evidence', { fullPage: true });
    const download = await withEvidence.downloadEvidence('Survey of families, November');
    expect(download.suggestedFilename()).toBe('Family survey November.pdf');
    expect((await readFile(await download.path())).equals(pdf)).toBe(true);

    const targetForm = await withEvidence.changeTarget('Stage 1 complaints answered within the time limit');
    await targetForm.fill('85', '');
    const noWhy = await targetForm.changeExpectingErrors();
    await expect(noWhy.errorLink('Enter why the target changes')).toBeVisible();
    await noWhy.fill('85', 'The board agreed 85% as realistic for this year');
    const retargeted = await noWhy.change();
    await expect(retargeted.measuresTable('Tell every family the name of their case officer')).toContainText('85.0% by');

    const editArea = await (await retargeted.area('Communication with families')).change();
    await editArea.fill('Parents and carers do not know who their case officer is.', '');
    const noAreaReason = await editArea.saveExpectingErrors();
    await expect(noAreaReason.errorLink('Enter why the area is changed')).toBeVisible();
    await noAreaReason.fill('Parents and carers do not know who their case officer is.', 'Shortened at the board’s request');
    const changedArea = await noAreaReason.save();
    await expect(changedArea.findingText()).toHaveText('Parents and carers do not know who their case officer is.');

    const meeting = await (await (await changedArea.backToThePlan()).meetings()).latest();
    const correct = await meeting.correct();
    await correct.fill('Independent chair\nDirector of children’s services', '');
    const noCorrectionReason = await correct.correctExpectingErrors();
    await expect(noCorrectionReason.errorLink('Enter why the meeting’s record is corrected')).toBeVisible();
    await noCorrectionReason.fill('Independent chair\nDirector of children’s services', 'The director was left off');
    const corrected = await noCorrectionReason.correct();
    await expect(corrected.banner()).toContainText('The meeting’s record was corrected.');

    const changes = await (await ImprovementPlanPage.open(page)).changes();
    await expect(changes.table()).toContainText('The board agreed 85% as realistic for this year');
    await expect(changes.table()).toContainText('The officer is on leave until March');
  });

  test('the improvement board reads the plan and a past meeting’s snapshot, with nothing to change', async ({ page }) => {
    const figures = await signInAs(page, DEMO_BOARD);
    const plan = await ImprovementPlanPage.fromNavigation(figures.navigation);
    await expect(plan.actionsOf('Annual reviews')).toContainText('Clear the backlog of overdue annual reviews');
    await expect(plan.addAreaButton()).toHaveCount(0);
    const area = await plan.area('Annual reviews');
    await expect(area.heading()).toHaveText('Annual reviews');
    const action = await area.action('Clear the backlog of overdue annual reviews');
    await expect(action.chart('Annual reviews overdue')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Update the status' })).toHaveCount(0);
    // The board downloads the evidence, and is offered no way to add any.
    await expect(action.evidenceList()).toContainText('Overdue reviews November.pdf, PDF');
    await expect(page.getByRole('link', { name: 'Upload a document as evidence' })).toHaveCount(0);
    const evidence = await action.downloadEvidence('Overdue annual reviews by month, November');
    expect(evidence.suggestedFilename()).toBe('Overdue reviews November.pdf');
    const meetings = await (await action.area('Annual reviews')).backToThePlan().then((back) => back.meetings());
    const meeting = await meetings.latest();
    await expect(meeting.snapshot()).toContainText('The plan as it stood');
    await expect(meeting.snapshot()).toContainText('Clear the backlog of overdue annual reviews');
  });
  test('the improvement board produces the pack as at a day, reads it, opens its PDF and drills from a measure to the counts behind it, with no child named', async ({ page }) => {
    test.slow();
    const figures = await signInAs(page, DEMO_BOARD);
    const plan = await ImprovementPlanPage.fromNavigation(figures.navigation);
    const form = await plan.boardPack();
    await form.fill(monthsFrom(1));
    const future = await form.produceExpectingErrors();
    await expect(future.errorLink('The day the pack is as at cannot be in the future')).toBeVisible();
    await future.fill(datePartsOf(today));
    const pack = await future.produce();
    await expect(pack.heading()).toHaveText('Improvement board pack');
    for (const heading of ['Risks and exceptions', 'What changed since the last meeting', 'Measures', 'The plan']) await expect(pack.section(heading)).toBeVisible();
    // The last meeting (the demo's four weeks ago, or one a journey recorded today): the changes since are listed.
    await expect(pack.section('What changed since the last meeting').locator('xpath=following-sibling::p[1]')).toContainText('Every change to the plan since the board meeting of');
    await expect(pack.changes()).toBeVisible();
    await expect(pack.chart('Annual reviews overdue')).toBeVisible();
    await pack.screenshot('board-pack', { fullPage: true });

    const pdf = await pack.pdf();
    expect(pdf.contentType).toBe('application/pdf');
    expect(pdf.disposition).toMatch(/^attachment; filename="Improvement board pack \d{4}-\d{2}-\d{2}\.pdf"/);
    const path = join(await mkdtemp(join(tmpdir(), 'board-pack-')), 'pack.pdf');
    await writeFile(path, pdf.body);
    expect((await run('pdfinfo', [path])).stdout).toMatch(/^Tagged:\s+yes$/m);
    const text = (await run('pdftotext', ['-enc', 'UTF-8', path, '-'])).stdout.replace(/\s+/g, ' ');
    for (const words of ['Improvement board pack', 'Risks and exceptions', 'What changed since the last meeting', 'Annual reviews overdue', 'Clear the backlog of overdue annual reviews', 'Every change to the plan since the board meeting of']) expect(text).toContain(words);

    const drill = await pack.drill('Annual reviews overdue');
    await expect(drill.heading()).toHaveText('The counts behind Annual reviews overdue');
    await expect(drill.table('By team')).toBeVisible();
    await expect(drill.content()).toContainText('Numbers only');
    await drill.screenshot('board-pack-drill', { fullPage: true });
  });
});
