import { expect, test } from '@playwright/test';
import { NewRequestPage } from './pages/new-request.ts';
import { datePartsOf } from './pages/service-page.ts';
import { DEMO_MANAGER, signInAs } from './support/sign-in.ts';

test.describe('steps in order, and corrections', () => {
  test('a step out of order is refused with what is missing; a decision recorded in error is corrected with a reason and stays in the history', async ({ page }) => {
    // A team manager: the decision, and its correction, are theirs to make.
    await signInAs(page, DEMO_MANAGER);
    const request = await NewRequestPage.open(page);
    await request.enterChild({ firstName: 'Ayesha', lastName: 'عائشہ Correction', dateOfBirth: { day: '3', month: '4', year: '2016' }, sex: 'Female' });
    await request.enterRequest({ receivedOn: datePartsOf(new Date()), source: 'Parent or young person' });
    let record = await request.recordRequest();

    // A final plan on a request just received: refused, naming the draft plan it needs.
    let step = await record.recordStep();
    await step.chooseStep('Final EHC plan issued');
    await step.enterOccurredOn(datePartsOf(new Date()));
    step = await step.recordStepRefused();
    await expect(step.errorSummary()).toContainText('Record the draft plan before the final plan');
    await step.screenshot('step-out-of-order', { fullPage: false });

    // Decided to assess, recorded by mistake: corrected, the form's error path first.
    record = await step.backToRecord();
    const decide = await (await record.decisions()).decideWhetherToAssess();
    await decide.chooseOutcome('Assess');
    await decide.enterDecidedOn(datePartsOf(new Date()));
    await decide.enterReasons('Keyed in before the panel met');
    record = await (await decide.decide()).backToRecord();
    let correction = await record.correct('Decided to assess');
    correction = await correction.correctRefused();
    await expect(correction.errorSummary()).toContainText('Select what was wrong');
    await expect(correction.errorSummary()).toContainText('Say why the record is being corrected');
    await correction.chooseWithdraw();
    await correction.enterReason('The panel has not met yet: keyed on the wrong child');
    await correction.screenshot('correct-event', { fullPage: true });
    record = await correction.correct();
    await expect(record.savedBanner()).toContainText('Correction recorded');
    await expect(record.correctedSteps()).toHaveCount(1);
    await expect(record.correctedSteps()).toContainText('Decided to assess');
    await expect(record.text('Reason: The panel has not met yet: keyed on the wrong child')).toBeVisible();
    await expect(record.caseSummary()).toContainText('Request received');
    await record.screenshot('history-with-correction', { fullPage: true });
  });
});
