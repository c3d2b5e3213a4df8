import type { Locator, Page } from '@playwright/test';
import { ServicePage } from './service-page.ts';

/** "Page not found", for any address the service has no page at. */
export class NotFoundPage extends ServicePage {
  /** An address the service has no page at. */
  static readonly path = '/no-such-page';

  static async open(page: Page): Promise<NotFoundPage> {
    return new NotFoundPage(page).goto(NotFoundPage.path);
  }
}

/**
 * A request the service refused, for example a form sent with an out-of-date CSRF token: the
 * heading names the problem. Reached only by what the browser sent, so it has no address of its
 * own to open.
 */
export class ClientErrorPage extends ServicePage {
  /** At the address of the request refused. */
  static readonly address = '/.*';

  message(): Locator {
    return this.page.getByRole('main').locator('.govuk-body').first();
  }
}

/** "Sorry, there is a problem with the service", with a reference to find the log by. */
export class ServerErrorPage extends ServicePage {
  /** At the address of the request that failed. */
  static readonly address = '/.*';

  reference(): Locator {
    return this.page.getByRole('main').locator('strong');
  }
}
