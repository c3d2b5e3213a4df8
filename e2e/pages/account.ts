import type { Locator, Page } from '@playwright/test';
import { ChangePasswordPage } from './change-password.ts';
import { ServicePage } from './service-page.ts';
import { SignInPage } from './sign-in.ts';
import { SignedOutPage } from './signed-out.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** "Your account": who is signed in, and their role. */
export class AccountPage extends ServicePage {
  static readonly path = '/account';

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page): Promise<AccountPage> {
    return new AccountPage(page).goto(AccountPage.path);
  }

  /** Asks for the account page without a session: the service sends the browser to sign in. */
  static async openSignedOut(page: Page): Promise<SignInPage> {
    await page.goto(AccountPage.path);
    return SignInPage.arrive(page);
  }

  /** Name, e-mail address, role and council. */
  details(): Locator {
    return this.page.locator('.govuk-summary-list');
  }

  /** The green banner after a change, such as a new password. */
  successBanner(): Locator {
    return this.page.locator('.govuk-notification-banner--success');
  }

  /** What the page says of the authenticator app. */
  secondFactorStatus(): Locator {
    return this.page.getByRole('heading', { name: 'Authenticator app' }).locator('xpath=following-sibling::p[1]');
  }

  async signOutEverywhere(): Promise<SignedOutPage> {
    await this.page.getByRole('button', { name: 'Sign out everywhere' }).click();
    return SignedOutPage.arrive(this.page);
  }

  async changePassword(): Promise<ChangePasswordPage> {
    await this.page.getByRole('main').getByRole('link', { name: 'Change your password' }).click();
    return ChangePasswordPage.arrive(this.page);
  }
}
