import { CaseConsultationsPage } from './case-consultations.ts';
import { ServicePage, type DateParts } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** One thing the family said about the draft plan, as the form takes it. */
export interface FamilySaid {
  /** As the radio reads, for example "A comment on the draft plan". */
  kind: string;
  /** For a comment: the section as the list reads, for example "Section F: special educational provision". */
  section?: string;
  /** For a school: its URN. */
  urn?: string;
  words?: string;
  receivedOn?: DateParts;
}

/** "Record the family’s response to the draft plan". */
export class FamilyResponsePage extends ServicePage {
  static readonly address = '/cases/[^/]+/consultations/family-response';

  readonly navigation = new StaffNavigation(this.page);

  async enter(said: FamilySaid): Promise<void> {
    await this.page.getByRole('radio', { name: said.kind }).check();
    if (said.section) await this.page.getByLabel('For a comment: which section of the plan is it about?').selectOption({ label: said.section });
    if (said.urn !== undefined) await this.page.getByLabel('For a school: the school’s URN').fill(said.urn);
    if (said.words !== undefined) await this.page.getByLabel('What they said, in their words').fill(said.words);
    if (said.receivedOn) await this.fillDate('receivedOn', said.receivedOn);
  }

  private async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Record it' }).click();
  }

  async record(): Promise<CaseConsultationsPage> {
    await this.submit();
    return CaseConsultationsPage.arrive(this.page);
  }

  async recordRefused(): Promise<FamilyResponsePage> {
    await this.submit();
    return FamilyResponsePage.arrive(this.page);
  }
}
