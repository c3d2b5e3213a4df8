export const outboxPaths = {
  outbox: '/outbox',
  /** The outbox showing messages of one state only. */
  outboxOf: (state: string) => `/outbox?state=${encodeURIComponent(state)}`,
  message: (messageId: string) => `/outbox/messages/${messageId}`,
  messagePattern: '/outbox/messages/:messageId',
  deadLetters: '/outbox/dead-letters',
  tryAgain: (messageId: string) => `/outbox/dead-letters/${messageId}/try-again`,
  tryAgainPattern: '/outbox/dead-letters/:messageId/try-again',
} as const;
