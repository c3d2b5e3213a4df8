import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { dateFromParts, formBody, handleForm } from '../../web/forms.ts';
import { longDate } from '../../web/long-date.ts';
import { paginationParams } from '../../web/pagination.ts';
import type { Actor } from '../auth/index.ts';
import { reviewsPaths, type ReviewSaved } from './paths.ts';
import { DECISION_ITEMS, reviewCard, ROLE_ITEMS, STATUS_WORDS } from './presenters.ts';

const TEMPLATES = {
  caseReviews: 'reviews/templates/case-reviews.njk',
  arrange: 'reviews/templates/arrange.njk',
  step: 'reviews/templates/step.njk',
  mine: 'reviews/templates/mine.njk',
  service: 'reviews/templates/service.njk',
  school: 'reviews/templates/school.njk',
  settings: 'reviews/templates/settings.njk',
} as const;

const SAVED: Record<ReviewSaved, string> = {
  arranged: 'Review arranged: the invitations are sent.',
  views: 'The views are recorded.',
  held: 'The meeting is recorded as held.',
  reported: 'The review report is recorded.',
  decided: 'The decision is recorded and the notice sent.',
};

const DATE_FIELDS = { meetingOn: 'meetingOn-day', heldOn: 'heldOn-day', receivedOn: 'receivedOn-day', decidedOn: 'decidedOn-day', firstMeetingOn: 'firstMeetingOn-day' };

const version = (value: string | undefined) => (value && /^\d{1,9}$/.test(value) ? Number(value) : undefined);

function dateValues(name: string, date: string): Record<string, string> {
  const [year, month, day] = date.split('-');
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year ?? '' };
}

const STEPS = {
  views: { heading: 'Record the child’s and family’s views', path: reviewsPaths.views },
  held: { heading: 'Record the review meeting held', path: reviewsPaths.held },
  report: { heading: 'Record the review report', path: reviewsPaths.report },
  decision: { heading: 'Record the review decision', path: reviewsPaths.decision },
} as const;
type Step = keyof typeof STEPS;

export async function reviewsRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const reviews = services.reviews;
  type CaseParams = { Params: { caseId: string } };
  type ReviewParams = { Params: { reviewId: string } };

  app.get<{ Querystring: { page?: string } }>(reviewsPaths.mine, async (request, reply) => {
    const due = await reviews.myReviewsDue(request.actor!, Number(request.query.page ?? 1));
    return reply.page(TEMPLATES.mine, { due, statusWords: STATUS_WORDS, pagination: paginationParams(due.page, due.pageCount, reviewsPaths.minePage) });
  });

  app.get<{ Querystring: { group?: string; officer?: string; school?: string; month?: string; page?: string } }>(reviewsPaths.service, async (request, reply) => {
    const { query } = request;
    const [view, officers] = await Promise.all([
      reviews.serviceReviews(request.actor!, { group: query.group, officer: query.officer, school: query.school, month: query.month, page: Number(query.page ?? 1) }),
      reviews.officers(request.actor!),
    ]);
    const groupItems = [
      { value: 'school', text: 'School', selected: view.filters.group === 'school' },
      { value: 'officer', text: 'Officer', selected: view.filters.group === 'officer' },
      { value: 'month', text: 'Month due', selected: view.filters.group === 'month' },
    ];
    const officerItems = [{ value: '', text: 'All officers' }, ...officers.map((officer) => ({ value: officer.id, text: officer.name, selected: view.filters.officer === officer.id }))];
    const groupRows = view.groups.map((group) => {
      if (view.filters.group === 'school') {
        return {
          ...group,
          label: group.label ?? 'No school recorded',
          href: group.urn !== null ? reviewsPaths.servicePage({ ...view.filters, group: 'school', school: String(group.urn) }) : undefined,
          inviteHref: group.urn !== null ? reviewsPaths.school(group.urn) : undefined,
        };
      }
      if (view.filters.group === 'officer') {
        return { ...group, label: group.label ?? 'Unallocated', href: group.key ? reviewsPaths.servicePage({ ...view.filters, group: 'officer', officer: group.key }) : undefined };
      }
      const monthName = group.key ? longDate(`${group.key}-01`).replace(/^1 /, '') : '';
      return { ...group, label: group.overdue > 0 && group.upcoming === 0 ? `${monthName} and before (overdue)` : monthName, href: group.key ? reviewsPaths.servicePage({ ...view.filters, group: 'month', month: group.key }) : undefined };
    });
    const groupHeading = { school: 'School', officer: 'Officer', month: 'Month due' }[view.filters.group];
    return reply.page(TEMPLATES.service, {
      view,
      groupItems,
      officerItems,
      groupRows,
      groupHeading,
      statusWords: STATUS_WORDS,
      monthName: view.filters.month ? longDate(`${view.filters.month}-01`).replace(/^1 /, '') : undefined,
      pagination: paginationParams(view.page, view.pageCount, (page) => reviewsPaths.servicePage(view.filters, page)),
    });
  });

  app.get<{ Querystring: { saved?: string } }>(reviewsPaths.settings, async (request, reply) => {
    const settings = await reviews.settings(request.actor!);
    return reply.page(TEMPLATES.settings, { settings, values: { underFiveMonths: String(settings.underFiveMonths) }, saved: request.query.saved === '1' });
  });

  app.post(reviewsPaths.settings, async (request, reply) => {
    const values = formBody(request.body);
    return handleForm(reply, values, {
      submit: () => reviews.setUnderFiveMonths(request.actor!, values.underFiveMonths ?? ''),
      redirectTo: () => reviewsPaths.settingsSaved,
      template: TEMPLATES.settings,
      context: async () => ({ settings: await reviews.settings(request.actor!) }),
      conflictField: 'underFiveMonths',
    });
  });

  app.get<CaseParams & { Querystring: { saved?: string } }>(reviewsPaths.caseReviewsRoute, async (request, reply) => {
    const found = await reviews.caseReviews(request.actor!, request.params.caseId);
    const saved = request.query.saved;
    return reply.page(TEMPLATES.caseReviews, {
      case: found.case,
      cards: found.reviews.map(reviewCard),
      running: found.reviews.some((review) => review.status !== 'decided'),
      saved: saved && Object.hasOwn(SAVED, saved) ? SAVED[saved as ReviewSaved] : undefined,
    });
  });

  const arrangeContext = async (actor: Actor, caseId: string) => ({ case: await reviews.reviewCase(actor, caseId), roles: ROLE_ITEMS });
  app.get<CaseParams>(reviewsPaths.arrangeRoute, async (request, reply) => {
    const context = await arrangeContext(request.actor!, request.params.caseId);
    return reply.page(TEMPLATES.arrange, { ...context, values: {} });
  });

  app.post<CaseParams>(reviewsPaths.arrangeRoute, async (request, reply) => {
    const values = formBody(request.body);
    const { caseId } = request.params;
    return handleForm(reply, values, {
      submit: () =>
        reviews.arrange(request.actor!, caseId, {
          meetingOn: dateFromParts(values, 'meetingOn'),
          meetingPlace: values.meetingPlace ?? '',
          headTeacherHolds: values.headTeacherHolds === 'yes',
          invitees: [0, 1, 2].map((index) => ({ role: values[`invitee${index}Role`] ?? '', name: values[`invitee${index}Name`] ?? '', email: values[`invitee${index}Email`] ?? '' })),
          shortNoticeReason: values.shortNoticeReason,
        }),
      redirectTo: () => reviewsPaths.caseReviewsSaved(caseId, 'arranged'),
      template: TEMPLATES.arrange,
      context: () => arrangeContext(request.actor!, caseId),
      fieldIds: DATE_FIELDS,
      conflictField: 'meetingOn-day',
    });
  });

  const stepContext = async (actor: Actor, reviewId: string, step: Step) => {
    const found = await reviews.review(actor, reviewId);
    return { ...found, card: reviewCard(found.review), step, heading: STEPS[step].heading, action: STEPS[step].path(reviewId), decisions: DECISION_ITEMS };
  };
  const firstValues = (step: Step, today: string): Record<string, string> =>
    step === 'held' ? dateValues('heldOn', today) : step === 'report' ? dateValues('receivedOn', today) : step === 'decision' ? dateValues('decidedOn', today) : {};

  for (const step of Object.keys(STEPS) as Step[]) {
    const route = { views: reviewsPaths.viewsRoute, held: reviewsPaths.heldRoute, report: reviewsPaths.reportRoute, decision: reviewsPaths.decisionRoute }[step];
    app.get<ReviewParams>(route, async (request, reply) => {
      const context = await stepContext(request.actor!, request.params.reviewId, step);
      return reply.page(TEMPLATES.step, { ...context, values: firstValues(step, context.case.today) });
    });
    app.post<ReviewParams>(route, async (request, reply) => {
      const values = formBody(request.body);
      const actor = request.actor!;
      const { reviewId } = request.params;
      const submit = async () => {
        const given = version(values.version);
        if (step === 'views') return reviews.recordViews(actor, reviewId, { childViews: values.childViews ?? '', familyViews: values.familyViews ?? '', version: given });
        if (step === 'held') return reviews.recordHeld(actor, reviewId, { heldOn: dateFromParts(values, 'heldOn'), version: given });
        if (step === 'report') return reviews.recordReport(actor, reviewId, { receivedOn: dateFromParts(values, 'receivedOn'), summary: values.summary ?? '', version: given });
        return (await reviews.recordDecision(actor, reviewId, { decision: values.decision ?? '', decidedOn: dateFromParts(values, 'decidedOn'), reasons: values.reasons ?? '', lateReason: values.lateReason, version: given })).result;
      };
      const saved: ReviewSaved = step === 'report' ? 'reported' : step === 'decision' ? 'decided' : step;
      return handleForm(reply, values, {
        submit,
        redirectTo: (review) => reviewsPaths.caseReviewsSaved(review.caseId, saved),
        template: TEMPLATES.step,
        context: () => stepContext(actor, reviewId, step),
        fieldIds: DATE_FIELDS,
        conflictField: step === 'decision' ? 'decision' : step === 'views' ? 'childViews' : step === 'held' ? 'heldOn-day' : 'receivedOn-day',
      });
    });
  }

  const schoolContext = async (actor: Actor, urn: string, term: string | undefined) => {
    const due = await reviews.schoolDue(actor, urn, term);
    return { due, statusWords: STATUS_WORDS, selectedTerm: due.term.value };
  };
  app.get<ReviewParams>(reviewsPaths.nextStepRoute, async (request, reply) => reply.redirect(await reviews.nextStepHref(request.actor!, request.params.reviewId), 303));

  app.get<{ Params: { urn: string }; Querystring: { term?: string } }>(reviewsPaths.schoolRoute, async (request, reply) => {
    const context = await schoolContext(request.actor!, request.params.urn, request.query.term);
    return reply.page(TEMPLATES.school, { ...context, values: { term: context.selectedTerm } });
  });
  app.get<{ Params: { urn: string }; Querystring: { count?: string } }>(reviewsPaths.schoolInvitedRoute, async (request, reply) => {
    const context = await schoolContext(request.actor!, request.params.urn, undefined);
    const count = Number(request.query.count ?? 0);
    return reply.page(TEMPLATES.school, { ...context, values: {}, invited: `${count} ${count === 1 ? 'review' : 'reviews'} arranged: each family is invited and the school is asked to hold the meetings.` });
  });
  app.post<{ Params: { urn: string } }>(reviewsPaths.schoolRoute, async (request, reply) => {
    const values = formBody(request.body);
    const { urn } = request.params;
    return handleForm(reply, values, {
      submit: () =>
        reviews.inviteSchool(request.actor!, {
          urn,
          term: values.term ?? '',
          firstMeetingOn: dateFromParts(values, 'firstMeetingOn'),
          perDay: values.perDay ?? '',
          contactName: values.contactName ?? '',
          contactEmail: values.contactEmail ?? '',
        }),
      redirectTo: (written) => reviewsPaths.schoolInvited(urn, written.result.reviews.length),
      template: TEMPLATES.school,
      context: () => schoolContext(request.actor!, urn, values.term),
      fieldIds: DATE_FIELDS,
      conflictField: 'term',
    });
  });
}
