import type { Locator, Page } from '@playwright/test';
import { ServicePage, type PageClass } from './service-page.ts';

/** Setting up the authenticator app, at a member of staff's first sign-in after their password. */
export class SecondFactorSetUpPage extends ServicePage {
  static readonly path = '/sign-in/set-up-second-factor';

  qrCode(): Locator {
    return this.page.getByRole('img', { name: 'QR code to scan with your authenticator app' });
  }

  /** The key for people who cannot scan the QR code, shown when they say so. */
  async key(): Promise<string> {
    await this.page.getByText('I cannot scan the QR code').click();
    return (await this.page.locator('#totp-secret').textContent())?.trim() ?? '';
  }

  codeField(): Locator {
    return this.page.getByLabel('6-digit code from the app');
  }

  private async submit(code: string): Promise<void> {
    await this.codeField().fill(code);
    await this.page.getByRole('button', { name: 'Continue' }).click();
  }

  async confirm(code: string): Promise<RecoveryCodesPage> {
    await this.submit(code);
    return RecoveryCodesPage.arrive(this.page);
  }

  async confirmRefused(code: string): Promise<SecondFactorSetUpPage> {
    await this.submit(code);
    return SecondFactorSetUpPage.arrive(this.page);
  }
}

/** The recovery codes, shown once when the app is set up: at the set-up form's address. */
export class RecoveryCodesPage extends ServicePage {
  static readonly address = '/sign-in/set-up-second-factor';

  async codes(): Promise<string[]> {
    return (await this.page.locator('#recovery-codes code').allTextContents()).map((code) => code.trim());
  }

  async carryOn<T extends ServicePage>(home: PageClass<T>): Promise<T> {
    await this.page.getByRole('link', { name: 'I have kept my codes – continue' }).click();
    return ServicePage.arrive.call<PageClass<T>, [Page], Promise<T>>(home, this.page);
  }
}

/** The code from the authenticator app (or a recovery code), after the password at every sign-in. */
export class SecondFactorPage extends ServicePage {
  static readonly address = '/sign-in/second-factor';

  codeField(): Locator {
    return this.page.getByLabel('Enter the code from your authenticator app');
  }

  private async submit(code: string): Promise<void> {
    await this.codeField().fill(code);
    await this.page.getByRole('button', { name: 'Continue' }).click();
  }

  async enter<T extends ServicePage>(code: string, home: PageClass<T>): Promise<T> {
    await this.submit(code);
    return ServicePage.arrive.call<PageClass<T>, [Page], Promise<T>>(home, this.page);
  }

  async enterRefused(code: string): Promise<SecondFactorPage> {
    await this.submit(code);
    return SecondFactorPage.arrive(this.page);
  }
}
