import type { Locator } from '@playwright/test';
import { ServicePage, type DateParts } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** A school's pupils due for review in a term, invited together: one request to the school, one invitation per family. */
export class SchoolReviewsPage extends ServicePage {
  static readonly address = '/reviews/schools/[^/]+(/invited)?';

  readonly navigation = new StaffNavigation(this.page);

  pupils(): Locator {
    return this.page.locator('tbody .govuk-table__row');
  }

  banner(): Locator {
    return this.page.locator('.govuk-notification-banner');
  }

  async enter(invitation: { term?: string; firstMeetingOn?: DateParts; perDay?: string; contactName?: string; contactEmail?: string }): Promise<void> {
    if (invitation.term) await this.page.getByLabel('Term', { exact: true }).selectOption({ label: invitation.term });
    if (invitation.firstMeetingOn) await this.fillDate('firstMeetingOn', invitation.firstMeetingOn);
    if (invitation.perDay !== undefined) await this.page.getByLabel('Meetings a day').fill(invitation.perDay);
    if (invitation.contactName !== undefined) await this.page.getByLabel('Who at the school is the request sent to?').fill(invitation.contactName);
    if (invitation.contactEmail !== undefined) await this.page.getByLabel('Their e-mail address').fill(invitation.contactEmail);
  }

  async invite(): Promise<SchoolReviewsPage> {
    await this.page.getByRole('button', { name: 'Invite the pupils’ families and ask the school' }).click();
    return SchoolReviewsPage.arrive(this.page);
  }
}
