// Cover while an officer is away: set by managers, from the caseloads page.
export const coverPaths = {
  newCoverRoute: '/team/cover/new',
  /** The form, with the officer away already chosen when given. */
  newCover: (officerId?: string) => (officerId ? `/team/cover/new?officer=${encodeURIComponent(officerId)}` : '/team/cover/new'),
  /** Where the form leaves the manager: the caseloads page, saying the cover is set. */
  coverSet: '/team/caseloads?cover=set',
  /** A period of cover, to end early or (before it begins) withdraw. */
  coverPeriodRoute: '/team/cover/:periodId',
  coverPeriod: (periodId: string) => `/team/cover/${encodeURIComponent(periodId)}`,
  endEarlyRoute: '/team/cover/:periodId/end',
  endEarly: (periodId: string) => `/team/cover/${encodeURIComponent(periodId)}/end`,
  withdrawRoute: '/team/cover/:periodId/withdraw',
  withdraw: (periodId: string) => `/team/cover/${encodeURIComponent(periodId)}/withdraw`,
  coverEnded: '/team/caseloads?cover=ended',
  coverWithdrawn: '/team/caseloads?cover=withdrawn',
  api: {
    coverPeriods: '/api/v1/cover-periods',
    coverPeriodRoute: '/api/v1/cover-periods/:periodId',
    withdrawalRoute: '/api/v1/cover-periods/:periodId/withdrawal',
  },
} as const;
