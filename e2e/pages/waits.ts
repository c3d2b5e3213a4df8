import type { Download, Locator, Page } from '@playwright/test';
import { ServicePage, type DateParts } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** "Waits for an officer": children who waited in the unallocated queue more than N working days in a period, with its CSV. */
export class WaitsPage extends ServicePage {
  static readonly path = '/team/caseloads/waits';

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page): Promise<WaitsPage> {
    return new WaitsPage(page).goto(WaitsPage.path);
  }

  waitsTable(): Locator {
    return this.page.getByRole('table', { name: /Children who waited more than/ });
  }

  rows(): Locator {
    return this.waitsTable().locator('tbody .govuk-table__row');
  }

  /** The report's figures: children, waits, the median and the longest wait. */
  figures(): Locator {
    return this.page.locator('.govuk-summary-list');
  }

  /** Asks the report again: a period and N, through the GET form (a bookmarkable address). */
  async ask(question: { from?: DateParts; to?: DateParts; days?: string }): Promise<WaitsPage> {
    if (question.from) await this.fillDate('from', question.from);
    if (question.to) await this.fillDate('to', question.to);
    if (question.days !== undefined) await this.page.getByLabel('Waited more than this many working days').fill(question.days);
    await this.page.getByRole('button', { name: 'Show the waits' }).click();
    return WaitsPage.arrive(this.page);
  }

  /** Downloads the waits as CSV. */
  async downloadCsv(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('link', { name: 'Download these waits as CSV' }).click();
    return download;
  }
}
