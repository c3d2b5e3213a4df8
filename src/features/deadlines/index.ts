// The team's deadlines (overdue and due in 14 days) and rebuilding every case's deadlines.
export { deadlineRoutes } from './routes.ts';
export { DeadlinesService, TEAM_PAGE_SIZE } from './service.ts';
export { deadlinesPaths } from './paths.ts';
export { teamDeadlinesTable } from './presenters.ts';
