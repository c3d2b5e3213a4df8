import type { Locator, Page } from '@playwright/test';
import { AgendaPage } from './agenda.ts';
import { NewPanelPage } from './new-panel.ts';
import { ServicePage } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** The decision-making panels: those to come and those held. */
export class PanelsPage extends ServicePage {
  static readonly path = '/panels';

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page): Promise<PanelsPage> {
    return new PanelsPage(page).goto(PanelsPage.path);
  }

  /** A panel's row, by its name. */
  panel(title: string): Locator {
    return this.page.locator('tbody tr').filter({ hasText: title });
  }

  async arrangePanel(): Promise<NewPanelPage> {
    await this.page.getByRole('button', { name: 'Arrange a panel' }).click();
    return NewPanelPage.arrive(this.page);
  }

  async openPanel(title: string): Promise<AgendaPage> {
    await this.page.getByRole('link', { name: title }).click();
    return AgendaPage.arrive(this.page);
  }
}
