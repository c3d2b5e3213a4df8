import type { Locator } from '@playwright/test';
import { ServicePage, type DateParts } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** An EHC plan's page: one version laid out section by section, its versions, and what can be done with it. */
export class PlanPage extends ServicePage {
  static readonly address = '/plans/[^/]+(/versions/[^/]+)?';

  readonly navigation = new StaffNavigation(this.page);

  /** The line under the title: what this version is. */
  status(): Locator {
    return this.page.locator('h1 + p');
  }

  savedBanner(): Locator {
    return this.page.locator('.govuk-notification-banner');
  }

  section(letter: string): Locator {
    return this.page.locator(`section[aria-labelledby="section-${letter.toLowerCase()}"]`);
  }

  /** "What the SEN2 return will say", on the final plan's page. */
  sen2(): Locator {
    return this.page.locator('[data-sen2]');
  }

  /** What the page says in place of the link to issue the plan, for someone who may not issue it. */
  whoIssues(): Locator {
    return this.text('A team manager or service lead issues the final plan', { exact: false });
  }

  versions(): Locator {
    return this.page.locator('.govuk-grid-column-one-third ol li');
  }

  async checkThePlan(): Promise<PlanCheckPage> {
    await this.page.getByRole('link', { name: /^Check the plan/ }).click();
    return PlanCheckPage.arrive(this.page);
  }

  /** Opens a section's page to change it: "F" lists its items; "A", "I" and "J" are one form. */
  async changeSection(letter: string): Promise<PlanSectionPage> {
    await this.section(letter).getByRole('link', { name: /^Change/ }).click();
    return PlanSectionPage.arrive(this.page);
  }

  async issueDraft(): Promise<IssuePlanPage> {
    await this.page.getByRole('link', { name: 'Issue the draft plan' }).click();
    return IssuePlanPage.arrive(this.page);
  }

  async issueFinal(): Promise<IssuePlanPage> {
    await this.page.getByRole('link', { name: 'Issue the final plan' }).click();
    return IssuePlanPage.arrive(this.page);
  }

  /** Downloads this version as a PDF or a Word document: the file's suggested name. */
  async download(format: 'PDF' | 'Word document'): Promise<string> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByRole('link', { name: new RegExp(`^${format} of version`) }).click()]);
    await download.path();
    return download.suggestedFilename();
  }

  async compareVersions(): Promise<ComparePlanPage> {
    await this.page.getByRole('link', { name: 'Compare versions' }).click();
    return ComparePlanPage.arrive(this.page);
  }
}

/** The check of the plan, as a tribunal would read it: each finding links to its item. */
export class PlanCheckPage extends ServicePage {
  static readonly address = '/plans/[^/]+/check';

  findings(): Locator {
    return this.page.locator('.app-findings li');
  }

  /** Follows a finding to the item it is about, on the plan's page. */
  async followFinding(text: string | RegExp): Promise<PlanPage> {
    await this.findings().getByRole('link', { name: text }).click();
    return PlanPage.arrive(this.page);
  }

  async backToPlan(): Promise<PlanPage> {
    await this.page.getByRole('link', { name: 'Back to the plan' }).click();
    return PlanPage.arrive(this.page);
  }
}

/** A section's page: its items, each to change or remove, and a link to add one; or the form of section A, I or J. */
export class PlanSectionPage extends ServicePage {
  static readonly address = '/plans/[^/]+/sections/[^/]+(/items/[^/]+)?';

  async changeItem(reference: string): Promise<PlanSectionPage> {
    await this.page.getByRole('link', { name: `Change ${reference}`, exact: true }).click();
    return PlanSectionPage.arrive(this.page);
  }

  async addItem(): Promise<PlanSectionPage> {
    await this.page.getByRole('link', { name: /^Add to section/ }).click();
    return PlanSectionPage.arrive(this.page);
  }

  async fill(label: string, value: string): Promise<void> {
    await this.page.getByLabel(label, { exact: true }).fill(value);
  }

  async tick(label: string | RegExp): Promise<void> {
    await this.page.getByLabel(label).check();
  }

  async save(): Promise<PlanPage> {
    await this.page.getByRole('button', { name: 'Save' }).click();
    return PlanPage.arrive(this.page);
  }

  async saveRefused(): Promise<PlanSectionPage> {
    await this.page.getByRole('button', { name: 'Save' }).click();
    return PlanSectionPage.arrive(this.page);
  }
}

/** Issuing the draft or the final plan: the check's findings, each with a reason to override it, and the day issued. */
export class IssuePlanPage extends ServicePage {
  static readonly address = '/plans/[^/]+/issue-(draft|final)';

  async enterIssuedOn(date: DateParts): Promise<void> {
    await this.fillDate('issuedOn', date);
  }

  private async submit(): Promise<void> {
    await this.page.locator('form').getByRole('button', { name: /^Issue the/ }).click();
  }

  async issue(): Promise<PlanPage> {
    await this.submit();
    return PlanPage.arrive(this.page);
  }

  async issueRefused(): Promise<IssuePlanPage> {
    await this.submit();
    return IssuePlanPage.arrive(this.page);
  }

  async backToPlan(): Promise<PlanPage> {
    await this.page.getByRole('link', { name: 'Back to the plan' }).click();
    return PlanPage.arrive(this.page);
  }
}

/** Two versions of the plan compared: what was added, removed and changed, section by section. */
export class ComparePlanPage extends ServicePage {
  static readonly address = '/plans/[^/]+/compare';

  async compare(from: string, to: string): Promise<ComparePlanPage> {
    await this.page.getByLabel('Compare', { exact: true }).selectOption({ label: from });
    await this.page.getByLabel('with', { exact: true }).selectOption({ label: to });
    await this.page.getByRole('button', { name: 'Compare' }).click();
    return ComparePlanPage.arrive(this.page);
  }

  difference(): Locator {
    return this.page.locator('main');
  }
}
