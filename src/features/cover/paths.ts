// Cover while an officer is away: set by managers, from the caseloads page.
export const coverPaths = {
  newCoverRoute: '/team/cover/new',
  /** The form, with the officer away already chosen when given. */
  newCover: (officerId?: string) => (officerId ? `/team/cover/new?officer=${encodeURIComponent(officerId)}` : '/team/cover/new'),
  /** Where the form leaves the manager: the caseloads page, saying the cover is set. */
  coverSet: '/team/caseloads?cover=set',
  api: {
    coverPeriods: '/api/v1/cover-periods',
  },
} as const;
