import type { Locator } from '@playwright/test';
import { ServicePage, type DateParts } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** A case's moves between councils. */
export class CaseTransfersPage extends ServicePage {
  static readonly address = '/cases/[^/]+/transfers';

  readonly navigation = new StaffNavigation(this.page);

  savedBanner(): Locator {
    return this.page.locator('.govuk-notification-banner');
  }

  move(): Locator {
    return this.page.locator('.govuk-summary-list').first();
  }

  async recordMoveOut(): Promise<TransferOutPage> {
    await this.page.getByRole('link', { name: 'Record a move to another council' }).click();
    return TransferOutPage.arrive(this.page);
  }

  async sendThePlan(): Promise<PlanSentPage> {
    await this.page.getByRole('button', { name: 'Send the plan to the new council' }).click();
    return PlanSentPage.arrive(this.page);
  }
}

/** "Record a move to another council". */
export class TransferOutPage extends ServicePage {
  static readonly address = '/cases/[^/]+/transfers/out';

  readonly navigation = new StaffNavigation(this.page);

  async enter(move: { newCouncil?: string; moveDate?: DateParts; learntOn?: DateParts }): Promise<void> {
    if (move.newCouncil !== undefined) await this.page.getByLabel('Which council is the child moving to?').fill(move.newCouncil);
    if (move.moveDate) await this.fillDate('moveDate', move.moveDate);
    if (move.learntOn) await this.fillDate('learntOn', move.learntOn);
  }

  async recordRefused(): Promise<TransferOutPage> {
    await this.page.getByRole('button', { name: 'Record the move' }).click();
    return TransferOutPage.arrive(this.page);
  }

  async record(): Promise<CaseTransfersPage> {
    await this.page.getByRole('button', { name: 'Record the move' }).click();
    return CaseTransfersPage.arrive(this.page);
  }
}

/** "Send the plan to the new council". */
export class PlanSentPage extends ServicePage {
  static readonly address = '/transfers/[^/]+/plan-sent';

  readonly navigation = new StaffNavigation(this.page);

  explanation(): Locator {
    return this.page.locator('main .govuk-body').first();
  }

  async enter(sent: { recipientName: string; recipientEmail: string }): Promise<void> {
    await this.page.getByLabel('Who at the new council is it sent to?').fill(sent.recipientName);
    await this.page.getByLabel('Their e-mail address').fill(sent.recipientEmail);
  }

  async send(): Promise<CaseTransfersPage> {
    await this.page.getByRole('button', { name: 'Record the plan sent' }).click();
    return CaseTransfersPage.arrive(this.page);
  }
}

/** "Record a plan received from another council", with the optional details of the plan's papers for the SEN2 return. */
export class TransferInPage extends ServicePage {
  static readonly address = '/children/[^/]+/transfer-in';
  readonly navigation = new StaffNavigation(this.page);

  async enter(move: { oldCouncil: string; moveDate: DateParts; planReceivedOn: DateParts; lastReviewOn: DateParts }): Promise<void> {
    await this.page.getByLabel('Which council has the child moved from?').fill(move.oldCouncil);
    await this.fillDate('moveDate', move.moveDate);
    await this.fillDate('planReceivedOn', move.planReceivedOn);
    await this.fillDate('lastReviewOn', move.lastReviewOn);
  }

  /** The fieldset "From the plan's papers, for the SEN2 return": each part only when given. */
  async enterPapers(papers: { laCode?: string; requestReceivedOn?: DateParts; requestSource?: string; primaryNeed?: string; secondaryNeed?: string; placementUrn?: string }): Promise<void> {
    if (papers.laCode !== undefined) await this.page.getByLabel('The other council’s LA code').fill(papers.laCode);
    if (papers.requestReceivedOn) await this.fillDate('requestReceivedOn', papers.requestReceivedOn);
    if (papers.requestSource) await this.page.getByRole('group', { name: 'Who made the original request?' }).getByLabel(papers.requestSource, { exact: true }).check();
    if (papers.primaryNeed) await this.page.getByLabel('The plan’s primary need').selectOption({ label: papers.primaryNeed });
    if (papers.secondaryNeed) await this.page.getByLabel('A secondary need (optional)').selectOption({ label: papers.secondaryNeed });
    if (papers.placementUrn !== undefined) await this.page.getByLabel('The placement: the school’s URN').fill(papers.placementUrn);
  }

  papers(): Locator {
    return this.page.getByRole('group', { name: 'From the plan’s papers, for the SEN2 return' });
  }

  async recordRefused(): Promise<TransferInPage> {
    await this.page.getByRole('button', { name: 'Record the plan received' }).click();
    return TransferInPage.arrive(this.page);
  }

  async record(): Promise<CaseTransfersPage> {
    await this.page.getByRole('button', { name: 'Record the plan received' }).click();
    return CaseTransfersPage.arrive(this.page);
  }
}
