import type { Locator, Page } from '@playwright/test';
import { ServicePage } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** "Team deadlines", for managers: every deadline missed or due in the next 14 days. */
export class TeamDeadlinesPage extends ServicePage {
  static readonly path = '/team/deadlines';

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page): Promise<TeamDeadlinesPage> {
    return new TeamDeadlinesPage(page).goto(TeamDeadlinesPage.path);
  }

  /** The caption of the table, which counts what is overdue and what is due soon. */
  caption(): Locator {
    return this.page.locator('caption').first();
  }

  /** Filters by officer (by name, or "Unallocated cases") and stage, and shows the result. */
  async filter(filters: { officer?: string; stage?: string }): Promise<TeamDeadlinesPage> {
    if (filters.officer !== undefined) await this.page.getByLabel('Officer').selectOption({ label: filters.officer });
    if (filters.stage !== undefined) await this.page.getByLabel('Stage').selectOption({ label: filters.stage });
    await this.page.getByRole('button', { name: 'Filter' }).click();
    return TeamDeadlinesPage.arrive(this.page);
  }

  /** The officer named on each deadline on this page. */
  async officers(): Promise<string[]> {
    return this.page.locator('tbody td:nth-child(4)').allTextContents();
  }

  async nextPage(): Promise<TeamDeadlinesPage> {
    await this.page.getByRole('link', { name: 'Next' }).click();
    return TeamDeadlinesPage.arrive(this.page);
  }
}
