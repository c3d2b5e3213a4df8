import { expect, test } from '@playwright/test';
import { ProviderSignInFailedPage } from './pages/provider-sign-in.ts';
import { SignInPage } from './pages/sign-in.ts';
import { DEMO_OFFICER } from './support/sign-in.ts';

// The journeys' servers sign staff in through a stand-in for the council's identity provider on
// 127.0.0.1 (e2e/support/servers.ts), which asks for the e-mail address of the council account.
test.describe('staff sign-in with a council account', () => {
  test('an officer signs in through the council’s identity provider and lands on My cases', async ({ page }) => {
    const signInPage = await SignInPage.open(page);
    const provider = await signInPage.signInWithCouncilAccount();
    const myCases = await provider.signInAs(DEMO_OFFICER.email, DEMO_OFFICER.home);
    await expect(myCases.navigation.signOutButton()).toBeVisible();
  });

  test('a person who cancels, and a person with no account, are told so and not signed in', async ({ page }) => {
    // Cancelled first: once signed in at the provider, it asks no more in this browser.
    const cancelled = await (await SignInPage.open(page)).signInWithCouncilAccount().then((provider) => provider.cancel());
    await expect(cancelled.heading()).toHaveText('You have not been signed in');
    await cancelled.backToSignIn();
    const again = await SignInPage.arrive(page);

    const refused = await (await again.signInWithCouncilAccount()).signInAs('nobody@council.example', ProviderSignInFailedPage);
    await expect(refused.heading()).toHaveText('There is no account for you in this service');
    await expect(refused.page).toHaveTitle(/^There is no account for you in this service/);
    await expect(refused.navigation.signOutButton()).toHaveCount(0);
  });
});
