import type { Page } from '@playwright/test';
import { DecisionsPage } from './decisions.ts';
import { ServicePage, type DateParts } from './service-page.ts';

/** "Decide whether to assess" or "Decide after the assessment": the outcome, its day and its reasons. */
export class DecidePage extends ServicePage {
  static readonly address = '/cases/[^/]+/decision/[^/]+';

  static url(caseId: string, question: 'whether-to-assess' | 'after-assessment'): string {
    return `/cases/${encodeURIComponent(caseId)}/decision/${question}`;
  }

  static async open(page: Page, caseId: string, question: 'whether-to-assess' | 'after-assessment'): Promise<DecidePage> {
    return new DecidePage(page).goto(DecidePage.url(caseId, question));
  }

  /** Chooses the outcome, as the radio reads: "Assess", "Do not issue an EHC plan"... */
  async chooseOutcome(outcome: string): Promise<void> {
    await this.page.getByLabel(outcome, { exact: true }).check();
  }

  async enterDecidedOn(date: DateParts): Promise<void> {
    await this.fillDate('decidedOn', date);
  }

  async enterReasons(reasons: string): Promise<void> {
    await this.page.getByLabel('Reasons for the decision').fill(reasons);
  }

  private async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Record the decision and send the notice' }).click();
  }

  async decide(): Promise<DecisionsPage> {
    await this.submit();
    return DecisionsPage.arrive(this.page);
  }

  async decideRefused(): Promise<DecidePage> {
    await this.submit();
    return DecidePage.arrive(this.page);
  }
}
