import { CaseAdvicePage } from './case-advice.ts';
import { ServicePage } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** "Declined or withdrawn" for one request for advice: what happened, and why. */
export class CloseAdviceRequestPage extends ServicePage {
  static readonly address = '/advice/[^/]+/close';

  static url(requestId: string): string {
    return `/advice/${encodeURIComponent(requestId)}/close`;
  }

  readonly navigation = new StaffNavigation(this.page);

  async chooseWithdrawn(reason: string): Promise<void> {
    await this.page.getByRole('radio', { name: 'The council withdrew the request' }).check();
    await this.page.getByLabel('Why?').fill(reason);
  }

  private async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save' }).click();
  }

  async save(): Promise<CaseAdvicePage> {
    await this.submit();
    return CaseAdvicePage.arrive(this.page);
  }

  async saveRefused(): Promise<CloseAdviceRequestPage> {
    await this.submit();
    return CloseAdviceRequestPage.arrive(this.page);
  }
}
