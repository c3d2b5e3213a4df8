import type { Locator, Page } from '@playwright/test';
import { ServicePage } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** "Outbox", for the SEND team and administrators: every letter and e-mail and what became of it. */
export class OutboxPage extends ServicePage {
  static readonly path = '/outbox';

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page): Promise<OutboxPage> {
    return new OutboxPage(page).goto(OutboxPage.path);
  }

  /** The messages shown, one row each. */
  rows(): Locator {
    return this.page.locator('tbody tr');
  }

  /** Shows only the messages of one state, by its filter link ("Held for printing: not sent (5)"). */
  async show(state: string): Promise<OutboxPage> {
    await this.page.getByRole('navigation', { name: 'Show messages' }).getByRole('link', { name: state }).click();
    return OutboxPage.arrive(this.page);
  }

  async reload(): Promise<OutboxPage> {
    await this.page.reload();
    return OutboxPage.arrive(this.page);
  }

  deadLettersLink(): Locator {
    return this.page.getByRole('link', { name: 'Messages that could not be sent' });
  }

  async deadLetters(): Promise<DeadLettersPage> {
    await this.deadLettersLink().click();
    return DeadLettersPage.arrive(this.page);
  }

  /** Opens the newest letter listed (a message by post, not by e-mail). */
  async openFirstLetter(): Promise<MessagePage> {
    await this.rows().filter({ hasText: 'Letter to' }).first().getByRole('link').first().click();
    return MessagePage.arrive(this.page);
  }

  /** Opens the first message with this subject. */
  async openMessage(subject: string | RegExp): Promise<MessagePage> {
    await this.page.getByRole('link', { name: subject }).first().click();
    return MessagePage.arrive(this.page);
  }
}

/** One letter or e-mail: to whom, its state and its words. */
export class MessagePage extends ServicePage {
  static readonly address = '/outbox/messages/[^/]+';

  /** Opens one message by its address (a message older than the outbox's latest hundred). */
  static async open(page: Page, href: string): Promise<MessagePage> {
    return new MessagePage(page).goto(href);
  }

  summary(): Locator {
    return this.page.locator('.govuk-summary-list');
  }

  words(): Locator {
    return this.page.locator('.app-message-body');
  }
}

/** "Messages that could not be sent", for administrators, each with Try again. */
export class DeadLettersPage extends ServicePage {
  static readonly path = '/outbox/dead-letters';

  static async open(page: Page): Promise<DeadLettersPage> {
    return new DeadLettersPage(page).goto(DeadLettersPage.path);
  }

  rows(): Locator {
    return this.page.locator('tbody tr');
  }

  banner(): Locator {
    return this.page.locator('.govuk-notification-banner');
  }

  async tryAgain(row: Locator): Promise<DeadLettersPage> {
    await row.getByRole('button', { name: /^Try again/ }).click();
    return DeadLettersPage.arrive(this.page);
  }
}
