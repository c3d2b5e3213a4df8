import type { Locator, Page } from '@playwright/test';
import { ChaseConsultationPage } from './chase-consultation.ts';
import { ConsultSchoolPage } from './consult-school.ts';
import { FamilyResponsePage } from './family-response.ts';
import { SchoolAnswerPage } from './school-answer.ts';
import { ServicePage } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** A case's draft plan: the family's response to it and the schools consulted about being named. */
export class CaseConsultationsPage extends ServicePage {
  static readonly address = '/cases/[^/]+/consultations';

  static url(caseId: string): string {
    return `/cases/${encodeURIComponent(caseId)}/consultations`;
  }

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page, caseId: string): Promise<CaseConsultationsPage> {
    return new CaseConsultationsPage(page).goto(CaseConsultationsPage.url(caseId));
  }

  savedBanner(): Locator {
    return this.page.locator('.govuk-notification-banner');
  }

  /** The family's comments on one section, under its heading (for example "Section F: special educational provision"). */
  commentsOn(sectionTitle: string): Locator {
    return this.page.getByRole('heading', { name: sectionTitle }).locator('xpath=following-sibling::ul[1]');
  }

  /** The schools the family asks to be named. */
  preferences(): Locator {
    return this.page.getByRole('heading', { name: /^Schools the family asks to be named/ }).locator('xpath=following-sibling::ul[1]');
  }

  /** Every consultation's card. */
  consultations(): Locator {
    return this.page.locator('.govuk-summary-card');
  }

  /** The card of the consultation with one school, by its name. */
  consultation(schoolName: string): Locator {
    return this.consultations().filter({ has: this.page.getByRole('heading', { name: schoolName, exact: true }) });
  }

  async recordFamilyResponse(): Promise<FamilyResponsePage> {
    await this.page.getByRole('button', { name: 'Record the family’s response' }).click();
    return FamilyResponsePage.arrive(this.page);
  }

  async consultASchool(): Promise<ConsultSchoolPage> {
    await this.page.getByRole('button', { name: 'Consult a school' }).click();
    return ConsultSchoolPage.arrive(this.page);
  }

  async sendReminder(schoolName: string): Promise<ChaseConsultationPage> {
    await this.consultation(schoolName).getByRole('link', { name: /^Send a reminder/ }).click();
    return ChaseConsultationPage.arrive(this.page);
  }

  async recordAnswer(schoolName: string): Promise<SchoolAnswerPage> {
    await this.consultation(schoolName).getByRole('link', { name: /^Record the answer/ }).click();
    return SchoolAnswerPage.arrive(this.page);
  }
}
