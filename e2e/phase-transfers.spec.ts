import { expect, test } from '@playwright/test';
import { PhaseTransfersPage } from './pages/phase-transfers.ts';
import { SearchPage } from './pages/search.ts';
import { datePartsOf } from './pages/service-page.ts';
import { DEMO_OFFICER, signInAs } from './support/sign-in.ts';

const today = () => datePartsOf(new Date());
const inDays = (days: number) => datePartsOf(new Date(Date.now() + days * 86_400_000));

/** A secondary school of the demo council in the schools register (the one the demo's finalised transfers name). */
const FOXGLOVE = { urn: '140285', name: 'Foxglove Academy' };

test.describe('phase transfers and moves between councils', () => {
  test('an officer opens this autumn’s cohort, sees how many are finalised and at risk, opens a child under review and consults the next school', async ({ page }) => {
    // Seven pages, each checked with axe.
    test.slow();
    const home = await signInAs(page, DEMO_OFFICER);
    let cohort = await home.navigation.phaseTransfers();
    await expect(cohort.heading()).toContainText(/Phase transfers, September \d{4}/);
    expect(await cohort.count('finalised')).toBeGreaterThanOrEqual(2);
    expect(await cohort.count('at-risk')).toBeGreaterThanOrEqual(1);
    const total = await cohort.count('total');
    await cohort.screenshot('phase-transfers-cohort', { fullPage: true });

    // The at-risk filter: a bookmarkable address, the counts still the whole cohort's.
    cohort = await cohort.filter('At risk');
    await expect(page).toHaveURL(/standing=at-risk/);
    await expect(cohort.currentFilters().filter({ hasText: 'At risk' })).toHaveCount(1);
    expect(await cohort.count('total')).toBe(total);
    await expect(cohort.row('Yusuf Rahman')).toContainText('Primary to secondary');

    // The child's transfer: the deadline before 15 February, no school consulted yet.
    let child = await cohort.openChild('Yusuf Rahman');
    await expect(child.summary()).toContainText('February');
    await expect(child.summary()).toContainText('reg. 18(1)(b)');
    await expect(child.schoolsConsulted()).toContainText('No school has been consulted');
    await child.screenshot('phase-transfer-child', { fullPage: true });

    const consult = await child.consultTheNextSchool();
    await consult.enter({ urn: FOXGLOVE.urn, basis: 'The council is considering this school', contactName: 'Mr Idris Hale, SENCo', contactEmail: 'senco@foxglove.example', sentOn: today() });
    const consultations = await consult.consult();
    await expect(consultations.savedBanner()).toContainText('School consulted.');

    child = await (await PhaseTransfersPage.open(page)).openChild('Yusuf Rahman');
    await expect(child.schoolsConsulted()).toContainText(FOXGLOVE.name);
    cohort = await child.backToCohort();
    await expect(cohort.row('Yusuf Rahman')).toBeVisible();
    expect(await cohort.count('total')).toBe(total);
  });

  test('an officer records a child’s move to another council, is told the plan’s deadline, sends the plan and the case closes as transferred', async ({ page }) => {
    test.slow();
    await signInAs(page, DEMO_OFFICER);
    const search = await (await SearchPage.open(page)).searchFor('Leo Fischer');
    const record = await search.openChild('Leo Fischer');
    let moves = await record.movesBetweenCouncils();
    let move = await moves.recordMoveOut();

    // A day to come for the day the council learnt of it: refused, nothing saved.
    await move.enter({ newCouncil: 'Northshire County Council', moveDate: inDays(5), learntOn: inDays(1) });
    move = await move.recordRefused();
    await expect(move.errorSummary()).toContainText('The date the council learnt of the move must be today or in the past');

    await move.enter({ learntOn: today() });
    moves = await move.record();
    await expect(moves.savedBanner()).toContainText('The move to another council is recorded.');
    // Learnt 5 days before the move, less than 15 working days: 15 working days beginning with today.
    await expect(moves.move()).toContainText('less than 15 working days before it');
    await moves.screenshot('transfer-out-recorded', { fullPage: true });

    const send = await moves.sendThePlan();
    await expect(send.explanation()).toContainText('Northshire County Council');
    await send.enter({ recipientName: 'SEND team manager', recipientEmail: 'send@northshire.example' });
    moves = await send.send();
    await expect(moves.savedBanner()).toContainText('The case is closed as transferred.');
    await expect(moves.move()).toContainText('the letter');
  });

  test('an officer records a plan received from another council with its papers’ details for the SEN2 return, corrects what is refused, and the move shows them', async ({ page }) => {
    test.slow();
    await signInAs(page, DEMO_OFFICER);
    // Last year's child whose request was refused: no open case, so a plan received opens one.
    const search = await (await SearchPage.open(page)).searchFor('Callum Reid-Refused');
    const record = await search.openChild('Callum Reid-Refused');
    let received = await record.recordPlanReceived();
    await expect(received.papers()).toBeVisible();
    await received.enter({ oldCouncil: 'Kent County Council', moveDate: inDays(-7), planReceivedOn: inDays(-3), lastReviewOn: inDays(-150) });

    // An LA code of 2 digits and a request received after the plan's date: both refused, nothing saved.
    await received.enterPapers({ laCode: '88', requestReceivedOn: inDays(-100), requestSource: 'School or education setting', primaryNeed: 'Autistic spectrum disorder', secondaryNeed: 'Speech, language and communication needs', placementUrn: FOXGLOVE.urn });
    received = await received.recordRefused();
    await expect(received.errorLink('Enter the other council’s LA code as 3 digits, for example 886')).toHaveAttribute('href', '#oldLaCode');
    await expect(received.errorLink(/The request must have been received on or before the plan’s date/)).toHaveAttribute('href', '#requestReceivedOn-day');
    await received.screenshot('transfer-in-papers-refused', { fullPage: true });

    await received.enterPapers({ laCode: '886', requestReceivedOn: inDays(-900) });
    const moves = await received.record();
    await expect(moves.savedBanner()).toContainText('The plan received from the other council is recorded.');
    await expect(moves.move()).toContainText('886');
    await expect(moves.move()).toContainText('made by: School or education setting');
    await moves.screenshot('transfer-in-papers-recorded', { fullPage: true });
  });
});
