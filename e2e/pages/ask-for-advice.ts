import type { Locator, Page } from '@playwright/test';
import { CaseAdvicePage } from './case-advice.ts';
import { ServicePage, type DateParts } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** A request for advice as the form takes it; a field left out is left as it is. */
export interface AdviceAsked {
  /** The kind as the radio reads, for example "Medical advice". */
  kind?: string;
  /** Who is asked, as the radio reads, for example "A health body". */
  who?: string;
  organisation?: string;
  professional?: string;
  /** An e-mail address, or a postal address (one line per line). */
  email?: string;
  postalAddress?: string;
  sentOn?: DateParts;
  receivedOn?: DateParts;
  qualifiedTeacher?: string;
}

/** "Ask for advice" on a case in assessment. */
export class AskForAdvicePage extends ServicePage {
  static readonly address = '/cases/[^/]+/advice/new';

  static url(caseId: string): string {
    return `/cases/${encodeURIComponent(caseId)}/advice/new`;
  }

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page, caseId: string): Promise<AskForAdvicePage> {
    return new AskForAdvicePage(page).goto(AskForAdvicePage.url(caseId));
  }

  organisation(): Locator {
    return this.page.getByLabel('Organisation', { exact: true });
  }

  async enter(advice: AdviceAsked): Promise<void> {
    if (advice.kind) await this.page.getByRole('radio', { name: advice.kind, exact: true }).check();
    if (advice.qualifiedTeacher !== undefined) await this.page.getByLabel('For educational advice: the qualified teacher').fill(advice.qualifiedTeacher);
    if (advice.who) await this.page.getByRole('radio', { name: advice.who, exact: true }).check();
    if (advice.organisation !== undefined) await this.organisation().fill(advice.organisation);
    if (advice.professional !== undefined) await this.page.getByLabel('Professional’s name (optional)').fill(advice.professional);
    if (advice.email !== undefined) {
      await this.page.getByRole('radio', { name: 'By e-mail' }).check();
      await this.page.getByLabel('E-mail address (if sent by e-mail)').fill(advice.email);
    }
    if (advice.postalAddress !== undefined) {
      await this.page.getByRole('radio', { name: 'By post' }).check();
      await this.page.getByLabel('Postal address (if sent by post)').fill(advice.postalAddress);
    }
    if (advice.sentOn) await this.fillDate('sentOn', advice.sentOn);
    if (advice.receivedOn) await this.fillDate('receivedByBodyOn', advice.receivedOn);
  }

  private async submit(): Promise<void> {
    await this.page.getByRole('main').getByRole('button', { name: 'Ask for advice' }).click();
  }

  /** Asks for the advice, back to the case's advice. */
  async ask(): Promise<CaseAdvicePage> {
    await this.submit();
    return CaseAdvicePage.arrive(this.page);
  }

  /** Sends what the service refuses: the form comes back with an error summary. */
  async askRefused(): Promise<AskForAdvicePage> {
    await this.submit();
    return AskForAdvicePage.arrive(this.page);
  }
}
