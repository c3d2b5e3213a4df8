import type { Locator, Page } from '@playwright/test';
import type { ChildRecordPage } from './child-record.ts';
import { ServicePage, type DateParts } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** A case's mediation and appeals, from the child's record. */
export class CaseAppealsPage extends ServicePage {
  static readonly address = '/cases/[^/]+/appeals';

  static async fromRecord(record: ChildRecordPage): Promise<CaseAppealsPage> {
    await record.page.getByRole('link', { name: 'Record mediation or an appeal' }).click();
    return CaseAppealsPage.arrive(record.page);
  }

  async registerAnAppeal(): Promise<RegisterAppealPage> {
    await this.page.getByRole('link', { name: 'Register an appeal' }).click();
    return RegisterAppealPage.arrive(this.page);
  }
}

/** The form that registers an appeal from the tribunal's letter. */
export class RegisterAppealPage extends ServicePage {
  static readonly address = '/cases/[^/]+/appeals/new';

  async fill(details: { type: string | RegExp; decision: string | RegExp; sections: string[]; reference: string; registeredOn: DateParts; responseDueOn: DateParts; hearingOn: DateParts }): Promise<void> {
    await this.page.getByLabel(details.type).check();
    await this.page.getByRole('group', { name: 'The decision appealed' }).getByLabel(details.decision).check();
    for (const section of details.sections) await this.page.getByLabel(section).check();
    await this.page.getByLabel('The tribunal’s reference').fill(details.reference);
    await this.fillDate('registeredOn', details.registeredOn);
    await this.fillDate('responseDueOn', details.responseDueOn);
    await this.fillDate('hearingOn', details.hearingOn);
  }

  async register(): Promise<AppealPage> {
    await this.page.getByRole('button', { name: 'Register the appeal' }).click();
    return AppealPage.arrive(this.page);
  }

  /** Submitted with a problem: the same form, with its error summary. */
  async registerRefused(): Promise<RegisterAppealPage> {
    await this.page.getByRole('button', { name: 'Register the appeal' }).click();
    return RegisterAppealPage.arrive(this.page);
  }
}

/** An appeal's page: its status, clocks, sections and orders, and the form for each next step. */
export class AppealPage extends ServicePage {
  static readonly address = '/appeals/[^/]+(/[^/]+)?';

  readonly navigation = new StaffNavigation(this.page);

  savedBanner(): Locator {
    return this.page.locator('.govuk-notification-banner');
  }

  status(): Locator {
    return this.page.locator('h1 ~ p .govuk-tag').first();
  }

  timeLimits(): Locator {
    return this.page.locator('.govuk-summary-list').nth(1);
  }

  private form(button: string): Locator {
    return this.page.locator('form').filter({ has: this.page.getByRole('button', { name: button }) });
  }

  async recordOutcome(outcomeOn: DateParts, outcomes: { section: string; outcome: string }[], order: string | RegExp): Promise<AppealPage> {
    const form = this.form('Record the outcome');
    for (const part of ['day', 'month', 'year'] as const) await form.locator(`input[name="outcomeOn-${part}"]`).fill(outcomeOn[part]);
    for (const entry of outcomes) await form.getByRole('group', { name: entry.section }).getByLabel(entry.outcome, { exact: true }).check();
    await form.getByRole('group', { name: 'The tribunal’s order' }).getByLabel(order).check();
    await form.getByRole('button', { name: 'Record the outcome' }).click();
    return AppealPage.arrive(this.page);
  }

  async recordOrderCarriedOut(on: DateParts): Promise<AppealPage> {
    const form = this.form('Record the order carried out');
    for (const part of ['day', 'month', 'year'] as const) await form.locator(`input[name="compliedOn-${part}"]`).fill(on[part]);
    await form.getByRole('button', { name: 'Record the order carried out' }).click();
    return AppealPage.arrive(this.page);
  }
}

/** The live disputes a manager triages, with what a tribunal would see against the council. */
export class TriagePage extends ServicePage {
  static readonly path = '/appeals/triage';

  static async open(page: Page): Promise<TriagePage> {
    return new TriagePage(page).goto(TriagePage.path);
  }

  row(what: string | RegExp): Locator {
    return this.page.locator('table tbody tr').filter({ hasText: what });
  }
}

/** The register of appeals, live and closed. */
export class AppealsRegisterPage extends ServicePage {
  static readonly address = '/appeals';

  static async open(page: Page, view?: 'closed'): Promise<AppealsRegisterPage> {
    return new AppealsRegisterPage(page).goto(view ? '/appeals?view=closed' : '/appeals');
  }

  rows(): Locator {
    return this.page.locator('table tbody tr');
  }
}
