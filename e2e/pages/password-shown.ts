import type { Locator } from '@playwright/test';
import { ServicePage } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';
import { UserPage } from './user.ts';

/**
 * A new account's first password, or a new password an administrator set, shown once. Reached
 * only by sending the form, at the form's address: it has none of its own to open.
 */
export class PasswordShownPage extends ServicePage {
  static readonly address = '/users/(new|[^/]+/password)';

  readonly navigation = new StaffNavigation(this.page);

  panel(): Locator {
    return this.page.locator('.govuk-panel');
  }

  async password(): Promise<string> {
    return (await this.page.locator('#password').textContent())?.trim() ?? '';
  }

  async goToAccount(): Promise<UserPage> {
    await this.page.getByRole('link', { name: /^Go to .*’s account$/ }).click();
    return UserPage.arrive(this.page);
  }
}
