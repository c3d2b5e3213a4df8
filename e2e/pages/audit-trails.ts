import type { Locator } from '@playwright/test';
import { ServicePage, type DateParts } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** The filter and table the audit trails and the access log share: dates to read between, newest entries first. */
export abstract class TrailPage extends ServicePage {
  readonly navigation = new StaffNavigation(this.page);

  rows(): Locator {
    return this.page.locator('tbody .govuk-table__row');
  }

  protected async filterBy(dates: { from?: DateParts; to?: DateParts }): Promise<void> {
    if (dates.from) await this.fillDate('from', dates.from);
    if (dates.to) await this.fillDate('to', dates.to);
    await this.page.getByRole('button', { name: 'Show these dates' }).click();
  }
}

/** "What … did": one member of staff's changes, views and lists, newest first. */
export class StaffTrailPage extends TrailPage {
  static readonly address = '/audit/staff/[^/]+';

  static url(userId: string): string {
    return `/audit/staff/${encodeURIComponent(userId)}`;
  }

  async between(dates: { from?: DateParts; to?: DateParts }): Promise<StaffTrailPage> {
    await this.filterBy(dates);
    return StaffTrailPage.arrive(this.page);
  }

  /**
   * Opens the trail of a child the table names: by name, or the first named in a row saying what
   * was done (`action`, for example "Viewed the record"), or the first named at all.
   */
  async childTrail(choose: { name?: string; action?: string } = {}): Promise<ChildTrailPage> {
    const rows = choose.action === undefined ? this.rows() : this.rows().filter({ hasText: choose.action });
    const links = rows.locator('a[href^="/audit/children/"]');
    await (choose.name === undefined ? links : links.filter({ hasText: choose.name })).first().click();
    return ChildTrailPage.arrive(this.page);
  }
}

/** "Who viewed or changed the record of …". */
export class ChildTrailPage extends TrailPage {
  static readonly address = '/audit/children/[^/]+';

  static url(childId: string): string {
    return `/audit/children/${encodeURIComponent(childId)}`;
  }

  async between(dates: { from?: DateParts; to?: DateParts }): Promise<ChildTrailPage> {
    await this.filterBy(dates);
    return ChildTrailPage.arrive(this.page);
  }

  /** Opens the trail of a member of staff the table names. */
  async staffTrail(name: string): Promise<StaffTrailPage> {
    await this.page.locator('tbody a[href^="/audit/staff/"]').filter({ hasText: name }).first().click();
    return StaffTrailPage.arrive(this.page);
  }
}
