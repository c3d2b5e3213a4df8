import type { Locator, Page } from '@playwright/test';
import { DecisionsPage } from './decisions.ts';
import { ServicePage } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** A panel's agenda: each case brought to it, and a form for the panel's recommendation on it. */
export class AgendaPage extends ServicePage {
  /** With a recommendation refused, the agenda comes back at the recommendation form's address. */
  static readonly address = '/panels/[^/]+(/cases/[^/]+/recommendation)?';

  static url(panelId: string): string {
    return `/panels/${encodeURIComponent(panelId)}`;
  }

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page, panelId: string): Promise<AgendaPage> {
    return new AgendaPage(page).goto(AgendaPage.url(panelId));
  }

  /** The panel's id, from the page's address. */
  panelId(): string {
    return /\/panels\/([^/?#]+)/.exec(this.page.url())![1]!;
  }

  savedBanner(): Locator {
    return this.page.locator('.govuk-notification-banner');
  }

  /** A case on the agenda, by the child's name. */
  entry(childName: string): Locator {
    return this.page.locator('.app-agenda__item').filter({ hasText: childName });
  }

  /** Fills the recommendation on a case: as the radio reads ("Assess", "Defer (bring back to a later panel)"), and a note. */
  async recommend(childName: string, recommendation: string, note?: string): Promise<void> {
    const entry = this.entry(childName);
    await entry.getByLabel(recommendation, { exact: true }).check();
    if (note !== undefined) await entry.getByRole('textbox').fill(note);
  }

  private async submit(childName: string): Promise<void> {
    await this.entry(childName).getByRole('button', { name: 'Record the recommendation' }).click();
  }

  async recordRecommendation(childName: string): Promise<AgendaPage> {
    await this.submit(childName);
    return AgendaPage.arrive(this.page);
  }

  async openCase(childName: string): Promise<DecisionsPage> {
    await this.entry(childName).getByRole('link', { name: new RegExp(childName) }).click();
    return DecisionsPage.arrive(this.page);
  }
}
