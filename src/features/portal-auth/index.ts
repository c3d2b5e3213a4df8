// Accounts for people outside the council (families, schools, advice givers), made by an officer's
// invitation, and their sign-in: e-mailed one-time links, a TOTP second factor for schools and
// advice givers, portal sessions apart from staff ones, and the portal's landing page. The later
// portal pages build on PortalActor (features/auth), requireSignedIn and the links kept here.
export { portalAuthPaths } from './paths.ts';
export { owedSecondFactor, portalAuthRoutes, signedIn } from './routes.ts';
export { portalInvitationRoutes } from './invitation-routes.ts';
export { DEFAULT_PORTAL_AUTH_SETTINGS, PortalAuthService, PROFESSIONAL_ADVICE_KINDS, requireSignedIn, type PortalAuthSettings, type PortalHome } from './service.ts';
export { totpCodeAt } from '../../lib/totp.ts';
