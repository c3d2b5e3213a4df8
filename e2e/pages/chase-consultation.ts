import type { Locator } from '@playwright/test';
import { CaseConsultationsPage } from './case-consultations.ts';
import { ServicePage } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** "Send a reminder to the school": what goes, to whom, and the button that confirms it. */
export class ChaseConsultationPage extends ServicePage {
  static readonly address = '/consultations/[^/]+/chase';

  readonly navigation = new StaffNavigation(this.page);

  explanation(): Locator {
    return this.page.locator('#chase');
  }

  async send(): Promise<CaseConsultationsPage> {
    await this.page.getByRole('button', { name: 'Send the reminder' }).click();
    return CaseConsultationsPage.arrive(this.page);
  }
}
