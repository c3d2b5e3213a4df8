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
