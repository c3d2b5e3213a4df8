import type { Locator, Page } from '@playwright/test';
import { ChildRecordPage } from './child-record.ts';
import { ServicePage, type DateParts } from './service-page.ts';
import { SetCoverPage } from './set-cover.ts';
import { StaffNavigation } from './staff-navigation.ts';
import { WaitsPage } from './waits.ts';

/** "Caseloads": every officer's open cases and weighted load against capacity, with a chart and filters. */
export class CaseloadsPage extends ServicePage {
  static readonly path = '/team/caseloads';

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page): Promise<CaseloadsPage> {
    return new CaseloadsPage(page).goto(CaseloadsPage.path);
  }

  /** The chart, as assistive technology meets it: an image with a name. */
  chart(): Locator {
    return this.page.getByRole('img', { name: 'Weighted load against capacity, by officer' });
  }

  /** The chart's figures, in the table beside it. */
  chartTable(): Locator {
    return this.page.getByRole('table', { name: 'Load against capacity, by officer' });
  }

  caseloadsTable(): Locator {
    return this.page.getByRole('table', { name: 'Caseloads by officer' });
  }

  /** Filters by team, stage and school, as a bookmarkable address. */
  async filter(options: { team?: string; stage?: string; school?: string }): Promise<CaseloadsPage> {
    if (options.team) await this.page.getByLabel('Team', { exact: true }).selectOption({ label: options.team });
    if (options.stage) await this.page.getByLabel('Stage').selectOption({ label: options.stage });
    if (options.school) await this.page.getByLabel('School or setting').selectOption({ label: options.school });
    await this.page.getByRole('button', { name: 'Filter' }).click();
    return CaseloadsPage.arrive(this.page);
  }

  /** The first officer's open cases, through the figure that counts them. */
  async firstOfficersCases(): Promise<CaseloadCasesPage> {
    await this.caseloadsTable().locator('tbody tr').first().locator('td').nth(1).getByRole('link').click();
    return CaseloadCasesPage.arrive(this.page);
  }

  /** The report of children who waited too long in the unallocated queue. */
  async waitsForAnOfficer(): Promise<WaitsPage> {
    await this.page.getByRole('link', { name: /^Waits for an officer/ }).click();
    return WaitsPage.arrive(this.page);
  }

  /** The leaving date and hand-over page of an officer, from their line of the table. */
  async handOver(officerName: string): Promise<HandoverPage> {
    await this.caseloadsTable().getByRole('link', { name: `Leaving date and hand-over for ${officerName}` }).click();
    return HandoverPage.arrive(this.page);
  }

  successBanner(): Locator {
    return this.page.locator('.govuk-notification-banner--success');
  }

  /** The officer's line of the table. */
  officerRow(officerName: string): Locator {
    return this.caseloadsTable().locator('tbody tr').filter({ hasText: officerName }).first();
  }

  /** The form to set cover for an officer who is away. */
  async setCoverForAnOfficer(): Promise<SetCoverPage> {
    await this.page.getByRole('link', { name: 'Set cover for an officer away' }).click();
    return SetCoverPage.arrive(this.page);
  }

  banner(): Locator {
    return this.page.locator('.govuk-notification-banner');
  }

  async howCasesAreWeighted(): Promise<WeightsPage> {
    await this.page.getByRole('link', { name: 'How cases are weighted' }).click();
    return WeightsPage.arrive(this.page);
  }
}

/** The open cases behind a figure of the caseloads page, each with its weight explained. */
export class CaseloadCasesPage extends ServicePage {
  static readonly address = '/team/caseloads/cases';

  readonly navigation = new StaffNavigation(this.page);

  rows(): Locator {
    return this.page.locator('tbody .govuk-table__row');
  }

  /** The weight column of each row: the weight, then the rules it matched. */
  weights(): Locator {
    return this.page.locator('tbody td:nth-child(2)');
  }

  async openFirstChild(): Promise<ChildRecordPage> {
    await this.rows().first().locator('td').first().getByRole('link').click();
    return ChildRecordPage.arrive(this.page);
  }
}

/** "Caseload weights": the rules and the cap; a form for administrators, a table for managers. */
export class WeightsPage extends ServicePage {
  static readonly path = '/team/caseloads/weights';

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page): Promise<WeightsPage> {
    return new WeightsPage(page).goto(WeightsPage.path);
  }

  weight(name: string): Locator {
    return this.page.getByLabel(name, { exact: true });
  }

  savedBanner(): Locator {
    return this.page.locator('.govuk-notification-banner');
  }

  private async save(weights: Record<string, string>): Promise<void> {
    for (const [name, value] of Object.entries(weights)) await this.weight(name).fill(value);
    await this.page.getByRole('button', { name: 'Save weights' }).click();
  }

  /** Saves the weights; back on this page with the banner. */
  async saveWeights(weights: Record<string, string>): Promise<WeightsPage> {
    await this.save(weights);
    return WeightsPage.arrive(this.page);
  }

  /** Saves weights the service refuses: the form again, with the error summary. */
  async saveWeightsRefused(weights: Record<string, string>): Promise<WeightsPage> {
    await this.save(weights);
    return WeightsPage.arrive(this.page);
  }
}

/** A leaving officer's caseload handed over: each case's recipient filled in with the suggestion, and the leaving date. */
export class HandoverPage extends ServicePage {
  /** With the leaving date refused, the page comes back at that form's address. */
  static readonly address = '/team/caseloads/handover/[^/]+(/leaving)?';

  readonly navigation = new StaffNavigation(this.page);

  successBanner(): Locator {
    return this.page.locator('.govuk-notification-banner--success');
  }

  casesTable(): Locator {
    return this.page.getByRole('table', { name: 'The cases and who receives each' });
  }

  recipientChoices(): Locator {
    return this.casesTable().locator('select');
  }

  async setLeavingDate(date: DateParts): Promise<HandoverPage> {
    await this.fillDate('leavingOn', date);
    await this.page.getByRole('button', { name: 'Save the leaving date' }).click();
    return HandoverPage.arrive(this.page);
  }

  /** Leaves the first case without a recipient (the confirmation is then refused); returns the officer it had, to choose again. */
  async clearFirstRecipient(): Promise<string> {
    const suggested = await this.recipientChoices().first().inputValue();
    await this.recipientChoices().first().selectOption({ value: '' });
    return suggested;
  }

  /** Gives the first case to this officer (by their id, as the list holds it). */
  async chooseFirstRecipient(officerId: string): Promise<void> {
    await this.recipientChoices().first().selectOption({ value: officerId });
  }

  async confirmRefused(): Promise<HandoverPage> {
    await this.page.getByRole('button', { name: 'Confirm the hand-over' }).click();
    return HandoverPage.arrive(this.page);
  }

  async confirm(): Promise<CaseloadsPage> {
    await this.page.getByRole('button', { name: 'Confirm the hand-over' }).click();
    return CaseloadsPage.arrive(this.page);
  }

  async giveReason(reason: string): Promise<void> {
    await this.page.getByLabel('If an officer goes over their cap, why?').fill(reason);
  }
}
