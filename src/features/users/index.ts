// Staff accounts as an administrator keeps them: the list, a new account, a role, deactivation and
// reactivation, a new password, and API tokens revoked.
export { userRoutes } from './routes.ts';
export { USERS_PAGE_SIZE, UsersService, type TokenSummary, type UserSummary } from './service.ts';
export { usersPaths } from './paths.ts';
export { staffNames } from './repository.ts';
