import type { Locator, Page } from '@playwright/test';
import { AccessibilityStatementPage } from './accessibility-statement.ts';
import { PublicPlanPage } from './improvement-public-page.ts';
import { CheckDeadlinesPage } from './timescales.ts';
import { ServicePage } from './service-page.ts';
import { SignInPage } from './sign-in.ts';

/** The start page: what the service is, with the way in for staff, the public calculator and any published improvement plan. */
export class StartPage extends ServicePage {
  static readonly path = '/';

  static async open(page: Page): Promise<StartPage> {
    return new StartPage(page).goto(StartPage.path);
  }

  /** Opens the start page in a browser without JavaScript, where axe cannot run. */
  static async openWithoutJavaScript(page: Page): Promise<StartPage> {
    return new StartPage(page).gotoWithoutJavaScript(StartPage.path);
  }

  async openAccessibilityStatement(): Promise<AccessibilityStatementPage> {
    await this.footer().getByRole('link', { name: 'Accessibility statement' }).click();
    return AccessibilityStatementPage.arrive(this.page);
  }

  async openCheckDeadlines(): Promise<CheckDeadlinesPage> {
    await this.page.getByRole('main').getByRole('link', { name: 'Check EHC deadlines' }).click();
    return CheckDeadlinesPage.arrive(this.page);
  }

  /** The links to the councils' published improvement plans (none until one is published). */
  improvementPlanLinks(): Locator {
    return this.page.getByRole('main').getByRole('link', { name: /: our improvement plan for SEND$/ });
  }

  async openImprovementPlan(): Promise<PublicPlanPage> {
    await this.improvementPlanLinks().first().click();
    return PublicPlanPage.arrive(this.page);
  }

  async openSignIn(): Promise<SignInPage> {
    await this.page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
    return SignInPage.arrive(this.page);
  }
}
