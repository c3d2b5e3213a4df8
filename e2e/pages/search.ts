import type { Locator, Page } from '@playwright/test';
import { ChildRecordPage } from './child-record.ts';
import { ServicePage } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** "Find a child": search by name, date of birth or UPN. */
export class SearchPage extends ServicePage {
  static readonly path = '/search';

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page): Promise<SearchPage> {
    return new SearchPage(page).goto(SearchPage.path);
  }

  searchField(): Locator {
    return this.page.getByLabel('Name, date of birth or UPN');
  }

  /** Searches, and returns the page of results. */
  async searchFor(words: string): Promise<SearchPage> {
    await this.searchField().fill(words);
    await this.page.getByRole('button', { name: 'Search' }).click();
    return SearchPage.arrive(this.page);
  }

  /** The heading that counts the results. */
  resultCount(): Locator {
    return this.page.getByRole('heading', { level: 2 });
  }

  /** The link to a child's record among the results, by the child's name. */
  childLink(name: string): Locator {
    return this.page.getByRole('link', { name });
  }

  async openChild(name: string): Promise<ChildRecordPage> {
    await this.childLink(name).click();
    return ChildRecordPage.arrive(this.page);
  }
}
