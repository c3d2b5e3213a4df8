// The administrator's pages about staff accounts: the route patterns the routes register and the
// URLs that link to them.
const id = (value: string) => encodeURIComponent(value);

export type UserSaved = 'role' | 'capacity' | 'deactivated' | 'reactivated' | 'token-revoked' | 'second-factor-reset';

export const usersPaths = {
  list: '/users',
  page: (page: number) => `/users?page=${page}`,
  newUser: '/users/new',
  userRoute: '/users/:userId',
  roleRoute: '/users/:userId/role',
  capacityRoute: '/users/:userId/capacity',
  deactivateRoute: '/users/:userId/deactivate',
  reactivateRoute: '/users/:userId/reactivate',
  passwordRoute: '/users/:userId/password',
  secondFactorRoute: '/users/:userId/second-factor',
  revokeTokenRoute: '/users/:userId/tokens/:tokenId/revoke',
  user: (userId: string) => `/users/${id(userId)}`,
  /** The user's page with the banner saying what was just done. */
  userSaved: (userId: string, saved: UserSaved) => `/users/${id(userId)}?saved=${saved}`,
  role: (userId: string) => `/users/${id(userId)}/role`,
  capacity: (userId: string) => `/users/${id(userId)}/capacity`,
  deactivate: (userId: string) => `/users/${id(userId)}/deactivate`,
  reactivate: (userId: string) => `/users/${id(userId)}/reactivate`,
  password: (userId: string) => `/users/${id(userId)}/password`,
  secondFactor: (userId: string) => `/users/${id(userId)}/second-factor`,
  revokeToken: (userId: string, tokenId: string) => `/users/${id(userId)}/tokens/${id(tokenId)}/revoke`,
} as const;
