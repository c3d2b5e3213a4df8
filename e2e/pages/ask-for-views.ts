import { DecisionsPage } from './decisions.ts';
import { ServicePage, type DateParts } from './service-page.ts';

/** "Ask for views": of the parent or the school, by a day. */
export class AskForViewsPage extends ServicePage {
  static readonly address = '/cases/[^/]+/decision/views/ask';

  /** As the radio reads: "The parent or carer", "The school or setting". */
  async choose(party: string): Promise<void> {
    await this.page.getByLabel(party, { exact: true }).check();
  }

  async enterRespondBy(date: DateParts): Promise<void> {
    await this.fillDate('respondBy', date);
  }

  private async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Ask for views' }).click();
  }

  async ask(): Promise<DecisionsPage> {
    await this.submit();
    return DecisionsPage.arrive(this.page);
  }

  async askRefused(): Promise<AskForViewsPage> {
    await this.submit();
    return AskForViewsPage.arrive(this.page);
  }
}
