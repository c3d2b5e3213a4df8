// Cover while an officer is away: a colleague covers their cases for a range of dates.
export { coverRoutes } from './routes.ts';
export { CoverService, type CoverPeriodView } from './service.ts';
export { coverPaths } from './paths.ts';
