import { expect, test } from '@playwright/test';
import { ServicePage } from './pages/service-page.ts';
import { DEMO_OFFICER, SignInPage, signInAs } from './support/sign-in.ts';

test.describe('staff sign-in', () => {
  test('an officer signs in, sees their account and signs out', async ({ page }) => {
    await signInAs(page, DEMO_OFFICER);
    const account = await new ServicePage(page).goto('/account');
    await expect(account.heading()).toHaveText('Your account');
    await expect(page.locator('.govuk-summary-list')).toContainText(DEMO_OFFICER.name);
    await expect(page.locator('.govuk-summary-list')).toContainText('Case officer');
    await page.screenshot({ path: 'test-results/screenshots/account.png', fullPage: true });
    await page.getByRole('button', { name: 'Sign out' }).click();
    const signedOut = new ServicePage(page);
    await signedOut.checkAccessibility();
    await expect(signedOut.heading()).toHaveText('You have signed out');
    await page.goto('/account');
    await expect(page).toHaveURL(/\/sign-in\?returnTo=%2Faccount/);
  });

  test('a wrong password shows an error summary that links to the field', async ({ page }) => {
    const signInPage = await new SignInPage(page).open();
    await signInPage.signIn(DEMO_OFFICER.email, 'not-the-password');
    await expect(page).toHaveTitle(/^Error: Sign in/);
    const summary = page.locator('.govuk-error-summary');
    await expect(summary).toContainText('Enter a correct e-mail address and password');
    await summary.getByRole('link').click();
    await expect(page.getByLabel('E-mail address')).toBeFocused();
    await page.screenshot({ path: 'test-results/screenshots/sign-in-error.png', fullPage: true });
  });

  test('empty fields are named in the error summary', async ({ page }) => {
    const signInPage = await new SignInPage(page).open();
    await signInPage.signIn('', '');
    await expect(page.locator('.govuk-error-summary')).toContainText('Enter your e-mail address');
    await expect(page.locator('.govuk-error-summary')).toContainText('Enter your password');
  });
});
