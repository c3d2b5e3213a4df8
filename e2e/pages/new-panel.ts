import { AgendaPage } from './agenda.ts';
import { ServicePage, type DateParts } from './service-page.ts';

/** "Arrange a panel": the day it meets and its name. */
export class NewPanelPage extends ServicePage {
  static readonly address = '/panels/new';

  async enterHeldOn(date: DateParts): Promise<void> {
    await this.fillDate('heldOn', date);
  }

  async enterTitle(title: string): Promise<void> {
    await this.page.getByLabel('Name of the panel').fill(title);
  }

  private async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Arrange the panel' }).click();
  }

  async arrange(): Promise<AgendaPage> {
    await this.submit();
    return AgendaPage.arrive(this.page);
  }

  async arrangeRefused(): Promise<NewPanelPage> {
    await this.submit();
    return NewPanelPage.arrive(this.page);
  }
}
