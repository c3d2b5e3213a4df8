import type { Locator } from '@playwright/test';
import { CaseloadsPage } from './caseloads.ts';
import { ServicePage, type DateParts } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** "Set cover for an officer away": who is away, who covers, from and to, and why. */
export class SetCoverPage extends ServicePage {
  static readonly path = '/team/cover/new';

  readonly navigation = new StaffNavigation(this.page);

  async fill(options: { officer: string; cover: string; from: DateParts; to: DateParts; reason: string }): Promise<void> {
    await this.page.getByLabel('Officer who is away').selectOption({ label: options.officer });
    await this.page.getByLabel('Who covers their cases').selectOption({ label: options.cover });
    await this.fillDate('startsOn', options.from);
    await this.fillDate('endsOn', options.to);
    await this.page.getByLabel('Why they are away').fill(options.reason);
  }

  private async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Set cover' }).click();
  }

  /** Sets the cover; back on the caseloads page with the banner. */
  async setCover(): Promise<CaseloadsPage> {
    await this.submit();
    return CaseloadsPage.arrive(this.page);
  }

  /** Sets cover the service refuses: the form again, with the error summary. */
  async setCoverRefused(): Promise<SetCoverPage> {
    await this.submit();
    return SetCoverPage.arrive(this.page);
  }

  reasonInput(): Locator {
    return this.page.getByLabel('Why they are away');
  }
}
