import type { Locator, Page } from '@playwright/test';
import { CaseAdvicePage } from './case-advice.ts';
import { ServicePage } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** "Late advice": advice awaited after its due date, on an officer's cases or across the service. */
export class LateAdvicePage extends ServicePage {
  static readonly path = '/advice/late';

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page): Promise<LateAdvicePage> {
    return new LateAdvicePage(page).goto(LateAdvicePage.path);
  }

  rows(): Locator {
    return this.page.locator('tbody .govuk-table__row');
  }

  /** The late requests from one organisation. */
  rowsFrom(organisation: string): Locator {
    return this.rows().filter({ hasText: organisation });
  }

  /** Shows only the advice late from one organisation. */
  async showFrom(organisation: string): Promise<LateAdvicePage> {
    await this.page.getByLabel('From').selectOption({ value: organisation });
    await this.page.getByRole('button', { name: 'Show' }).click();
    return LateAdvicePage.arrive(this.page);
  }

  async openCase(childName: string): Promise<CaseAdvicePage> {
    await this.page.getByRole('link', { name: childName }).first().click();
    return CaseAdvicePage.arrive(this.page);
  }
}
