import { requestForLog } from './web/request-log.ts';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { join } from 'node:path';
import { createServices, type Services } from './composition.ts';
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/database.ts';
import { isDatabaseUnavailable, loggableError } from './db/errors.ts';
import { advicePaths, adviceRoutes } from './features/advice/index.ts';
import { allocationPaths, allocationRoutes } from './features/allocation/index.ts';
import { apiRoutes } from './features/api/index.ts';
import { assessmentPaths, assessmentRoutes } from './features/assessment/index.ts';
import { auditPaths, auditRoutes } from './features/audit/index.ts';
import { authPaths, authPlugin, authRoutes, ROLE_NAMES, staffOidcRoutes } from './features/auth/index.ts';
import { benchRoutes } from './features/bench/index.ts';
import { caseProgressPaths, caseProgressRoutes } from './features/case-progress/index.ts';
import { caseloadPaths, caseloadRoutes } from './features/caseload/index.ts';
import { caseloadReportPaths, caseloadReportRoutes } from './features/caseload-reports/index.ts';
import { casesImportPaths, casesImportRoutes } from './features/cases-import/index.ts';
import { childrenPaths, childRoutes } from './features/children/index.ts';
import { consultationsPaths, consultationsRoutes } from './features/consultations/index.ts';
import { contactsPaths, contactsRoutes } from './features/contacts/index.ts';
import { reviewsApiRoutes, reviewsPaths, reviewsRoutes } from './features/reviews/index.ts';
import { coverPaths, coverRoutes } from './features/cover/index.ts';
import { deadlineRoutes, deadlinesPaths } from './features/deadlines/index.ts';
import { documentsPaths, documentsRoutes, NOT_MULTIPART } from './features/documents/index.ts';
import { healthRoutes } from './features/health/index.ts';
import { boardPackRoutes, improvementPlanPaths, improvementPlanRoutes } from './features/improvement-plan/index.ts';
import { homeRoutes } from './features/home/index.ts';
import { lettersPaths, lettersRoutes } from './features/letters/index.ts';
import { logRetentionPaths, logRetentionRoutes } from './features/log-retention/index.ts';
import { OUTBOX_ROLES, outboxPaths, outboxRoutes } from './features/outbox/index.ts';
import { peoplePaths, peopleRoutes } from './features/people/index.ts';
import { phaseTransfersPaths, phaseTransfersRoutes } from './features/phase-transfers/index.ts';
import { plansPaths, plansRoutes } from './features/plans/index.ts';
import { portalAuthPaths, portalAuthRoutes, portalInvitationRoutes } from './features/portal-auth/index.ts';
import { portalSchoolPaths, portalSchoolRoutes } from './features/portal-school/index.ts';
import { portalMessagesPaths, portalMessagesRoutes } from './features/portal-messages/index.ts';
import { portalProfessionalPaths, portalProfessionalRoutes } from './features/portal-professional/index.ts';
import { portalFamilyPaths, portalFamilyRoutes } from './features/portal-family/index.ts';
import { youngPersonSharingPaths, youngPersonSharingRoutes } from './features/young-person-sharing/index.ts';
import { planChangesPaths, planChangesRoutes } from './features/plan-changes/index.ts';
import { appealsPaths, appealsRoutes } from './features/appeals/index.ts';
import { reportingPaths, reportingRoutes } from './features/reporting/index.ts';
import { requestRoutes, requestsPaths } from './features/requests/index.ts';
import { searchPaths, searchRoutes } from './features/search/index.ts';
import { subjectAccessPaths, subjectAccessRoutes } from './features/subject-access/index.ts';
import { sen2Paths, sen2Routes } from './features/sen2/index.ts';
import { teamsPaths, teamsRoutes } from './features/teams/index.ts';
import { timescalesRoutes } from './features/timescales/index.ts';
import { transfersPaths, transfersRoutes } from './features/transfers/index.ts';
import { userRoutes, usersPaths } from './features/users/index.ts';
import { worklistPaths, worklistRoutes } from './features/worklist/index.ts';
import { systemClock, type Clock } from './lib/clock.ts';
import { ValidationError } from './lib/errors.ts';
import { uuidv7 } from './lib/uuid.ts';
import { contentSecurityPolicyPlugin } from './web/content-security-policy.ts';
import { badRequest, problemSchema, sendProblem, STATUS_TITLES, type ProblemDetails } from './web/problem.ts';
import { schemaValidationError } from './web/schema-errors.ts';
import { viewsPlugin, VIEWS_DIR, type NavigationLink } from './web/views.ts';

export interface AppDependencies {
  config: Config;
  database: DatabaseHandle;
  clock?: Clock;
  services?: Services;
  logger?: FastifyServerOptions['logger'];
  /** Requests per address per window on the public calculator (default 600 a minute). */
  publicRateLimit?: { max?: number; timeWindow?: number };
  /** Requests per API token per window (default 600 a minute). */
  apiRateLimit?: { max?: number; timeWindow?: number };
}

const PUBLIC_DIR = join(VIEWS_DIR, '..', '..', 'public');

/** Every feature's URL builders, for templates: `{{ paths.children.record(child.id) }}`. */
const PATHS = {
  advice: advicePaths,
  allocation: allocationPaths,
  assessment: assessmentPaths,
  audit: auditPaths,
  auth: authPaths,
  caseload: caseloadPaths,
  caseloadReports: caseloadReportPaths,
  caseProgress: caseProgressPaths,
  casesImport: casesImportPaths,
  children: childrenPaths,
  subjectAccess: subjectAccessPaths,
  consultations: consultationsPaths,
  contacts: contactsPaths,
  reviews: reviewsPaths,
  cover: coverPaths,
  deadlines: deadlinesPaths,
  documents: documentsPaths,
  improvementPlan: improvementPlanPaths,
  letters: lettersPaths,
  logRetention: logRetentionPaths,
  outbox: outboxPaths,
  people: peoplePaths,
  phaseTransfers: phaseTransfersPaths,
  plans: plansPaths,
  portalAuth: portalAuthPaths,
  portalSchool: portalSchoolPaths,
  portalMessages: portalMessagesPaths,
  portalProfessional: portalProfessionalPaths,
  portalFamily: portalFamilyPaths,
  planChanges: planChangesPaths,
  appeals: appealsPaths,
  reporting: reportingPaths,
  requests: requestsPaths,
  search: searchPaths,
  sen2: sen2Paths,
  teams: teamsPaths,
  transfers: transfersPaths,
  users: usersPaths,
  worklist: worklistPaths,
  youngPersonSharing: youngPersonSharingPaths,
};

const TEAM_MANAGER_ROLES = new Set(['team_manager', 'service_lead']);

/**
 * Where each member of staff starts, after signing in and at `/`: a page for their job. An
 * administrator's is the users page; a manager's the team's deadlines and unallocated queue; an
 * improvement board member's the service's figures; a case officer's My cases.
 */
export function staffHome(roles: readonly string[]): string {
  if (roles.includes('admin')) return usersPaths.list;
  if (roles.some((role) => TEAM_MANAGER_ROLES.has(role))) return caseloadPaths.team;
  if (roles.includes('case_officer')) return worklistPaths.myCases;
  if (roles.includes('board_member')) return caseloadPaths.figures;
  return authPaths.account;
}

/** The service navigation for signed-in staff: the links of each role's job, its home first. */
function staffNavigation(roles: readonly string[]): NavigationLink[] {
  const administrator = roles.includes('admin');
  const manager = administrator || roles.some((role) => TEAM_MANAGER_ROLES.has(role));
  const officer = roles.includes('case_officer');
  const worksWithChildren = officer || manager;
  return [
    ...(administrator ? [{ href: usersPaths.list, text: 'Users' }, { href: teamsPaths.list, text: 'Teams' }, { href: auditPaths.home, text: 'Audit log' }, { href: lettersPaths.list, text: 'Letters' }, { href: casesImportPaths.runs, text: 'Import cases' }] : []),
    ...(officer ? [{ href: worklistPaths.myCases, text: 'My cases' }] : []),
    ...(manager ? [{ href: caseloadPaths.team, text: 'Team' }, { href: reportingPaths.dashboard, text: 'Dashboard' }, { href: improvementPlanPaths.plan, text: 'Improvement plan' }] : []),
    ...(worksWithChildren && !administrator ? [{ href: advicePaths.late, text: 'Late advice' }] : []),
    ...(!worksWithChildren && roles.includes('board_member') ? [{ href: caseloadPaths.figures, text: 'Figures' }, { href: reportingPaths.dashboard, text: 'Dashboard' }, { href: improvementPlanPaths.plan, text: 'Improvement plan' }] : []),
    ...(worksWithChildren ? [{ href: searchPaths.search, text: 'Find a child' }] : []),
    ...(worksWithChildren ? [{ href: assessmentPaths.panels, text: 'Panels' }] : []),
    // An officer's reviews are their own due and overdue; a manager's the whole service's.
    ...(officer ? [{ href: reviewsPaths.mine, text: 'Reviews' }] : manager && !administrator ? [{ href: reviewsPaths.service, text: 'Reviews' }] : []),
    ...(worksWithChildren ? [{ href: contactsPaths.registerRoute, text: 'Contacts' }, { href: appealsPaths.registerRoute, text: 'Appeals' }] : []),
    ...(officer || (manager && !administrator) ? [{ href: phaseTransfersPaths.cohortRoute, text: 'Phase transfers' }] : []),
    ...(officer || (manager && !administrator) ? [{ href: requestsPaths.newRequest, text: 'New request' }] : []),
    ...(manager ? [{ href: sen2Paths.page, text: 'SEN2 return' }] : []),
    ...(roles.some((role) => (OUTBOX_ROLES as readonly string[]).includes(role)) ? [{ href: outboxPaths.outbox, text: 'Outbox' }] : []),
    { href: authPaths.account, text: 'Your account' },
  ];
}

const API_DESCRIPTION = [
  'SEND casework for a local authority: requests for an EHC needs assessment, the steps of the statutory process, exceptions, corrections and the child’s record.',
  '',
  'Send `Authorization: Bearer <token>` (a token from `casework create-user --api-token`). Request bodies are JSON (`Content-Type: application/json`), except a document’s upload, which is `multipart/form-data`.',
  'Every error is `application/problem+json` with one shape (the `Problem` schema): `status`, `title`, `detail` and, for a 400, `field` and `errors`, each naming a field by its JSON path (child.dateOfBirth) with a message a person can read.',
  'A restricted child’s record answers 404, exactly as one that does not exist.',
].join('\n');

/** The document's tags, one per kind of resource. */
const API_TAGS = [
  { name: 'appeals', description: 'The register of appeals to the First-tier Tribunal (SEND): an appeal against a decision on a case, its outcome and each order until it is carried out (SEND Regs 2014 reg. 44)' },
  { name: 'advice', description: 'Advice for an EHC needs assessment: requests for advice, the advice submitted, exceptions and late advice' },
  { name: 'caseload', description: 'Each officer’s open cases, the unallocated queue, and cases allocated to an officer' },
  { name: 'cases', description: 'Open cases, their history, steps, exceptions and corrections' },
  { name: 'children', description: 'Finding a child, their record and their details' },
  { name: 'contacts', description: 'Contacts, complaints and information requests: each with its reference, owner and response deadline under the council’s policy' },
  { name: 'consultations', description: 'Draft to final: the schools consulted about being named in a plan, their answers and reminders, and the family’s response to the draft plan' },
  { name: 'decisions', description: 'A case’s decisions whether to assess and after the assessment, with their reasons; the family’s and the school’s views; a request’s withdrawal' },
  { name: 'panels', description: 'Decision-making panels, the cases brought to them and their recommendations' },
  { name: 'plans', description: 'EHC plans: the working version edited section by section, the check, the draft and the final plan issued, the difference between versions, and changes to a maintained plan (amendments, ceasing, re-assessment)' },
  { name: 'requests', description: 'Requests for an EHC needs assessment' },
  { name: 'reviews', description: 'Annual reviews: the plans due for review, a review’s meeting and invitations, and its decision' },
  { name: 'staff', description: 'The token’s user and their colleagues' },
  { name: 'timescales', description: 'The public calculator of statutory deadlines (no token)' },
  { name: 'transfers', description: 'Moves between councils with an EHC plan: a move out and the plan sent on, a plan received on a move in (SEND Regs 2014 reg. 15)' },
  { name: 'phase-transfers', description: 'Each September’s phase transfers: the cohort, the deadline of each child’s amended plan (SEND Regs 2014 reg. 18) and where it stands' },
];

const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), interest-cohort=()';

/** The name of the first field holding a NUL character, '' for the value itself; undefined if none. */
function fieldWithNul(value: unknown, path = '', depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (depth > 6 || value === null || typeof value !== 'object') return undefined;
  for (const [key, inner] of Object.entries(value)) {
    if (key.includes('\u0000')) return path ? `${path}.${key}` : key;
    const found = fieldWithNul(inner, path ? `${path}.${key}` : key, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

function isApiRequest(url: string): boolean {
  return url === '/api' || url.startsWith('/api/');
}

/** The request carries a body (a length above nothing, or a chunked one). */
function hasBody(headers: Record<string, string | string[] | undefined>): boolean {
  const length = Number(headers['content-length'] ?? 0);
  return length > 0 || headers['transfer-encoding'] !== undefined;
}

const MULTIPART_MEDIA_TYPE = /^multipart\/form-data\s*;/i;

/** JSON, or a JSON-based type such as application/merge-patch+json. */
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

/** Fastify's own refusals of a request body, said for a person (its texts name its internals). */
const BODY_REFUSALS: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'The request body is not valid JSON.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The request body is empty: send a JSON object.',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Send the request body as JSON, with Content-Type: application/json.',
  FST_ERR_CTP_BODY_TOO_LARGE: 'The request body is larger than 1 MB.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'The request body is not as long as its Content-Length says.',
};

/** Every API error as one problem+json shape: the status, its title, what went wrong and, for a 400, each field. */
function apiProblem(error: Error & { statusCode?: number; code?: string }, status: number, requestId: string): ProblemDetails {
  if (error instanceof ValidationError) return badRequest(error.problems);
  const title = STATUS_TITLES[status] ?? (status >= 500 ? 'Server error' : 'Error');
  // Never echo internals: a 5xx says only that it failed and gives a reference to find the log.
  if (status >= 500) return { status, title, instance: `urn:request:${requestId}` };
  const detail = (error.code ? BODY_REFUSALS[error.code] : undefined) ?? error.message;
  return { status, title, ...(detail ? { detail } : {}) };
}

function withRequestSerializer(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return logger;
  const options = logger === true ? {} : logger;
  return { ...options, serializers: { ...options.serializers, req: requestForLog as never } };
}

export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const { config, database } = deps;
  const clock = deps.clock ?? systemClock;
  const services = deps.services ?? createServices({ config, database, clock });

  const app = Fastify({
    // The request log never keeps a query string or a secret in a path (src/web/request-log.ts),
    // whichever logger is given.
    logger: withRequestSerializer(deps.logger ?? (config.logLevel === 'silent' ? false : { level: config.logLevel })),
    genReqId: () => uuidv7(),
    trustProxy: config.trustProxy ?? false,
    bodyLimit: 1_048_576,
    // Finish in-flight requests on close, but drop idle keep-alive sockets so shutdown is prompt.
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
    // A field a schema does not declare is refused (400), not silently removed.
    ajv: { customOptions: { removeAdditional: false } },
    // A schema's refusal names the field and says what is wrong, as the services' refusals do.
    schemaErrorFormatter: schemaValidationError,
  });

  // On close, Fastify waits for in-flight requests, but a keep-alive socket that served one would
  // then hold the server open until its idle timeout. Telling those clients to close finishes
  // the stop as soon as the last response is sent.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });

  // Helmet sends the fixed security headers; the policy with its per-response nonces is our own.
  await app.register(helmet, {
    contentSecurityPolicy: false,
    // In production the service is only ever reached over HTTPS: browsers are told to keep to it.
    // Elsewhere it would pin localhost demos to HTTPS, so it is left off.
    hsts: config.environment === 'production' ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  app.addHook('onSend', async (request, reply, payload) => {
    // No browser feature the service does not use (camera, microphone, location, payment, USB).
    reply.header('permissions-policy', PERMISSIONS_POLICY);
    // A page or an API answer for someone signed in may hold a child's details: kept by no cache,
    // shared or the browser's own, so the back button after signing out shows nothing.
    if ((request.actor || request.portalActor || isApiRequest(request.url)) && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
  await app.register(contentSecurityPolicyPlugin);
  await app.register(formbody);
  await app.register(fastifyStatic, {
    root: PUBLIC_DIR,
    prefix: '/public/',
    maxAge: config.environment === 'production' ? '1d' : 0,
  });
  await app.register(viewsPlugin, { config, globals: { paths: PATHS, staffSignInWithProvider: services.staffOidc !== undefined }, staffNavigation });
  // Outside production a random secret per process is enough: sessions live in the database, and
  // only CSRF tokens of forms already on screen (and sign-ins half done at the identity provider)
  // stop working after a restart.
  const secret = config.sessionSecret ?? randomBytes(32).toString('hex');
  await app.register(authPlugin, { auth: services.auth, portal: services.portalAuth, secret });
  // The one problem+json schema every API error response refers to.
  app.addSchema(problemSchema);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: `${config.serviceName} API`, version: '1.0.0', description: API_DESCRIPTION },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
      tags: API_TAGS,
    },
    // Shared schemas appear in the document under their own names (#/components/schemas/Problem).
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, index) => (typeof json.$id === 'string' ? json.$id : `def-${index}`) },
    // The document describes the API only: the pages are not part of its contract.
    transform: ({ schema, url }) => ({ schema: isApiRequest(url) ? schema : { ...schema, hide: true }, url }),
  });

  // The API takes JSON only: a form or text body is refused before it is parsed, not read as a
  // form whose every value is a string.
  // An upload (a route with `config.multipart`) takes multipart/form-data and nothing else.
  app.addHook('preParsing', async (request) => {
    if (!isApiRequest(request.url) || !hasBody(request.headers)) return;
    const contentType = request.headers['content-type'] ?? '';
    if (request.routeOptions.config?.multipart === true) {
      if (!MULTIPART_MEDIA_TYPE.test(contentType)) throw Object.assign(new Error(NOT_MULTIPART), { statusCode: 415 });
    } else if (!JSON_MEDIA_TYPE.test(contentType)) {
      throw Object.assign(new Error(BODY_REFUSALS.FST_ERR_CTP_INVALID_MEDIA_TYPE), { statusCode: 415 });
    }
  });

  // PostgreSQL cannot store a NUL character in text: refused here, for every form, query and API
  // body alike, before any service sees it, rather than failing in the database.
  app.addHook('preValidation', async (request) => {
    const field = fieldWithNul(request.body) ?? fieldWithNul(request.query);
    if (field !== undefined) throw new ValidationError([{ field, message: `${field || 'The request'} contains a character that is not allowed (NUL)` }]);
  });

  app.setNotFoundHandler(async (request, reply) => {
    if (isApiRequest(request.url)) {
      return sendProblem(reply, { status: 404, title: 'Not found', detail: 'There is nothing at this address.' });
    }
    return reply.code(404).page('pages/not-found.njk');
  });

  app.setErrorHandler(async (error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (error instanceof ValidationError && isApiRequest(request.url)) {
      request.log.info({ fields: error.problems.map((problem) => problem.field), status: 400 }, 'request refused');
      return sendProblem(reply, badRequest(error.problems));
    }
    const unavailable = isDatabaseUnavailable(error);
    const status = unavailable ? 503 : error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    // Never a query's parameters in the log: they are children's details (loggableError).
    if (status >= 500) request.log.error({ err: loggableError(error) }, unavailable ? 'database unavailable' : 'request failed');
    else request.log.info({ err: error.message, status }, 'request refused');
    if (unavailable) {
      reply.header('retry-after', '30');
      const detail = 'The service cannot reach its database just now. Nothing was saved: try again in a minute.';
      if (isApiRequest(request.url)) return sendProblem(reply, { status: 503, title: STATUS_TITLES[503] ?? 'Service unavailable', detail });
      return reply.code(503).page('pages/server-error.njk', { reference: request.id, message: detail });
    }
    if (isApiRequest(request.url)) return sendProblem(reply, apiProblem(error, status, request.id));
    if (status === 404) return reply.code(404).page('pages/not-found.njk');
    if (status === 403) {
      // Said plainly: what the page is for, who the person is signed in as, and whom to ask.
      const actor = request.actor;
      return reply.code(403).page('pages/forbidden.njk', {
        message: error.message,
        actorName: actor?.name,
        roleName: actor?.roles.map((role) => ROLE_NAMES[role]).join(', '),
      });
    }
    if (status >= 500) return reply.code(status).page('pages/server-error.njk', { reference: request.id });
    const message = error instanceof ValidationError ? error.problems.map((problem) => problem.message).join(' ') : undefined;
    return reply.code(status).page('pages/client-error.njk', { status, title: STATUS_TITLES[status] ?? 'There is a problem', message });
  });

  // One rate limiter for the app, applied where asked: per address on the public calculator (its
  // routes' config), and per API token on every API call, so a token cannot read the service in
  // bulk at machine speed. It runs after sign-in has said whose token it is.
  await app.register(rateLimit, { global: false });
  app.addHook(
    'preHandler',
    app.rateLimit({
      max: deps.apiRateLimit?.max ?? 600,
      timeWindow: deps.apiRateLimit?.timeWindow ?? 60_000,
      keyGenerator: (request) => `token:${request.actor?.tokenId ?? ''}`,
      allowList: (request) => request.actor?.kind !== 'token',
      errorResponseBuilder: (_request, context) => Object.assign(new Error(`Too many requests with this API token. Try again in ${context.after}.`), { statusCode: 429 }),
    }),
  );

  await app.register(healthRoutes, { services });
  await app.register(homeRoutes, { home: staffHome, improvementPages: () => services.improvementPublicPage.publishedPages() });
  // The demo's printed accounts sign in without a second factor: only on the embedded database, never in production.
  await app.register(authRoutes, { services, home: staffHome, demoAccountsExempt: config.secondFactorExemptionAllowed && config.seedDemoData });
  if (services.staffOidc) await app.register(staffOidcRoutes, { services, oidc: services.staffOidc, secret, clock, home: staffHome });
  await app.register(apiRoutes, { services });
  await app.register(timescalesRoutes, { services, ...(deps.publicRateLimit ? { rateLimit: deps.publicRateLimit } : {}) });
  await app.register(worklistRoutes, { services });
  await app.register(searchRoutes, { services });
  await app.register(sen2Routes, { services });
  await app.register(childRoutes, { services });
  await app.register(peopleRoutes, { services });
  await app.register(requestRoutes, { services });
  await app.register(caseProgressRoutes, { services });
  await app.register(assessmentRoutes, { services });
  await app.register(deadlineRoutes, { services });
  await app.register(caseloadRoutes, { services });
  await app.register(caseloadReportRoutes, { services });
  await app.register(reportingRoutes, { services });
  await app.register(improvementPlanRoutes, { services });
  await app.register(boardPackRoutes, { services });
  await app.register(allocationRoutes, { services });
  await app.register(userRoutes, { services });
  await app.register(teamsRoutes, { services });
  await app.register(coverRoutes, { services });
  await app.register(auditRoutes, { services });
  await app.register(logRetentionRoutes, { services });
  await app.register(subjectAccessRoutes, { services });
  await app.register(outboxRoutes, { services });
  await app.register(documentsRoutes, { services });
  await app.register(casesImportRoutes, { services });
  await app.register(adviceRoutes, { services });
  await app.register(consultationsRoutes, { services });
  await app.register(reviewsRoutes, { services });
  await app.register(reviewsApiRoutes, { services });
  await app.register(lettersRoutes, { services });
  await app.register(plansRoutes, { services });
  await app.register(transfersRoutes, { services });
  await app.register(phaseTransfersRoutes, { services });
  await app.register(planChangesRoutes, { services });
  await app.register(appealsRoutes, { services });
  await app.register(contactsRoutes, { services });
  await app.register(portalInvitationRoutes, { services });
  await app.register(portalAuthRoutes, { services });
  await app.register(portalSchoolRoutes, { services });
  await app.register(portalProfessionalRoutes, { services });
  await app.register(portalMessagesRoutes, { services });
  await app.register(portalFamilyRoutes, { services });
  await app.register(youngPersonSharingRoutes, { services });
  if (config.benchRoutes) await app.register(benchRoutes);

  return app;
}
