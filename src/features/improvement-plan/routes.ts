// The improvement plan's pages: the plan, an area, an action, a form for each change, the board's
// meetings with the plan as it stood at each, and the change log.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { dateFromParts, formBody, handleForm } from '../../web/forms.ts';
import type { Actor } from '../auth/index.ts';
import { improvementPlanPaths as paths } from './paths.ts';
import { improvementEvidenceRoutes } from './evidence-routes.ts';
import { improvementPublicPageRoutes } from './public-routes.ts';
import {
  changesTable,
  flaggedList,
  measureDetails,
  measureOptions,
  measuresTable,
  meetingOptions,
  ownerOptions,
  planSections,
  statusItems,
  statusTag,
  TREND_TEXT,
} from './presenters.ts';

const T = (name: string) => `improvement-plan/templates/${name}.njk`;
type AreaParams = { Params: { areaId: string }; Querystring: { saved?: string } };
type ActionParams = { Params: { actionId: string }; Querystring: { saved?: string } };
type MilestoneParams = { Params: { actionId: string; milestoneId: string } };
type BindingParams = { Params: { bindingId: string } };
type MeetingParams = { Params: { meetingId: string }; Querystring: { saved?: string } };

/** What the page says after a change. */
const SAVED: Record<string, string> = {
  area: 'The area was added to the plan.',
  'area-changed': 'The area was changed.',
  action: 'The action was added.',
  status: 'The action’s status was updated.',
  owner: 'The action has a new owner.',
  milestone: 'The milestone was added.',
  'milestone-done': 'The milestone was marked done.',
  evidence: 'The evidence was added.',
  'evidence-document': 'The document was added as evidence.',
  measure: 'The measure was bound.',
  target: 'The target was changed.',
  meeting: 'The meeting was recorded, with the plan as it stands now.',
  corrected: 'The meeting’s record was corrected.',
};
const savedText = (saved: string | undefined) => (saved ? SAVED[saved] : undefined);

/** Where a form's date is shown its errors: the day box of its date input. */
const DATE_IDS = { baselineOn: 'baselineOn-day', targetOn: 'targetOn-day', dueOn: 'dueOn-day', heldOn: 'heldOn-day' };

export async function improvementPlanRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const plans = services.improvementPlan;

  // --- The plan -----------------------------------------------------------------------------------

  app.get<{ Querystring: { saved?: string } }>(paths.plan, async (request, reply) => {
    const actor = request.actor!;
    const plan = await plans.plan(actor);
    const manage = plans.canManage(actor);
    const publicPage = await services.improvementPublicPage.publishedAddress(actor);
    return reply.page(T('plan'), { plan, sections: planSections(plan, { manage, links: true }), flagged: flaggedList(plan, true), manage, publicPage, saved: savedText(request.query.saved) });
  });

  app.get(paths.changes, async (request, reply) => {
    const changes = await plans.changes(request.actor!);
    return reply.page(T('changes'), { changes, table: changesTable(changes, 'Every change to the plan, the latest first') });
  });

  // --- Areas --------------------------------------------------------------------------------------

  app.get(paths.newAreaRoute, async (request, reply) => {
    plans.requireManager(request.actor!);
    return reply.page(T('area-form'), { values: {}, action: paths.newAreaRoute, backHref: paths.plan });
  });
  app.post(paths.newAreaRoute, async (request, reply) => {
    const values = formBody(request.body);
    return handleForm(reply, values, {
      submit: () => plans.addArea(request.actor!, values),
      redirectTo: ({ areaId }) => paths.saved(paths.area(areaId), 'area'),
      template: T('area-form'),
      context: () => ({ action: paths.newAreaRoute, backHref: paths.plan }),
      conflictField: 'title',
    });
  });

  app.get<AreaParams>(paths.areaRoute, async (request, reply) => {
    const actor = request.actor!;
    const area = await plans.area(actor, request.params.areaId);
    const manage = plans.canManage(actor);
    return reply.page(T('area'), {
      area,
      manage,
      measures: area.measures.length ? measuresTable(area.measures, `Measures: ${area.title}`, { manage }) : undefined,
      details: measureDetails(area.measures),
      actions: area.actions.map((action) => ({ action, tag: statusTag(action.status) })),
      saved: savedText(request.query.saved),
    });
  });

  const areaFormContext = async (actor: Actor, areaId: string) => {
    const area = await plans.area(actor, areaId);
    return { area, action: paths.editArea(areaId), backHref: paths.area(areaId), editing: true };
  };
  app.get<AreaParams>(paths.editAreaRoute, async (request, reply) => {
    const actor = request.actor!;
    plans.requireManager(actor);
    const context = await areaFormContext(actor, request.params.areaId);
    return reply.page(T('area-form'), { ...context, values: { title: context.area.title, finding: context.area.finding, position: String(context.area.position) } });
  });
  app.post<AreaParams>(paths.editAreaRoute, async (request, reply) => {
    const values = formBody(request.body);
    const actor = request.actor!;
    return handleForm(reply, values, {
      submit: () => plans.editArea(actor, request.params.areaId, values),
      redirectTo: ({ areaId }) => paths.saved(paths.area(areaId), 'area-changed'),
      template: T('area-form'),
      context: () => areaFormContext(actor, request.params.areaId),
      conflictField: 'title',
    });
  });

  // --- Actions ------------------------------------------------------------------------------------

  const actionFormContext = async (actor: Actor, areaId: string, values: Record<string, string>) => {
    const [area, owners, meetings] = await Promise.all([plans.area(actor, areaId), plans.owners(actor), plans.meetings(actor)]);
    return { area, ownerOptions: ownerOptions(owners, values.ownerId), meetingOptions: meetingOptions(meetings, values.meetingId), backHref: paths.area(areaId) };
  };
  app.get<AreaParams & { Querystring: { meetingId?: string } }>(paths.newActionRoute, async (request, reply) => {
    const values = { meetingId: typeof request.query.meetingId === 'string' ? request.query.meetingId : '' };
    return reply.page(T('action-form'), { ...(await actionFormContext(request.actor!, request.params.areaId, values)), values });
  });
  app.post<AreaParams>(paths.newActionRoute, async (request, reply) => {
    const values = formBody(request.body);
    const actor = request.actor!;
    return handleForm(reply, values, {
      submit: () => plans.addAction(actor, request.params.areaId, values),
      redirectTo: ({ actionId }) => paths.saved(paths.action(actionId), 'action'),
      template: T('action-form'),
      context: () => actionFormContext(actor, request.params.areaId, values),
      conflictField: 'title',
    });
  });

  /** The action's page: its measures with their months, its status history, milestones, evidence and changes. */
  const actionPage = async (actor: Actor, actionId: string, saved?: string) => {
    const found = await plans.action(actor, actionId);
    const manage = plans.canManage(actor);
    return {
      ...found,
      manage,
      tag: statusTag(found.action.status),
      history: found.history.map((entry) => ({ ...entry, tag: statusTag(entry.status) })),
      measures: found.action.measures.length ? measuresTable(found.action.measures, `Measures: ${found.action.title}`, { manage }) : undefined,
      details: measureDetails(found.action.measures),
      trendText: TREND_TEXT,
      changes: found.changes.length ? changesTable(found.changes, 'Changes to the action') : undefined,
      saved: savedText(saved),
    };
  };
  app.get<ActionParams>(paths.actionRoute, async (request, reply) => {
    return reply.page(T('action'), await actionPage(request.actor!, request.params.actionId, request.query.saved));
  });

  /** A form about one action: the action (as its owner or a manager may read it) and the back link. */
  const actionContext = async (actor: Actor, actionId: string, ownerOrManager = false) => {
    const found = ownerOrManager ? await plans.actionForOwner(actor, actionId) : await plans.action(actor, actionId);
    return { action: found.action, area: found.area, backHref: paths.action(actionId) };
  };

  app.get<ActionParams>(paths.statusRoute, async (request, reply) => {
    const context = await actionContext(request.actor!, request.params.actionId, true);
    return reply.page(T('status-form'), { ...context, values: {}, statusItems: statusItems(undefined) });
  });
  app.post<ActionParams>(paths.statusRoute, async (request, reply) => {
    const values = formBody(request.body);
    const actor = request.actor!;
    return handleForm(reply, values, {
      submit: () => plans.updateStatus(actor, request.params.actionId, values),
      redirectTo: ({ actionId }) => paths.saved(paths.action(actionId), 'status'),
      template: T('status-form'),
      context: async () => ({ ...(await actionContext(actor, request.params.actionId)), statusItems: statusItems(values.status) }),
      conflictField: 'status',
    });
  });

  const ownerContext = async (actor: Actor, actionId: string, selected: string | undefined) => ({ ...(await actionContext(actor, actionId)), ownerOptions: ownerOptions(await plans.owners(actor), selected) });
  app.get<ActionParams>(paths.ownerRoute, async (request, reply) => {
    const actor = request.actor!;
    plans.requireManager(actor);
    return reply.page(T('owner-form'), { ...(await ownerContext(actor, request.params.actionId, undefined)), values: {} });
  });
  app.post<ActionParams>(paths.ownerRoute, async (request, reply) => {
    const values = formBody(request.body);
    const actor = request.actor!;
    return handleForm(reply, values, {
      submit: () => plans.changeOwner(actor, request.params.actionId, values),
      redirectTo: ({ actionId }) => paths.saved(paths.action(actionId), 'owner'),
      template: T('owner-form'),
      context: () => ownerContext(actor, request.params.actionId, values.ownerId),
      conflictField: 'ownerId',
    });
  });

  app.get<ActionParams>(paths.milestoneRoute, async (request, reply) => {
    const actor = request.actor!;
    plans.requireManager(actor);
    return reply.page(T('milestone-form'), { ...(await actionContext(actor, request.params.actionId)), values: {} });
  });
  app.post<ActionParams>(paths.milestoneRoute, async (request, reply) => {
    const values = formBody(request.body);
    const actor = request.actor!;
    return handleForm(reply, values, {
      submit: () => plans.addMilestone(actor, request.params.actionId, { title: values.title, dueOn: dateFromParts(values, 'dueOn') }),
      redirectTo: ({ actionId }) => paths.saved(paths.action(actionId), 'milestone'),
      template: T('milestone-form'),
      context: () => actionContext(actor, request.params.actionId),
      fieldIds: DATE_IDS,
      conflictField: 'title',
    });
  });

  app.post<MilestoneParams>(paths.milestoneDoneRoute, async (request, reply) => {
    const actor = request.actor!;
    const { actionId, milestoneId } = request.params;
    return handleForm(reply, {}, {
      submit: () => plans.milestoneDone(actor, actionId, milestoneId),
      redirectTo: () => paths.saved(paths.action(actionId), 'milestone-done'),
      template: T('action'),
      context: () => actionPage(actor, actionId),
      conflictField: 'milestones',
    });
  });

  app.get<ActionParams>(paths.evidenceRoute, async (request, reply) => {
    return reply.page(T('evidence-form'), { ...(await actionContext(request.actor!, request.params.actionId, true)), values: {} });
  });
  app.post<ActionParams>(paths.evidenceRoute, async (request, reply) => {
    const values = formBody(request.body);
    const actor = request.actor!;
    return handleForm(reply, values, {
      submit: () => plans.addEvidence(actor, request.params.actionId, values),
      redirectTo: ({ actionId }) => paths.saved(paths.action(actionId), 'evidence'),
      template: T('evidence-form'),
      context: () => actionContext(actor, request.params.actionId),
      conflictField: 'title',
    });
  });

  await app.register(improvementEvidenceRoutes, { services });

  // --- Measures -----------------------------------------------------------------------------------

  const bindContext = async (actor: Actor, to: { areaId: string } | { actionId: string }, selected: string | undefined) => {
    plans.requireManager(actor);
    const subject = 'areaId' in to ? { kind: 'area', title: (await plans.area(actor, to.areaId)).title, href: paths.area(to.areaId), action: paths.bindAreaMeasure(to.areaId) } : { kind: 'action', title: (await plans.action(actor, to.actionId)).action.title, href: paths.action(to.actionId), action: paths.bindActionMeasure(to.actionId) };
    return { subject, backHref: subject.href, measureOptions: measureOptions(plans.catalogue(), selected) };
  };
  const bindRoutes = (route: string, to: (params: Record<string, string>) => { areaId: string } | { actionId: string }) => {
    app.get<{ Params: Record<string, string> }>(route, async (request, reply) => {
      return reply.page(T('measure-form'), { ...(await bindContext(request.actor!, to(request.params), undefined)), values: {} });
    });
    app.post<{ Params: Record<string, string> }>(route, async (request, reply) => {
      const values = formBody(request.body);
      const actor = request.actor!;
      return handleForm(reply, values, {
        submit: () => plans.bindMeasure(actor, to(request.params), { ...values, baselineOn: dateFromParts(values, 'baselineOn'), targetOn: dateFromParts(values, 'targetOn') }),
        redirectTo: ({ areaId, actionId }) => paths.saved(areaId ? paths.area(areaId) : paths.action(actionId!), 'measure'),
        template: T('measure-form'),
        context: () => bindContext(actor, to(request.params), values.measureId),
        fieldIds: DATE_IDS,
        conflictField: 'measureId',
      });
    });
  };
  bindRoutes(paths.bindAreaMeasureRoute, (params) => ({ areaId: params.areaId! }));
  bindRoutes(paths.bindActionMeasureRoute, (params) => ({ actionId: params.actionId! }));

  const targetContext = async (actor: Actor, bindingId: string) => {
    const found = await plans.boundMeasure(actor, bindingId);
    return { ...found, backHref: found.areaId ? paths.area(found.areaId) : paths.action(found.actionId!), action: paths.target(bindingId) };
  };
  const dateParts = (name: string, iso: string) => {
    const [year, month, day] = iso.split('-');
    return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year! };
  };
  app.get<BindingParams>(paths.targetRoute, async (request, reply) => {
    const context = await targetContext(request.actor!, request.params.bindingId);
    const { binding } = context;
    const values = { baselineValue: String(binding.baselineValue), targetValue: String(binding.targetValue), ...dateParts('baselineOn', binding.baselineOn), ...dateParts('targetOn', binding.targetOn) };
    return reply.page(T('target-form'), { ...context, values });
  });
  app.post<BindingParams>(paths.targetRoute, async (request, reply) => {
    const values = formBody(request.body);
    const actor = request.actor!;
    return handleForm(reply, values, {
      submit: () => plans.changeTarget(actor, request.params.bindingId, { ...values, baselineOn: dateFromParts(values, 'baselineOn'), targetOn: dateFromParts(values, 'targetOn') }),
      redirectTo: ({ areaId, actionId }) => paths.saved(areaId ? paths.area(areaId) : paths.action(actionId!), 'target'),
      template: T('target-form'),
      context: () => targetContext(actor, request.params.bindingId),
      fieldIds: DATE_IDS,
      conflictField: 'targetValue',
    });
  });

  // --- Board meetings -----------------------------------------------------------------------------

  app.get<{ Querystring: { saved?: string } }>(paths.meetings, async (request, reply) => {
    const actor = request.actor!;
    return reply.page(T('meetings'), { meetings: await plans.meetings(actor), manage: plans.canManage(actor) });
  });

  app.get(paths.newMeetingRoute, async (request, reply) => {
    plans.requireManager(request.actor!);
    return reply.page(T('meeting-form'), { values: {} });
  });
  app.post(paths.newMeetingRoute, async (request, reply) => {
    const values = formBody(request.body);
    return handleForm(reply, values, {
      submit: () => plans.recordMeeting(request.actor!, { ...values, heldOn: dateFromParts(values, 'heldOn') }),
      redirectTo: ({ meetingId }) => paths.saved(paths.meeting(meetingId), 'meeting'),
      template: T('meeting-form'),
      context: () => ({}),
      fieldIds: DATE_IDS,
      conflictField: 'attendees',
    });
  });

  app.get<MeetingParams>(paths.meetingRoute, async (request, reply) => {
    const actor = request.actor!;
    const meeting = await plans.meeting(actor, request.params.meetingId);
    const manage = plans.canManage(actor);
    return reply.page(T('meeting'), {
      meeting,
      manage,
      sections: planSections(meeting.snapshot, { manage: false, links: false }),
      flagged: flaggedList(meeting.snapshot, false),
      arising: meeting.arising.map((entry) => ({ ...entry, tag: statusTag(entry.status) })),
      changes: meeting.changes.length ? changesTable(meeting.changes, 'Corrections to the meeting’s record') : undefined,
      firstAreaId: meeting.snapshot.areas[0]?.id,
      saved: savedText(request.query.saved),
    });
  });

  const correctContext = async (actor: Actor, meetingId: string) => {
    plans.requireManager(actor);
    const meeting = await plans.meeting(actor, meetingId);
    return { meeting, backHref: paths.meeting(meetingId) };
  };
  app.get<MeetingParams>(paths.correctMeetingRoute, async (request, reply) => {
    const context = await correctContext(request.actor!, request.params.meetingId);
    return reply.page(T('correct-meeting-form'), { ...context, values: { attendees: context.meeting.attendees, decisions: context.meeting.decisions } });
  });
  app.post<MeetingParams>(paths.correctMeetingRoute, async (request, reply) => {
    const values = formBody(request.body);
    const actor = request.actor!;
    return handleForm(reply, values, {
      // A form never carries the snapshot; a crafted one that does is refused by the service.
      submit: () => plans.correctMeeting(actor, request.params.meetingId, { attendees: values.attendees, decisions: values.decisions, reason: values.reason, ...('snapshot' in values ? { snapshot: values.snapshot } : {}) }),
      redirectTo: ({ meetingId }) => paths.saved(paths.meeting(meetingId), 'corrected'),
      template: T('correct-meeting-form'),
      context: () => correctContext(actor, request.params.meetingId),
      conflictField: 'attendees',
    });
  });

  // --- The public page ----------------------------------------------------------------------------

  await improvementPublicPageRoutes(app, { services });
}
