import type { Locator, Page } from '@playwright/test';
import { CaseReviewsPage } from './case-reviews.ts';
import { SchoolReviewsPage } from './school-reviews.ts';
import { ServicePage } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** "Reviews due": the plans on an officer's cases due for review in the next 8 weeks, and overdue. */
export class ReviewsDuePage extends ServicePage {
  static readonly path = '/reviews';

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page): Promise<ReviewsDuePage> {
    return new ReviewsDuePage(page).goto(ReviewsDuePage.path);
  }

  rows(): Locator {
    return this.page.locator('tbody .govuk-table__row');
  }

  row(childName: string): Locator {
    return this.rows().filter({ hasText: childName });
  }

  async openReviewsOf(childName: string): Promise<CaseReviewsPage> {
    await this.row(childName).getByRole('link', { name: childName }).click();
    return CaseReviewsPage.arrive(this.page);
  }

  /** The school of the child in this row: its pupils due for review, to invite together. */
  async openSchoolOf(childName: string): Promise<SchoolReviewsPage> {
    await this.row(childName).getByRole('link').nth(1).click();
    return SchoolReviewsPage.arrive(this.page);
  }
}
