import { expect, test } from '@playwright/test';
import { AccountPage } from './pages/account.ts';
import { SignInPage } from './pages/sign-in.ts';
import { DEMO_ADMIN, signInAs } from './support/sign-in.ts';

const NEW_PASSWORD = 'Lantern-orchard-teapot';

test.describe('changing your password', () => {
  test('refusals are named in an error summary; a change is confirmed, and only the new password then signs in', async ({ page }) => {
    await signInAs(page, DEMO_ADMIN);
    const account = await AccountPage.open(page);
    const form = await account.changePassword();
    await expect(form.heading()).toHaveText('Change your password');

    const wrongCurrent = await form.changeRefused({ current: 'Not-the-password-at-all', next: NEW_PASSWORD });
    await expect(wrongCurrent.page).toHaveTitle(/^Error: Change your password/);
    await expect(wrongCurrent.errorSummary()).toContainText('Your current password is not right');
    await wrongCurrent.errorLink().click();
    await expect(wrongCurrent.currentPassword()).toBeFocused();
    // Nothing typed is shown again.
    await expect(wrongCurrent.newPassword()).toHaveValue('');

    const common = await wrongCurrent.changeRefused({ current: DEMO_ADMIN.password, next: 'password1234' });
    await expect(common.errorSummary()).toContainText('The new password is too common');
    const spaces = await common.changeRefused({ current: DEMO_ADMIN.password, next: ' '.repeat(12) });
    await expect(spaces.errorSummary()).toContainText('The new password must not be only spaces');
    const short = await spaces.changeRefused({ current: DEMO_ADMIN.password, next: 'Short-pass1' });
    await expect(short.errorSummary()).toContainText('The new password must be 12 characters or more');
    const mismatch = await short.changeRefused({ current: DEMO_ADMIN.password, next: NEW_PASSWORD, confirm: `${NEW_PASSWORD}!` });
    await expect(mismatch.errorSummary()).toContainText('The new passwords do not match');
    await mismatch.screenshot('change-password-error', { fullPage: true });

    const changed = await mismatch.change({ current: DEMO_ADMIN.password, next: NEW_PASSWORD });
    await expect(changed.heading()).toHaveText('Your account');
    await expect(changed.successBanner()).toContainText('Your password has been changed');
    await changed.screenshot('password-changed', { fullPage: true });

    await changed.navigation.signOut();
    const refused = await (await SignInPage.open(page)).signInRefused(DEMO_ADMIN.email, DEMO_ADMIN.password);
    await expect(refused.errorSummary()).toContainText('Enter a correct e-mail address and password');
    await signInAs(page, { ...DEMO_ADMIN, password: NEW_PASSWORD });

    // The demo administrator's printed password is put back for any journey after this one.
    const back = await (await (await AccountPage.open(page)).changePassword()).change({ current: NEW_PASSWORD, next: DEMO_ADMIN.password });
    await expect(back.successBanner()).toBeVisible();
  });
});
