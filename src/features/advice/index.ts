// Advice for an EHC needs assessment (SEND Regs 2014 regs 6 to 8): each request for advice with its
// own due date, reminders and chasers sent by background jobs, the advice received as a document,
// and the advice that is late, per case and across a caseload or the service.
export { adviceRoutes } from './routes.ts';
export { ADVICE_CHASER_JOB, AdviceService, type AdviceRequestView, type NewAdviceRequest, type PortalAdviceRequest } from './service.ts';
export { advicePaths } from './paths.ts';
