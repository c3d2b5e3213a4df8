import type { Locator, Page } from '@playwright/test';
import { ConsultSchoolPage } from './consult-school.ts';
import { ServicePage } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** "Phase transfers": a September's cohort, its counts, filters and children. */
export class PhaseTransfersPage extends ServicePage {
  static readonly path = '/phase-transfers';

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page, query = ''): Promise<PhaseTransfersPage> {
    return new PhaseTransfersPage(page).goto(`${PhaseTransfersPage.path}${query}`);
  }

  /** One of the counts: total, finalised, finalised-late, at-risk, late or on-track. */
  async count(name: string): Promise<number> {
    return Number((await this.page.locator(`[data-count="${name}"]`).innerText()).trim());
  }

  /** Follows a filter link, by the start of its text ("At risk"). */
  async filter(text: string): Promise<PhaseTransfersPage> {
    await this.page.getByRole('link', { name: new RegExp(`^${text} \\(\\d+\\)$`) }).click();
    return PhaseTransfersPage.arrive(this.page);
  }

  /** The chosen filter (marked as the current page among its links). */
  currentFilters(): Locator {
    return this.page.locator('[aria-current="page"]');
  }

  row(childName: string): Locator {
    return this.page.getByRole('row').filter({ hasText: childName });
  }

  async openChild(childName: string): Promise<PhaseTransferChildPage> {
    await this.page.getByRole('link', { name: childName }).click();
    return PhaseTransferChildPage.arrive(this.page);
  }
}

/** One child's phase transfer: the move, its deadline, the schools consulted. */
export class PhaseTransferChildPage extends ServicePage {
  static readonly address = '/phase-transfers/[^/]+/cases/[^/]+';

  readonly navigation = new StaffNavigation(this.page);

  summary(): Locator {
    return this.page.locator('.govuk-summary-list');
  }

  schoolsConsulted(): Locator {
    return this.page.getByRole('heading', { name: 'Schools consulted' }).locator('xpath=following-sibling::*[1]');
  }

  async consultTheNextSchool(): Promise<ConsultSchoolPage> {
    await this.page.getByRole('button', { name: 'Consult the next school' }).click();
    return ConsultSchoolPage.arrive(this.page);
  }

  async backToCohort(): Promise<PhaseTransfersPage> {
    await this.page.getByRole('link', { name: 'Back to the cohort' }).click();
    return PhaseTransfersPage.arrive(this.page);
  }
}
