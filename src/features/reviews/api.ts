import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { hasRole, MANAGER_ROLES } from '../auth/index.ts';
import { answerKeyedWrite as answered, idempotencyKeyOf as keyOf } from '../requests/index.ts';
import { reviewsApiSchemas } from './api-schemas.ts';
import { reviewsPaths } from './paths.ts';

/** Annual reviews through the API, with the pages' service calls (so the same rules and access checks). */
export async function reviewsApiRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const reviews = services.reviews;

  app.get<{ Querystring: { page?: number; officer?: string; school?: string; month?: string } }>(reviewsPaths.api.dueRoute, { schema: reviewsApiSchemas.due }, async (request) => {
    const actor = request.actor!;
    const { query } = request;
    if (hasRole(actor, ...MANAGER_ROLES)) {
      const view = await reviews.serviceReviews(actor, { officer: query.officer, school: query.school, month: query.month, page: query.page }, 'api:reviews-view');
      return { horizon: view.filters.month ? `${view.filters.month}-01` : view.horizon, underFiveMonths: view.months, counts: view.counts, page: view.page, pageCount: view.pageCount, reviews: view.reviews };
    }
    const due = await reviews.myReviewsDue(actor, query.page ?? 1, 'api:reviews-due');
    return { horizon: due.horizon, underFiveMonths: due.months, counts: due.counts, page: due.page, pageCount: due.pageCount, reviews: due.reviews };
  });

  app.post<{ Params: { caseId: string }; Body: { meetingOn?: string; meetingPlace?: string; headTeacherHolds?: boolean; invitees?: { role: string; name: string; email: string }[]; shortNoticeReason?: string } }>(
    reviewsPaths.api.caseReviewsRoute,
    { schema: reviewsApiSchemas.arrange },
    async (request, reply) => {
      const { caseId } = request.params;
      const body = request.body;
      return answered(
        reply,
        () =>
          reviews.arrange(
            request.actor!,
            caseId,
            { meetingOn: body.meetingOn ?? '', meetingPlace: body.meetingPlace, headTeacherHolds: body.headTeacherHolds, invitees: body.invitees, shortNoticeReason: body.shortNoticeReason },
            keyOf(request),
          ),
        201,
        () => reviewsPaths.caseReviews(caseId),
      );
    },
  );

  app.post<{ Params: { reviewId: string }; Body: { decision?: string; decidedOn?: string; reasons?: string; lateReason?: string; version?: number } }>(
    reviewsPaths.api.decisionRoute,
    { schema: reviewsApiSchemas.decision },
    async (request, reply) => {
      const body = request.body;
      return answered(
        reply,
        () =>
          reviews.recordDecision(
            request.actor!,
            request.params.reviewId,
            { decision: body.decision ?? '', decidedOn: body.decidedOn ?? '', reasons: body.reasons ?? '', lateReason: body.lateReason, ...(body.version !== undefined ? { version: body.version } : {}) },
            keyOf(request),
          ),
        200,
        (result) => reviewsPaths.caseReviews(result.caseId),
      );
    },
  );
}
