import type { Page } from '@playwright/test';
import { ChildRecordPage } from './child-record.ts';
import { ServicePage, type DateParts } from './service-page.ts';

/** "Correct the record": a step recorded in error withdrawn, or given the date it happened, with a reason. */
export class CorrectEventPage extends ServicePage {
  static readonly address = '/cases/[^/]+/events/[^/]+/correct';

  /** "It did not happen" (withdraw) or "It happened on another date" (re-date). */
  async chooseWithdraw(): Promise<void> {
    await this.page.getByLabel('It did not happen, or it was recorded on the wrong case').check();
  }

  async chooseRedate(date: DateParts): Promise<void> {
    await this.page.getByLabel('It happened on another date').check();
    await this.fillDate('occurredOn', date);
  }

  async enterReason(reason: string): Promise<void> {
    await this.page.getByLabel('Why is it being corrected?').fill(reason);
  }

  private async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Correct the record' }).click();
  }

  async correct(): Promise<ChildRecordPage> {
    await this.submit();
    return ChildRecordPage.arrive(this.page);
  }

  async correctRefused(): Promise<CorrectEventPage> {
    await this.submit();
    return CorrectEventPage.arrive(this.page);
  }

  static async from(page: Page): Promise<CorrectEventPage> {
    return CorrectEventPage.arrive(page);
  }
}
