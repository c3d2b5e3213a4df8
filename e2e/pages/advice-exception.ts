import { CaseAdvicePage } from './case-advice.ts';
import { ServicePage } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** "Record an exception to the advice’s time limit" (SEND Regs 2014 reg. 8(2)), for one request. */
export class AdviceExceptionPage extends ServicePage {
  static readonly address = '/advice/[^/]+/exception';

  static url(requestId: string): string {
    return `/advice/${encodeURIComponent(requestId)}/exception`;
  }

  readonly navigation = new StaffNavigation(this.page);

  async backToAdvice(): Promise<CaseAdvicePage> {
    await this.page.getByRole('link', { name: 'Back to the advice' }).click();
    return CaseAdvicePage.arrive(this.page);
  }
}
