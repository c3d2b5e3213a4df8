import type { Locator, Page } from '@playwright/test';
import { AdviceExceptionPage } from './advice-exception.ts';
import { AdviceReceivedPage } from './advice-received.ts';
import { AskForAdvicePage } from './ask-for-advice.ts';
import { CloseAdviceRequestPage } from './close-advice-request.ts';
import { LateAdvicePage } from './late-advice.ts';
import { ServicePage } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** A case's advice for the assessment: each request, to whom, when it is due, its chasers and its advice. */
export class CaseAdvicePage extends ServicePage {
  static readonly address = '/cases/[^/]+/advice';

  static url(caseId: string): string {
    return `/cases/${encodeURIComponent(caseId)}/advice`;
  }

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page, caseId: string): Promise<CaseAdvicePage> {
    return new CaseAdvicePage(page).goto(CaseAdvicePage.url(caseId));
  }

  savedBanner(): Locator {
    return this.page.locator('.govuk-notification-banner');
  }

  /** Every request's card. */
  requests(): Locator {
    return this.page.locator('.govuk-summary-card');
  }

  /** The card of one request, by its kind and organisation, for example "Medical advice" from "Idris Clinic". */
  request(kind: string, organisation: string): Locator {
    return this.requests().filter({ has: this.page.getByRole('heading', { name: new RegExp(`^${kind}`) }) }).filter({ hasText: organisation });
  }

  async askForAdvice(): Promise<AskForAdvicePage> {
    await this.page.getByRole('button', { name: 'Ask for advice' }).click();
    return AskForAdvicePage.arrive(this.page);
  }

  async recordAdviceReceived(kind: string, organisation: string): Promise<AdviceReceivedPage> {
    await this.request(kind, organisation).getByRole('link', { name: /^Record advice received/ }).click();
    return AdviceReceivedPage.arrive(this.page);
  }

  async recordException(kind: string, organisation: string): Promise<AdviceExceptionPage> {
    await this.request(kind, organisation).getByRole('link', { name: /^Record an exception/ }).click();
    return AdviceExceptionPage.arrive(this.page);
  }

  async declinedOrWithdrawn(kind: string, organisation: string): Promise<CloseAdviceRequestPage> {
    await this.request(kind, organisation).getByRole('link', { name: /^Declined or withdrawn/ }).click();
    return CloseAdviceRequestPage.arrive(this.page);
  }

  /** Reads the page again (the job runner sends chasers in the background). */
  async reload(): Promise<CaseAdvicePage> {
    await this.page.reload();
    return CaseAdvicePage.arrive(this.page);
  }

  async lateAdvice(): Promise<LateAdvicePage> {
    await this.page.getByRole('main').getByRole('link', { name: 'Late advice' }).click();
    return LateAdvicePage.arrive(this.page);
  }

  /** The case's id, from the page's address. */
  caseId(): string {
    return /\/cases\/([^/?]+)\/advice/.exec(this.page.url())![1]!;
  }
}
