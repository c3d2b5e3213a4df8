import type { Locator, Page } from '@playwright/test';
import { ServicePage } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** "Annual reviews across the service": a manager's view by school, officer and month. */
export class ServiceReviewsPage extends ServicePage {
  static readonly address = '/team/reviews';

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page, query = ''): Promise<ServiceReviewsPage> {
    return new ServiceReviewsPage(page).goto(`/team/reviews${query}`);
  }

  groups(): Locator {
    return this.page.locator('table').first().locator('tbody .govuk-table__row');
  }
}
