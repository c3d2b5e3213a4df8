import type { Locator } from '@playwright/test';
import type { ChosenFile } from './add-document.ts';
import { ServicePage } from './service-page.ts';

// The school and college portal, for a school's own staff, after the sign-in pages of portal.ts.

/** "Enter the code from your authenticator app": the second factor of a school's sign-in. */
export class PortalSecondFactorPage extends ServicePage {
  static readonly address = '/portal/second-factor(/set-up)?';

  async enterCode(code: string): Promise<PortalSchoolLandingPage> {
    await this.page.getByLabel('Enter the code from your authenticator app').fill(code);
    await this.page.getByRole('button', { name: 'Continue' }).click();
    return PortalSchoolLandingPage.arrive(this.page);
  }
}

/** The portal's landing page as a school's person sees it. */
export class PortalSchoolLandingPage extends ServicePage {
  static readonly address = '/portal';

  async schoolPages(): Promise<SchoolHomePage> {
    await this.page.getByRole('link', { name: 'Go to your school’s pages' }).click();
    return SchoolHomePage.arrive(this.page);
  }
}

/** The school's pages' links, on each of them. */
class SchoolPage extends ServicePage {
  async consultations(): Promise<SchoolConsultationsPage> {
    await this.page.getByRole('navigation', { name: 'Your school’s pages' }).getByRole('link', { name: 'Consultations' }).click();
    return SchoolConsultationsPage.arrive(this.page);
  }

  async reviews(): Promise<SchoolReviewsPage> {
    await this.page.getByRole('navigation', { name: 'Your school’s pages' }).getByRole('link', { name: 'Annual reviews' }).click();
    return SchoolReviewsPage.arrive(this.page);
  }

  async pupils(): Promise<SchoolPupilsPage> {
    await this.page.getByRole('navigation', { name: 'Your school’s pages' }).getByRole('link', { name: 'Pupils' }).click();
    return SchoolPupilsPage.arrive(this.page);
  }

  banner(): Locator {
    return this.page.locator('.govuk-notification-banner');
  }
}

export class SchoolHomePage extends SchoolPage {
  static readonly address = '/portal/school';

  async manageStaff(): Promise<SchoolStaffPage> {
    await this.page.getByRole('link', { name: 'Manage your school’s staff' }).click();
    return SchoolStaffPage.arrive(this.page);
  }
}

export class SchoolStaffPage extends SchoolPage {
  static readonly address = '/portal/school/schools/[^/]+/staff';

  rows(): Locator {
    return this.page.locator('#staff tbody tr');
  }

  async addStaff(): Promise<AddStaffPage> {
    await this.page.getByRole('button', { name: 'Add a member of staff' }).click();
    return AddStaffPage.arrive(this.page);
  }
}

export class AddStaffPage extends SchoolPage {
  static readonly address = '/portal/school/schools/[^/]+/staff/add';

  async add(name: string, email: string): Promise<SchoolStaffPage> {
    await this.page.getByLabel('Full name').fill(name);
    await this.page.getByLabel('Work e-mail address').fill(email);
    await this.page.getByRole('radio', { name: 'Member of staff' }).check();
    await this.page.getByRole('button', { name: 'Send the invitation' }).click();
    return SchoolStaffPage.arrive(this.page);
  }

  async addRefused(): Promise<AddStaffPage> {
    await this.page.getByRole('button', { name: 'Send the invitation' }).click();
    return AddStaffPage.arrive(this.page);
  }
}

export class SchoolPupilsPage extends SchoolPage {
  static readonly address = '/portal/school/pupils';

  rows(): Locator {
    return this.page.locator('#pupils tbody tr');
  }

  async open(childName: string): Promise<SchoolPupilPage> {
    await this.page.locator('#pupils').getByRole('link', { name: childName }).click();
    return SchoolPupilPage.arrive(this.page);
  }
}

/** One pupil: what the council shares, with the consultations and the review about them. */
export class SchoolPupilPage extends SchoolPage {
  static readonly address = '/portal/school/pupils/[^/]+';

  details(): Locator {
    return this.page.locator('.govuk-summary-list').first();
  }
}

export class SchoolConsultationsPage extends SchoolPage {
  static readonly address = '/portal/school/consultations';

  async open(childName: string): Promise<SchoolConsultationPage> {
    await this.page.locator('#consultations').getByRole('link', { name: childName }).click();
    return SchoolConsultationPage.arrive(this.page);
  }
}

export class SchoolConsultationPage extends SchoolPage {
  static readonly address = '/portal/school/consultations/[^/]+';

  async answer(response: string, reasons = ''): Promise<SchoolConsultationPage> {
    if (response) await this.page.getByRole('radio', { name: response }).check();
    if (reasons) await this.page.getByLabel('Your reasons').fill(reasons);
    await this.page.getByRole('button', { name: 'Send your answer' }).click();
    return SchoolConsultationPage.arrive(this.page);
  }

  answerShown(): Locator {
    return this.page.locator('.govuk-summary-list').last();
  }
}

export class SchoolReviewsPage extends SchoolPage {
  static readonly address = '/portal/school/reviews';

  rows(): Locator {
    return this.page.locator('#reviews tbody tr');
  }

  async open(childName: string): Promise<SchoolReviewPage> {
    await this.page.locator('#reviews').getByRole('link', { name: childName }).click();
    return SchoolReviewPage.arrive(this.page);
  }
}

/** One review: the meeting, the report's due day, and the form to send the report. */
export class SchoolReviewPage extends SchoolPage {
  static readonly address = '/portal/school/reviews/[^/]+';

  async writeReport(words: string): Promise<void> {
    await this.page.getByLabel('The review report', { exact: true }).fill(words);
  }

  /** The report itself as a document, chosen in the form's file field. */
  async chooseFile(file: ChosenFile): Promise<void> {
    await this.page.getByLabel('Attach the review report as a document (optional)').setInputFiles(file);
  }

  /** Sends the form; the page comes back with its problems, or with the banner that it was sent. */
  async send(): Promise<SchoolReviewPage> {
    await this.page.getByRole('button', { name: 'Send the report' }).click();
    return SchoolReviewPage.arrive(this.page);
  }

  async sendRefused(): Promise<SchoolReviewPage> {
    return this.send();
  }

  /** The name of the report's document, once sent. */
  reportDocument(): Locator {
    return this.page.locator('#report-document');
  }
}

