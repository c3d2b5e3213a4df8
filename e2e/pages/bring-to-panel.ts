import { DecisionsPage } from './decisions.ts';
import { ServicePage } from './service-page.ts';

/** "Bring to a panel": one of the panels to come (or of the last four weeks). */
export class BringToPanelPage extends ServicePage {
  static readonly address = '/cases/[^/]+/decision/panel';

  /** Chooses the panel by its name, as the radio reads it after the date. */
  async choose(title: string): Promise<void> {
    await this.page.getByRole('radio', { name: title }).check();
  }

  private async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Bring the case to the panel' }).click();
  }

  async bring(): Promise<DecisionsPage> {
    await this.submit();
    return DecisionsPage.arrive(this.page);
  }

  async bringRefused(): Promise<BringToPanelPage> {
    await this.submit();
    return BringToPanelPage.arrive(this.page);
  }
}
