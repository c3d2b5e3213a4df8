import { expect, test } from '@playwright/test';
import { ServicePage } from './pages/service-page.ts';
import { DEMO_OFFICER, signInAs } from './support/sign-in.ts';

// Check letter computed by the DfE CBDS rule for the body 930123420015.
const NEW_UPN = 'J930123420015';

test.describe('an officer’s casework', () => {
  test('sees their cases ordered by the next deadline, across pages', async ({ page }) => {
    await signInAs(page, DEMO_OFFICER);
    const myCases = await new ServicePage(page).goto('/cases');
    await expect(myCases.heading()).toHaveText('My cases');
    const rows = page.locator('tbody .govuk-table__row');
    await expect(rows).toHaveCount(50);
    await page.screenshot({ path: 'test-results/screenshots/my-cases.png', fullPage: false });
    await page.getByRole('link', { name: 'Next' }).click();
    await new ServicePage(page).checkAccessibility();
    await expect(page).toHaveURL(/page=2/);
  });

  test('records a request for a new child, sees it on the worklist, opens the record and sees the event', async ({ page }) => {
    await signInAs(page, DEMO_OFFICER);
    const form = await new ServicePage(page).goto('/requests/new');
    await expect(form.heading()).toHaveText('Record a request for an EHC needs assessment');
    await page.getByLabel('First name').fill('Zuzanna');
    await page.getByLabel('Last name').fill('Wiśniewska-Test');
    await page.locator('#dateOfBirth-day').fill('14');
    await page.locator('#dateOfBirth-month').fill('6');
    await page.locator('#dateOfBirth-year').fill('2017');
    await page.getByLabel('Female').check();
    await page.getByLabel('Unique pupil number (UPN) (optional)').fill(NEW_UPN);
    const today = new Date();
    await page.locator('#receivedOn-day').fill(String(today.getDate()));
    await page.locator('#receivedOn-month').fill(String(today.getMonth() + 1));
    await page.locator('#receivedOn-year').fill(String(today.getFullYear()));
    await page.getByLabel('School or other education setting').check();
    await page.getByRole('button', { name: 'Record the request' }).click();

    const record = new ServicePage(page);
    await record.checkAccessibility();
    await expect(record.heading()).toHaveText('Zuzanna Wiśniewska-Test');
    await expect(page.locator('.govuk-summary-list').first()).toContainText('Amira Khan');
    await expect(page.getByText('Request for an EHC needs assessment received')).toBeVisible();
    await expect(page.getByText('Issue the final EHC plan', { exact: false }).first()).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/child-record.png', fullPage: true });

    // On the officer's worklist, in deadline order: a new request's first deadline is 6 weeks away.
    await page.getByRole('link', { name: 'My cases' }).click();
    await new ServicePage(page).checkAccessibility();
    const newCase = page.getByRole('link', { name: 'Zuzanna Wiśniewska-Test' });
    for (let pageNumber = 1; pageNumber < 5 && !(await newCase.isVisible()); pageNumber += 1) {
      await page.getByRole('link', { name: 'Next' }).click();
    }
    await expect(newCase).toBeVisible();

    await page.getByRole('link', { name: 'Find a child' }).click();
    await page.getByLabel('Name, date of birth or UPN').fill('wisniewska');
    await page.getByRole('button', { name: 'Search' }).click();
    await new ServicePage(page).checkAccessibility();
    await expect(page.getByRole('link', { name: 'Zuzanna Wiśniewska-Test' })).toBeVisible();

    await page.getByLabel('Name, date of birth or UPN').fill(NEW_UPN.toLowerCase());
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByRole('link', { name: 'Zuzanna Wiśniewska-Test' })).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/search.png', fullPage: false });
  });

  test('a request with bad input gets an error summary and records nothing', async ({ page }) => {
    await signInAs(page, DEMO_OFFICER);
    await new ServicePage(page).goto('/requests/new');
    await page.getByLabel('First name').fill('<script>alert(1)</script>');
    await page.locator('#dateOfBirth-day').fill('30');
    await page.locator('#dateOfBirth-month').fill('2');
    await page.locator('#dateOfBirth-year').fill('2016');
    await page.getByLabel('Unique pupil number (UPN) (optional)').fill('K930123420015');
    await page.getByRole('button', { name: 'Record the request' }).click();
    const form = new ServicePage(page);
    await form.checkAccessibility();
    const summary = page.locator('.govuk-error-summary');
    await expect(summary).toContainText('Enter the child’s last name');
    await expect(summary).toContainText('The date of birth must be a real date');
    await expect(summary).toContainText('check letter');
    await expect(summary).toContainText('Select who made the request');
    await expect(page.getByLabel('First name')).toHaveValue('<script>alert(1)</script>');
    await page.screenshot({ path: 'test-results/screenshots/new-request-errors.png', fullPage: true });
  });
});
