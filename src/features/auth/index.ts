export { CASEWORK_ROLES, DECISION_ROLES, MANAGER_ROLES, hasRole, requireRole, ROLE_NAMES, STAFF_ROLES, systemActor, type Actor, type StaffRole } from './actor.ts';
export { generatePassword, hashPassword } from './password.ts';
export { passwordProblem } from './password-policy.ts';
export { authPaths } from './paths.ts';
export { authRoutes } from './routes.ts';
export { AuthService, normaliseEmail } from './service.ts';
export { authPlugin } from './plugin.ts';
export { emailTaken, endSessionsOfUser, listUsers } from './repository.ts';
export { newStaffUserSchema, StaffService, type NewStaffUser, type StaffUserView } from './staff-service.ts';
