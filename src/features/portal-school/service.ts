import { z } from 'zod';
import type { Database, Executor } from '../../db/database.ts';
import type { IsoDate } from '../../domain/calendar/index.ts';
import { stageInfo } from '../../domain/children/stages.ts';
import { CONSULTATION_BASIS_INFO, CONSULTATION_RESPONSE_TITLES, type ConsultationBasis, type ConsultationResponse } from '../../domain/clocks/consultations.ts';
import { reviewReportDue } from '../../domain/clocks/review-interval.ts';
import { answeredLate, mayManageStaff, SCHOOL_ROLE_NAMES, type SchoolRole } from '../../domain/portal/school.ts';
import type { Clock } from '../../lib/clock.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldProblem } from '../../lib/errors.ts';
import { recordAccess, recordAudit, recordListAccess } from '../audit/index.ts';
import type { PortalActor } from '../auth/index.ts';
import { recordCaseEvent } from '../cases/index.ts';
import type { DocumentsService, UploadedFile } from '../documents/index.ts';
import { requireSignedIn, type PortalAuthService } from '../portal-auth/index.ts';
import { CrossAuthoritySchoolReads, type SchoolReach } from './cross-authority.ts';
import * as repository from './repository.ts';
import type { ConsultationRow, PupilRow, ReviewRow } from './repository.ts';

const WORDS_LIMIT = 5000;
/** Control and format characters, but for the ends of lines a school's words hold. */
const CONTROL_BUT_LINES = /(?![\n\r])[\p{Cc}\p{Cf}]/u;
const PLAN_STATUS_NAMES: Record<string, string> = { draft: 'Draft plan issued', final: 'Final plan issued', amended: 'Amended plan issued', ceased: 'Plan ceased' };

export interface SchoolSummary {
  schoolId: string;
  urn: number;
  name: string;
  role: SchoolRole;
  roleName: string;
  mayManageStaff: boolean;
  councils: string[];
}

export interface PupilView {
  childId: string;
  name: string;
  dateOfBirth: string;
  council: string;
  reference: string | null;
  stage: string;
  officer: string | null;
  planStatus: string;
  review: { id: string; meetingOn: string; status: string } | null;
}

export interface SchoolConsultationView {
  id: string;
  childId: string;
  childName: string;
  council: string;
  basisTitle: string;
  citation: string;
  sentOn: string;
  dueOn: string;
  status: 'awaiting' | 'answered';
  /** Past its due day, unanswered. */
  overdue: boolean;
  response: string | null;
  responseTitle: string | null;
  reasons: string | null;
  respondedOn: string | null;
  late: boolean;
  version: number;
  /** Still open to an answer: awaiting one, on a case still open. */
  mayAnswer: boolean;
}

export interface SchoolReviewView {
  id: string;
  childId: string;
  childName: string;
  council: string;
  dueOn: string | null;
  meetingOn: string;
  heldOn: string | null;
  headTeacherHolds: boolean;
  status: string;
  statusText: string;
  /** 2 weeks after the meeting (SEND Regs 2014 reg. 20(7)), once it is held. */
  reportDueOn: string | null;
  reportReceivedOn: string | null;
  reportSummary: string | null;
  /** The name of the report's document, when the school attached one. */
  reportDocumentName: string | null;
  version: number;
  mayReport: boolean;
}

const REVIEW_STATUS_TEXT: Record<string, string> = {
  arranged: 'Meeting arranged: send the advice and information to everyone invited at least 2 weeks before it',
  held: 'Meeting held: the review report is due',
  reported: 'Report received by the council: the council’s decision is next',
};

/** A plan issued before the service held its document: the case's stage still says where the plan is. */
function planStatusOfStage(stage: string | null): string {
  if (stage === 'plan' || stage === 'review') return 'Final plan issued';
  if (stage === 'draft') return 'Draft plan issued';
  return 'No plan';
}

/** A review report comes as a PDF or a Word document, never a picture. */
const REPORT_FILE_TYPES = {
  types: ['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  list: 'a PDF or a Word document (DOCX)',
} as const;

const fullName = (row: { firstName: string; surname: string }) => `${row.firstName} ${row.surname}`;

/**
 * The school and college portal: the school's own administrators add and remove its staff; its
 * staff see the school's pupils (children whose record names the school) and only what the council
 * shares about them, answer the council's consultations, and send annual review reports. The
 * pupils, consultations and reviews of every council the person works with the school in are read
 * through CrossAuthoritySchoolReads. Every child shown is in the access log, every change in the audit.
 */
export class PortalSchoolService {
  private readonly db: Database;
  private readonly clock: Clock;
  private readonly portalAuth: PortalAuthService;
  private readonly documents: DocumentsService;
  readonly reads: CrossAuthoritySchoolReads;

  constructor(db: Database, clock: Clock, options: { portalAuth: PortalAuthService; documents: DocumentsService }) {
    this.db = db;
    this.clock = clock;
    this.portalAuth = options.portalAuth;
    this.documents = options.documents;
    this.reads = new CrossAuthoritySchoolReads(db, clock);
  }

  private requireSchool(actor: PortalActor): void {
    requireSignedIn(actor);
    if (actor.portalKind !== 'school') throw new NotFoundError('These pages are for schools and colleges');
  }

  /** The schools the person works for, and in which councils. */
  async schools(actor: PortalActor): Promise<SchoolSummary[]> {
    this.requireSchool(actor);
    const reaches = await this.reads.reaches(actor);
    return reaches
      .filter((reach) => !reach.elsewhere)
      .map((reach) => ({
        schoolId: reach.schoolId,
        urn: reach.urn,
        name: reach.schoolName,
        role: reach.role as SchoolRole,
        roleName: SCHOOL_ROLE_NAMES[reach.role as SchoolRole] ?? reach.role,
        mayManageStaff: mayManageStaff(reach.role),
        councils: reaches.filter((other) => other.schoolId === reach.schoolId).map((other) => other.councilName),
      }));
  }

  private async ownSchool(actor: PortalActor, schoolId: string): Promise<SchoolSummary> {
    if (!z.uuid().safeParse(schoolId).success) throw new NotFoundError('No such school');
    const school = (await this.schools(actor)).find((entry) => entry.schoolId === schoolId);
    if (!school) throw new NotFoundError('No such school');
    return school;
  }

  // ---- The school's staff, managed by its administrators ----

  /** The school's people in this council; anyone at the school may see who else is. */
  async staff(actor: PortalActor, schoolId: string) {
    const school = await this.ownSchool(actor, schoolId);
    const rows = await repository.schoolStaff(this.db, actor.authorityId, schoolId);
    const administrators = rows.filter((row) => row.role === 'school-admin').length;
    return {
      school,
      staff: rows.map((row) => ({
        ...row,
        roleName: SCHOOL_ROLE_NAMES[row.role as SchoolRole] ?? row.role,
        you: row.accountId === actor.accountId,
        signedInYet: row.status !== 'invited',
        removable: school.mayManageStaff && !(row.role === 'school-admin' && administrators <= 1),
      })),
    };
  }

  async addStaff(actor: PortalActor, schoolId: string, input: { name: string; email: string; role: string }) {
    this.requireSchool(actor);
    return this.portalAuth.addSchoolStaff(actor, schoolId, input);
  }

  async removeStaff(actor: PortalActor, schoolId: string, accountId: string) {
    this.requireSchool(actor);
    return this.portalAuth.removeSchoolStaff(actor, schoolId, accountId);
  }

  // ---- The school's pupils ----

  private presentPupil(reach: SchoolReach, row: PupilRow): PupilView {
    return {
      childId: row.childId,
      name: fullName(row),
      dateOfBirth: row.dateOfBirth,
      council: reach.councilName,
      reference: row.reference,
      stage: row.caseId ? (stageInfo(row.stage)?.name ?? 'Open') : 'No open case',
      officer: row.officerName,
      planStatus: row.planStatus ? (PLAN_STATUS_NAMES[row.planStatus] ?? 'Plan being written') : planStatusOfStage(row.stage),
      review: row.reviewId ? { id: row.reviewId, meetingOn: row.reviewMeetingOn!, status: row.reviewStatus! } : null,
    };
  }

  /** The school's pupils in every council reached; the list goes to each council's access log. */
  async pupils(actor: PortalActor): Promise<PupilView[]> {
    this.requireSchool(actor);
    const found = await this.reads.readEach(actor, 'portal:school-pupils', (reach) => repository.pupils(this.db, reach.authorityId, reach.schoolId));
    const views: PupilView[] = [];
    for (const { reach, rows } of found) {
      if (rows.length > 0) await recordListAccess(this.db, this.clock, reach.actor, 'portal:school-pupils', rows.map((row) => row.childId));
      views.push(...rows.map((row) => this.presentPupil(reach, row)));
    }
    return views;
  }

  /** One pupil, with the consultations and reviews about them; another school's child is "No such pupil". */
  async pupil(actor: PortalActor, childId: string) {
    this.requireSchool(actor);
    if (!z.uuid().safeParse(childId).success) throw new NotFoundError('No such pupil');
    const found = await this.reads.findIn(actor, 'portal:school-pupil', (reach) => repository.pupil(this.db, reach.authorityId, reach.schoolId, childId));
    if (!found) throw new NotFoundError('No such pupil');
    const { reach, row } = found;
    await recordAccess(this.db, this.clock, reach.actor, childId, 'portal:school-pupil');
    const [consultations, reviews] = await Promise.all([
      repository.consultations(this.db, reach.authorityId, reach.schoolId),
      repository.reviews(this.db, reach.authorityId, reach.schoolId),
    ]);
    return {
      pupil: this.presentPupil(reach, row),
      consultations: consultations.filter((entry) => entry.childId === childId).map((entry) => this.presentConsultation(reach, entry)),
      reviews: reviews.filter((entry) => entry.childId === childId).map((entry) => this.presentReview(reach, entry)),
    };
  }

  // ---- Consultations: may the school be named in the plan? ----

  private presentConsultation(reach: SchoolReach, row: ConsultationRow): SchoolConsultationView {
    const basis = CONSULTATION_BASIS_INFO[row.basis as ConsultationBasis];
    const today = this.clock.today();
    return {
      id: row.id,
      childId: row.childId,
      childName: fullName(row),
      council: reach.councilName,
      basisTitle: basis?.title ?? row.basis,
      citation: basis?.citation ?? '',
      sentOn: row.sentOn,
      dueOn: row.dueOn,
      status: row.status as 'awaiting' | 'answered',
      overdue: row.status === 'awaiting' && today > row.dueOn,
      response: row.response,
      responseTitle: row.response ? (CONSULTATION_RESPONSE_TITLES[row.response as ConsultationResponse] ?? row.response) : null,
      reasons: row.reasons,
      respondedOn: row.respondedOn,
      late: row.respondedOn ? answeredLate(row.respondedOn, row.dueOn) : false,
      version: row.version,
      mayAnswer: row.status === 'awaiting' && row.closedOn === null,
    };
  }

  async consultations(actor: PortalActor): Promise<SchoolConsultationView[]> {
    this.requireSchool(actor);
    const found = await this.reads.readEach(actor, 'portal:school-consultations', (reach) => repository.consultations(this.db, reach.authorityId, reach.schoolId));
    const views: SchoolConsultationView[] = [];
    for (const { reach, rows } of found) {
      if (rows.length > 0) await recordListAccess(this.db, this.clock, reach.actor, 'portal:school-consultations', [...new Set(rows.map((row) => row.childId))]);
      views.push(...rows.map((row) => this.presentConsultation(reach, row)));
    }
    return views.sort((a, b) => Number(b.status === 'awaiting') - Number(a.status === 'awaiting') || a.dueOn.localeCompare(b.dueOn));
  }

  private async findConsultation(actor: PortalActor, consultationId: string) {
    this.requireSchool(actor);
    if (!z.uuid().safeParse(consultationId).success) throw new NotFoundError('No such consultation');
    const found = await this.reads.findIn(actor, 'portal:school-consultation', (reach) => repository.consultation(this.db, reach.authorityId, reach.schoolId, consultationId));
    if (!found) throw new NotFoundError('No such consultation');
    return found;
  }

  async consultation(actor: PortalActor, consultationId: string): Promise<SchoolConsultationView> {
    const { reach, row } = await this.findConsultation(actor, consultationId);
    await recordAccess(this.db, this.clock, reach.actor, row.childId, 'portal:school-consultation');
    return this.presentConsultation(reach, row);
  }

  /**
   * The school's answer to a consultation, on the day it is given: whether it can meet the child's
   * needs, with its reasons (required when it cannot). It lands where an officer records a school's
   * answer, so the officer sees it on the case. An answer after the 15 days is accepted and marked late.
   */
  async answerConsultation(actor: PortalActor, consultationId: string, input: { response: string; reasons: string; version: string }): Promise<SchoolConsultationView> {
    const { reach, row } = await this.findConsultation(actor, consultationId);
    const problems: FieldProblem[] = [];
    const response = input.response === 'can-meet-needs' || input.response === 'cannot-meet-needs' ? input.response : undefined;
    if (!response) problems.push({ field: 'response', message: 'Select whether your school can meet the child’s needs' });
    const reasons = (input.reasons ?? '').trim();
    if (!reasons && response === 'cannot-meet-needs') problems.push({ field: 'reasons', message: 'Enter your reasons: why your school cannot meet the child’s needs' });
    else if (reasons.length > WORDS_LIMIT) problems.push({ field: 'reasons', message: `Your reasons must be ${WORDS_LIMIT.toLocaleString('en-GB')} characters or fewer` });
    else if (CONTROL_BUT_LINES.test(reasons)) problems.push({ field: 'reasons', message: 'Your reasons contain a character that is not allowed' });
    if (problems.length > 0) throw new ValidationError(problems);
    if (row.status !== 'awaiting') throw new ConflictError('Your school has already answered this consultation: nothing was changed');
    if (row.closedOn) throw new ConflictError('The council has closed this case: nothing was saved');
    const version = input.version?.trim() ? Number(input.version) : undefined;
    if (version !== undefined && version !== row.version) throw new ConflictError('The council changed this consultation while you were answering: look at it again before sending');
    const respondedOn = this.clock.today() as IsoDate;
    const late = answeredLate(respondedOn, row.dueOn);
    await this.db.transaction(async (tx) => {
      const answered = await repository.answerConsultation(tx, reach.authorityId, reach.schoolId, row.id, row.version, { response: response!, reasons: reasons || null, respondedOn, at: this.clock.now() });
      if (!answered) throw new ConflictError('This consultation was answered or changed meanwhile: nothing was saved');
      await recordAudit(tx, this.clock, reach.actor, {
        action: 'consultation.answered',
        entityType: 'school_consultation',
        entityId: row.id,
        details: { caseId: row.caseId, childId: row.childId, response, respondedOn, dueOn: row.dueOn, late, through: 'school-portal', schoolId: reach.schoolId },
      });
    });
    return this.presentConsultation(reach, { ...row, status: 'answered', response: response!, reasons: reasons || null, respondedOn, version: row.version + 1 });
  }

  // ---- Annual reviews of the school's pupils ----

  private presentReview(reach: SchoolReach, row: ReviewRow): SchoolReviewView {
    return {
      id: row.id,
      childId: row.childId,
      childName: fullName(row),
      council: reach.councilName,
      dueOn: row.dueOn,
      meetingOn: row.meetingOn,
      heldOn: row.heldOn,
      headTeacherHolds: row.headTeacherHolds,
      status: row.status,
      statusText: REVIEW_STATUS_TEXT[row.status] ?? row.status,
      reportDueOn: row.heldOn ? reviewReportDue(row.heldOn as IsoDate) : null,
      reportReceivedOn: row.reportReceivedOn,
      reportSummary: row.reportSummary,
      reportDocumentName: row.reportDocumentName,
      version: row.version,
      mayReport: row.status === 'held' && row.closedOn === null,
    };
  }

  /** The running reviews of the school's pupils, meeting first; the list goes to the access log. */
  async reviews(actor: PortalActor): Promise<SchoolReviewView[]> {
    this.requireSchool(actor);
    const found = await this.reads.readEach(actor, 'portal:school-reviews', (reach) => repository.reviews(this.db, reach.authorityId, reach.schoolId));
    const views: SchoolReviewView[] = [];
    for (const { reach, rows } of found) {
      if (rows.length > 0) await recordListAccess(this.db, this.clock, reach.actor, 'portal:school-reviews', [...new Set(rows.map((row) => row.childId))]);
      views.push(...rows.map((row) => this.presentReview(reach, row)));
    }
    return views.sort((a, b) => a.meetingOn.localeCompare(b.meetingOn));
  }

  private async findReview(actor: PortalActor, reviewId: string) {
    this.requireSchool(actor);
    if (!z.uuid().safeParse(reviewId).success) throw new NotFoundError('No such review');
    const found = await this.reads.findIn(actor, 'portal:school-review', (reach) => repository.review(this.db, reach.authorityId, reach.schoolId, reviewId));
    if (!found) throw new NotFoundError('No such review');
    return found;
  }

  async review(actor: PortalActor, reviewId: string): Promise<SchoolReviewView> {
    const { reach, row } = await this.findReview(actor, reviewId);
    await recordAccess(this.db, this.clock, reach.actor, row.childId, 'portal:school-review');
    return this.presentReview(reach, row);
  }

  /**
   * The school's review report (SEND Regs 2014 reg. 20(7)-(8)), received the day it is sent: it
   * lands where an officer records a review's report, with the case's event, so the officer sees
   * it and the decision's clock runs. A report after its 2 weeks is recorded all the same. The
   * report itself may come as a document (a PDF or Word file, checked, scanned and kept as any
   * document is, named as sent by the school): it is kept in the same transaction as the report,
   * so a refused file keeps nothing, and a refused report no file. Only the review in the address,
   * of the school's own pupil, is written to.
   */
  async submitReport(actor: PortalActor, reviewId: string, input: { report: string; version: string; file?: UploadedFile | undefined }): Promise<SchoolReviewView> {
    const { reach, row } = await this.findReview(actor, reviewId);
    const report = (input.report ?? '').trim();
    const problems: FieldProblem[] = [];
    if (!report) problems.push({ field: 'report', message: 'Enter the review report' });
    else if (report.length > WORDS_LIMIT) problems.push({ field: 'report', message: `The report must be ${WORDS_LIMIT.toLocaleString('en-GB')} characters or fewer` });
    else if (CONTROL_BUT_LINES.test(report)) problems.push({ field: 'report', message: 'The report contains a character that is not allowed' });
    // No file chosen: a browser sends the file field empty, with no name.
    const file = input.file && (input.file.bytes.length > 0 || input.file.filename || input.file.truncated) ? input.file : undefined;
    if (!file && problems.length > 0) throw new ValidationError(problems);
    if (row.status === 'arranged') throw new ConflictError('The council has not recorded the meeting as held yet: send the report after the meeting');
    if (row.status !== 'held') throw new ConflictError('The council already has this review’s report: nothing was changed');
    if (row.closedOn) throw new ConflictError('The council has closed this case: nothing was saved');
    const version = input.version?.trim() ? Number(input.version) : undefined;
    if (version !== undefined && version !== row.version) throw new ConflictError('The council changed this review while you were writing: look at it again before sending');
    const receivedOn = this.clock.today() as IsoDate;
    const record = async (tx: Executor, document: { id: string; filename: string } | null) => {
      const recorded = await repository.recordReviewReport(tx, reach.authorityId, row.id, row.version, { receivedOn, summary: report, documentId: document?.id ?? null, at: this.clock.now() });
      if (!recorded) throw new ConflictError('This review was changed meanwhile: nothing was saved');
      await recordCaseEvent(tx, this.clock, reach.actor, { caseId: row.caseId, type: 'review.reported', occurredOn: receivedOn, payload: { reviewId: row.id, documentId: document?.id ?? null } });
      await recordAudit(tx, this.clock, reach.actor, {
        action: 'review.reported',
        entityType: 'annual_review',
        entityId: row.id,
        details: {
          caseId: row.caseId,
          childId: row.childId,
          receivedOn,
          late: receivedOn > reviewReportDue(row.heldOn as IsoDate),
          documentId: document?.id ?? null,
          through: 'school-portal',
          schoolId: reach.schoolId,
        },
      });
    };
    let documentName: string | null = null;
    if (file) {
      const { document } = await this.documents.uploadFromPortal(
        reach.actor,
        { caseId: row.caseId, childId: row.childId },
        { title: `Annual review report from ${reach.schoolName}`.slice(0, 200), file, sentBy: `${reach.schoolName} (${actor.name})` },
        { problems, only: REPORT_FILE_TYPES, within: (tx, kept) => record(tx, kept) },
      );
      documentName = document.filename;
    } else {
      await this.db.transaction((tx) => record(tx, null));
    }
    return this.presentReview(reach, { ...row, status: 'reported', reportReceivedOn: receivedOn, reportSummary: report, reportDocumentName: documentName, version: row.version + 1 });
  }
}
