// The portal's messages (every kind of account), their preferences, and the officer's page of a child's portal messages.
const id = (value: string) => encodeURIComponent(value);

export const portalMessagesPaths = {
  inbox: '/portal/messages',
  preferences: '/portal/messages/preferences',
  preferencesSaved: '/portal/messages/preferences?saved=1',
  messagePattern: '/portal/messages/:messageId',
  message: (messageId: string) => `/portal/messages/${id(messageId)}`,
  /** Staff: a child's portal messages and whether their e-mails went. */
  childMessagesPattern: '/children/:childId/portal-messages',
  childMessages: (childId: string) => `/children/${id(childId)}/portal-messages`,
} as const;

/** The portal pages messages link to: the family's and the advice giver's (the portal's other features own them). */
export const messageLinks = {
  childPlan: (childId: string) => `/portal/children/${id(childId)}/plan`,
  child: (childId: string) => `/portal/children/${id(childId)}`,
  adviceRequest: (requestId: string) => `/portal/advice/${id(requestId)}`,
  schoolReviews: '/portal/school/reviews',
  schoolConsultation: (consultationId: string) => `/portal/school/consultations/${id(consultationId)}`,
} as const;
