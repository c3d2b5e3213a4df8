// The team's caseload for managers (their home, the unallocated queue) and the service's figures.
export { caseloadRoutes } from './routes.ts';
export { CaseloadService, UNALLOCATED_PAGE_SIZE } from './service.ts';
export { caseloadPaths } from './paths.ts';
