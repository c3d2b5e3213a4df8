import type { Locator, Page, Response } from '@playwright/test';
import { ServicePage } from './service-page.ts';

/** The public "Check EHC deadlines" calculator: every page it shows is checked with axe. */
export class CheckDeadlinesPage extends ServicePage {
  static readonly path = '/check-ehc-deadlines';

  static async open(page: Page): Promise<CheckDeadlinesPage> {
    return new CheckDeadlinesPage(page).goto(CheckDeadlinesPage.path);
  }

  /** Opens the calculator in a browser without JavaScript, where axe cannot run. */
  static async openWithoutJavaScript(page: Page): Promise<CheckDeadlinesPage> {
    return new CheckDeadlinesPage(page).gotoWithoutJavaScript(CheckDeadlinesPage.path);
  }

  /** Clicks a button that submits the form, then checks the page it leads to. */
  async submit(button: string): Promise<Response | null> {
    // The form comes back to its own address: the page checked is the one whose load follows the
    // click, not the one still shown while the answer is on its way.
    const [response] = await Promise.all([
      this.page.waitForResponse((candidate) => new URL(candidate.url()).pathname === CheckDeadlinesPage.path),
      this.page.waitForEvent('load'),
      this.page.getByRole('button', { name: button }).click(),
    ]);
    await this.checkAccessibility();
    return response;
  }

  /** Chooses a process by its whole name ("Mediation" is not "Mediation certificate"). */
  async chooseProcess(name: string): Promise<void> {
    await this.page.getByRole('radio', { name, exact: true }).check();
    await this.submit('Continue');
  }

  /** One of the day, month and year fields of the date that answers the question. */
  dateField(question: string, part: 'Day' | 'Month' | 'Year'): Locator {
    return this.page.getByRole('group', { name: question }).getByLabel(part);
  }

  async enterDate(question: string, day: string, month: string, year: string): Promise<void> {
    await this.dateField(question, 'Day').fill(day);
    await this.dateField(question, 'Month').fill(month);
    await this.dateField(question, 'Year').fill(year);
  }

  async choose(question: string, option: string): Promise<void> {
    await this.page.getByRole('group', { name: question }).getByRole('radio', { name: option }).check();
  }

  deadlinesHeading(): Locator {
    return this.page.getByRole('heading', { level: 2, name: 'Deadlines' });
  }

  /** The list of deadlines, with the law each comes from. */
  deadlinesList(): Locator {
    return this.page.locator('.govuk-summary-list');
  }

  /** The deadlines shown, as [title, date] pairs. */
  async deadlines(): Promise<Array<[string, string]>> {
    const rows = this.page.locator('.govuk-summary-list__row');
    const pairs: Array<[string, string]> = [];
    for (const row of await rows.all()) {
      const title = (await row.locator('.govuk-summary-list__key').innerText()).trim();
      const date = (await row.locator('.govuk-summary-list__value p').first().innerText()).trim();
      pairs.push([title, date]);
    }
    return pairs;
  }

  /** The form control with this id, for example `requestReceived-day`. */
  field(id: string): Locator {
    return this.page.locator(`#${id}`);
  }

  /** The error message shown by a question, for example `requestReceived`. */
  errorMessage(question: string): Locator {
    return this.page.locator(`#${question}-error`);
  }
}

/** Shown instead of the calculator when a network has asked too often in the last minute. */
export class CheckDeadlinesTooManyRequestsPage extends ServicePage {
  static readonly address = '/check-ehc-deadlines';

  async checkDeadlinesAgain(): Promise<CheckDeadlinesPage> {
    await this.page.getByRole('main').getByRole('link', { name: 'check EHC deadlines' }).click();
    return CheckDeadlinesPage.arrive(this.page);
  }
}
