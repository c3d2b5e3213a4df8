import type { Locator, Page } from '@playwright/test';
import { ChildRecordPage } from './child-record.ts';
import { ServicePage } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** A parent or carer as entered on the form; a field left out is left as it is. */
export type PersonEntry = {
  firstName?: string;
  lastName?: string;
  /** As the radio reads: Mother, Father, Carer, Foster carer, ... */
  relationship?: string;
  parentalResponsibility?: boolean;
  mainContact?: boolean;
  phone?: string;
  email?: string;
  address?: string;
  postcode?: string;
  doNotDiscloseAddress?: boolean;
};

/** "Add a parent or carer", or "Change … ’s details", for one child. */
export class PersonPage extends ServicePage {
  static readonly address = '/children/[^/]+/people/(new|[^/]+/edit)';

  static addUrl(childId: string): string {
    return `/children/${encodeURIComponent(childId)}/people/new`;
  }

  readonly navigation = new StaffNavigation(this.page);

  static async openAdd(page: Page, childId: string): Promise<PersonPage> {
    return new PersonPage(page).goto(PersonPage.addUrl(childId));
  }

  email(): Locator {
    return this.page.getByLabel('Email address (optional)');
  }

  postcode(): Locator {
    return this.page.getByLabel('Postcode (optional)');
  }

  address(): Locator {
    return this.page.getByLabel('Address (optional)', { exact: true });
  }

  /** Fills the fields given, in the order of the form. */
  async enter(person: PersonEntry): Promise<void> {
    if (person.firstName !== undefined) await this.page.getByLabel('First name').fill(person.firstName);
    if (person.lastName !== undefined) await this.page.getByLabel('Last name').fill(person.lastName);
    if (person.relationship !== undefined) await this.page.getByLabel(person.relationship, { exact: true }).check();
    if (person.parentalResponsibility !== undefined) {
      await this.page.getByRole('group', { name: 'Do they have parental responsibility?' }).getByLabel(person.parentalResponsibility ? 'Yes' : 'No', { exact: true }).check();
    }
    if (person.mainContact !== undefined) await this.page.getByLabel(/They are the main contact/).setChecked(person.mainContact);
    if (person.phone !== undefined) await this.page.getByLabel('Phone number (optional)').fill(person.phone);
    if (person.email !== undefined) await this.email().fill(person.email);
    if (person.address !== undefined) await this.address().fill(person.address);
    if (person.postcode !== undefined) await this.postcode().fill(person.postcode);
    if (person.doNotDiscloseAddress !== undefined) await this.page.getByLabel('Do not disclose the address').setChecked(person.doNotDiscloseAddress);
  }

  private async submit(): Promise<void> {
    await this.page.getByRole('button', { name: /^(Add to the record|Save changes)$/ }).click();
  }

  /** Saves, back to the child's record. */
  async save(): Promise<ChildRecordPage> {
    await this.submit();
    return ChildRecordPage.arrive(this.page);
  }

  /** Saves what the service refuses: the form comes back with an error summary. */
  async saveRefused(): Promise<PersonPage> {
    await this.submit();
    return PersonPage.arrive(this.page);
  }
}
