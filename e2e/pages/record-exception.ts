import type { Locator, Page } from '@playwright/test';
import { ChildRecordPage } from './child-record.ts';
import { ServicePage, type DateParts } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** "Record an exception to the time limits" on a child's open case. */
export class RecordExceptionPage extends ServicePage {
  static readonly address = '/children/[^/]+/exceptions/new';

  static url(childId: string): string {
    return `/children/${encodeURIComponent(childId)}/exceptions/new`;
  }

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page, childId: string): Promise<RecordExceptionPage> {
    return new RecordExceptionPage(page).goto(RecordExceptionPage.url(childId));
  }

  /** Chooses the first reason whose label starts with these words. */
  async chooseReason(reason: string): Promise<void> {
    await this.page.getByLabel(reason, { exact: false }).first().check();
  }

  evidence(): Locator {
    return this.page.getByLabel('Evidence');
  }

  async enterEvidence(evidence: string): Promise<void> {
    await this.evidence().fill(evidence);
  }

  async enterStartsOn(date: DateParts): Promise<void> {
    await this.fillDate('startsOn', date);
  }

  private async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Record the exception' }).click();
  }

  /** Records the exception, back to the child's record. */
  async recordException(): Promise<ChildRecordPage> {
    await this.submit();
    return ChildRecordPage.arrive(this.page);
  }

  /** Sends what the service refuses: the form comes back with an error summary. */
  async recordExceptionRefused(): Promise<RecordExceptionPage> {
    await this.submit();
    return RecordExceptionPage.arrive(this.page);
  }

  async backToRecord(): Promise<ChildRecordPage> {
    await this.page.getByRole('link', { name: 'Back to the record' }).click();
    return ChildRecordPage.arrive(this.page);
  }
}
