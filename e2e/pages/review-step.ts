import { CaseReviewsPage } from './case-reviews.ts';
import { ServicePage, type DateParts } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** One step of a review: the views, the meeting held, the report or the decision. */
export class ReviewStepPage extends ServicePage {
  static readonly address = '/reviews/[^/]+/(views|held|report|decision)';

  readonly navigation = new StaffNavigation(this.page);

  async enterViews(views: { child?: string; family?: string }): Promise<void> {
    if (views.child !== undefined) await this.page.getByLabel('The child’s or young person’s views').fill(views.child);
    if (views.family !== undefined) await this.page.getByLabel('The family’s views').fill(views.family);
  }

  async enterHeld(heldOn: DateParts): Promise<void> {
    await this.fillDate('heldOn', heldOn);
  }

  async enterReport(report: { receivedOn: DateParts; summary?: string }): Promise<void> {
    await this.fillDate('receivedOn', report.receivedOn);
    if (report.summary !== undefined) await this.page.getByLabel('What the report recommends').fill(report.summary);
  }

  async enterDecision(decision: { decision?: string; decidedOn?: DateParts; reasons?: string }): Promise<void> {
    if (decision.decision) await this.page.getByRole('radio', { name: decision.decision }).check();
    if (decision.decidedOn) await this.fillDate('decidedOn', decision.decidedOn);
    if (decision.reasons !== undefined) await this.page.getByLabel('The reasons for the decision').fill(decision.reasons);
  }

  async save(): Promise<CaseReviewsPage> {
    await this.page.locator('form .govuk-button').click();
    return CaseReviewsPage.arrive(this.page);
  }

  async saveRefused(): Promise<ReviewStepPage> {
    await this.page.locator('form .govuk-button').click();
    return ReviewStepPage.arrive(this.page);
  }
}
