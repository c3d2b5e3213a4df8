import type { Locator, Page } from '@playwright/test';
import type { ChosenFile } from './add-document.ts';
import { ServicePage } from './service-page.ts';

// The advice givers' pages of the portal: the second factor, their requests for advice and sending advice.

/** "Enter the code from your authenticator app", after the link, for schools and advice givers. */
export class PortalSecondFactorPage extends ServicePage {
  static readonly address = '/portal/second-factor(/set-up)?';

  async enterCode(code: string): Promise<PortalAdviceGiverHomePage> {
    await this.page.getByLabel('Enter the code from your authenticator app').fill(code);
    await this.page.getByRole('button', { name: 'Continue' }).click();
    return PortalAdviceGiverHomePage.arrive(this.page);
  }
}

/** The portal's landing page as an advice giver sees it: their organisation, and their requests. */
export class PortalAdviceGiverHomePage extends ServicePage {
  static readonly address = '/portal';

  async requestsForAdvice(): Promise<PortalAdviceRequestsPage> {
    await this.page.getByRole('link', { name: 'Your requests for advice' }).click();
    return PortalAdviceRequestsPage.arrive(this.page);
  }
}

/** "Your requests for advice": the open requests addressed to the advice giver, soonest due first. */
export class PortalAdviceRequestsPage extends ServicePage {
  static readonly path = '/portal/advice';

  static async open(page: Page): Promise<PortalAdviceRequestsPage> {
    return new PortalAdviceRequestsPage(page).goto(PortalAdviceRequestsPage.path);
  }

  rows(): Locator {
    return this.page.locator('#advice-requests tbody tr');
  }

  banner(): Locator {
    return this.page.locator('.govuk-notification-banner');
  }

  async openFirstRequest(): Promise<PortalAdviceRequestPage> {
    await this.rows().first().getByRole('link').click();
    return PortalAdviceRequestPage.arrive(this.page);
  }
}

/** One request for advice: the child, what is asked and by when, and the form to send the advice. */
export class PortalAdviceRequestPage extends ServicePage {
  static readonly address = '/portal/advice/[^/]+';

  details(): Locator {
    return this.page.locator('#request-details');
  }

  async write(advice: string): Promise<void> {
    await this.page.getByLabel('Your advice', { exact: true }).fill(advice);
  }

  async chooseFile(file: ChosenFile): Promise<void> {
    await this.page.getByLabel('Upload your advice as a document (optional)').setInputFiles(file);
  }

  async sendRefused(): Promise<PortalAdviceRequestPage> {
    await this.page.getByRole('button', { name: 'Send your advice' }).click();
    return PortalAdviceRequestPage.arrive(this.page);
  }

  async send(): Promise<PortalAdviceRequestsPage> {
    await this.page.getByRole('button', { name: 'Send your advice' }).click();
    return PortalAdviceRequestsPage.arrive(this.page);
  }
}
