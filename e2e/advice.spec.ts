import { expect, test } from '@playwright/test';
import { aPdf } from '../src/test/files.ts';
import { ChildRecordPage } from './pages/child-record.ts';
import { LateAdvicePage } from './pages/late-advice.ts';
import { datePartsOf } from './pages/service-page.ts';
import { DEMO_MANAGER, DEMO_OFFICER, signInAs } from './support/sign-in.ts';

const daysAgo = (days: number) => datePartsOf(new Date(Date.now() - days * 86_400_000));

test.describe('advice for an assessment', () => {
  test('a case in assessment asks three bodies for advice; one is late and chased, one comes as a PDF, and the late one is on the officer’s late advice', async ({ page, browser }) => {
    // The chaser goes from the job runner, behind the letters and chasers of the demo data queued at start.
    test.slow();
    const home = await signInAs(page, DEMO_OFFICER);
    const request = await home.recordNewRequest();
    await request.enterChild({ firstName: 'Idris', lastName: 'Advice', dateOfBirth: { day: '9', month: '5', year: '2014' }, sex: 'Male' });
    await request.enterRequest({ receivedOn: daysAgo(120), source: 'Parent or young person' });
    let record = await request.recordRequest();
    // The decision to assess is a team manager's, with its reasons.
    const childId = record.childId();
    const managers = await browser.newContext();
    const managerPage = await managers.newPage();
    await signInAs(managerPage, DEMO_MANAGER);
    const decide = await (await (await ChildRecordPage.open(managerPage, childId)).decisions()).decideWhetherToAssess();
    await decide.chooseOutcome('Assess');
    await decide.enterDecidedOn(daysAgo(100));
    await decide.enterReasons('The school’s evidence shows needs it cannot meet from its own resources.');
    await decide.decide();
    await managers.close();
    record = await ChildRecordPage.open(page, childId);

    let advice = await record.adviceForAssessment();
    await expect(advice.text('No advice has been asked for on this case.')).toBeVisible();

    // Refused first: no organisation, and a date sent before the decision to assess.
    let ask = await advice.askForAdvice();
    await ask.enter({ kind: 'Medical advice', who: 'A health body', postalAddress: 'Idris Clinic\n1 Hospital Road\nDemo City\nDC1 1AA', sentOn: daysAgo(110) });
    ask = await ask.askRefused();
    await expect(ask.errorSummary()).toContainText('Enter the organisation asked for the advice');
    await expect(ask.errorSummary()).toContainText('the date of “Decided to assess”');
    await ask.screenshot('ask-for-advice-refused', { fullPage: true });

    // Medical advice by post 95 days ago: long past its due date, so chased at once.
    await ask.enter({ organisation: 'Idris Clinic', professional: 'Dr Asha Patel', sentOn: daysAgo(95) });
    advice = await ask.ask();
    await expect(advice.savedBanner()).toContainText('Advice asked for.');

    // Educational advice from the school by e-mail 20 days ago, not yet due, with the reg. 6(2) note;
    // psychological advice today.
    ask = await advice.askForAdvice();
    await ask.enter({ kind: 'Educational advice', who: 'A school, college or early years setting', organisation: 'Idris Primary School', email: 'senco@idris-primary.example', sentOn: daysAgo(20), qualifiedTeacher: 'Sensory support service: qualified teacher of the deaf' });
    advice = await ask.ask();
    ask = await advice.askForAdvice();
    await ask.enter({ kind: 'Psychological advice', who: 'This council’s own service', organisation: 'Idris Educational Psychology', email: 'ep@demo-city.example', sentOn: daysAgo(0) });
    await ask.screenshot('ask-for-advice', { fullPage: true });
    advice = await ask.ask();
    await expect(advice.requests()).toHaveCount(3);
    await expect(advice.request('Medical advice', 'Idris Clinic')).toContainText('Statutory: SEND Regulations 2014 reg. 8(1)');
    await expect(advice.request('Medical advice', 'Idris Clinic')).toContainText(/Late by \d+ days/);
    await expect(advice.request('Educational advice', 'Idris Primary School')).toContainText('Guidance: SEND Code of Practice, not law');
    await expect(advice.request('Educational advice', 'Idris Primary School')).toContainText('qualified teacher of the deaf');
    await expect(advice.request('Psychological advice', 'Idris Educational Psychology')).toContainText('Awaited');

    // The school's advice comes: a file named .pdf that is not a PDF is refused, then the real one.
    let received = await advice.recordAdviceReceived('Educational advice', 'Idris Primary School');
    await received.enterReceivedOn(daysAgo(5));
    await received.chooseFile({ name: 'advice.pdf', mimeType: 'application/pdf', buffer: Buffer.from('This is a letter, not a PDF') });
    received = await received.recordRefused();
    await expect(received.errorSummary()).toContainText('The selected file is not a real PDF');
    await received.screenshot('advice-received-refused', { fullPage: true });
    await received.chooseFile({ name: 'School advice.pdf', mimeType: 'application/pdf', buffer: aPdf('Educational advice') });
    advice = await received.record();
    await expect(advice.savedBanner()).toContainText('Advice received and added to the case’s documents.');
    await expect(advice.request('Educational advice', 'Idris Primary School').getByRole('link', { name: 'Educational advice from Idris Primary School' })).toBeVisible();

    // The job runner sends the chaser in the background: the page shows it once it has gone.
    await expect(async () => {
      advice = await advice.reload();
      await expect(advice.request('Medical advice', 'Idris Clinic')).toContainText('Second chaser after the due date', { timeout: 500 });
    }).toPass({ timeout: 30_000 });
    await expect(advice.request('Educational advice', 'Idris Primary School')).not.toContainText('chaser after the due date');
    await advice.screenshot('case-advice', { fullPage: true });

    const exception = await advice.recordException('Medical advice', 'Idris Clinic');
    await expect(exception.text('SEND Regulations 2014 reg. 8(2)(c)', { exact: false })).toBeVisible();
    advice = await exception.backToAdvice();

    // A fourth request, asked of the wrong service, is withdrawn (a reason is needed).
    ask = await advice.askForAdvice();
    await ask.enter({ kind: 'Social care advice', who: 'This council’s own service', organisation: 'Idris Wrong Team', email: 'wrong@demo-city.example', sentOn: daysAgo(0) });
    advice = await ask.ask();
    let close = await advice.declinedOrWithdrawn('Social care advice', 'Idris Wrong Team');
    close = await close.saveRefused();
    await expect(close.errorSummary()).toContainText('Select whether the body declined or the request was withdrawn');
    await close.chooseWithdrawn('Asked of the wrong team');
    advice = await close.save();
    await expect(advice.request('Social care advice', 'Idris Wrong Team')).toContainText('Withdrawn: Asked of the wrong team');

    let late = await advice.navigation.lateAdvice();
    await expect(late.heading()).toHaveText('Late advice');
    await expect(late.rowsFrom('Idris Clinic')).toHaveCount(1);
    await expect(late.rowsFrom('Idris Clinic')).toContainText('Idris Advice');
    await expect(late.rowsFrom('Idris Clinic')).toContainText(/Late by \d+ days/);
    await expect(late.rowsFrom('Idris Clinic')).toContainText('1 time');
    await expect(late.rowsFrom('Idris Primary School')).toHaveCount(0);
    late = await late.showFrom('Idris Clinic');
    await expect(late.rows()).toHaveCount(1);
    await late.screenshot('late-advice', { fullPage: true });
    advice = await late.openCase('Idris Advice');
    await expect(advice.requests()).toHaveCount(4);

    // The advice in, a team manager decides to draft the plan (SEND Regs 2014 reg. 10(1): a
    // decision not to issue one is due by week 16; a decision to draft has no limit of its own).
    const drafting = await browser.newContext();
    const draftingPage = await drafting.newPage();
    await signInAs(draftingPage, DEMO_MANAGER);
    const toDraft = await (await (await ChildRecordPage.open(draftingPage, childId)).decisions()).decideAfterAssessment();
    await toDraft.chooseOutcome('Issue an EHC plan');
    await toDraft.enterDecidedOn(daysAgo(0));
    await toDraft.enterReasons('The advice shows needs the school cannot meet from its own resources: a plan is to be drafted.');
    const decided = await toDraft.decide();
    await expect(decided.section('Decision after the assessment')).toContainText('Issue an EHC plan');
    await expect(decided.sen2()).toContainText('Y (yes)');
    await decided.screenshot('decided-to-draft', { fullPage: true });
    await drafting.close();

    // On a 320 px screen (WCAG 1.4.10) neither page scrolls sideways, long addresses included.
    await page.setViewportSize({ width: 320, height: 640 });
    advice = await advice.reload();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);
    await advice.screenshot('case-advice-320', { fullPage: true });
    late = await LateAdvicePage.open(page);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);
  });
});
