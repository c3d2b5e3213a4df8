// Annual reviews (CFA 2014 s.44; SEND Regs 2014 regs 18 to 22): the plans due for review (an
// officer's, and the whole service's by school, officer and month), each review's meeting,
// invitations, views, report and decision with its notice, and a school's pupils invited together.
export { reviewsRoutes } from './routes.ts';
export { reviewsApiRoutes } from './api.ts';
export { ReviewsService, termDates, termsFrom, type ReviewView, type ReviewDueView } from './service.ts';
export { reviewsPaths } from './paths.ts';
