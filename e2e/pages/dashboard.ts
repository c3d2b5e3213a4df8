import type { Download, Locator, Page } from '@playwright/test';
import { ChildRecordPage } from './child-record.ts';
import { ServicePage } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** Downloads offered under a table: CSV and Excel. */
async function download(page: Page, name: 'CSV' | 'Excel (XLSX)'): Promise<Download> {
  const started = page.waitForEvent('download');
  await page.getByRole('link', { name, exact: true }).click();
  return started;
}

/** "Service dashboard": every measure for a period, each figure linked to the cases behind it. */
export class DashboardPage extends ServicePage {
  static readonly path = '/reporting';

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page, query = ''): Promise<DashboardPage> {
    return new DashboardPage(page).goto(`${DashboardPage.path}${query}`);
  }

  measuresTable(): Locator {
    return this.page.getByRole('table', { name: 'The service’s measures' });
  }

  /** A measure's row. */
  row(title: string): Locator {
    return this.measuresTable().getByRole('row').filter({ hasText: title });
  }

  /** Chooses the filters and shows the figures again: a bookmarkable address. */
  async filter(options: { from?: string; to?: string; stage?: string; need?: string }): Promise<DashboardPage> {
    if (options.from) await this.page.getByLabel('From').selectOption({ label: options.from });
    if (options.to) await this.page.getByLabel('To', { exact: true }).selectOption({ label: options.to });
    if (options.stage) await this.page.getByLabel('Stage now').selectOption({ label: options.stage });
    if (options.need) await this.page.getByLabel('Primary need').selectOption({ label: options.need });
    await this.page.getByRole('button', { name: 'Show the figures' }).click();
    return DashboardPage.arrive(this.page);
  }

  /** A measure's page, month by month. */
  async measure(title: string): Promise<MeasurePage> {
    await this.measuresTable().getByRole('link', { name: `${title}: month by month` }).click();
    return MeasurePage.arrive(this.page);
  }

  /** The cases behind a measure's whole figure (its denominator, or a count's cases). */
  async casesBehind(title: string): Promise<MeasureCasesPage> {
    await this.row(title).getByRole('link', { name: new RegExp(`cases`) }).last().click();
    return MeasureCasesPage.arrive(this.page);
  }

  downloadCsv(): Promise<Download> {
    return download(this.page, 'CSV');
  }

  downloadXlsx(): Promise<Download> {
    return download(this.page, 'Excel (XLSX)');
  }
}

/** One measure month by month: a chart with its table beside it. */
export class MeasurePage extends ServicePage {
  static readonly address = '/reporting/measures/[^/]+';

  readonly navigation = new StaffNavigation(this.page);

  /** A count of cases as they stand is charted at the end of each month; the others month by month. */
  chart(name: string, months: 'month by month' | 'at the end of each month' = 'month by month'): Locator {
    return this.page.getByRole('img', { name: `${name}, ${months}` });
  }

  monthsTable(name: string, months: 'month by month' | 'at the end of each month' = 'month by month'): Locator {
    return this.page.getByRole('table', { name: `${name}, ${months}` });
  }

  /** The cases behind the figure over the period (or today's, for a count of cases as they stand). */
  async casesBehindPeriod(): Promise<MeasureCasesPage> {
    await this.page.getByRole('link', { name: /case(s)? behind the figure/ }).click();
    return MeasureCasesPage.arrive(this.page);
  }

  /** The cases behind one month's figure: the first month's link with cases. */
  async firstMonthWithCases(name: string, months: 'month by month' | 'at the end of each month' = 'month by month'): Promise<MeasureCasesPage> {
    await this.monthsTable(name, months).getByRole('link').first().click();
    return MeasureCasesPage.arrive(this.page);
  }
}

/** The cases behind a figure. */
export class MeasureCasesPage extends ServicePage {
  static readonly address = '/reporting/measures/[^/]+/cases';

  readonly navigation = new StaffNavigation(this.page);

  /** "12 cases, in March 2026." */
  count(): Locator {
    return this.page.locator('#cases-count');
  }

  rows(): Locator {
    return this.page.locator('table tbody tr');
  }

  async firstChild(): Promise<ChildRecordPage> {
    await this.rows().first().locator('td').first().getByRole('link').click();
    return ChildRecordPage.arrive(this.page);
  }

  downloadCsv(): Promise<Download> {
    return download(this.page, 'CSV');
  }

  downloadXlsx(): Promise<Download> {
    return download(this.page, 'Excel (XLSX)');
  }
}
