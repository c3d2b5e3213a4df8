import type { Page } from '@playwright/test';
import { ChildRecordPage } from './child-record.ts';
import { ServicePage, type DateParts } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** "Record a step" on a child's open case: what happened, and when. */
export class RecordStepPage extends ServicePage {
  static readonly address = '/children/[^/]+/steps/new';

  static url(childId: string): string {
    return `/children/${encodeURIComponent(childId)}/steps/new`;
  }

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page, childId: string): Promise<RecordStepPage> {
    return new RecordStepPage(page).goto(RecordStepPage.url(childId));
  }

  /** Chooses what happened, as the radio reads, for example "Decided to assess". */
  async chooseStep(step: string): Promise<void> {
    await this.page.getByLabel(step).check();
  }

  async enterOccurredOn(date: DateParts): Promise<void> {
    await this.fillDate('occurredOn', date);
  }

  private async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Record the step' }).click();
  }

  /** Records the step, back to the child's record. */
  async recordStep(): Promise<ChildRecordPage> {
    await this.submit();
    return ChildRecordPage.arrive(this.page);
  }

  /** Sends what the service refuses: the form comes back with an error summary. */
  async recordStepRefused(): Promise<RecordStepPage> {
    await this.submit();
    return RecordStepPage.arrive(this.page);
  }

  async backToRecord(): Promise<ChildRecordPage> {
    await this.page.getByRole('link', { name: 'Back to the record' }).click();
    return ChildRecordPage.arrive(this.page);
  }
}
