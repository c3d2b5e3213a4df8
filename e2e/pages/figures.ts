import type { Locator, Page } from '@playwright/test';
import { ServicePage } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** "The service’s figures": counts only, the improvement board's home. */
export class FiguresPage extends ServicePage {
  static readonly path = '/figures';

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page): Promise<FiguresPage> {
    return new FiguresPage(page).goto(FiguresPage.path);
  }

  /** The table of open cases by stage. */
  stagesTable(): Locator {
    return this.page.locator('table').first();
  }
}
