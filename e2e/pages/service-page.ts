import { expect, type Page } from '@playwright/test';
import { expectNoAccessibilityViolations } from '../support/accessibility.ts';

/**
 * The base of every page object: opening or arriving at a page checks it against axe, so no
 * journey can visit a page without the accessibility check.
 */
export class ServicePage {
  constructor(readonly page: Page) {}

  async goto(path: string): Promise<this> {
    const response = await this.page.goto(path);
    expect(response, `no response for ${path}`).not.toBeNull();
    await this.checkAccessibility();
    return this;
  }

  async checkAccessibility(): Promise<void> {
    await expectNoAccessibilityViolations(this.page);
  }

  heading() {
    return this.page.getByRole('heading', { level: 1 });
  }
}
