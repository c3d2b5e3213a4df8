import { CaseConsultationsPage } from './case-consultations.ts';
import { ServicePage, type DateParts } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** A school consulted as the form takes it; a field left out is left as it is. */
export interface SchoolConsulted {
  urn?: string;
  /** Why, as the radio reads: "The family asked for this school" or "The council is considering this school". */
  basis?: string;
  contactName?: string;
  contactEmail?: string;
  sentOn?: DateParts;
}

/** "Consult a school" on a case whose draft plan (or decision to make one) is recorded. */
export class ConsultSchoolPage extends ServicePage {
  static readonly address = '/cases/[^/]+/consultations/new';

  readonly navigation = new StaffNavigation(this.page);

  async enter(consulted: SchoolConsulted): Promise<void> {
    if (consulted.urn !== undefined) await this.page.getByLabel('School’s URN').fill(consulted.urn);
    if (consulted.basis) await this.page.getByRole('radio', { name: consulted.basis }).check();
    if (consulted.contactName !== undefined) await this.page.getByLabel('Who at the school is it sent to?').fill(consulted.contactName);
    if (consulted.contactEmail !== undefined) await this.page.getByLabel('Their e-mail address').fill(consulted.contactEmail);
    if (consulted.sentOn) await this.fillDate('sentOn', consulted.sentOn);
  }

  private async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Consult the school' }).click();
  }

  async consult(): Promise<CaseConsultationsPage> {
    await this.submit();
    return CaseConsultationsPage.arrive(this.page);
  }

  /** Sends what the service refuses: the form comes back with an error summary. */
  async consultRefused(): Promise<ConsultSchoolPage> {
    await this.submit();
    return ConsultSchoolPage.arrive(this.page);
  }
}
