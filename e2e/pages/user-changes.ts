import type { Page } from '@playwright/test';
import { PasswordShownPage } from './password-shown.ts';
import { ServicePage } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';
import { UserPage } from './user.ts';

/** "Change the role of …", from the person's page. */
export class ChangeRolePage extends ServicePage {
  static readonly address = '/users/[^/]+/role';

  static url(userId: string): string {
    return `/users/${encodeURIComponent(userId)}/role`;
  }

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page, userId: string): Promise<ChangeRolePage> {
    return new ChangeRolePage(page).goto(ChangeRolePage.url(userId));
  }

  async changeTo(role: string): Promise<UserPage> {
    await this.page.getByLabel(role, { exact: true }).check();
    await this.page.getByRole('button', { name: 'Change role' }).click();
    return UserPage.arrive(this.page);
  }
}

/** "Deactivate the account of …": asks to confirm. */
export class DeactivatePage extends ServicePage {
  static readonly address = '/users/[^/]+/deactivate';

  readonly navigation = new StaffNavigation(this.page);

  async confirm(): Promise<UserPage> {
    await this.page.getByRole('button', { name: 'Deactivate account' }).click();
    return UserPage.arrive(this.page);
  }

  /** Confirms what the service refuses: the page comes back with the reason in an error summary. */
  async confirmRefused(): Promise<DeactivatePage> {
    await this.page.getByRole('button', { name: 'Deactivate account' }).click();
    return DeactivatePage.arrive(this.page);
  }
}

/** "Set a new password for …": asks to confirm, then shows the new password once. */
export class ResetPasswordPage extends ServicePage {
  static readonly address = '/users/[^/]+/password';

  readonly navigation = new StaffNavigation(this.page);

  async confirm(): Promise<PasswordShownPage> {
    await this.page.getByRole('button', { name: 'Set a new password' }).click();
    return PasswordShownPage.arrive(this.page);
  }
}

/** "Reset the authenticator app of …": asks to confirm. */
export class ResetSecondFactorPage extends ServicePage {
  static readonly address = '/users/[^/]+/second-factor';

  readonly navigation = new StaffNavigation(this.page);

  async confirm(): Promise<UserPage> {
    await this.page.getByRole('button', { name: 'Reset authenticator app' }).click();
    return UserPage.arrive(this.page);
  }
}

/** "Revoke the API token …": asks to confirm. */
export class RevokeTokenPage extends ServicePage {
  static readonly address = '/users/[^/]+/tokens/[^/]+/revoke';

  readonly navigation = new StaffNavigation(this.page);

  async confirm(): Promise<UserPage> {
    await this.page.getByRole('button', { name: 'Revoke token' }).click();
    return UserPage.arrive(this.page);
  }
}
