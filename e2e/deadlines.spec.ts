import { expect, test } from '@playwright/test';
import { ServicePage } from './pages/service-page.ts';
import { DEMO_MANAGER, DEMO_OFFICER, signInAs } from './support/sign-in.ts';

test.describe('statutory deadlines in the officer’s and manager’s day', () => {
  test('a manager sees the team’s breached and coming deadlines and filters them', async ({ page }) => {
    await signInAs(page, DEMO_MANAGER);
    await page.getByRole('link', { name: 'Team deadlines' }).click();
    const team = new ServicePage(page);
    await team.checkAccessibility();
    await expect(team.heading()).toHaveText('Team deadlines');
    await expect(page.locator('caption').first()).toContainText('Overdue');
    await page.screenshot({ path: 'test-results/screenshots/team-deadlines.png', fullPage: false });
    await page.getByLabel('Officer').selectOption({ label: DEMO_OFFICER.name });
    await page.getByRole('button', { name: 'Filter' }).click();
    await new ServicePage(page).checkAccessibility();
    const officers = await page.locator('tbody td:nth-child(4)').allTextContents();
    expect(officers.length).toBeGreaterThan(0);
    expect(new Set(officers.map((text) => text.trim()))).toEqual(new Set([DEMO_OFFICER.name]));
  });

  test('an officer records a decision to assess and an exception on a new request', async ({ page }) => {
    await signInAs(page, DEMO_OFFICER);
    await new ServicePage(page).goto('/requests/new');
    await page.getByLabel('First name').fill('Stepwise');
    await page.getByLabel('Last name').fill('Journey');
    await page.locator('#dateOfBirth-day').fill('2');
    await page.locator('#dateOfBirth-month').fill('2');
    await page.locator('#dateOfBirth-year').fill('2019');
    await page.getByLabel('Male', { exact: true }).check();
    const today = new Date();
    for (const [part, value] of [['day', today.getDate()], ['month', today.getMonth() + 1], ['year', today.getFullYear()]] as const) {
      await page.locator(`#receivedOn-${part}`).fill(String(value));
    }
    await page.getByLabel('Parent or young person').check();
    await page.getByRole('button', { name: 'Record the request' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Stepwise Journey');

    await page.getByRole('link', { name: 'Record a step' }).click();
    await new ServicePage(page).checkAccessibility();
    await page.getByRole('button', { name: 'Record the step' }).click();
    await new ServicePage(page).checkAccessibility();
    await expect(page.locator('.govuk-error-summary')).toContainText('Choose a step');
    await page.getByLabel('Decided to assess').check();
    for (const [part, value] of [['day', today.getDate()], ['month', today.getMonth() + 1], ['year', today.getFullYear()]] as const) {
      await page.locator(`#occurredOn-${part}`).fill(String(value));
    }
    await page.getByRole('button', { name: 'Record the step' }).click();
    await expect(page.locator('.govuk-summary-list').first()).toContainText('Needs assessment');
    await expect(page.getByText('Met on time')).toBeVisible();

    await page.getByRole('link', { name: 'Record an exception to the time limits' }).click();
    await new ServicePage(page).checkAccessibility();
    await page.getByLabel('Exceptional personal circumstances', { exact: false }).first().check();
    await page.getByLabel('Evidence').fill('Hospital admission; letter from the consultant on file.');
    for (const [part, value] of [['day', today.getDate()], ['month', today.getMonth() + 1], ['year', today.getFullYear()]] as const) {
      await page.locator(`#startsOn-${part}`).fill(String(value));
    }
    await page.getByRole('button', { name: 'Record the exception' }).click();
    const record = new ServicePage(page);
    await record.checkAccessibility();
    await expect(page.getByText('Hospital admission; letter from the consultant on file.')).toBeVisible();
    await expect(page.getByText('Exception to the time limits recorded')).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/record-with-exception.png', fullPage: true });
  });
});
