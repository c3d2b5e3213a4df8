import type { Locator, Page } from '@playwright/test';
import { CaseConsultationsPage } from './case-consultations.ts';
import { ServicePage } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** "Consultations overdue": schools that have not answered by the due date, on an officer's cases or across the service. */
export class ConsultationsOverduePage extends ServicePage {
  static readonly path = '/consultations/overdue';

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page): Promise<ConsultationsOverduePage> {
    return new ConsultationsOverduePage(page).goto(ConsultationsOverduePage.path);
  }

  rows(): Locator {
    return this.page.locator('tbody .govuk-table__row');
  }

  /** Opens the consultations of the case in the first row (the longest overdue). */
  async openFirstCase(): Promise<CaseConsultationsPage> {
    await this.rows().first().getByRole('link').first().click();
    return CaseConsultationsPage.arrive(this.page);
  }
}
