import type { Locator, Page } from '@playwright/test';
import { ChildRecordPage } from './child-record.ts';
import { SameChildPage } from './same-child.ts';
import { ServicePage, type DateParts } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** A new child, as entered on the request form; a field left out is left empty. */
export type NewChild = {
  firstName?: string;
  lastName?: string;
  preferredName?: string;
  dateOfBirth?: DateParts;
  sex?: 'Female' | 'Male' | 'Not known';
  upn?: string;
  postcode?: string;
};

/** The request itself; a field left out is left empty. */
export type NewRequest = {
  receivedOn?: DateParts;
  /** Who made the request, as the radio reads, for example "Parent or young person". */
  source?: string;
  /** Why a request received more than a year ago is recorded only now. */
  recordedLateBecause?: string;
};

/** "Record a request for an EHC needs assessment", for a new child or one already known. */
export class NewRequestPage extends ServicePage {
  static readonly path = '/requests/new';

  /** The form for a child already known to the service. */
  static urlFor(childId: string): string {
    return `${NewRequestPage.path}?childId=${encodeURIComponent(childId)}`;
  }

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page): Promise<NewRequestPage> {
    return new NewRequestPage(page).goto(NewRequestPage.path);
  }

  static async openFor(page: Page, childId: string): Promise<NewRequestPage> {
    return new NewRequestPage(page).goto(NewRequestPage.urlFor(childId));
  }

  firstName(): Locator {
    return this.page.getByLabel('First name');
  }

  lastName(): Locator {
    return this.page.getByLabel('Last name');
  }

  upn(): Locator {
    return this.page.getByLabel('Unique pupil number (UPN) (optional)');
  }

  /** Fills in the new child's details given, in the order of the form. */
  async enterChild(child: NewChild): Promise<void> {
    if (child.firstName !== undefined) await this.firstName().fill(child.firstName);
    if (child.lastName !== undefined) await this.lastName().fill(child.lastName);
    if (child.preferredName !== undefined) await this.page.getByLabel('Preferred name (optional)').fill(child.preferredName);
    if (child.dateOfBirth !== undefined) await this.fillDate('dateOfBirth', child.dateOfBirth);
    if (child.sex !== undefined) await this.page.getByLabel(child.sex, { exact: true }).check();
    if (child.upn !== undefined) await this.upn().fill(child.upn);
    if (child.postcode !== undefined) await this.page.getByLabel('Postcode (optional)').fill(child.postcode);
  }

  /** Fills in the request's details given, in the order of the form. */
  async enterRequest(request: NewRequest): Promise<void> {
    if (request.receivedOn !== undefined) await this.fillDate('receivedOn', request.receivedOn);
    if (request.source !== undefined) await this.page.getByLabel(request.source).check();
    if (request.recordedLateBecause !== undefined) {
      await this.page.getByLabel('This request is being recorded late').check();
      await this.page.getByLabel('Why is it being recorded late?').fill(request.recordedLateBecause);
    }
  }

  private async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Record the request' }).click();
  }

  /** Records the request, which leads to the child's record. */
  async recordRequest(): Promise<ChildRecordPage> {
    await this.submit();
    return ChildRecordPage.arrive(this.page);
  }

  /** Sends what the service refuses: the form comes back with an error summary. */
  async recordRequestRefused(): Promise<NewRequestPage> {
    await this.submit();
    return NewRequestPage.arrive(this.page);
  }

  /** Sends a new child who may be one already held: "Is this the same child?" comes first. */
  async recordRequestForPossibleMatch(): Promise<SameChildPage> {
    await this.submit();
    return SameChildPage.arrive(this.page);
  }
}
