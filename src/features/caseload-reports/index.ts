// Caseload reports for managers: the children who waited in the unallocated queue too long, as a page and CSV.
export { caseloadReportRoutes } from './routes.ts';
export { CaseloadReportsService, WAITS_PAGE_SIZE } from './service.ts';
export { caseloadReportPaths } from './paths.ts';
