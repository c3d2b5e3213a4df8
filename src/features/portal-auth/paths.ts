// The portal's sign-in pages (for people outside the council) and the staff pages that invite them.
const id = (value: string) => encodeURIComponent(value);

export const portalAuthPaths = {
  /** The portal's landing page, once signed in. */
  home: '/portal',
  signIn: '/portal/sign-in',
  signInExpired: '/portal/sign-in?expired=1',
  checkEmail: '/portal/sign-in/check-your-email',
  linkPattern: '/portal/sign-in/link/:token',
  /** The path of a sign-in link (the e-mail puts the service's public address before it). */
  link: (token: string) => `/portal/sign-in/link/${id(token)}`,
  secondFactor: '/portal/second-factor',
  secondFactorSetUp: '/portal/second-factor/set-up',
  signOut: '/portal/sign-out',
  /** Switches the portal's language and goes back to the page the person was on. */
  language: '/portal/language',
  switchLanguage: (code: string, back: string) => `/portal/language?to=${id(code)}&back=${id(back)}`,
  signedOut: '/portal/signed-out',
  /** Staff: invite a parent, carer or the young person to the family portal from the child's record. */
  inviteFamilyPattern: '/children/:childId/portal-invitation',
  inviteFamily: (childId: string) => `/children/${id(childId)}/portal-invitation`,
  /** Staff: invite a school's first administrator, by the school's URN. */
  inviteSchool: '/portal-accounts/invite-school',
  /** Staff: invite an advice giver (an educational psychologist, a health or social care professional). */
  inviteProfessional: '/portal-accounts/invite-professional',
  accountPattern: '/portal-accounts/:accountId',
  account: (accountId: string) => `/portal-accounts/${id(accountId)}`,
  /** The account's page saying the invitation (its message in the outbox) was sent. */
  accountInvited: (accountId: string, messageId: string) => `/portal-accounts/${id(accountId)}?invited=${id(messageId)}`,
  disablePattern: '/portal-accounts/:accountId/disable',
  disable: (accountId: string) => `/portal-accounts/${id(accountId)}/disable`,
} as const;
