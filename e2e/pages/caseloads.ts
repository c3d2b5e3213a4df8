import type { Locator, Page } from '@playwright/test';
import { ChildRecordPage } from './child-record.ts';
import { ServicePage } from './service-page.ts';
import { SetCoverPage } from './set-cover.ts';
import { StaffNavigation } from './staff-navigation.ts';

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

  /** Filters by stage and school, as a bookmarkable address. */
  async filter(options: { stage?: string; school?: string }): Promise<CaseloadsPage> {
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

  /** The form to set cover for an officer who is away. */
  async setCoverForAnOfficer(): Promise<SetCoverPage> {
    await this.page.getByRole('link', { name: 'Set cover for an officer away' }).click();
    return SetCoverPage.arrive(this.page);
  }

  banner(): Locator {
    return this.page.locator('.govuk-notification-banner');
  }

  /** An officer's row of the caseloads table, by their name. */
  officerRow(name: string): Locator {
    return this.caseloadsTable().locator('tbody tr').filter({ hasText: name });
  }

  async howCasesAreWeighted(): Promise<WeightsPage> {
    await this.page.getByRole('link', { name: 'How cases are weighted' }).click();
    return WeightsPage.arrive(this.page);
  }
}

/** The open cases behind a figure of the caseloads page, each with its weight explained. */
export class CaseloadCasesPage extends ServicePage {
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
