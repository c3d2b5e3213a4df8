import { STAFF_OIDC_CALLBACK_PATH } from '../../config.ts';

// The signed-in person's own pages: the route patterns the routes register and the URLs that link to them.
import { SECOND_FACTOR_PATHS } from './plugin.ts';

export const authPaths = {
  account: '/account',
  /** The account page with the banner saying the password was changed. */
  accountPasswordChanged: '/account?changed=password',
  changePassword: '/account/password',
  /** Starts a sign-in through the council's identity provider (?returnTo= a page of the service). */
  signInWithProvider: '/sign-in/oidc',
  /** Where the identity provider sends people back; registered with it (STAFF_OIDC_CALLBACK_PATH). */
  signInWithProviderCallback: STAFF_OIDC_CALLBACK_PATH,
  signOutEverywhere: '/account/sign-out-everywhere',
  /** The signed-out page, saying every session ended. */
  signedOutEverywhere: '/signed-out?everywhere=1',
  /** The code from the authenticator app (or a recovery code), after the password. */
  secondFactor: SECOND_FACTOR_PATHS.code,
  /** Setting up the authenticator app, at the first sign-in (or after an administrator's reset). */
  secondFactorSetUp: SECOND_FACTOR_PATHS.setUp,
} as const;
