import type { Locator } from '@playwright/test';
import type { PortalHomePage } from './portal.ts';
import { ServicePage } from './service-page.ts';

// The family portal's pages: a child's case, the plan, and the comment on a draft.

/** A child's case, in plain words: the stage, what happens next, the officer, the plan and the letters. */
export class FamilyCasePage extends ServicePage {
  static readonly address = '/portal/children/[^/]+';

  /** Opens a child's case from the portal's landing page, by the child's first name. */
  static async from(home: PortalHomePage, firstName: string): Promise<FamilyCasePage> {
    await home.children().getByRole('link', { name: firstName }).click();
    return FamilyCasePage.arrive(home.page);
  }

  /** "What happens next": each step with the day it is due. */
  nextSteps(): Locator {
    return this.page.locator('#next-steps');
  }

  officer(): Locator {
    return this.page.getByRole('heading', { name: /case officer|کیس آفیسر/ }).locator('xpath=following-sibling::p[1]');
  }

  /** Changes the language with the switcher, by the language's own name ("اردو", "English"). */
  async switchTo(nativeName: string): Promise<FamilyCasePage> {
    await this.page.locator('.app-language-switcher').getByRole('link', { name: nativeName }).click();
    return FamilyCasePage.arrive(this.page);
  }

  banner(): Locator {
    return this.page.locator('.govuk-notification-banner');
  }

  /** The views for section A the family sent, each a card, newest first. */
  viewsSent(): Locator {
    return this.page.locator('.govuk-summary-card');
  }

  async sendViews(): Promise<FamilyViewsPage> {
    await this.page.getByRole('link', { name: /^Send us (your|more) views$/ }).click();
    return FamilyViewsPage.arrive(this.page);
  }

  async sendDocument(): Promise<FamilyDocumentsPage> {
    await this.page.getByRole('link', { name: 'Send us a document' }).click();
    return FamilyDocumentsPage.arrive(this.page);
  }

  async readDraftPlan(): Promise<FamilyPlanPage> {
    await this.page.getByRole('link', { name: 'Read the draft plan' }).click();
    return FamilyPlanPage.arrive(this.page);
  }
}

/** The plan as issued, with the way to comment on a draft. */
export class FamilyPlanPage extends ServicePage {
  static readonly address = '/portal/children/[^/]+/plan';

  banner(): Locator {
    return this.page.locator('.govuk-notification-banner');
  }

  commentWindow(): Locator {
    return this.page.locator('#comment-window');
  }

  async backToTheCase(): Promise<FamilyCasePage> {
    await this.page.getByRole('link', { name: 'Back to the case' }).click();
    return FamilyCasePage.arrive(this.page);
  }

  async commentOnDraft(): Promise<FamilyCommentPage> {
    await this.page.getByRole('button', { name: 'Comment on the draft plan' }).click();
    return FamilyCommentPage.arrive(this.page);
  }
}

/** "Comment on the draft plan": one part of the plan, and the family's words. */
export class FamilyCommentPage extends ServicePage {
  static readonly address = '/portal/children/[^/]+/plan/comment';

  async send(part: string | RegExp, words: string): Promise<FamilyPlanPage> {
    await this.page.getByRole('radio', { name: part }).check();
    await this.page.getByLabel('Your comment').fill(words);
    await this.page.getByRole('button', { name: 'Send your comment' }).click();
    return FamilyPlanPage.arrive(this.page);
  }
}

/** "Your views": what matters to the child, what they are good at and hope for, in the family's words. */
export class FamilyViewsPage extends ServicePage {
  static readonly address = '/portal/children/[^/]+/views';

  /** Fills each box, by its label, and sends them. */
  async send(answers: Record<string, string>): Promise<FamilyCasePage> {
    for (const [label, words] of Object.entries(answers)) await this.page.getByLabel(label).fill(words);
    await this.page.getByRole('button', { name: 'Send your views' }).click();
    return FamilyCasePage.arrive(this.page);
  }
}

/** "Send us a document": a title and a file, and the documents this person sent. */
export class FamilyDocumentsPage extends ServicePage {
  static readonly address = '/portal/children/[^/]+/documents';

  banner(): Locator {
    return this.page.locator('.govuk-notification-banner');
  }

  sent(): Locator {
    return this.page.locator('#sent-documents li');
  }

  async send(title: string, file?: { name: string; mimeType: string; buffer: Buffer }): Promise<FamilyDocumentsPage> {
    await this.page.getByLabel('What is the document?').fill(title);
    if (file) await this.page.getByLabel('Choose the file').setInputFiles(file);
    await this.page.getByRole('button', { name: 'Send the document' }).click();
    return FamilyDocumentsPage.arrive(this.page);
  }

  async backToTheCase(): Promise<FamilyCasePage> {
    await this.page.getByRole('link', { name: 'Back', exact: true }).click();
    return FamilyCasePage.arrive(this.page);
  }
}
