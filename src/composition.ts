// The composition root: the one place that decides which implementation each part gets. Routes
// receive services only; services receive the database and the clock; repositories are plain
// modules of functions that take an executor. Features are reached through their index.ts.
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/database.ts';
import { ADVICE_CHASER_JOB, AdviceService } from './features/advice/index.ts';
import { AllocationService } from './features/allocation/index.ts';
import { AppealsService } from './features/appeals/index.ts';
import { DecisionService, PanelService } from './features/assessment/index.ts';
import { AccessLogService, AuditService } from './features/audit/index.ts';
import { AuthService, DEFAULT_AUTH_SETTINGS, DEVELOPMENT_SECOND_FACTOR_KEY, StaffOidcClient, StaffService } from './features/auth/index.ts';
import { CaseloadService } from './features/caseload/index.ts';
import { CaseloadReportsService } from './features/caseload-reports/index.ts';
import { ReportingService } from './features/reporting/index.ts';
import { BoardPackService, ImprovementPlanService, ImprovementPublicPageService } from './features/improvement-plan/index.ts';
import { CaseProgressService } from './features/case-progress/index.ts';
import { ChildrenService } from './features/children/index.ts';
import { ConsultationsService } from './features/consultations/index.ts';
import { ContactsService } from './features/contacts/index.ts';
import { ReviewsService } from './features/reviews/index.ts';
import { CoverService } from './features/cover/index.ts';
import { DeadlinesService } from './features/deadlines/index.ts';
import { DemoDataService } from './features/demo/index.ts';
import { DocumentsService, LocalFileStore, MemoryFileStore, notScanning, type FileStore, type MalwareScanner } from './features/documents/index.ts';
import { HealthService } from './features/health/index.ts';
import { JobRunner, type ClaimedJob, type JobContext, type JobHandlers, type JobRunnerOptions } from './features/jobs/index.ts';
import { closeLetterPdfs, LETTER_PDF_JOB, LettersService } from './features/letters/index.ts';
import { LOG_MAINTENANCE_JOB, LogRetentionService } from './features/log-retention/index.ts';
import { notifyAdapter, OutboxService, outboxOnlyAdapter, SEND_MESSAGE_JOB, type DeliveryAdapter } from './features/outbox/index.ts';
import { PeopleService } from './features/people/index.ts';
import { PhaseTransfersService } from './features/phase-transfers/index.ts';
import { PlansService } from './features/plans/index.ts';
import { PortalAuthService } from './features/portal-auth/index.ts';
import { PortalSchoolService } from './features/portal-school/index.ts';
import { YoungPersonSharingService } from './features/young-person-sharing/index.ts';
import { PortalMessagesService } from './features/portal-messages/index.ts';
import { PortalProfessionalService } from './features/portal-professional/index.ts';
import { PORTAL_MESSAGE_JOB } from './domain/portal/messages.ts';
import { PortalFamilyService } from './features/portal-family/index.ts';
import { CEASE_PLAN_JOB, PlanChangesService } from './features/plan-changes/index.ts';
import { ReferenceDataService } from './features/reference/index.ts';
import { RequestsService } from './features/requests/index.ts';
import { SearchService } from './features/search/index.ts';
import { SubjectAccessService } from './features/subject-access/index.ts';
import { SchoolsImportService } from './features/schools-import/index.ts';
import { CASES_IMPORT_JOB, CasesImportService, IMPORT_UPLOADS_SWEEP_JOB, ImportUploadsService, importUploadsFolder, runCasesImportJob } from './features/cases-import/index.ts';
import { Sen2Service } from './features/sen2/index.ts';
import { TeamsService } from './features/teams/index.ts';
import { TimescalesService } from './features/timescales/index.ts';
import { TransfersService } from './features/transfers/index.ts';
import { UsersService } from './features/users/index.ts';
import { WorklistService } from './features/worklist/index.ts';
import type { Clock } from './lib/clock.ts';
import { join } from 'node:path';

export interface ServiceDependencies {
  config: Config;
  database: DatabaseHandle;
  /** A streaming replica that reports and the SEN2 return read from (DATABASE_READ_URL); by default the database itself. */
  readDatabase?: DatabaseHandle;
  clock: Clock;
  /** How letters and e-mails leave: GOV.UK Notify when configured, otherwise held in the outbox. */
  delivery?: DeliveryAdapter;
  /** Where documents' bytes are kept: by default a folder under DATA_DIR (memory for DATA_DIR=memory://). */
  fileStore?: FileStore;
  /** The scan every upload passes: by default none, recorded on each document as not scanned. */
  malwareScanner?: MalwareScanner;
}

/** The embedded default file store: `${DATA_DIR}/files`, or memory beside an in-memory database. */
export function defaultFileStore(config: Config): FileStore {
  return config.dataDir.startsWith('memory://') ? new MemoryFileStore() : new LocalFileStore(join(config.dataDir, 'files'));
}

export function createServices({ config, database, readDatabase, clock, delivery, fileStore, malwareScanner }: ServiceDependencies) {
  const reads = (readDatabase ?? database).db;
  const reference = new ReferenceDataService(database.db);
  const staff = new StaffService(database.db, clock);
  const auth = new AuthService(database.db, clock, DEFAULT_AUTH_SETTINGS, {}, {
    key: config.sessionSecret ?? DEVELOPMENT_SECOND_FACTOR_KEY,
    exemptionAllowed: config.secondFactorExemptionAllowed,
    issuer: `${config.serviceName} (${config.councilName})`,
  });
  const users = new UsersService(database.db, clock, { staff, auth });
  const requests = new RequestsService(database.db, clock);
  const caseProgress = new CaseProgressService(database.db, clock);
  const children = new ChildrenService(database.db, clock);
  const people = new PeopleService(database.db, clock);
  const documents = new DocumentsService(database.db, clock, { store: fileStore ?? defaultFileStore(config), scanner: malwareScanner ?? notScanning });
  const timescales = new TimescalesService(reference, { clock });
  const advice = new AdviceService(database.db, clock, { documents, calendar: () => timescales.calendar() });
  const panels = new PanelService(database.db, clock);
  const decisions = new DecisionService(database.db, clock, { calendar: () => timescales.calendar() });
  const caseload = new CaseloadService(database.db, clock, { calendar: () => timescales.calendar() });
  const allocation = new AllocationService(database.db, clock, { caseload });
  const teams = new TeamsService(database.db, clock);
  const cover = new CoverService(database.db, clock);
  const plans = new PlansService(database.db, clock, { calendar: () => timescales.calendar() });
  const consultations = new ConsultationsService(database.db, clock);
  const reviews = new ReviewsService(database.db, clock, { calendar: () => timescales.calendar() });
  const transfers = new TransfersService(database.db, clock, { calendar: () => timescales.calendar() });
  const contacts = new ContactsService(database.db, clock, { calendar: () => timescales.calendar() });
  const planChanges = new PlanChangesService(database.db, clock, { calendar: () => timescales.calendar(), plans });
  const portalAuth = new PortalAuthService(database.db, clock, { publicUrl: config.publicUrl, serviceName: config.serviceName, councilName: config.councilName, secretKey: config.sessionSecret ?? DEVELOPMENT_SECOND_FACTOR_KEY });
  const appeals = new AppealsService(database.db, clock, { calendar: () => timescales.calendar(), contacts });
  const portalFamily = new PortalFamilyService(database.db, clock, { plans, consultations, contacts, documents }, { publicUrl: config.publicUrl });
  const phaseTransfers = new PhaseTransfersService(database.db, clock);
  const reporting = new ReportingService(database.db, clock, { phaseTransfers, reads });
  const improvementPlan = new ImprovementPlanService(database.db, clock, { measures: reporting, files: documents });
  const casesImport = new CasesImportService(database.db, clock);
  const schoolsImport = new SchoolsImportService(database.db, clock);
  const importUploads = new ImportUploadsService(database.db, clock, { storage: importUploadsFolder(config.dataDir), maxFileBytes: config.importUploadMaxBytes });
  const improvementPublicPage = new ImprovementPublicPageService(database.db, clock, { measures: reporting });
  const boardPack = new BoardPackService(database.db, clock, { measures: reporting });
  const search = new SearchService(database.db, clock);
  return {
    advice,
    allocation,
    appeals,
    accessLog: new AccessLogService(database.db, clock, { search }),
    audit: new AuditService(database.db, clock),
    auth,
    caseload,
    caseloadReports: new CaseloadReportsService(database.db, clock, { calendar: () => timescales.calendar() }),
    reporting,
    improvementPlan,
    improvementPublicPage,
    boardPack,
    caseProgress,
    children,
    consultations,
    contacts,
    cover,
    plans,
    planChanges,
    deadlines: new DeadlinesService(database.db, clock),
    documents,
    decisions,
    demo: new DemoDataService(database.db, clock, { requests, caseProgress, staff, users, auth, children, people, advice, panels, decisions, allocation, teams, cover, plans, consultations, reviews, transfers, planChanges, appeals, contacts, portalAuth, portalFamily, improvementPlan, improvementPublicPage, casesImport, schoolsImport }),
    health: new HealthService(database),
    /** Staff sign-in through the council's identity provider, when configured. */
    staffOidc: config.staffOidc ? new StaffOidcClient(config.staffOidc) : undefined,
    letters: new LettersService(database.db, clock, { documents }),
    /** The logs' retention; its monthly job makes and drops their months as the tables' owner. */
    logRetention: new LogRetentionService(database.db, clock, { asOwner: (work) => database.asOwner(work) }),
    outbox: new OutboxService(database.db, clock, delivery ?? (config.notify ? notifyAdapter(config.notify) : outboxOnlyAdapter), { environment: config.environment }),
    panels,
    people,
    phaseTransfers,
    portalAuth,
    youngPersonSharing: new YoungPersonSharingService(database.db, clock),
    portalSchool: new PortalSchoolService(database.db, clock, { portalAuth, documents }),
    portalMessages: new PortalMessagesService(database.db, clock, { publicUrl: config.publicUrl, serviceName: config.serviceName }),
    portalProfessional: new PortalProfessionalService(database.db, clock, { advice }),
    portalFamily,
    reference,
    requests,
    reviews,
    schoolsImport,
    casesImport,
    importUploads,
    /** The handler of the cases import's job (an uploaded run's folder). */
    runCasesImport: (job: ClaimedJob, context: JobContext) => runCasesImportJob({ db: database.db, clock, imports: casesImport, uploads: importUploads }, job, context),
    search,
    subjectAccess: new SubjectAccessService(database.db, clock, { documents }),
    sen2: new Sen2Service(database.db, clock, { reads }),
    staff,
    timescales,
    transfers,
    users,
    teams,
    worklist: new WorklistService(database.db, clock, { contacts }),
  };
}

export type Services = ReturnType<typeof createServices>;

/** The handler of each kind of background job. */
export function jobHandlers(services: Services): JobHandlers {
  return {
    [SEND_MESSAGE_JOB]: (job, context) => services.outbox.deliver(job, context),
    [LETTER_PDF_JOB]: (job, context) => services.letters.renderPdf(job, context),
    [ADVICE_CHASER_JOB]: (job) => services.advice.sendChaser(job),
    [CEASE_PLAN_JOB]: (job) => services.planChanges.ceaseWhenDue(job),
    [PORTAL_MESSAGE_JOB]: (job) => services.portalMessages.fromCaseEvent(job),
    [CASES_IMPORT_JOB]: (job, context) => services.runCasesImport(job, context),
    [LOG_MAINTENANCE_JOB]: (job) => services.logRetention.runMaintenanceJob(job),
    [IMPORT_UPLOADS_SWEEP_JOB]: (job) => services.importUploads.runSweepJob(job),
  };
}

/** The job runner of this instance of the app (src/server.ts starts it). */
export function createJobRunner({ database, clock }: Pick<ServiceDependencies, 'database' | 'clock'>, services: Services, options: JobRunnerOptions = {}): JobRunner {
  return new JobRunner(database.db, clock, jobHandlers(services), options);
}

/** Ends the worker threads the jobs use (letters' PDFs), once the runner has stopped. */
export async function closeWorkerThreads(): Promise<void> {
  await closeLetterPdfs();
}
