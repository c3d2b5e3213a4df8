import type { Locator, Page } from '@playwright/test';
import { ServicePage } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** "How long the logs are kept": each log's period, months held and next to go, and the form to change the periods. */
export class LogRetentionPage extends ServicePage {
  static readonly path = '/audit/retention';

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page): Promise<LogRetentionPage> {
    return new LogRetentionPage(page).goto(LogRetentionPage.path);
  }

  table(): Locator {
    return this.page.locator('table').first();
  }

  /** The table's row of a log, by its name ('Audit log', 'Record views', 'Lists shown'). */
  row(log: string): Locator {
    return this.table().locator('tbody tr').filter({ hasText: log });
  }

  /** Types the years for each log given, by its label, and saves: the page again, with its banner or its errors. */
  async save(years: Partial<Record<'Audit log' | 'Record views' | 'Lists shown', string>>): Promise<LogRetentionPage> {
    for (const [log, value] of Object.entries(years)) await this.page.getByLabel(`${log} (years)`).fill(value);
    await this.page.getByRole('button', { name: 'Save' }).click();
    return LogRetentionPage.arrive(this.page);
  }

  banner(): Locator {
    return this.page.locator('.govuk-notification-banner');
  }
}
