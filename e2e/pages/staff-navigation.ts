import type { Locator, Page } from '@playwright/test';
import { AccountPage } from './account.ts';
import { MyCasesPage } from './my-cases.ts';
import { NewRequestPage } from './new-request.ts';
import { SearchPage } from './search.ts';
import { SignedOutPage } from './signed-out.ts';
import { TeamDeadlinesPage } from './team-deadlines.ts';

/**
 * The service navigation on every page a signed-in member of staff sees: a part of those pages,
 * not a page. Each link leads to a page object, checked with axe on arrival.
 */
export class StaffNavigation {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  private bar(): Locator {
    return this.page.locator('.govuk-service-navigation');
  }

  link(name: string): Locator {
    return this.bar().getByRole('link', { name });
  }

  signOutButton(): Locator {
    return this.bar().getByRole('button', { name: 'Sign out' });
  }

  async myCases(): Promise<MyCasesPage> {
    await this.link('My cases').click();
    return MyCasesPage.arrive(this.page);
  }

  /** Only for managers. */
  async teamDeadlines(): Promise<TeamDeadlinesPage> {
    await this.link('Team deadlines').click();
    return TeamDeadlinesPage.arrive(this.page);
  }

  async findAChild(): Promise<SearchPage> {
    await this.link('Find a child').click();
    return SearchPage.arrive(this.page);
  }

  async newRequest(): Promise<NewRequestPage> {
    await this.link('New request').click();
    return NewRequestPage.arrive(this.page);
  }

  async yourAccount(): Promise<AccountPage> {
    await this.link('Your account').click();
    return AccountPage.arrive(this.page);
  }

  async signOut(): Promise<SignedOutPage> {
    await this.signOutButton().click();
    return SignedOutPage.arrive(this.page);
  }
}
