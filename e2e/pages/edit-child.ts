import type { Locator, Page } from '@playwright/test';
import { ChildRecordPage } from './child-record.ts';
import { ServicePage } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

export type ChildDetailsChange = {
  firstName?: string;
  lastName?: string;
  preferredName?: string;
  upn?: string;
  postcode?: string;
  /** The ethnicity's name as the list gives it, e.g. 'Pakistani'. */
  ethnicity?: string;
  /** Why the UPN is not known: a UPNunknown code, e.g. 'UN2'. */
  upnUnknown?: string;
};

/** "Change a child’s details". */
export class EditChildPage extends ServicePage {
  static readonly address = '/children/[^/]+/edit';

  static url(childId: string): string {
    return `/children/${encodeURIComponent(childId)}/edit`;
  }

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page, childId: string): Promise<EditChildPage> {
    return new EditChildPage(page).goto(EditChildPage.url(childId));
  }

  firstName(): Locator {
    return this.page.getByLabel('First name');
  }

  lastName(): Locator {
    return this.page.getByLabel('Last name');
  }

  preferredName(): Locator {
    return this.page.getByLabel('Preferred name (optional)');
  }

  upn(): Locator {
    return this.page.getByLabel('Unique pupil number (UPN) (optional)');
  }

  postcode(): Locator {
    return this.page.getByLabel('Postcode (optional)');
  }

  ethnicity(): Locator {
    return this.page.getByLabel('Ethnicity');
  }

  upnUnknown(): Locator {
    return this.page.getByLabel('Why the UPN is not known (optional)');
  }

  /** Fills the fields given, leaving the rest as they are. */
  async enter(change: ChildDetailsChange): Promise<void> {
    if (change.firstName !== undefined) await this.firstName().fill(change.firstName);
    if (change.lastName !== undefined) await this.lastName().fill(change.lastName);
    if (change.preferredName !== undefined) await this.preferredName().fill(change.preferredName);
    if (change.upn !== undefined) await this.upn().fill(change.upn);
    if (change.postcode !== undefined) await this.postcode().fill(change.postcode);
    if (change.ethnicity !== undefined) await this.ethnicity().selectOption({ label: change.ethnicity });
    if (change.upnUnknown !== undefined) await this.upnUnknown().selectOption(change.upnUnknown);
  }

  /** Saves, back to the child's record. */
  async save(): Promise<ChildRecordPage> {
    await this.page.getByRole('button', { name: 'Save changes' }).click();
    return ChildRecordPage.arrive(this.page);
  }

  /** Saves what the service refuses: the form comes back with an error summary. */
  async saveRefused(): Promise<EditChildPage> {
    await this.page.getByRole('button', { name: 'Save changes' }).click();
    return EditChildPage.arrive(this.page);
  }

  async cancel(): Promise<ChildRecordPage> {
    await this.page.getByRole('main').getByRole('link', { name: 'Cancel' }).click();
    return ChildRecordPage.arrive(this.page);
  }
}
