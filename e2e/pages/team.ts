import type { Locator, Page } from '@playwright/test';
import { CaseloadsPage } from './caseloads.ts';
import { FiguresPage } from './figures.ts';
import { ServicePage } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';
import { TeamDeadlinesPage } from './team-deadlines.ts';
import { UnallocatedPage } from './unallocated.ts';

/** "Your team", a manager's home: the team's missed and coming deadlines and the unallocated queue. */
export class TeamPage extends ServicePage {
  static readonly path = '/team';

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page): Promise<TeamPage> {
    return new TeamPage(page).goto(TeamPage.path);
  }

  /** The figures at the top: missed, due soon, waiting for an officer. */
  figures(): Locator {
    return this.page.locator('.app-figure');
  }

  /** The table of deadlines, then the table of the unallocated queue. */
  deadlinesTable(): Locator {
    return this.page.locator('table').nth(0);
  }

  queueTable(): Locator {
    return this.page.locator('table').nth(1);
  }

  async allDeadlines(): Promise<TeamDeadlinesPage> {
    await this.page.getByRole('link', { name: /^All the team’s deadlines/ }).click();
    return TeamDeadlinesPage.arrive(this.page);
  }

  async wholeQueue(): Promise<UnallocatedPage> {
    await this.page.getByRole('link', { name: /^The whole unallocated queue/ }).click();
    return UnallocatedPage.arrive(this.page);
  }

  async caseloads(): Promise<CaseloadsPage> {
    await this.page.getByRole('link', { name: /^Caseloads/ }).click();
    return CaseloadsPage.arrive(this.page);
  }

  async serviceFigures(): Promise<FiguresPage> {
    await this.page.getByRole('link', { name: 'The service’s figures' }).click();
    return FiguresPage.arrive(this.page);
  }
}
