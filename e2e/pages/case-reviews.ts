import type { Locator } from '@playwright/test';
import { ArrangeReviewPage } from './arrange-review.ts';
import { StartChangePage } from './plan-changes.ts';
import { ReviewStepPage } from './review-step.ts';
import { ServicePage } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** A case's annual reviews: the next one due, and each review's card with what can be recorded next. */
export class CaseReviewsPage extends ServicePage {
  static readonly address = '/cases/[^/]+/reviews';

  readonly navigation = new StaffNavigation(this.page);

  savedBanner(): Locator {
    return this.page.locator('.govuk-notification-banner');
  }

  reviews(): Locator {
    return this.page.locator('.govuk-summary-card');
  }

  async arrange(): Promise<ArrangeReviewPage> {
    await this.page.getByRole('button', { name: 'Arrange the annual review' }).click();
    return ArrangeReviewPage.arrive(this.page);
  }

  /** After a decision to amend or cease, the first review's link on to the amendment or the ceasing. */
  async goOn(action: 'Propose the amendments' | 'Go on to cease the plan'): Promise<StartChangePage> {
    await this.reviews().first().getByRole('link', { name: action }).click();
    return StartChangePage.arrive(this.page);
  }

  /** Follows one of the first review's actions, such as "Record the meeting held". */
  async record(action: 'Record the meeting held' | 'Record the review report' | 'Record the decision' | 'Record the child’s and family’s views'): Promise<ReviewStepPage> {
    await this.reviews().first().getByRole('link', { name: action }).click();
    return ReviewStepPage.arrive(this.page);
  }
}
