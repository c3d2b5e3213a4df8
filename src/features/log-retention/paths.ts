// The administrator's page of how long the council keeps the service's logs.
export const logRetentionPaths = {
  settings: '/audit/retention',
  /** The page with the banner saying the periods were saved. */
  saved: '/audit/retention?saved=1',
} as const;
