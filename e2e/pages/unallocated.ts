import type { Locator, Page } from '@playwright/test';
import { AllocatePage } from './allocate.ts';
import { ServicePage } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** "Unallocated cases": every open case without an officer, the longest waiting first, 50 to a page. */
export class UnallocatedPage extends ServicePage {
  static readonly path = '/team/unallocated';

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page): Promise<UnallocatedPage> {
    return new UnallocatedPage(page).goto(UnallocatedPage.path);
  }

  rows(): Locator {
    return this.page.locator('tbody .govuk-table__row');
  }

  /** The day each case on the page joined the queue, as shown. */
  async waitingSince(): Promise<string[]> {
    return this.page.locator('tbody td:nth-child(2)').evaluateAll((cells) => cells.map((cell) => cell.childNodes[0]?.textContent?.trim() ?? ''));
  }

  /** "Allocate cases to an officer": for team managers and service leads, while cases wait. */
  async allocateCases(): Promise<AllocatePage> {
    await this.page.getByRole('link', { name: 'Allocate cases to an officer' }).click();
    return AllocatePage.arrive(this.page);
  }
}
