import type { Page } from '@playwright/test';
import { PasswordShownPage } from './password-shown.ts';
import { ServicePage } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

export type NewUser = { name?: string; email?: string; role?: string };

/** "Add a user". */
export class NewUserPage extends ServicePage {
  static readonly path = '/users/new';

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page): Promise<NewUserPage> {
    return new NewUserPage(page).goto(NewUserPage.path);
  }

  private async submit(user: NewUser): Promise<void> {
    if (user.name !== undefined) await this.page.getByLabel('Full name').fill(user.name);
    if (user.email !== undefined) await this.page.getByLabel('E-mail address').fill(user.email);
    if (user.role !== undefined) await this.page.getByLabel(user.role, { exact: true }).check();
    await this.page.getByRole('button', { name: 'Add user' }).click();
  }

  /** Adds the user: the next page shows their first password, once. */
  async addUser(user: NewUser): Promise<PasswordShownPage> {
    await this.submit(user);
    return PasswordShownPage.arrive(this.page);
  }

  /** Sends what the service refuses: the form comes back with an error summary. */
  async addUserRefused(user: NewUser): Promise<NewUserPage> {
    await this.submit(user);
    return NewUserPage.arrive(this.page);
  }
}
