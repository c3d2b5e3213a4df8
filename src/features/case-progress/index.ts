// Steps in the statutory process and exceptions to its time limits, recorded on a child's open case.
export { caseProgressRoutes } from './routes.ts';
export { CaseProgressService, DECISION_CORRECTION, DECISION_PAGE_ONLY, type CaseEventView } from './service.ts';
export { caseProgressPaths } from './paths.ts';
