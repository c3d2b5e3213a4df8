import { expect, type Locator, type Page, type Response } from '@playwright/test';
import { expectNoAccessibilityViolations } from '../support/accessibility.ts';

/** A date as typed into a GOV.UK date input. */
export type DateParts = { day: string; month: string; year: string };

export function datePartsOf(date: Date): DateParts {
  return { day: String(date.getDate()), month: String(date.getMonth() + 1), year: String(date.getFullYear()) };
}

/**
 * The base of every page object: opening or arriving at a page checks it against axe, so no
 * journey can visit a page without the accessibility check.
 *
 * Each page object keeps its own address (a static `path`, or `url(id)` for a page about one
 * child) and offers the page's actions; an action that leads to another page returns that page's
 * object, checked on arrival.
 */
export abstract class ServicePage {
  /** The response to the address this page object opened, if it opened one. */
  response: Response | null = null;

  private checksAccessibility = true;

  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  /** The page the browser has just arrived at, after a click or a redirect, checked with axe. */
  static async arrive<T extends ServicePage>(this: new (page: Page) => T, page: Page): Promise<T> {
    const arrived = new this(page);
    await arrived.checkAccessibility();
    return arrived;
  }

  /** Opens the page object's own address: only page objects know the addresses. */
  protected async goto(path: string): Promise<this> {
    this.response = await this.page.goto(path);
    expect(this.response, `no response for ${path}`).not.toBeNull();
    await this.checkAccessibility();
    return this;
  }

  /**
   * Opens the page in a browser context without JavaScript. axe runs inside the page, so it cannot
   * run there: this page object then checks nothing, and the same pages are checked by the
   * journeys with JavaScript.
   */
  protected async gotoWithoutJavaScript(path: string): Promise<this> {
    this.checksAccessibility = false;
    this.response = await this.page.goto(path);
    expect(this.response, `no response for ${path}`).not.toBeNull();
    return this;
  }

  async checkAccessibility(): Promise<void> {
    if (this.checksAccessibility) await expectNoAccessibilityViolations(this.page);
  }

  heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  /** The council's header, at the top of every page. */
  councilHeader(): Locator {
    return this.page.locator('.govuk-generic-header');
  }

  footer(): Locator {
    return this.page.locator('footer');
  }

  errorSummary(): Locator {
    return this.page.locator('.govuk-error-summary');
  }

  /** A link in the error summary: the only one, or the one with this text. */
  errorLink(name?: string | RegExp): Locator {
    return this.errorSummary().getByRole('link', name === undefined ? {} : { name });
  }

  /** Text anywhere on the page. */
  text(content: string, options: { exact?: boolean } = {}): Locator {
    return this.page.getByText(content, options);
  }

  /** The font the page's body text is set in. */
  async bodyFontFamily(): Promise<string> {
    return this.page.evaluate<string>('getComputedStyle(document.body).fontFamily');
  }

  /** Keeps a picture of the page in test-results/screenshots/, for review. */
  async screenshot(name: string, options: { fullPage: boolean }): Promise<void> {
    await this.page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: options.fullPage });
  }

  /** Fills a GOV.UK date input whose fields are `${prefix}-day`, `${prefix}-month` and `${prefix}-year`. */
  protected async fillDate(prefix: string, date: DateParts): Promise<void> {
    for (const part of ['day', 'month', 'year'] as const) {
      await this.page.locator(`#${prefix}-${part}`).fill(date[part]);
    }
  }
}
