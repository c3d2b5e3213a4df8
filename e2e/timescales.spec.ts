import { expect, test } from '@playwright/test';
import { CheckDeadlinesPage } from './pages/timescales.ts';

test.describe('Check EHC deadlines', () => {
  test('a family chooses the assessment, enters the request date and sees the deadlines', async ({ page }) => {
    const calculator = await CheckDeadlinesPage.open(page);
    await expect(calculator.heading()).toHaveText('Check EHC deadlines');

    await calculator.chooseProcess('EHC needs assessment');
    await expect(calculator.heading()).toHaveText('EHC needs assessment');
    await expect(calculator.page).toHaveURL(/process=assessment/);

    await calculator.enterDate('When did the council receive the request for an assessment?', '5', '1', '2026');
    const response = await calculator.submit('Check deadlines');
    expect(response?.status()).toBe(200);

    await expect(calculator.deadlinesHeading()).toBeVisible();
    expect(await calculator.deadlines()).toEqual([
      ['Decide whether to carry out an EHC needs assessment and tell the family', '16 February 2026'],
      ['Decide, after the assessment, not to issue an EHC plan and tell the family', '27 April 2026'],
      ['Issue the final EHC plan', '25 May 2026'],
    ]);
    await expect(calculator.deadlinesList()).toContainText('SEND Regulations 2014 reg. 13(2)');
    // What was entered stays in the form, to change it.
    await expect(calculator.dateField('When did the council receive the request for an assessment?', 'Year')).toHaveValue('2026');
    await calculator.screenshot('check-ehc-deadlines', { fullPage: true });
  });

  test('a choice is made with radios: a phase transfer between schools', async ({ page }) => {
    const calculator = await CheckDeadlinesPage.open(page);
    await calculator.chooseProcess('Moving school or college (phase transfer)');
    await calculator.enterDate('When will the child or young person move?', '1', '9', '2026');
    await calculator.choose('What kind of move is it?', 'Between school phases');
    await calculator.submit('Check deadlines');
    expect(await calculator.deadlines()).toEqual([
      ['Review and amend the plan, naming the new school or college', '14 February 2026'],
    ]);
  });

  test('Regs 36-38 and 34-39: mediation and its certificate do not count the day they run from (general rule)', async ({ page }) => {
    const calculator = await CheckDeadlinesPage.open(page);
    await calculator.chooseProcess('Mediation');
    await calculator.enterDate('When was the council told that mediation is wanted?', '5', '1', '2026');
    await calculator.submit('Check deadlines');
    expect(await calculator.deadlines()).toEqual([['Arrange for the mediation to take place', '4 February 2026']]);
    await expect(calculator.deadlinesList()).toContainText('does not count that day');

    const certificate = await CheckDeadlinesPage.open(page);
    await certificate.chooseProcess('Mediation certificate');
    // Thursday 30 April 2026: Friday 1 May, then Tuesday 5 and Wednesday 6 May past the early May bank holiday.
    await certificate.enterDate('When did the duty to issue the certificate arise?', '30', '4', '2026');
    await certificate.submit('Check deadlines');
    expect(await certificate.deadlines()).toEqual([
      ['Mediation adviser or mediator to issue the mediation certificate', '6 May 2026'],
    ]);
  });

  test('an impossible date is refused with an error summary linking to the field', async ({ page }) => {
    const calculator = await CheckDeadlinesPage.open(page);
    await calculator.chooseProcess('EHC needs assessment');
    await calculator.enterDate('When did the council receive the request for an assessment?', '30', '2', '2026');
    const response = await calculator.submit('Check deadlines');
    expect(response?.status()).toBe(400);

    await expect(calculator.page).toHaveTitle(/^Error: /);
    const summary = calculator.errorSummary();
    await expect(summary).toBeVisible();
    await expect(summary).toContainText('There is a problem');
    const link = calculator.errorLink('The date the council received the request must be a real date');
    await expect(link).toHaveAttribute('href', '#requestReceived-day');
    await expect(calculator.errorMessage('requestReceived')).toContainText('must be a real date');
    await expect(calculator.deadlinesList()).toHaveCount(0);

    await link.click();
    await expect(calculator.field('requestReceived-day')).toBeFocused();
  });

  test('continuing without choosing a process asks again', async ({ page }) => {
    const calculator = await CheckDeadlinesPage.open(page);
    const response = await calculator.submit('Continue');
    expect(response?.status()).toBe(400);
    await expect(calculator.errorSummary()).toContainText('Select which deadlines you want to check');
  });

  test('works without JavaScript', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    // axe runs inside the page, so it cannot run here; the same pages are checked with JavaScript above.
    const calculator = await CheckDeadlinesPage.openWithoutJavaScript(page);
    await calculator.chooseProcess('Appealing to the tribunal');
    await calculator.enterDate('When was the council’s decision letter sent?', '10', '6', '2026');
    await calculator.submit('Check deadlines');
    await expect(calculator.deadlinesList()).toContainText('Last day to appeal to the First-tier Tribunal (SEND)');
    await expect(calculator.deadlinesList()).toContainText('1 September 2026');
    await context.close();
  });
});
