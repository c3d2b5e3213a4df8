import type { Locator, Page } from '@playwright/test';
import { ServicePage } from './service-page.ts';
import { SignInPage } from './sign-in.ts';

/** "You have signed out", after signing out. */
export class SignedOutPage extends ServicePage {
  static readonly path = '/signed-out';

  static async open(page: Page): Promise<SignedOutPage> {
    return new SignedOutPage(page).goto(SignedOutPage.path);
  }

  async signInAgain(): Promise<SignInPage> {
    await this.page.getByRole('main').getByRole('link', { name: 'Sign in again' }).click();
    return SignInPage.arrive(this.page);
  }
}

/**
 * "You need to sign in", in answer to a form sent after the session ended: nothing was saved.
 * Reached only by sending a form, so it has no address of its own to open.
 */
export class SignInNeededPage extends ServicePage {
  /** At the address of the form sent. */
  static readonly address = '/.*';

  /** Says the session ended because it was not used for a while. */
  expiredMessage(): Locator {
    return this.text('You were signed out because you had not used the service for a while', { exact: false });
  }

  async signIn(): Promise<SignInPage> {
    await this.page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
    return SignInPage.arrive(this.page);
  }
}
