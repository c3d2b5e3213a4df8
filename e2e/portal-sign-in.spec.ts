import { expect, test } from '@playwright/test';
import { PortalLinkRefusedPage, PortalSignInLinkPage, PortalSignInPage } from './pages/portal.ts';
import { SearchPage } from './pages/search.ts';
import { expectNoAccessibilityViolations } from './support/accessibility.ts';
import { expectWorksByKeyboard } from './support/keyboard.ts';
import { DEMO_OFFICER, signInAs } from './support/sign-in.ts';

test.describe('the family portal’s sign-in', () => {
  test('a parent invited by an officer signs in from the link in the outbox, sees the landing page and signs out; the link then works no more', async ({ page, browser }) => {
    // The officer invites Yasmin’s father from her record.
    await signInAs(page, DEMO_OFFICER);
    const search = await (await SearchPage.open(page)).searchFor('Yasmin Farooq');
    const record = await search.openChild('Yasmin Farooq');
    const invitation = await record.inviteToFamilyPortal();
    const email = `imran.${Date.now()}@portal-journey.example`;
    const account = await invitation.invite(/^Imran Farooq/, email);
    await expect(account.banner()).toContainText('Invitation sent');
    const message = await account.invitationInOutbox();
    await expect(message.words()).toContainText('Sign in with this link');
    const link = /\/portal\/sign-in\/link\/[A-Za-z0-9_-]+/.exec((await message.words().textContent()) ?? '')?.[0];
    expect(link, 'the invitation carries a sign-in link').toBeDefined();

    // The father, in a browser of his own.
    const parentContext = await browser.newContext();
    const parent = await parentContext.newPage();
    const opened = await PortalSignInLinkPage.open(parent, link!);
    await expect(opened.heading()).toHaveText('Sign in');
    const home = await opened.continueToSignIn();
    await expect(home.heading()).toHaveText('Hello, Imran Farooq');
    await expect(home.children()).toHaveText(['Yasmin']);
    const signedOut = await home.signOut();
    await expect(signedOut.heading()).toHaveText('You have signed out');

    // The link has been used: a clear message, and no session.
    const refused = await PortalLinkRefusedPage.open(parent, link!);
    expect(refused.response?.status()).toBe(410);
    await expect(refused.message()).toContainText('This sign-in link has already been used');
    await expect(refused.message()).toContainText('You have not been signed in');

    // Asking for a new link: the same answer as for anyone.
    const signIn = await PortalSignInPage.open(parent);
    const check = await signIn.askForLink(email);
    await expect(check.heading()).toHaveText('Check your e-mail');
    await parentContext.close();
  });

  test('the sign-in page works by keyboard alone, in English and in Urdu, right to left', async ({ page }) => {
    const signIn = await PortalSignInPage.open(page);
    await expectWorksByKeyboard(page);
    await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'اردو' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ur');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.getByRole('navigation', { name: 'زبان' }).getByRole('link', { name: 'English' })).toHaveAttribute('lang', 'en');
    await expectNoAccessibilityViolations(page);
    await expectWorksByKeyboard(page);
    await page.getByRole('navigation', { name: 'زبان' }).getByRole('link', { name: 'English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(signIn.heading()).toBeVisible();
  });
});
