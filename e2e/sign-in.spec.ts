import { expect, test } from '@playwright/test';
import { AccountPage } from './pages/account.ts';
import { SignInPage } from './pages/sign-in.ts';
import { DEMO_OFFICER, signInAs } from './support/sign-in.ts';

test.describe('staff sign-in', () => {
  test('an officer signs in, sees their account and signs out', async ({ page }) => {
    await signInAs(page, DEMO_OFFICER);
    const account = await AccountPage.open(page);
    await expect(account.heading()).toHaveText('Your account');
    await expect(account.details()).toContainText(DEMO_OFFICER.name);
    await expect(account.details()).toContainText('Case officer');
    await account.screenshot('account', { fullPage: true });
    const signedOut = await account.navigation.signOut();
    await expect(signedOut.heading()).toHaveText('You have signed out');
    const signInPage = await AccountPage.openSignedOut(page);
    await expect(signInPage.page).toHaveURL(/\/sign-in\?returnTo=%2Faccount/);
  });

  test('a wrong password shows an error summary that links to the field', async ({ page }) => {
    const signInPage = await SignInPage.open(page);
    const refused = await signInPage.signInRefused(DEMO_OFFICER.email, 'not-the-password');
    await expect(refused.page).toHaveTitle(/^Error: Sign in/);
    const summary = refused.errorSummary();
    await expect(summary).toContainText('Enter a correct e-mail address and password');
    await refused.errorLink().click();
    await expect(refused.emailField()).toBeFocused();
    await refused.screenshot('sign-in-error', { fullPage: true });
  });

  test('empty fields are named in the error summary', async ({ page }) => {
    const signInPage = await SignInPage.open(page);
    const refused = await signInPage.signInRefused('', '');
    await expect(refused.errorSummary()).toContainText('Enter your e-mail address');
    await expect(refused.errorSummary()).toContainText('Enter your password');
  });
});
