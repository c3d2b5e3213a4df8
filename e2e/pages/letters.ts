import type { Download, Locator, Page } from '@playwright/test';
import { ServicePage } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** "Letters", for administrators: each type of letter with the wording in use, and the council's details. */
export class LettersPage extends ServicePage {
  static readonly path = '/letters';

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page): Promise<LettersPage> {
    return new LettersPage(page).goto(LettersPage.path);
  }

  /** The row of one type of letter, by its name. */
  row(name: string): Locator {
    return this.page.locator('tbody .govuk-table__row', { has: this.page.getByRole('link', { name, exact: true }) });
  }

  async openLetterType(name: string): Promise<LetterTemplatePage> {
    await this.page.getByRole('link', { name, exact: true }).click();
    return LetterTemplatePage.arrive(this.page);
  }
}

/** One type of letter: its wording to change, a preview against a real case, the fields it may use, its saved versions. */
export class LetterTemplatePage extends ServicePage {
  static readonly address = '/letters/[^/]+';

  static url(type: string): string {
    return `/letters/${encodeURIComponent(type)}`;
  }

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page, type: string): Promise<LetterTemplatePage> {
    return new LetterTemplatePage(page).goto(LetterTemplatePage.url(type));
  }

  subject(): Locator {
    return this.page.getByLabel('Subject', { exact: true });
  }

  body(): Locator {
    return this.page.getByLabel('What the letter says');
  }

  previewCase(): Locator {
    return this.page.getByLabel('Case to preview the letter with');
  }

  async enterBody(text: string): Promise<void> {
    await this.body().fill(text);
  }

  /** Chooses the case to preview with, by words its entry holds (a child's name). */
  async chooseCase(words: string): Promise<void> {
    const value = await this.previewCase().locator('option', { hasText: words }).first().getAttribute('value');
    await this.previewCase().selectOption(value!);
  }

  /** The letter as it would read, shown once previewed. */
  previewLetter(): Locator {
    return this.page.locator('#preview-letter');
  }

  async preview(): Promise<LetterTemplatePage> {
    await this.page.getByRole('button', { name: 'Preview' }).click();
    return LetterTemplatePage.arrive(this.page);
  }

  /** Saves the wording as the council's next version; the page comes back saying so, or with the error summary. */
  async save(): Promise<LetterTemplatePage> {
    await this.page.getByRole('button', { name: 'Save as the new version' }).click();
    return LetterTemplatePage.arrive(this.page);
  }

  savedBanner(): Locator {
    return this.page.locator('.govuk-notification-banner');
  }

  /** The saved versions, newest first, each a summary that opens to its words. */
  versions(): Locator {
    return this.page.locator('.govuk-details__summary-text');
  }

  async backToLetters(): Promise<LettersPage> {
    await this.page.getByRole('link', { name: 'Back to letters' }).click();
    return LettersPage.arrive(this.page);
  }
}

/** A letter as it was sent on a case: whom to, its status, its words, and its PDF once made. */
export class SentLetterPage extends ServicePage {
  static readonly address = '/letters/sent/[^/]+';

  readonly navigation = new StaffNavigation(this.page);

  letterText(): Locator {
    return this.page.locator('#letter-text');
  }

  pdfLink(): Locator {
    return this.page.getByRole('link', { name: 'Download the letter as a PDF' });
  }

  /** Shows the page again (the PDF is made in the background moments after the letter). */
  async reload(): Promise<SentLetterPage> {
    await this.page.reload();
    return SentLetterPage.arrive(this.page);
  }

  async downloadPdf(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.pdfLink().click()]);
    return download;
  }
}
