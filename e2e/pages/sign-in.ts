import type { Locator, Page } from '@playwright/test';
import { ProviderSignInPage } from './provider-sign-in.ts';
import { SecondFactorPage, SecondFactorSetUpPage } from './second-factor.ts';
import { ServicePage, type PageClass } from './service-page.ts';

/** The page a member of staff starts on, which depends on their role: its page object's class. */
export type HomePage<T extends ServicePage> = PageClass<T>;

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
    await this.page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }

  /**
   * Signs in from the sign-in page opened directly, which leads to the person's home: My cases
   * for a case officer, the team for a manager, the users for an administrator, the figures for
   * the improvement board.
   */
  async signIn<T extends ServicePage>(email: string, password: string, home: HomePage<T>): Promise<T> {
    await this.submit(email, password);
    // The home page is the first a server busy with the demo's jobs at start serves: arriving at
    // it waits for the browser to leave sign-in and reach the home's address, however long that
    // takes, not on a 5 s timer.
    return ServicePage.arrive.call<HomePage<T>, [Page], Promise<T>>(home, this.page);
  }

  /** Follows "Sign in with your council account" to the council's identity provider. */
  async signInWithCouncilAccount(): Promise<ProviderSignInPage> {
    await this.page.getByRole('button', { name: 'Sign in with your council account' }).click();
    return ProviderSignInPage.arrive(this.page);
  }

  /** Signs in for the first time, or after an administrator's reset: the authenticator app is set up next. */
  async signInToSetUp(email: string, password: string): Promise<SecondFactorSetUpPage> {
    await this.submit(email, password);
    return SecondFactorSetUpPage.arrive(this.page);
  }

  /** Signs in with the password: the code from the authenticator app is asked for next. */
  async signInToCode(email: string, password: string): Promise<SecondFactorPage> {
    await this.submit(email, password);
    return SecondFactorPage.arrive(this.page);
  }

  /** Whether the page says the demo's accounts go without a second factor. */
  demoNote(): Locator {
    return this.page.locator('.govuk-inset-text');
  }

  /** Sends details the service refuses: the sign-in page comes back with an error summary. */
  async signInRefused(email: string, password: string): Promise<SignInPage> {
    await this.submit(email, password);
    return SignInPage.arrive(this.page);
  }
}
