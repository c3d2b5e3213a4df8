import { DecisionsPage } from './decisions.ts';
import { ServicePage, type DateParts } from './service-page.ts';

/** "Record views received": whose, when, and what they said. */
export class RecordViewsPage extends ServicePage {
  static readonly address = '/cases/[^/]+/decision/views/new';

  async choose(party: string): Promise<void> {
    await this.page.getByLabel(party, { exact: true }).check();
  }

  async enterReceivedOn(date: DateParts): Promise<void> {
    await this.fillDate('receivedOn', date);
  }

  async enterSummary(summary: string): Promise<void> {
    await this.page.getByLabel('Their views, in summary').fill(summary);
  }

  private async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Record the views' }).click();
  }

  async record(): Promise<DecisionsPage> {
    await this.submit();
    return DecisionsPage.arrive(this.page);
  }

  async recordRefused(): Promise<RecordViewsPage> {
    await this.submit();
    return RecordViewsPage.arrive(this.page);
  }
}
