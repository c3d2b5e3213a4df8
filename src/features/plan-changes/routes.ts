import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../composition.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { dateFromParts, formBody, handleForm } from '../../web/forms.ts';
import { planChangesApiRoutes } from './api-routes.ts';
import { isChangeAction, planChangesPaths, type ChangeAction, type ChangeSaved } from './paths.ts';
import { appealOutcomeItems, ceaseReasonItems, deadlineRows, partyItems, partyName, requestedByItems, STATE_NAMES } from './presenters.ts';
import { KIND_NAMES, type ChangeResult, type ChangeView } from './service.ts';
import type { Actor } from '../auth/index.ts';
import type { Written } from '../requests/index.ts';

const T = (name: string) => `plan-changes/templates/${name}.njk`;
type PlanParams = { Params: { planId: string } };
type ChangeParams = { Params: { changeId: string } };

const SAVED: Record<ChangeSaved, string> = {
  started: 'Started. Change the plan on its own pages, then come back here to send the notice.',
  'notice-sent': 'The amendment notice was sent with the proposed changes. The family have at least 15 days to comment.',
  representation: 'What they said was recorded.',
  amended: 'The amended plan was issued as a new version, with its notice and the right of appeal.',
  'not-amended': 'The decision not to amend was recorded, and its notice with the reasons and the right of appeal queued.',
  consultation: 'The consultation’s answer was recorded.',
  'cease-decided': 'The decision to cease was recorded, its notice with the right of appeal queued for the family, and the school and health told. The plan is kept until the time to appeal has passed.',
  certificate: 'The mediation certificate was recorded.',
  appeal: 'The appeal was recorded: the plan is kept until it concludes.',
  'appeal-outcome': 'How the appeal ended was recorded.',
  ceased: 'The plan has ceased.',
  'reassessment-requested': 'The request to re-assess was recorded. The decision is due within 15 days.',
  'reassessment-decided': 'The decision on the re-assessment was recorded, and its notice queued.',
};

/** Each form on a change's page: what it reads, the service call, and where it goes after. */
const DATE_FIELDS: Partial<Record<ChangeAction, string[]>> = {
  notice: ['noticeOn'],
  representations: ['askedOn', 'answeredOn'],
  consultations: ['askedOn', 'answeredOn'],
  'amended-plan': ['issuedOn'],
  'no-amendment': ['decidedOn'],
  'cease-decision': ['decidedOn'],
  'mediation-certificate': ['on'],
  appeal: ['on'],
  'appeal-outcome': ['concludedOn'],
  'reassessment-decision': ['decidedOn'],
};

export async function planChangesRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const changes = services.planChanges;
  const today = () => changes.today();

  app.get<PlanParams>(planChangesPaths.planChangesRoute, async (request, reply) => {
    const overview = await changes.overview(request.actor!, request.params.planId);
    return reply.page(T('changes'), { overview, stateNames: STATE_NAMES, kindNames: KIND_NAMES });
  });

  // Starting a change: an amendment (with the review meeting it follows, if any), ceasing, a re-assessment.
  const startForms = [
    { route: planChangesPaths.newAmendmentRoute, template: 'new-amendment', start: (actor: Actor, planId: string, values: Record<string, string>) => changes.startAmendment(actor, planId, { reviewMeetingOn: dateFromParts(values, 'reviewMeetingOn') }), saved: 'started' },
    { route: planChangesPaths.newCeasingRoute, template: 'new-ceasing', start: (actor: Actor, planId: string) => changes.startCeasing(actor, planId), saved: 'started' },
    {
      route: planChangesPaths.newReassessmentRoute,
      template: 'new-reassessment',
      start: (actor: Actor, planId: string, values: Record<string, string>) => changes.requestReassessment(actor, planId, { requestedOn: dateFromParts(values, 'requestedOn'), requestedBy: values.requestedBy }),
      saved: 'reassessment-requested',
    },
  ] as const;
  for (const form of startForms) {
    const context = async (actor: Actor, planId: string, values: Record<string, string>) => ({ overview: await changes.overview(actor, planId), requestedByItems: requestedByItems(values.requestedBy) });
    app.get<PlanParams & { Querystring: Record<string, string> }>(form.route, async (request, reply) => {
      const values: Record<string, string> = {};
      // A review's decision links here with the meeting's date.
      const meeting = /^(\d{4})-(\d{2})-(\d{2})$/.exec(request.query.reviewMeetingOn ?? '');
      if (meeting) Object.assign(values, { 'reviewMeetingOn-year': meeting[1], 'reviewMeetingOn-month': meeting[2], 'reviewMeetingOn-day': meeting[3] });
      return reply.page(T(form.template), { ...(await context(request.actor!, request.params.planId, values)), values });
    });
    app.post<PlanParams>(form.route, async (request, reply) => {
      const values = formBody(request.body);
      const { planId } = request.params;
      return handleForm(reply, values, {
        submit: () => form.start(request.actor!, planId, values),
        redirectTo: ({ result }: Written<ChangeResult>) => planChangesPaths.changeSaved(result.changeId, form.saved),
        template: T(form.template),
        context: () => context(request.actor!, planId, values),
        fieldIds: { reviewMeetingOn: 'reviewMeetingOn-day', requestedOn: 'requestedOn-day' },
        conflictField: 'plan',
      });
    });
  }

  const changePage = async (actor: Actor, changeId: string, values: Record<string, string>, saved?: string) => {
    const view = await changes.change(actor, changeId);
    return { template: T(view.kind === 'amendment' ? 'amendment' : view.kind === 'cease' ? 'ceasing' : 'reassessment'), context: pageContext(view, values, saved, today()) };
  };

  app.get<ChangeParams & { Querystring: { saved?: string } }>(planChangesPaths.changeRoute, async (request, reply) => {
    const saved = request.query.saved as ChangeSaved | undefined;
    const page = await changePage(request.actor!, request.params.changeId, {}, saved && Object.hasOwn(SAVED, saved) ? SAVED[saved] : undefined);
    return reply.page(page.template, page.context);
  });

  app.post<{ Params: { changeId: string; action: string } }>(planChangesPaths.actionRoute, async (request, reply) => {
    const { changeId, action } = request.params;
    if (!isChangeAction(action)) throw new NotFoundError('No such page');
    const values = formBody(request.body);
    const dates = Object.fromEntries((DATE_FIELDS[action] ?? []).map((name) => [name, dateFromParts(values, name)]));
    const actor = request.actor!;
    const call = (): Promise<Written<unknown>> => {
      switch (action) {
        case 'notice':
          return changes.sendAmendmentNotice(actor, changeId, { noticeOn: dates.noticeOn, lateReason: values.lateReason });
        case 'representations':
        case 'consultations':
          return changes.recordResponse(actor, changeId, { party: values.party, askedOn: dates.askedOn, answeredOn: dates.answeredOn, answer: values.answer });
        case 'amended-plan':
          return changes.issueAmendedPlan(actor, changeId, { issuedOn: dates.issuedOn });
        case 'no-amendment':
          return changes.declineAmendment(actor, changeId, { decidedOn: dates.decidedOn, reasons: values.reasons });
        case 'cease-decision':
          return changes.decideToCease(actor, changeId, { decidedOn: dates.decidedOn, reasonCode: values.reasonCode, reasons: values.reasons, institutionEmail: values.institutionEmail, commissioningBodyEmail: values.commissioningBodyEmail });
        case 'mediation-certificate':
          return changes.recordMediationCertificate(actor, changeId, { on: dates.on });
        case 'appeal':
          return changes.recordAppeal(actor, changeId, { on: dates.on });
        case 'appeal-outcome':
          return changes.recordAppealOutcome(actor, changeId, { concludedOn: dates.concludedOn, outcome: values.outcome });
        case 'ceased':
          return changes.cease(actor, changeId);
        case 'reassessment-decision':
          return changes.decideReassessment(actor, changeId, { decidedOn: dates.decidedOn, outcome: values.outcome, reasons: values.reasons });
      }
    };
    const saved: Record<ChangeAction, ChangeSaved> = {
      notice: 'notice-sent',
      representations: 'representation',
      consultations: 'consultation',
      'amended-plan': 'amended',
      'no-amendment': 'not-amended',
      'cease-decision': 'cease-decided',
      'mediation-certificate': 'certificate',
      appeal: 'appeal',
      'appeal-outcome': 'appeal-outcome',
      ceased: 'ceased',
      'reassessment-decision': 'reassessment-decided',
    };
    const page = await changePage(actor, changeId, values);
    return handleForm(reply, values, {
      submit: call,
      redirectTo: () => planChangesPaths.changeSaved(changeId, saved[action]),
      template: page.template,
      context: async () => ({ ...(await changePage(actor, changeId, values)).context, form: action }),
      fieldIds: Object.fromEntries((DATE_FIELDS[action] ?? []).map((name) => [name, `${action}-${name}-day`])),
      conflictField: 'change',
    }) as Promise<FastifyReply>;
  });

  await app.register(planChangesApiRoutes, { services });
}

function pageContext(view: ChangeView, values: Record<string, string>, saved: string | undefined, today: string) {
  return {
    view,
    values,
    saved,
    deadlines: deadlineRows(view.deadlines, today),
    responses: view.responses.map((response) => ({ ...response, partyName: partyName(response.party) })),
    familyParties: partyItems(values.party, ['parent', 'young-person', 'other']),
    consultationParties: partyItems(values.party, ['parent', 'young-person', 'head-teacher', 'other']),
    ceaseReasons: ceaseReasonItems(values.reasonCode),
    appealOutcomes: appealOutcomeItems(values.outcome),
    today,
  };
}
