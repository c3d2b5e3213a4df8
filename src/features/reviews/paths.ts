const id = (value: string) => encodeURIComponent(value);

/** What a page says was saved, on the case's reviews page. */
export type ReviewSaved = 'arranged' | 'views' | 'held' | 'reported' | 'decided';

export interface ServiceReviewsFilters {
  group?: string | undefined;
  officer?: string | undefined;
  school?: string | undefined;
  month?: string | undefined;
}

export const reviewsPaths = {
  mine: '/reviews',
  minePage: (page: number) => `/reviews?page=${page}`,
  /** The manager's service-wide view: grouped, filtered and paged, every state in the address. */
  service: '/team/reviews',
  servicePage: (filters: ServiceReviewsFilters, page = 1) => {
    const query = new URLSearchParams({
      ...(filters.group && filters.group !== 'school' ? { group: filters.group } : {}),
      ...(filters.officer ? { officer: filters.officer } : {}),
      ...(filters.school ? { school: filters.school } : {}),
      ...(filters.month ? { month: filters.month } : {}),
      ...(page > 1 ? { page: String(page) } : {}),
    }).toString();
    return query ? `/team/reviews?${query}` : '/team/reviews';
  },
  /** The council's review setting: how often plans of children under 5 are reviewed. */
  settings: '/team/reviews/settings',
  settingsSaved: '/team/reviews/settings?saved=1',
  caseReviewsRoute: '/cases/:caseId/reviews',
  caseReviews: (caseId: string) => `/cases/${id(caseId)}/reviews`,
  caseReviewsSaved: (caseId: string, saved: ReviewSaved) => `/cases/${id(caseId)}/reviews?saved=${saved}`,
  arrangeRoute: '/cases/:caseId/reviews/new',
  arrange: (caseId: string) => `/cases/${id(caseId)}/reviews/new`,
  viewsRoute: '/reviews/:reviewId/views',
  views: (reviewId: string) => `/reviews/${id(reviewId)}/views`,
  heldRoute: '/reviews/:reviewId/held',
  held: (reviewId: string) => `/reviews/${id(reviewId)}/held`,
  reportRoute: '/reviews/:reviewId/report',
  report: (reviewId: string) => `/reviews/${id(reviewId)}/report`,
  decisionRoute: '/reviews/:reviewId/decision',
  decision: (reviewId: string) => `/reviews/${id(reviewId)}/decision`,
  schoolRoute: '/reviews/schools/:urn',
  school: (urn: string | number, term?: string) => `/reviews/schools/${id(String(urn))}${term ? `?term=${encodeURIComponent(term)}` : ''}`,
  schoolInvitedRoute: '/reviews/schools/:urn/invited',
  schoolInvited: (urn: string | number, count: number) => `/reviews/schools/${id(String(urn))}/invited?count=${count}`,
  /**
   * Where a decision to amend or to cease goes on from: the amendment (proposed amendments, Regs 22)
   * or the ceasing (Regs 29 to 31) of the case's plan, each its own process. The plan is found when
   * the link is followed, so the review's card needs no plan to draw it.
   */
  nextStepRoute: '/reviews/:reviewId/next-step',
  afterDecision: (reviewId: string) => `/reviews/${id(reviewId)}/next-step`,
  api: {
    dueRoute: '/api/v1/reviews/due',
    caseReviewsRoute: '/api/v1/cases/:caseId/reviews',
    caseReviews: (caseId: string) => `/api/v1/cases/${id(caseId)}/reviews`,
    decisionRoute: '/api/v1/reviews/:reviewId/decision',
    decision: (reviewId: string) => `/api/v1/reviews/${id(reviewId)}/decision`,
  },
} as const;
