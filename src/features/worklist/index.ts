// My cases: an officer's open cases, next statutory deadline first.
export { worklistRoutes } from './routes.ts';
export { WORKLIST_PAGE_SIZE, WorklistService } from './service.ts';
export { worklistPaths } from './paths.ts';
export { worklistTable } from './presenters.ts';
