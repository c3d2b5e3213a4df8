import type { Locator } from '@playwright/test';
import { ChildRecordPage } from './child-record.ts';
import { NewRequestPage } from './new-request.ts';
import { ServicePage } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/**
 * "Is this the same child?": shown, instead of a new record, when a new child on a request has a
 * UPN, or a name and date of birth, of a child already held. Reached only by recording a request.
 */
export class SameChildPage extends ServicePage {
  static readonly address = '/requests/new';

  readonly navigation = new StaffNavigation(this.page);

  /** The card of a child already held, by the name on it. */
  match(name: string): Locator {
    return this.page.locator('.govuk-summary-card').filter({ has: this.page.getByRole('heading', { name }) });
  }

  /** The warning that a record the officer may not see matches too. */
  warning(): Locator {
    return this.page.locator('.govuk-warning-text');
  }

  private async continue(): Promise<void> {
    await this.page.getByRole('button', { name: 'Continue' }).click();
  }

  /** "Yes, use the record of …": the request is recorded on that child. */
  async useRecordOf(name: string): Promise<ChildRecordPage> {
    await this.page.getByLabel(`Yes, use the record of ${name}`).check();
    await this.continue();
    return ChildRecordPage.arrive(this.page);
  }

  /** "Yes" on a child the request cannot be recorded on: the question again, with why. */
  async useRecordOfRefused(name: string): Promise<SameChildPage> {
    await this.page.getByLabel(`Yes, use the record of ${name}`).check();
    await this.continue();
    return SameChildPage.arrive(this.page);
  }

  /** "No, this is a different child": a new record is made. */
  async differentChild(): Promise<ChildRecordPage> {
    await this.page.getByLabel('No, this is a different child').check();
    await this.continue();
    return ChildRecordPage.arrive(this.page);
  }

  /** "No" with a UPN already held: refused, the question again with an error summary. */
  async differentChildRefused(): Promise<SameChildPage> {
    await this.page.getByLabel('No, this is a different child').check();
    await this.continue();
    return SameChildPage.arrive(this.page);
  }

  /** Back to the request form, holding what was typed. */
  async changeDetails(): Promise<NewRequestPage> {
    await this.page.getByRole('button', { name: 'Change the details you entered' }).click();
    return NewRequestPage.arrive(this.page);
  }
}
