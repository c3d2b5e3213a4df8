// Check EHC deadlines: the public calculator, its page and its API.
export { timescalesRoutes } from './routes.ts';
export { TimescalesService } from './service.ts';
