import { CaseConsultationsPage } from './case-consultations.ts';
import { ServicePage, type DateParts } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** "Record the school’s answer" to a consultation. */
export class SchoolAnswerPage extends ServicePage {
  static readonly address = '/consultations/[^/]+/response';

  readonly navigation = new StaffNavigation(this.page);

  async enter(answer: { canMeetNeeds: boolean; reasons?: string; respondedOn?: DateParts }): Promise<void> {
    await this.page.getByRole('radio', { name: answer.canMeetNeeds ? 'Yes, it can meet the needs' : 'No, it cannot meet the needs' }).check();
    if (answer.reasons !== undefined) await this.page.getByLabel('The school’s reasons').fill(answer.reasons);
    if (answer.respondedOn) await this.fillDate('respondedOn', answer.respondedOn);
  }

  private async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Record the answer' }).click();
  }

  async record(): Promise<CaseConsultationsPage> {
    await this.submit();
    return CaseConsultationsPage.arrive(this.page);
  }

  async recordRefused(): Promise<SchoolAnswerPage> {
    await this.submit();
    return SchoolAnswerPage.arrive(this.page);
  }
}
