// Find a child by name, date of birth or UPN.
export { searchRoutes } from './routes.ts';
export { SearchService } from './service.ts';
export { searchPaths } from './paths.ts';
