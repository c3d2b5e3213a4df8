import type { Locator } from '@playwright/test';
import { ChildRecordPage } from './child-record.ts';
import { ServicePage } from './service-page.ts';

/** The officer's page for a young person's choice whether their family sees the case on the portal. */
export class YoungPersonChoicePage extends ServicePage {
  static readonly address = '/children/[^/]+/young-person-choice';

  currentChoice(): Locator {
    return this.page.locator('#current-choice');
  }

  async recordRefused(): Promise<YoungPersonChoicePage> {
    await this.page.getByRole('button', { name: 'Record the choice' }).click();
    return YoungPersonChoicePage.arrive(this.page);
  }

  /** Records what the young person said, how, and on which day (day, month, year). */
  async record(choice: { share: boolean; how: 'By phone' | 'At a meeting' | 'By e-mail' | 'In a letter'; on: [string, string, string] }): Promise<ChildRecordPage> {
    await this.page.getByLabel(choice.share ? 'Yes, they may see it' : 'No, they may not see it').check();
    await this.page.getByLabel(choice.how).check();
    await this.page.getByLabel('Day').fill(choice.on[0]);
    await this.page.getByLabel('Month').fill(choice.on[1]);
    await this.page.getByLabel('Year').fill(choice.on[2]);
    await this.page.getByRole('button', { name: 'Record the choice' }).click();
    return ChildRecordPage.arrive(this.page);
  }
}
