import type { Locator, Page } from '@playwright/test';
import { ChangeRolePage, DeactivatePage, ResetPasswordPage, ResetSecondFactorPage, RevokeTokenPage } from './user-changes.ts';
import { ServicePage } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';
import { StaffTrailPage } from './audit-trails.ts';

/** One member of staff's account, for an administrator: details, the ways to change it, API tokens. */
export class UserPage extends ServicePage {
  static readonly address = '/users/[^/]+';

  static url(userId: string): string {
    return `/users/${encodeURIComponent(userId)}`;
  }

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page, userId: string): Promise<UserPage> {
    return new UserPage(page).goto(UserPage.url(userId));
  }

  details(): Locator {
    return this.page.locator('.govuk-summary-list');
  }

  savedBanner(): Locator {
    return this.page.locator('.govuk-notification-banner--success');
  }

  /** The API tokens table. */
  tokens(): Locator {
    return this.page.locator('table');
  }

  async changeRole(): Promise<ChangeRolePage> {
    await this.page.getByRole('link', { name: /^Change role/ }).click();
    return ChangeRolePage.arrive(this.page);
  }

  async resetSecondFactor(): Promise<ResetSecondFactorPage> {
    await this.page.getByRole('link', { name: /^Reset authenticator app/ }).click();
    return ResetSecondFactorPage.arrive(this.page);
  }

  async deactivate(): Promise<DeactivatePage> {
    await this.page.getByRole('link', { name: /^Deactivate account/ }).click();
    return DeactivatePage.arrive(this.page);
  }

  async reactivate(): Promise<UserPage> {
    await this.page.getByRole('button', { name: 'Reactivate account' }).click();
    return UserPage.arrive(this.page);
  }

  async setNewPassword(): Promise<ResetPasswordPage> {
    await this.page.getByRole('link', { name: /^Set a new password/ }).click();
    return ResetPasswordPage.arrive(this.page);
  }

  /** Revokes a live token, by its name, from its row. */
  async revokeToken(name: string): Promise<RevokeTokenPage> {
    await this.page.getByRole('link', { name: `Revoke ${name}` }).click();
    return RevokeTokenPage.arrive(this.page);
  }

  async whatTheyDid(): Promise<StaffTrailPage> {
    await this.page.getByRole('link', { name: /^What .* has done$/ }).click();
    return StaffTrailPage.arrive(this.page);
  }
}
