import type { Page } from '@playwright/test';
import { ServicePage, type PageClass } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/**
 * The council's identity provider's own sign-in page: in the journeys, the stand-in's
 * (src/test/oidc-provider.ts), which asks for an e-mail address. It is not the service's page, so
 * it is not held to the service's accessibility checks; the pages either side of it are.
 */
export class ProviderSignInPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  static async arrive(page: Page): Promise<ProviderSignInPage> {
    await page.waitForURL(/\/interaction\/[^/]+$/, { waitUntil: 'load' });
    return new ProviderSignInPage(page);
  }

  /** Signs in at the provider as the person of this address; back at the service, the page it leads to. */
  async signInAs<T extends ServicePage>(email: string, next: PageClass<T>): Promise<T> {
    await this.page.getByLabel('Council e-mail address').fill(email);
    await this.page.getByRole('button', { name: 'Sign in at the provider' }).click();
    return ServicePage.arrive.call<PageClass<T>, [Page], Promise<T>>(next, this.page);
  }

  /** Cancels at the provider: back at the service, the page saying nobody was signed in. */
  async cancel(): Promise<ProviderSignInFailedPage> {
    await this.page.getByRole('button', { name: 'Cancel' }).click();
    return ProviderSignInFailedPage.arrive(this.page);
  }
}

/** The service's page when a sign-in through the council's identity provider did not sign anyone in. */
export class ProviderSignInFailedPage extends ServicePage {
  static readonly path = '/sign-in/oidc/callback';

  readonly navigation = new StaffNavigation(this.page);

  async backToSignIn(): Promise<void> {
    await this.page.getByRole('main').getByRole('link', { name: 'Go to the sign-in page' }).click();
  }
}
