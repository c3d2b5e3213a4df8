// The service's teams: officers belong to one, each with its manager. Administrators keep them.
export { teamsRoutes } from './routes.ts';
export { TEAM_MANAGER_ROLES, TeamsService } from './service.ts';
export { teamsPaths } from './paths.ts';
