import { expect, test } from '@playwright/test';
import { totpCodeAt } from '../src/lib/totp.ts';
import { AccountPage } from './pages/account.ts';
import { MyCasesPage } from './pages/my-cases.ts';
import { SignInPage } from './pages/sign-in.ts';
import { UserPage } from './pages/user.ts';
import { DEMO_ADMIN, signInAs } from './support/sign-in.ts';

test.describe('the second factor of staff', () => {
  test('a new officer sets up an authenticator app, signs in with its code and a recovery code, and signs out everywhere; an administrator resets it', async ({ page, browser }) => {
    test.slow();
    // The demo's printed accounts go without a second factor on the embedded database, and the page says so.
    await expect((await SignInPage.open(page)).demoNote()).toContainText('Its printed demo accounts sign in with their password alone');
    const users = await signInAs(page, DEMO_ADMIN);
    const email = `second-factor-${Date.now()}@send-demo.example`;
    const created = await (await users.addUser()).addUser({ name: 'Journey Second Factor', email, role: 'Case officer' });
    const password = await created.password();
    const account = await created.goToAccount();
    await expect(account.details()).toContainText('Not set up: at their next sign-in');

    const theirs = await browser.newContext();
    const theirPage = await theirs.newPage();
    const setUp = await (await SignInPage.open(theirPage)).signInToSetUp(email, password);
    await expect(setUp.qrCode()).toBeVisible();
    const secret = await setUp.key();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await setUp.screenshot('second-factor-set-up', { fullPage: true });
    const refused = await setUp.confirmRefused('12');
    await expect(refused.errorSummary()).toContainText('Enter the 6-digit code from your authenticator app');
    await refused.errorLink().click();
    await expect(refused.codeField()).toBeFocused();
    await refused.screenshot('second-factor-set-up-error', { fullPage: true });

    const codes = await refused.confirm(await totpCodeAt(secret, new Date()));
    const recoveryCodes = await codes.codes();
    expect(recoveryCodes).toHaveLength(10);
    await codes.screenshot('second-factor-recovery-codes', { fullPage: true });
    const home = await codes.carryOn(MyCasesPage);
    await expect(home.navigation.signOutButton()).toBeVisible();
    const theirAccount = await AccountPage.open(theirPage);
    await expect(theirAccount.secondFactorStatus()).toContainText('You have 10 unused recovery codes');
    await theirAccount.screenshot('account-second-factor', { fullPage: true });
    await theirAccount.navigation.signOut();

    // The next sign-in asks for the code; the code already used is not taken again, the app's next one is.
    const codePage = await (await SignInPage.open(theirPage)).signInToCode(email, password);
    await codePage.screenshot('second-factor-code', { fullPage: true });
    const wrong = await codePage.enterRefused('000000' === (await totpCodeAt(secret, new Date(Date.now() + 30_000))) ? '111111' : '000000');
    await expect(wrong.errorSummary()).toContainText('The code is not right');
    await wrong.screenshot('second-factor-code-error', { fullPage: true });
    const again = await wrong.enter(await totpCodeAt(secret, new Date(Date.now() + 30_000)), MyCasesPage);
    await again.navigation.signOut();

    // Without the phone: a recovery code, once.
    const withRecovery = await (await SignInPage.open(theirPage)).signInToCode(email, password);
    await withRecovery.enter(recoveryCodes[0]!, MyCasesPage);
    const signedOut = await (await AccountPage.open(theirPage)).signOutEverywhere();
    await expect(signedOut.heading()).toHaveText('You have signed out everywhere');
    await signedOut.screenshot('signed-out-everywhere', { fullPage: true });
    await theirs.close();

    // A lost phone and lost codes: an administrator resets the app; the next sign-in sets one up again.
    await page.reload();
    const reset = await (await (await UserPage.arrive(page)).resetSecondFactor()).confirm();
    await expect(reset.savedBanner()).toContainText('Second factor reset');
    await expect(reset.details()).toContainText('Not set up: at their next sign-in');
  });
});
