import { expect, type Locator, type Page, type Response } from '@playwright/test';
import { expectNoAccessibilityViolations } from '../support/accessibility.ts';

/** A date as typed into a GOV.UK date input. */
export type DateParts = { day: string; month: string; year: string };

export function datePartsOf(date: Date): DateParts {
  return { day: String(date.getDate()), month: String(date.getMonth() + 1), year: String(date.getFullYear()) };
}

/**
 * Where a page object's page is: its path as a pattern in regular-expression syntax, matched
 * against the whole path (`/children/[^/]+/plan`), or a regular expression tried on the whole
 * address, query included (`/\/contacts\?/`).
 */
export type Address = string | RegExp;

/** A page object's class: how to make one, and where its page is. */
export type PageClass<T extends ServicePage> = (new (page: Page) => T) & {
  /** Where the page is, when that is not just its `path`. */
  readonly address?: Address;
  /** The page's one address, for those opened directly. */
  readonly path?: string;
};

/** Whether an address is the page's: a path pattern matches the whole path, a regular expression the whole address. */
function matcherOf(address: Address): (url: URL) => boolean {
  if (address instanceof RegExp) return (url) => address.test(url.href);
  const path = new RegExp(`^${address}$`);
  return (url) => path.test(url.pathname);
}

function escaped(path: string): string {
  return path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Set on a document once a page object has checked it. A click does not wait for the page it
 * leads to, so a page arrived at after a click may still be the one being left, at the same
 * address when a form comes back with its errors or a button leads back to its own page: the
 * page being arrived at is a document without this mark.
 */
const CHECKED = '__checkedByJourney';

/**
 * The base of every page object: opening or arriving at a page checks it against axe, so no
 * journey can visit a page without the accessibility check.
 *
 * Each page object keeps its own address (a static `path`, or `url(id)` for a page about one
 * child with a static `address`, the pattern of every such page's path) and offers the page's
 * actions; an action that leads to another page returns that page's object, checked on arrival
 * once the browser is there.
 */
export abstract class ServicePage {
  /** The response to the address this page object opened, if it opened one. */
  response: Response | null = null;

  private checksAccessibility = true;

  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  /**
   * The page the browser is going to after a click or a redirect, checked with axe once there:
   * waits for the browser to leave the page last checked, then for the page at this page
   * object's address to have loaded.
   */
  static async arrive<T extends ServicePage>(this: PageClass<T>, page: Page): Promise<T> {
    const address = this.address ?? (this.path === undefined ? undefined : escaped(this.path));
    if (address === undefined) throw new Error(`${this.name} has no address to arrive at`);
    const arrived = new this(page);
    await arrived.leaveCheckedPage();
    await page.waitForURL(matcherOf(address), { waitUntil: 'load' });
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

  /** Checks the page with axe, and marks it as checked, so that arriving at the next page waits for it. */
  async checkAccessibility(): Promise<void> {
    if (!this.checksAccessibility) return;
    await this.page.evaluate(`window.${CHECKED} = true`);
    await expectNoAccessibilityViolations(this.page);
  }

  /**
   * Waits until the page shown is not one already checked: if it is, the browser is still to
   * leave it, and the next page's load is the page arrived at. Listening for that load before
   * asking which page is shown means it cannot be missed; no timer, no polling.
   */
  private async leaveCheckedPage(): Promise<void> {
    let loaded = (): void => undefined;
    const nextLoad = new Promise<void>((resolve) => {
      loaded = resolve;
    });
    this.page.once('load', loaded);
    try {
      // A page being left while asked has its script context destroyed: that is leaving it too.
      const stillChecked = await this.page.evaluate<boolean>(`window.${CHECKED} === true`).catch(() => true);
      if (stillChecked) await nextLoad;
    } finally {
      this.page.off('load', loaded);
    }
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
