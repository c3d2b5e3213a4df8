import type { Locator } from '@playwright/test';
import { ServicePage, type DateParts } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** The register of contacts, complaints and information requests, with its filters. */
export class ContactsRegisterPage extends ServicePage {
  static readonly address = '/contacts';

  readonly navigation = new StaffNavigation(this.page);

  /** From the service navigation, for officers and managers. */
  static async fromNavigation(navigation: StaffNavigation): Promise<ContactsRegisterPage> {
    await navigation.link('Contacts').click();
    return ContactsRegisterPage.arrive(navigation.page);
  }

  rows(): Locator {
    return this.page.locator('table tbody tr');
  }

  row(reference: string): Locator {
    return this.rows().filter({ has: this.page.getByRole('link', { name: reference, exact: true }) });
  }

  count(): Locator {
    return this.page.locator('#count');
  }

  async filter(options: { kind?: string; status?: string; owner?: string; overdue?: boolean }): Promise<ContactsRegisterPage> {
    if (options.kind) await this.page.getByLabel('Kind', { exact: true }).selectOption({ label: options.kind });
    if (options.status) await this.page.getByLabel('Open or closed').selectOption({ label: options.status });
    if (options.owner) await this.page.getByLabel('Owner', { exact: true }).selectOption({ label: options.owner });
    if (options.overdue !== undefined) await this.page.getByLabel('Only overdue').setChecked(options.overdue);
    await this.page.getByRole('button', { name: 'Show contacts' }).click();
    return ContactsRegisterPage.arrive(this.page);
  }

  async logAContact(): Promise<NewContactPage> {
    await this.page.getByRole('button', { name: 'Log a contact' }).click();
    return NewContactPage.arrive(this.page);
  }

  async openContact(reference: string): Promise<ContactPage> {
    await this.page.getByRole('link', { name: reference, exact: true }).click();
    return ContactPage.arrive(this.page);
  }

  /** For managers. */
  async report(): Promise<ContactsReportPage> {
    await this.page.getByRole('link', { name: 'Report', exact: true }).click();
    return ContactsReportPage.arrive(this.page);
  }
}

export interface NewContact {
  kind: string;
  source: string;
  fromName: string;
  channel: string;
  receivedOn: DateParts;
  summary: string;
  theme?: string;
}

/** Logging a contact: its kind, who it is from, how and when it came, what it is about. */
export class NewContactPage extends ServicePage {
  static readonly address = '/contacts/new';

  async log(contact: NewContact): Promise<ContactPage> {
    await this.page.getByRole('radio', { name: contact.kind, exact: true }).check();
    await this.page.getByRole('radio', { name: contact.source, exact: true }).check();
    await this.page.getByLabel('Their name').fill(contact.fromName);
    await this.page.getByRole('radio', { name: contact.channel, exact: true }).check();
    await this.fillDate('new-receivedOn', contact.receivedOn);
    await this.page.getByLabel('What is it about?').fill(contact.summary);
    if (contact.theme) await this.page.getByLabel('Theme').selectOption({ label: contact.theme });
    await this.page.getByRole('button', { name: 'Log the contact' }).click();
    return ContactPage.arrive(this.page);
  }

  /** The form sent as it is, expecting it back with its errors. */
  async logExpectingErrors(contact: Partial<NewContact>): Promise<NewContactPage> {
    if (contact.kind) await this.page.getByRole('radio', { name: contact.kind, exact: true }).check();
    await this.page.getByRole('button', { name: 'Log the contact' }).click();
    return NewContactPage.arrive(this.page);
  }
}

/** One contact: its clock, its stages and remedies, and the form for each next step. */
export class ContactPage extends ServicePage {
  static readonly address = '/contacts/[^/]+(/[^/]+)?';

  readonly navigation = new StaffNavigation(this.page);

  savedBanner(): Locator {
    return this.page.locator('.govuk-notification-banner');
  }

  clock(): Locator {
    return this.page.locator('#clock');
  }

  closed(): Locator {
    return this.page.getByText('Closed', { exact: true });
  }

  stages(): Locator {
    return this.page.locator('main');
  }

  async reference(): Promise<string> {
    return (await this.heading().innerText()).trim();
  }

  form(button: string): Locator {
    return this.page.locator('form').filter({ has: this.page.getByRole('button', { name: button, exact: true }) });
  }

  private async fillDateIn(button: string, name: string, date: DateParts): Promise<void> {
    const form = this.form(button);
    for (const part of ['day', 'month', 'year'] as const) await form.locator(`input[name="${name}-${part}"]`).fill(date[part]);
  }

  async submit(button: string): Promise<ContactPage> {
    await this.form(button).getByRole('button', { name: button, exact: true }).click();
    return ContactPage.arrive(this.page);
  }

  /** The response to an enquiry or request, or to the complaint's current stage with its outcome. */
  async recordResponse(on: DateParts, said: string, outcome?: string): Promise<ContactPage> {
    const button = 'Record the response';
    await this.fillDateIn(button, 'respondedOn', on);
    if (outcome) await this.form(button).getByRole('radio', { name: outcome, exact: true }).check();
    await this.form(button).getByLabel('What the response said').fill(said);
    return this.submit(button);
  }

  async escalateToStage2(on: DateParts): Promise<ContactPage> {
    await this.fillDateIn('Escalate to stage 2', 'receivedOn', on);
    return this.submit('Escalate to stage 2');
  }

  async addAction(description: string, owner: string, dueOn: DateParts): Promise<ContactPage> {
    const button = 'Add the remedy';
    const form = this.form(button);
    await form.getByRole('radio', { name: 'Action', exact: true }).check();
    await form.getByLabel('What is offered').fill(description);
    await form.getByLabel('Who will do it, for an action').selectOption({ label: owner });
    await this.fillDateIn(button, 'dueOn', dueOn);
    return this.submit(button);
  }

  async addPayment(description: string, amount: string): Promise<ContactPage> {
    const form = this.form('Add the remedy');
    await form.getByRole('radio', { name: 'Payment', exact: true }).check();
    await form.getByLabel('What is offered').fill(description);
    await form.getByLabel('Amount, for a payment').fill(amount);
    return this.submit('Add the remedy');
  }

  async actionDone(on: DateParts): Promise<ContactPage> {
    await this.fillDateIn('Record the action as done', 'doneOn', on);
    return this.submit('Record the action as done');
  }

  async close(on: DateParts): Promise<ContactPage> {
    await this.fillDateIn('Close the complaint', 'closedOn', on);
    return this.submit('Close the complaint');
  }

  async backToContacts(): Promise<ContactsRegisterPage> {
    await this.page.getByRole('link', { name: 'Back to contacts' }).click();
    return ContactsRegisterPage.arrive(this.page);
  }
}

/** The managers' report: volumes, response times, outcomes and themes by month, each figure a link. */
export class ContactsReportPage extends ServicePage {
  static readonly address = '/contacts/report';

  /** A figure's link to the register, by its row (the month) and its place in the row. */
  figure(month: string, index: number): Locator {
    return this.page.locator('table').first().locator('tbody tr').filter({ has: this.page.getByRole('rowheader', { name: month }) }).getByRole('link').nth(index);
  }

  async follow(link: Locator): Promise<ContactsRegisterPage> {
    await link.click();
    return ContactsRegisterPage.arrive(this.page);
  }
}
