import type { Locator, Page } from '@playwright/test';
import { ServicePage } from './service-page.ts';

/** "The public page of the plan": a manager chooses whether it is published and which measures it shows. */
export class PublicPageFormPage extends ServicePage {
  static readonly address = '/improvement-plan/public-page';

  /** From the plan's page. */
  static async fromPlan(page: Page): Promise<PublicPageFormPage> {
    await page.getByRole('link', { name: 'Choose what the public page shows', exact: true }).click();
    return PublicPageFormPage.arrive(page);
  }

  async publish(yes: boolean): Promise<void> {
    await this.page.getByRole('radio', { name: yes ? 'Yes, publish it' : 'No, keep it unpublished', exact: true }).check();
  }

  /** Ticks exactly these measures (by title) and no others. */
  async showOnly(titles: readonly string[]): Promise<void> {
    const boxes = this.page.getByRole('group', { name: 'Which measures does the page show?' }).getByRole('checkbox');
    for (const box of await boxes.all()) {
      const label = (await this.page.locator(`label[for="${await box.getAttribute('id')}"]`).textContent())?.trim() ?? '';
      await box.setChecked(titles.includes(label));
    }
  }

  async explain(title: string, words: string): Promise<void> {
    await this.page.getByRole('textbox', { name: new RegExp(`^What “${title}” means`) }).fill(words);
  }

  async save(): Promise<PublicPageFormPage> {
    await this.page.getByRole('button', { name: 'Save the public page', exact: true }).click();
    return PublicPageFormPage.arrive(this.page);
  }

  banner(): Locator {
    return this.page.locator('.govuk-notification-banner');
  }

  /** The public page's address, as the form gives it. */
  async address(): Promise<string> {
    return (await this.page.getByRole('link', { name: /^\/our-improvement-plan\// }).getAttribute('href')) ?? '';
  }
}

/** The council's public page of its improvement plan, for families: no sign-in. */
export class PublicPlanPage extends ServicePage {
  static readonly address = '/our-improvement-plan/\\d{3}';

  static async open(page: Page, address: string): Promise<PublicPlanPage> {
    return new PublicPlanPage(page).goto(address);
  }

  /** A measure's heading. */
  measure(title: string): Locator {
    return this.page.getByRole('heading', { level: 3, name: title, exact: true });
  }

  /** Every measure's heading, in order. */
  measureHeadings(): Locator {
    return this.page.locator('section.app-public-measure h3');
  }

  /** A measure's month-by-month table. */
  months(title: string): Locator {
    return this.page.getByRole('table', { name: `${title}: the last 12 months` });
  }

  serviceNavigation(): Locator {
    return this.page.locator('.govuk-service-navigation__list');
  }
}
