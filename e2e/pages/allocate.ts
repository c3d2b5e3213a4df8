import type { Locator, Page } from '@playwright/test';
import { ServicePage } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** "Allocate cases": the unallocated queue with a box against each case, and the officer to give them to. */
export class AllocatePage extends ServicePage {
  static readonly path = '/team/allocate';

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page): Promise<AllocatePage> {
    return new AllocatePage(page).goto(AllocatePage.path);
  }

  /** The box of each case waiting, in the queue's order. */
  caseBoxes(): Locator {
    return this.page.locator('input[name="cases"]');
  }

  /** Ticks the box of the case at this place in the queue; returns the case's id and its label ("Name, reference"). */
  async tick(index: number): Promise<{ caseId: string; label: string }> {
    const box = this.caseBoxes().nth(index);
    await box.check();
    const caseId = (await box.getAttribute('value'))!;
    const label = (await this.page.locator(`label[for="${await box.getAttribute('id')}"]`).innerText()).trim();
    return { caseId, label };
  }

  /** Chooses the officer by name (the option reads "Name (N open cases)"). */
  async chooseOfficer(name: string): Promise<void> {
    const value = await this.page.locator('#officer option', { hasText: `${name} (` }).getAttribute('value');
    await this.page.locator('#officer').selectOption(value!);
  }

  /** The reason for taking the officer over their cap (asked for only when they would go over it). */
  async giveReason(reason: string): Promise<void> {
    await this.page.getByLabel('If the officer goes over their cap, why?').fill(reason);
  }

  private async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Allocate', exact: true }).click();
  }

  async allocate(): Promise<AllocatePage> {
    await this.submit();
    return AllocatePage.arrive(this.page);
  }

  async allocateRefused(): Promise<AllocatePage> {
    await this.submit();
    return AllocatePage.arrive(this.page);
  }

  successBanner(): Locator {
    return this.page.locator('.govuk-notification-banner--success');
  }
}
