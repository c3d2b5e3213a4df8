// The signed-in person's own pages: the route patterns the routes register and the URLs that link to them.
export const authPaths = {
  account: '/account',
  /** The account page with the banner saying the password was changed. */
  accountPasswordChanged: '/account?changed=password',
  changePassword: '/account/password',
} as const;
