import type { Locator, Page } from '@playwright/test';
import { AuditLogPage } from './audit-log.ts';
import { NewUserPage } from './new-user.ts';
import { ServicePage } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';
import { UserPage } from './user.ts';

/** "Users", an administrator's home: the council's staff accounts by name. */
export class UsersPage extends ServicePage {
  static readonly path = '/users';

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page): Promise<UsersPage> {
    return new UsersPage(page).goto(UsersPage.path);
  }

  /** The row of one person, by name. */
  row(name: string): Locator {
    return this.page.locator('tbody .govuk-table__row', { has: this.page.getByRole('link', { name, exact: true }) });
  }

  async addUser(): Promise<NewUserPage> {
    await this.page.getByRole('button', { name: 'Add a user' }).click();
    return NewUserPage.arrive(this.page);
  }

  async openUser(name: string): Promise<UserPage> {
    await this.page.getByRole('main').getByRole('link', { name, exact: true }).click();
    return UserPage.arrive(this.page);
  }

  async readAuditLog(): Promise<AuditLogPage> {
    await this.page.getByRole('main').getByRole('link', { name: 'Read the audit log' }).click();
    return AuditLogPage.arrive(this.page);
  }
}
