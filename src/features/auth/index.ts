export { CASEWORK_ROLES, DECISION_ROLES, MANAGER_ROLES, hasRole, requireRole, ROLE_NAMES, STAFF_ROLES, systemActor, type Actor, type PortalActor, type StaffRole } from './actor.ts';
export { generatePassword, hashPassword } from './password.ts';
export { passwordProblem } from './password-policy.ts';
export { authPaths } from './paths.ts';
export { authRoutes } from './routes.ts';
export { StaffOidcClient } from './oidc-client.ts';
export { staffOidcRoutes } from './oidc-routes.ts';
export { AuthService, DEFAULT_AUTH_SETTINGS, DEVELOPMENT_SECOND_FACTOR_KEY, normaliseEmail } from './service.ts';
export { authPlugin, PORTAL_SESSION_COOKIE, type PortalSessionLookup, type PortalSessions } from './plugin.ts';
export { emailTaken, endSessionsOfUser, listUsers } from './repository.ts';
// The counted attempts behind staff sign-in's limits, for the portal's requests of a sign-in link.
export { countFailuresForAddress as countSignInAttemptsForAddress, countFailuresForEmail as countSignInAttemptsForEmail, insertSignInFailure as recordSignInAttempt } from './repository.ts';
export { newStaffUserSchema, StaffService, type NewStaffUser, type StaffUserView } from './staff-service.ts';
