import type { Download, Locator, Page } from '@playwright/test';
import { TrailPage } from './audit-trails.ts';
import { ServicePage, type DateParts } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** "Access log": find a child by name, UPN or case reference, or choose a member of staff. */
export class AccessLogPage extends ServicePage {
  static readonly path = '/audit/access';

  /** Asked with nothing or no match, the page comes back at its form's address. */
  static readonly address = '/audit/access(/find|/staff)?';

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page): Promise<AccessLogPage> {
    return new AccessLogPage(page).goto(AccessLogPage.path);
  }

  private async find(typed: string): Promise<void> {
    await this.page.getByLabel('Child’s name, UPN or case reference').fill(typed);
    await this.page.getByRole('button', { name: 'Find the child' }).click();
  }

  /** Looks for a child no one matches: the page comes back with its error summary. */
  async findNoOne(typed: string): Promise<AccessLogPage> {
    await this.find(typed);
    return AccessLogPage.arrive(this.page);
  }

  /** Looks for a child that only one matches (a case reference): straight to who viewed them. */
  async findOne(typed: string): Promise<AccessChildPage> {
    await this.find(typed);
    return AccessChildPage.arrive(this.page);
  }

  /** Looks for children by a name many share: the list of them. */
  async findMany(typed: string): Promise<AccessChildrenPage> {
    await this.find(typed);
    return AccessChildrenPage.arrive(this.page);
  }

  async whatTheyViewed(label: string): Promise<AccessStaffPage> {
    await this.page.getByLabel('Member of staff').selectOption({ label });
    await this.page.getByRole('button', { name: 'Show what they viewed' }).click();
    return AccessStaffPage.arrive(this.page);
  }

  async unusualAccess(): Promise<UnusualAccessPage> {
    await this.page.getByRole('link', { name: 'Report of unusual access' }).click();
    return UnusualAccessPage.arrive(this.page);
  }
}

/** "Children found": more than one child matched. */
export class AccessChildrenPage extends ServicePage {
  static readonly address = '/audit/access/find';

  async choose(index = 0): Promise<AccessChildPage> {
    await this.page.locator('tbody a').nth(index).click();
    return AccessChildPage.arrive(this.page);
  }
}

/** "Who viewed …": the child's views and the lists they were on. */
export class AccessChildPage extends TrailPage {
  static readonly address = '/audit/access/children/[^/]+';

  async between(dates: { from?: DateParts; to?: DateParts }): Promise<AccessChildPage> {
    await this.filterBy(dates);
    return AccessChildPage.arrive(this.page);
  }

  async staff(name: string): Promise<AccessStaffPage> {
    await this.page.locator('tbody a[href^="/audit/access/staff/"]').filter({ hasText: name }).first().click();
    return AccessStaffPage.arrive(this.page);
  }

  /** Downloads the subject access request's ZIP. */
  async downloadEverything(): Promise<Download> {
    const started = this.page.waitForEvent('download');
    await this.page.getByRole('link', { name: /^Download everything held about/ }).click();
    return started;
  }
}

/** "What … viewed". */
export class AccessStaffPage extends TrailPage {
  static readonly address = '/audit/access/staff/[^/]+';

  async between(dates: { from?: DateParts; to?: DateParts }): Promise<AccessStaffPage> {
    await this.filterBy(dates);
    return AccessStaffPage.arrive(this.page);
  }

  async child(): Promise<AccessChildPage> {
    await this.page.locator('tbody a[href^="/audit/access/children/"]').first().click();
    return AccessChildPage.arrive(this.page);
  }
}

/** "Unusual access": the report over a period, with its thresholds. */
export class UnusualAccessPage extends ServicePage {
  static readonly address = '/audit/unusual';

  readonly navigation = new StaffNavigation(this.page);

  tables(): Locator {
    return this.page.locator('table');
  }

  async ask(options: { children?: string; minutes?: string; from?: DateParts }): Promise<UnusualAccessPage> {
    if (options.from) await this.fillDate('from', options.from);
    if (options.children !== undefined) await this.page.getByLabel('Children').fill(options.children);
    if (options.minutes !== undefined) await this.page.getByLabel('Within minutes').fill(options.minutes);
    await this.page.getByRole('button', { name: 'Show the report' }).click();
    return UnusualAccessPage.arrive(this.page);
  }

  /** Follows a row's link to who viewed the child on that day. */
  async firstChild(): Promise<AccessChildPage> {
    await this.page.locator('tbody a[href^="/audit/access/children/"]').first().click();
    return AccessChildPage.arrive(this.page);
  }
}
