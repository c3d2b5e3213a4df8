import type { Locator } from '@playwright/test';
import { PlanPage } from './plan.ts';
import { ServicePage, type DateParts } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** A maintained plan's changes: amendments, ceasing and re-assessments, and what can be started. */
export class PlanChangesPage extends ServicePage {
  static readonly address = '/plans/[^/]+/changes';

  /** From the plan's page, its link to the changes. */
  static async fromPlan(plan: PlanPage): Promise<PlanChangesPage> {
    await plan.page.getByRole('link', { name: 'Amend, cease or re-assess this plan' }).click();
    return PlanChangesPage.arrive(plan.page);
  }

  changes(): Locator {
    return this.page.locator('table tbody tr');
  }

  async proposeAmendments(): Promise<StartChangePage> {
    await this.page.getByRole('link', { name: 'Propose amendments to the plan' }).click();
    return StartChangePage.arrive(this.page);
  }

  async considerCeasing(): Promise<StartChangePage> {
    await this.page.getByRole('link', { name: 'Consider ceasing the plan' }).click();
    return StartChangePage.arrive(this.page);
  }

  /** Opens a change from the list, by its kind ("Amendment", "Ceasing the plan"). */
  async openChange(kind: string): Promise<ChangePage> {
    await this.changes().getByRole('link', { name: kind }).first().click();
    return ChangePage.arrive(this.page);
  }
}

/** The page that starts a change: the review meeting's date for an amendment, nothing for ceasing. */
export class StartChangePage extends ServicePage {
  static readonly address = '/plans/[^/]+/(amendments|ceasing|reassessments)/new';

  async start(): Promise<ChangePage> {
    await this.page.locator('form').getByRole('button', { name: /^Start/ }).click();
    return ChangePage.arrive(this.page);
  }
}

/** One change's page: its status, time limits, what each party said, and the form for each next step. */
export class ChangePage extends ServicePage {
  static readonly address = '/plan-changes/[^/]+(/[^/]+)?';

  readonly navigation = new StaffNavigation(this.page);

  savedBanner(): Locator {
    return this.page.locator('.govuk-notification-banner');
  }

  status(): Locator {
    return this.page.locator('h1 ~ p .govuk-tag').first();
  }

  /** The proposed changes, or the amended plan's, section by section. */
  difference(): Locator {
    return this.page.locator('main');
  }

  form(button: string | RegExp): Locator {
    return this.page.locator('form').filter({ has: this.page.getByRole('button', { name: button }) });
  }

  /** The plan's own page, where the working copy is changed. */
  async changeThePlan(): Promise<PlanPage> {
    await this.page.getByRole('link', { name: 'Change the plan' }).click();
    return PlanPage.arrive(this.page);
  }

  async fillDateIn(button: string | RegExp, name: string, date: DateParts): Promise<void> {
    const form = this.form(button);
    for (const part of ['day', 'month', 'year'] as const) await form.locator(`input[name="${name}-${part}"]`).fill(date[part]);
  }

  /** Records what a party said: chooses who, the day they answered, and their words. */
  async recordAnswer(button: string, who: string, answeredOn: DateParts, words: string): Promise<ChangePage> {
    const form = this.form(button);
    await form.getByLabel(who, { exact: true }).check();
    await this.fillDateIn(button, 'answeredOn', answeredOn);
    await form.getByLabel('What they said').fill(words);
    return this.submit(button);
  }

  async choose(label: string | RegExp): Promise<void> {
    await this.page.getByRole('radio', { name: label }).check();
  }

  async fill(label: string, value: string): Promise<void> {
    await this.page.getByLabel(label, { exact: true }).fill(value);
  }

  async submit(button: string | RegExp): Promise<ChangePage> {
    await this.form(button).getByRole('button', { name: button }).click();
    return ChangePage.arrive(this.page);
  }

  async openVersion(number: number): Promise<PlanPage> {
    await this.page.getByRole('link', { name: `Version ${number}`, exact: true }).first().click();
    return PlanPage.arrive(this.page);
  }
}

