import type { Locator, Page } from '@playwright/test';
import { MessagePage } from './outbox.ts';
import { PortalSecondFactorPage } from './portal-advice.ts';
import { ServicePage } from './service-page.ts';

// The portal for people outside the council, and the officers' pages that invite them.

/** "Invite to the family portal", from a child's record: who to invite and where to send it. */
export class InviteToFamilyPortalPage extends ServicePage {
  static readonly address = '/children/[^/]+/portal-invitation';

  async invite(who: string | RegExp, email: string): Promise<PortalAccountPage> {
    await this.page.getByRole('radio', { name: who }).check();
    await this.page.getByLabel('E-mail address to send the invitation to').fill(email);
    await this.page.getByRole('button', { name: 'Send the invitation' }).click();
    return PortalAccountPage.arrive(this.page);
  }
}

/** An officer's page of one portal account: who, linked to what, and the invitation just sent. */
export class PortalAccountPage extends ServicePage {
  static readonly address = '/portal-accounts/[^/]+';

  banner(): Locator {
    return this.page.locator('.govuk-notification-banner');
  }

  async invitationInOutbox(): Promise<MessagePage> {
    await this.banner().getByRole('link', { name: 'See it in the outbox' }).click();
    return MessagePage.arrive(this.page);
  }
}

/** The portal's sign-in: an e-mail address, for a link. */
export class PortalSignInPage extends ServicePage {
  static readonly path = '/portal/sign-in';

  static async open(page: Page): Promise<PortalSignInPage> {
    return new PortalSignInPage(page).goto(PortalSignInPage.path);
  }

  async askForLink(email: string): Promise<PortalCheckEmailPage> {
    await this.page.getByLabel('E-mail address').fill(email);
    await this.page.getByRole('button', { name: 'Send me a link' }).click();
    return PortalCheckEmailPage.arrive(this.page);
  }
}

/** "Check your e-mail": the same words whether or not the address has an account. */
export class PortalCheckEmailPage extends ServicePage {
  static readonly address = '/portal/sign-in/check-your-email';
}

/** A sign-in link opened: one button, so that opening the link does not use it up. */
export class PortalSignInLinkPage extends ServicePage {
  static readonly address = '/portal/sign-in/link/[^/]+';

  /** Opens a link from an e-mail by its path (the page object knows only the portal's addresses). */
  static async open(page: Page, linkPath: string): Promise<PortalSignInLinkPage> {
    if (!linkPath.startsWith('/portal/sign-in/link/')) throw new Error(`Not a sign-in link: ${linkPath}`);
    return new PortalSignInLinkPage(page).goto(linkPath);
  }

  /** For a school or an advice giver with an authenticator app set up: the code comes next. */
  async continueToSecondFactor(): Promise<PortalSecondFactorPage> {
    await this.page.getByRole('button', { name: 'Continue to sign in' }).click();
    return PortalSecondFactorPage.arrive(this.page);
  }

  async continueToSignIn(): Promise<PortalHomePage> {
    await this.page.getByRole('button', { name: 'Continue to sign in' }).click();
    return PortalHomePage.arrive(this.page);
  }
}

/** "This link does not work": an expired, used or unknown link. */
export class PortalLinkRefusedPage extends ServicePage {
  static readonly address = '/portal/sign-in/link/[^/]+';

  static async open(page: Page, linkPath: string): Promise<PortalLinkRefusedPage> {
    return new PortalLinkRefusedPage(page).goto(linkPath);
  }

  message(): Locator {
    return this.page.getByRole('main');
  }
}

/** The portal's landing page: who is signed in and what the account is linked to. */
export class PortalHomePage extends ServicePage {
  static readonly path = '/portal';

  children(): Locator {
    return this.page.locator('#linked-children li');
  }

  async signOut(): Promise<PortalSignedOutPage> {
    await this.page.getByRole('button', { name: 'Sign out' }).click();
    return PortalSignedOutPage.arrive(this.page);
  }
}

export class PortalSignedOutPage extends ServicePage {
  static readonly address = '/portal/signed-out';

  async signInAgain(): Promise<PortalSignInPage> {
    await this.page.getByRole('main').getByRole('link', { name: 'Sign in again' }).click();
    return PortalSignInPage.arrive(this.page);
  }
}
