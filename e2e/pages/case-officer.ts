import type { Locator, Page } from '@playwright/test';
import { ServicePage } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** "Named officer": a case's officer, everyone who has held it, and (for a manager) the form to change it. */
export class CaseOfficerPage extends ServicePage {
  readonly navigation = new StaffNavigation(this.page);

  static readonly address = '/cases/[^/]+/officer';

  static url(caseId: string): string {
    return `/cases/${encodeURIComponent(caseId)}/officer`;
  }

  static async open(page: Page, caseId: string): Promise<CaseOfficerPage> {
    return new CaseOfficerPage(page).goto(CaseOfficerPage.url(caseId));
  }

  /** The sentence saying who holds the case now. */
  namedOfficer(): Locator {
    return this.page.locator('.app-named-officer');
  }

  /** Who has held the case, the latest first. */
  holders(): Locator {
    return this.page.getByRole('table', { name: /Who has held the case/ });
  }
}
