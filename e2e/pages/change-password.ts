import type { Locator, Page } from '@playwright/test';
import { AccountPage } from './account.ts';
import { ServicePage } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

export type PasswordChange = { current: string; next: string; confirm?: string };

/** "Change your password", from the account page. */
export class ChangePasswordPage extends ServicePage {
  static readonly path = '/account/password';

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page): Promise<ChangePasswordPage> {
    return new ChangePasswordPage(page).goto(ChangePasswordPage.path);
  }

  currentPassword(): Locator {
    return this.page.getByLabel('Current password', { exact: true });
  }

  newPassword(): Locator {
    return this.page.getByLabel('New password', { exact: true });
  }

  confirmPassword(): Locator {
    return this.page.getByLabel('Confirm new password', { exact: true });
  }

  private async submit(change: PasswordChange): Promise<void> {
    await this.currentPassword().fill(change.current);
    await this.newPassword().fill(change.next);
    await this.confirmPassword().fill(change.confirm ?? change.next);
    await this.page.getByRole('button', { name: 'Change password' }).click();
  }

  /** Changes the password: back to the account page, which confirms it. */
  async change(change: PasswordChange): Promise<AccountPage> {
    await this.submit(change);
    return AccountPage.arrive(this.page);
  }

  /** Sends what the service refuses: the form comes back, empty, with an error summary. */
  async changeRefused(change: PasswordChange): Promise<ChangePasswordPage> {
    await this.submit(change);
    return ChangePasswordPage.arrive(this.page);
  }
}
