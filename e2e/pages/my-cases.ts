import type { Locator, Page } from '@playwright/test';
import { ChildRecordPage } from './child-record.ts';
import { ConsultationsOverduePage } from './consultations-overdue.ts';
import { NewRequestPage } from './new-request.ts';
import { ServicePage } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** "My cases": the officer's open cases, the next statutory deadline first, 50 to a page. */
export class MyCasesPage extends ServicePage {
  static readonly path = '/cases';

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page): Promise<MyCasesPage> {
    return new MyCasesPage(page).goto(MyCasesPage.path);
  }

  /** The rows of the worklist on this page. */
  /** The cases' rows (not the contacts' table below them). */
  rows(): Locator {
    return this.page.getByRole('region', { name: 'My cases' }).locator('tbody .govuk-table__row');
  }

  /** The link to a child's record, by the child's name. */
  childLink(name: string): Locator {
    return this.page.getByRole('link', { name });
  }

  async openChild(name: string): Promise<ChildRecordPage> {
    await this.childLink(name).click();
    return ChildRecordPage.arrive(this.page);
  }

  /** Opens the record of the first child on this page. */
  async openFirstChild(): Promise<ChildRecordPage> {
    await this.rows().first().getByRole('link').first().click();
    return ChildRecordPage.arrive(this.page);
  }

  async nextPage(): Promise<MyCasesPage> {
    await this.page.getByRole('link', { name: 'Next' }).click();
    return MyCasesPage.arrive(this.page);
  }

  async consultationsOverdue(): Promise<ConsultationsOverduePage> {
    await this.page.getByRole('main').getByRole('link', { name: 'Consultations overdue on your cases' }).click();
    return ConsultationsOverduePage.arrive(this.page);
  }

  async recordNewRequest(): Promise<NewRequestPage> {
    await this.page.getByRole('main').getByRole('link', { name: 'Record a new request for an assessment' }).click();
    return NewRequestPage.arrive(this.page);
  }
}
