import type { Locator, Page } from '@playwright/test';
import { MyCasesPage } from './my-cases.ts';
import { ServicePage } from './service-page.ts';

/** Signing in, for staff. */
export class SignInPage extends ServicePage {
  static readonly path = '/sign-in';

  static async open(page: Page): Promise<SignInPage> {
    return new SignInPage(page).goto(SignInPage.path);
  }

  emailField(): Locator {
    return this.page.getByLabel('E-mail address');
  }

  passwordField(): Locator {
    return this.page.getByLabel('Password', { exact: true });
  }

  private async submit(email: string, password: string): Promise<void> {
    await this.emailField().fill(email);
    await this.passwordField().fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }

  /** Signs in from the sign-in page opened directly, which leads to My cases. */
  async signIn(email: string, password: string): Promise<MyCasesPage> {
    await this.submit(email, password);
    return MyCasesPage.arrive(this.page);
  }

  /** Sends details the service refuses: the sign-in page comes back with an error summary. */
  async signInRefused(email: string, password: string): Promise<SignInPage> {
    await this.submit(email, password);
    return SignInPage.arrive(this.page);
  }
}
