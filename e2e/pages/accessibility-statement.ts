import type { Page } from '@playwright/test';
import { ServicePage } from './service-page.ts';

/** The accessibility statement, linked from the footer of every page. */
export class AccessibilityStatementPage extends ServicePage {
  static readonly path = '/accessibility';

  static async open(page: Page): Promise<AccessibilityStatementPage> {
    return new AccessibilityStatementPage(page).goto(AccessibilityStatementPage.path);
  }
}
