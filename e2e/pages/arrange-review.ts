import { CaseReviewsPage } from './case-reviews.ts';
import { ServicePage, type DateParts } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** "Arrange the annual review": the meeting, who holds it, the people invited. */
export class ArrangeReviewPage extends ServicePage {
  static readonly address = '/cases/[^/]+/reviews/new';

  readonly navigation = new StaffNavigation(this.page);

  async enter(review: { meetingOn?: DateParts; place?: string; headTeacherHolds?: boolean; invitee?: { role: string; name: string; email: string }; shortNoticeReason?: string }): Promise<void> {
    if (review.meetingOn) await this.fillDate('meetingOn', review.meetingOn);
    if (review.place !== undefined) await this.page.getByLabel('Where is it held?').fill(review.place);
    if (review.headTeacherHolds) await this.page.getByRole('checkbox', { name: 'The council requires the head teacher to hold it' }).check();
    if (review.invitee) {
      const first = this.page.getByRole('group', { name: 'Person 1' });
      await first.getByLabel('Who they are').selectOption({ label: review.invitee.role });
      await first.getByLabel('Name', { exact: true }).fill(review.invitee.name);
      await first.getByLabel('E-mail address').fill(review.invitee.email);
    }
    if (review.shortNoticeReason !== undefined) await this.page.getByLabel('If the meeting is less than 2 weeks away: why').fill(review.shortNoticeReason);
  }

  private async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Arrange the review and send the invitations' }).click();
  }

  async arrange(): Promise<CaseReviewsPage> {
    await this.submit();
    return CaseReviewsPage.arrive(this.page);
  }

  async arrangeRefused(): Promise<ArrangeReviewPage> {
    await this.submit();
    return ArrangeReviewPage.arrive(this.page);
  }
}
