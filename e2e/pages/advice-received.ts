import type { Locator } from '@playwright/test';
import type { ChosenFile } from './add-document.ts';
import { CaseAdvicePage } from './case-advice.ts';
import { ServicePage, type DateParts } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** "Record advice received" for one request: the date it came, and the advice as a file. */
export class AdviceReceivedPage extends ServicePage {
  static readonly address = '/advice/[^/]+/received';

  static url(requestId: string): string {
    return `/advice/${encodeURIComponent(requestId)}/received`;
  }

  readonly navigation = new StaffNavigation(this.page);

  fileInput(): Locator {
    return this.page.getByLabel('Upload the advice');
  }

  async enterReceivedOn(date: DateParts): Promise<void> {
    await this.fillDate('receivedOn', date);
  }

  async chooseFile(file: ChosenFile): Promise<void> {
    await this.fileInput().setInputFiles(file);
  }

  private async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Record the advice' }).click();
  }

  async record(): Promise<CaseAdvicePage> {
    await this.submit();
    return CaseAdvicePage.arrive(this.page);
  }

  async recordRefused(): Promise<AdviceReceivedPage> {
    await this.submit();
    return AdviceReceivedPage.arrive(this.page);
  }
}
