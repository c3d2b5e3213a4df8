import { expect, test, type Page, type Response } from '@playwright/test';
import { ServicePage } from './pages/service-page.ts';

/** The public "Check EHC deadlines" calculator: every page it shows is checked with axe. */
class CheckDeadlinesPage extends ServicePage {
  static readonly path = '/check-ehc-deadlines';

  static async open(page: Page): Promise<CheckDeadlinesPage> {
    return new CheckDeadlinesPage(page).goto(CheckDeadlinesPage.path);
  }

  /** Clicks a button that submits the form, then checks the page it leads to. */
  async submit(button: string): Promise<Response | null> {
    const [response] = await Promise.all([
      this.page.waitForResponse((candidate) => new URL(candidate.url()).pathname === CheckDeadlinesPage.path),
      this.page.getByRole('button', { name: button }).click(),
    ]);
    await this.page.waitForLoadState('load');
    await this.checkAccessibility();
    return response;
  }

  async chooseProcess(name: string): Promise<void> {
    await this.page.getByRole('radio', { name }).check();
    await this.submit('Continue');
  }

  async enterDate(question: string, day: string, month: string, year: string): Promise<void> {
    const group = this.page.getByRole('group', { name: question });
    await group.getByLabel('Day').fill(day);
    await group.getByLabel('Month').fill(month);
    await group.getByLabel('Year').fill(year);
  }

  async choose(question: string, option: string): Promise<void> {
    await this.page.getByRole('group', { name: question }).getByRole('radio', { name: option }).check();
  }

  /** The deadlines shown, as [title, date] pairs. */
  async deadlines(): Promise<Array<[string, string]>> {
    const rows = this.page.locator('.govuk-summary-list__row');
    const pairs: Array<[string, string]> = [];
    for (const row of await rows.all()) {
      const title = (await row.locator('.govuk-summary-list__key').innerText()).trim();
      const date = (await row.locator('.govuk-summary-list__value p').first().innerText()).trim();
      pairs.push([title, date]);
    }
    return pairs;
  }
}

test.describe('Check EHC deadlines', () => {
  test('a family chooses the assessment, enters the request date and sees the deadlines', async ({ page }) => {
    const calculator = await CheckDeadlinesPage.open(page);
    await expect(calculator.heading()).toHaveText('Check EHC deadlines');

    await calculator.chooseProcess('EHC needs assessment');
    await expect(calculator.heading()).toHaveText('EHC needs assessment');
    await expect(page).toHaveURL(/process=assessment/);

    await calculator.enterDate('When did the council receive the request for an assessment?', '5', '1', '2026');
    const response = await calculator.submit('Check deadlines');
    expect(response?.status()).toBe(200);

    await expect(page.getByRole('heading', { level: 2, name: 'Deadlines' })).toBeVisible();
    expect(await calculator.deadlines()).toEqual([
      ['Decide whether to carry out an EHC needs assessment and tell the family', '16 February 2026'],
      ['Decide, after the assessment, not to issue an EHC plan and tell the family', '27 April 2026'],
      ['Issue the final EHC plan', '25 May 2026'],
    ]);
    await expect(page.locator('.govuk-summary-list')).toContainText('SEND Regulations 2014 reg. 13(2)');
    // What was entered stays in the form, to change it.
    await expect(page.getByRole('group', { name: 'When did the council receive the request for an assessment?' }).getByLabel('Year')).toHaveValue('2026');
    await page.screenshot({ path: 'test-results/screenshots/check-ehc-deadlines.png', fullPage: true });
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

  test('an impossible date is refused with an error summary linking to the field', async ({ page }) => {
    const calculator = await CheckDeadlinesPage.open(page);
    await calculator.chooseProcess('EHC needs assessment');
    await calculator.enterDate('When did the council receive the request for an assessment?', '30', '2', '2026');
    const response = await calculator.submit('Check deadlines');
    expect(response?.status()).toBe(400);

    await expect(page).toHaveTitle(/^Error: /);
    const summary = calculator.errorSummary();
    await expect(summary).toBeVisible();
    await expect(summary).toContainText('There is a problem');
    const link = summary.getByRole('link', { name: 'The date the council received the request must be a real date' });
    await expect(link).toHaveAttribute('href', '#requestReceived-day');
    await expect(page.locator('#requestReceived-error')).toContainText('must be a real date');
    await expect(page.locator('.govuk-summary-list')).toHaveCount(0);

    await link.click();
    await expect(page.locator('#requestReceived-day')).toBeFocused();
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
    await page.goto(CheckDeadlinesPage.path);
    await page.getByRole('radio', { name: 'Appealing to the tribunal' }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    const group = page.getByRole('group', { name: 'When was the council’s decision letter sent?' });
    await group.getByLabel('Day').fill('10');
    await group.getByLabel('Month').fill('6');
    await group.getByLabel('Year').fill('2026');
    await page.getByRole('button', { name: 'Check deadlines' }).click();
    await expect(page.locator('.govuk-summary-list')).toContainText('Last day to appeal to the First-tier Tribunal (SEND)');
    await expect(page.locator('.govuk-summary-list')).toContainText('1 September 2026');
    await context.close();
  });
});
