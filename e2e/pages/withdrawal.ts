import { DecisionsPage } from './decisions.ts';
import { ServicePage, type DateParts } from './service-page.ts';

/** "Record that the request was withdrawn": who withdrew it, when and why. */
export class WithdrawalPage extends ServicePage {
  static readonly address = '/cases/[^/]+/decision/withdrawal';

  /** As the radio reads: "The parent or carer", "The young person", "The school or setting", "Someone else". */
  async chooseWhoWithdrew(who: string): Promise<void> {
    await this.page.getByLabel(who, { exact: true }).check();
  }

  async enterWithdrawnOn(date: DateParts): Promise<void> {
    await this.fillDate('withdrawnOn', date);
  }

  async enterReason(reason: string): Promise<void> {
    await this.page.getByLabel('Why was it withdrawn?').fill(reason);
  }

  private async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Record the withdrawal' }).click();
  }

  async withdraw(): Promise<DecisionsPage> {
    await this.submit();
    return DecisionsPage.arrive(this.page);
  }

  async withdrawRefused(): Promise<WithdrawalPage> {
    await this.submit();
    return WithdrawalPage.arrive(this.page);
  }
}
