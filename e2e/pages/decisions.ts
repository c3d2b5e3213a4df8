import type { Locator, Page } from '@playwright/test';
import { AskForViewsPage } from './ask-for-views.ts';
import { ChildRecordPage } from './child-record.ts';
import { BringToPanelPage } from './bring-to-panel.ts';
import { DecidePage } from './decide.ts';
import { RecordViewsPage } from './record-views.ts';
import { ServicePage } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';
import { WithdrawalPage } from './withdrawal.ts';

/** A case's decisions: the request's evidence, the views, the panels, the decisions and their reasons. */
export class DecisionsPage extends ServicePage {
  static readonly address = '/cases/[^/]+/decision';

  static url(caseId: string): string {
    return `/cases/${encodeURIComponent(caseId)}/decision`;
  }

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page, caseId: string): Promise<DecisionsPage> {
    return new DecisionsPage(page).goto(DecisionsPage.url(caseId));
  }

  /** The case's id, from the page's address. */
  caseId(): string {
    return /\/cases\/([^/?]+)\/decision/.exec(this.page.url())![1]!;
  }

  savedBanner(): Locator {
    return this.page.locator('.govuk-notification-banner');
  }

  /** A section of the page, by its heading: "Decision whether to assess", "Panels"... */
  section(heading: string): Locator {
    return this.page.getByRole('region', { name: heading, exact: true });
  }

  /** The SEN2 outcomes, as the page states them. */
  sen2(): Locator {
    return this.page.locator('.app-sen2');
  }

  decideWhetherToAssessButton(): Locator {
    return this.page.getByRole('button', { name: 'Record the decision whether to assess' });
  }

  async decideWhetherToAssess(): Promise<DecidePage> {
    await this.decideWhetherToAssessButton().click();
    return DecidePage.arrive(this.page);
  }

  async decideAfterAssessment(): Promise<DecidePage> {
    await this.page.getByRole('button', { name: 'Record the decision after the assessment' }).click();
    return DecidePage.arrive(this.page);
  }

  async askForViews(): Promise<AskForViewsPage> {
    await this.page.getByRole('link', { name: 'Ask for views' }).click();
    return AskForViewsPage.arrive(this.page);
  }

  async recordViews(): Promise<RecordViewsPage> {
    await this.page.getByRole('link', { name: 'Record views received' }).click();
    return RecordViewsPage.arrive(this.page);
  }

  async bringToPanel(): Promise<BringToPanelPage> {
    await this.page.getByRole('link', { name: 'Bring to a panel' }).click();
    return BringToPanelPage.arrive(this.page);
  }

  async backToRecord(): Promise<ChildRecordPage> {
    await this.page.getByRole('link', { name: 'Back to the record' }).click();
    return ChildRecordPage.arrive(this.page);
  }

  async recordWithdrawal(): Promise<WithdrawalPage> {
    await this.page.getByRole('link', { name: 'Record that the request was withdrawn' }).click();
    return WithdrawalPage.arrive(this.page);
  }
}
