// The pages of the assessment's decisions: the panels, their agendas and recommendations; a case's
// decision page, with the forms that prepare, make and record its decisions. Thin: read the form,
// call the service, redirect or show the form again with the GOV.UK error summary.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { dateFromParts, formBody, handleForm } from '../../web/forms.ts';
import type { Actor } from '../auth/index.ts';
import { assessmentApiRoutes } from './api-routes.ts';
import { assessmentPaths } from './paths.ts';
import { agendaEntries, decisionPage, outcomeItems, panelChoices, partyItems, withdrawnByItems } from './presenters.ts';
import type { Question } from './terms.ts';

const TEMPLATES = {
  panels: 'assessment/templates/panels.njk',
  newPanel: 'assessment/templates/new-panel.njk',
  agenda: 'assessment/templates/agenda.njk',
  decision: 'assessment/templates/decision.njk',
  bringToPanel: 'assessment/templates/bring-to-panel.njk',
  askForViews: 'assessment/templates/ask-for-views.njk',
  recordViews: 'assessment/templates/record-views.njk',
  decide: 'assessment/templates/decide.njk',
  withdrawal: 'assessment/templates/withdrawal.njk',
};

const SAVED: Record<string, string> = {
  panel: 'Panel arranged.',
  recommendation: 'Recommendation recorded.',
};

const DECISION_SAVED: Record<string, string> = {
  panel: 'Case brought to the panel.',
  'views-asked': 'Views asked for. The letter is queued, and kept with the case’s letters.',
  views: 'Views recorded.',
  decision: 'Decision recorded. Its notice to the family is queued, and kept with the case’s letters.',
  'decision-unsent': 'Decision recorded. No notice was sent: no parent or carer with an address or e-mail address is on the record.',
  withdrawal: 'Withdrawal recorded. The case is closed, and the letter confirming it is queued.',
  'withdrawal-unsent': 'Withdrawal recorded. The case is closed. No letter was sent: no parent or carer with an address or e-mail address is on the record.',
};

const savedMessage = (table: Record<string, string>, saved: string | undefined) => (saved && Object.hasOwn(table, saved) ? table[saved] : undefined);

type CaseParams = { Params: { caseId: string } };
type PanelParams = { Params: { panelId: string } };

export async function assessmentRoutes(app: FastifyInstance, { services }: { services: Services }) {
  // --- Panels ----------------------------------------------------------------------------------
  app.get(assessmentPaths.panelsRoute, async (request, reply) => {
    const panels = await services.panels.listPanels(request.actor!);
    return reply.page(TEMPLATES.panels, { panels });
  });

  app.get(assessmentPaths.newPanelRoute, async (_request, reply) => reply.page(TEMPLATES.newPanel, { values: {} }));

  app.post(assessmentPaths.newPanelRoute, async (request, reply) => {
    const values = formBody(request.body);
    return handleForm(reply, values, {
      submit: () => services.panels.createPanel(request.actor!, { heldOn: dateFromParts(values, 'heldOn'), title: values.title ?? '' }),
      redirectTo: ({ result }) => assessmentPaths.panelSaved(result.id, 'panel'),
      template: TEMPLATES.newPanel,
      context: () => ({}),
      fieldIds: { heldOn: 'heldOn-day' },
      conflictField: 'title',
    });
  });

  const agendaPage = async (actor: Actor, panelId: string) => {
    const agenda = await services.panels.agenda(actor, panelId);
    return { agenda, entries: agendaEntries(agenda) };
  };

  app.get<PanelParams & { Querystring: { saved?: string } }>(assessmentPaths.panelRoute, async (request, reply) => {
    const context = await agendaPage(request.actor!, request.params.panelId);
    return reply.page(TEMPLATES.agenda, { ...context, values: {}, saved: savedMessage(SAVED, request.query.saved) });
  });

  app.post<{ Params: { panelId: string; caseId: string } }>(assessmentPaths.recommendationRoute, async (request, reply) => {
    const values = formBody(request.body);
    const { panelId, caseId } = request.params;
    return handleForm(reply, values, {
      submit: () => services.panels.recordRecommendation(request.actor!, panelId, caseId, { recommendation: values.recommendation ?? '', note: values.note }),
      redirectTo: () => `${assessmentPaths.panelSaved(panelId, 'recommendation')}#case-${caseId}`,
      template: TEMPLATES.agenda,
      // The agenda again, the errors beside the case they are about.
      context: async () => ({ ...(await agendaPage(request.actor!, panelId)), errorCaseId: caseId }),
      fieldIds: { recommendation: `recommendation-${caseId}`, note: `note-${caseId}` },
      conflictField: 'recommendation',
    });
  });

  // --- A case's decision page ------------------------------------------------------------------
  const file = (actor: Actor, caseId: string, view: string) => services.decisions.decisionFile(actor, caseId, view);

  app.get<CaseParams & { Querystring: { saved?: string } }>(assessmentPaths.decisionRoute, async (request, reply) => {
    const decisionFile = await file(request.actor!, request.params.caseId, 'decisions');
    return reply.page(TEMPLATES.decision, { ...decisionPage(decisionFile), saved: savedMessage(DECISION_SAVED, request.query.saved) });
  });

  app.get<CaseParams>(assessmentPaths.bringToPanelRoute, async (request, reply) => {
    const decisionFile = await file(request.actor!, request.params.caseId, 'bring-to-panel-form');
    return reply.page(TEMPLATES.bringToPanel, { file: decisionFile, panels: panelChoices(await services.panels.panelsToBringTo(request.actor!), undefined), values: {} });
  });

  app.post<CaseParams>(assessmentPaths.bringToPanelRoute, async (request, reply) => {
    const values = formBody(request.body);
    const { caseId } = request.params;
    return handleForm(reply, values, {
      submit: () => services.panels.bringToPanel(request.actor!, caseId, { panelId: values.panelId ?? '' }),
      redirectTo: () => assessmentPaths.decisionSaved(caseId, 'panel'),
      template: TEMPLATES.bringToPanel,
      context: async () => ({
        file: await file(request.actor!, caseId, 'bring-to-panel-form'),
        panels: panelChoices(await services.panels.panelsToBringTo(request.actor!), values.panelId),
      }),
      conflictField: 'panelId',
    });
  });

  app.get<CaseParams>(assessmentPaths.askForViewsRoute, async (request, reply) => {
    const decisionFile = await file(request.actor!, request.params.caseId, 'views-form');
    return reply.page(TEMPLATES.askForViews, { file: decisionFile, parties: partyItems('ask', undefined, decisionFile), values: {} });
  });

  app.post<CaseParams>(assessmentPaths.askForViewsRoute, async (request, reply) => {
    const values = formBody(request.body);
    const { caseId } = request.params;
    return handleForm(reply, values, {
      submit: () => services.decisions.askForViews(request.actor!, caseId, { party: values.party ?? '', respondBy: dateFromParts(values, 'respondBy') }),
      redirectTo: () => assessmentPaths.decisionSaved(caseId, 'views-asked'),
      template: TEMPLATES.askForViews,
      context: async () => {
        const decisionFile = await file(request.actor!, caseId, 'views-form');
        return { file: decisionFile, parties: partyItems('ask', values.party, decisionFile) };
      },
      fieldIds: { respondBy: 'respondBy-day' },
      conflictField: 'party',
    });
  });

  app.get<CaseParams>(assessmentPaths.recordViewsRoute, async (request, reply) => {
    const decisionFile = await file(request.actor!, request.params.caseId, 'views-form');
    return reply.page(TEMPLATES.recordViews, { file: decisionFile, parties: partyItems('record', undefined, decisionFile), values: {} });
  });

  app.post<CaseParams>(assessmentPaths.recordViewsRoute, async (request, reply) => {
    const values = formBody(request.body);
    const { caseId } = request.params;
    return handleForm(reply, values, {
      submit: () => services.decisions.recordViews(request.actor!, caseId, { party: values.party ?? '', receivedOn: dateFromParts(values, 'receivedOn'), summary: values.summary ?? '' }),
      redirectTo: () => assessmentPaths.decisionSaved(caseId, 'views'),
      template: TEMPLATES.recordViews,
      context: async () => {
        const decisionFile = await file(request.actor!, caseId, 'views-form');
        return { file: decisionFile, parties: partyItems('record', values.party, decisionFile) };
      },
      fieldIds: { receivedOn: 'receivedOn-day' },
      conflictField: 'party',
    });
  });

  // The two decisions share a form: the question decides its outcomes, its wording and its law.
  for (const [question, route] of [
    ['assess', assessmentPaths.whetherToAssessRoute],
    ['issue-plan', assessmentPaths.afterAssessmentRoute],
  ] as const satisfies readonly [Question, string][]) {
    const decide = (actor: Actor, caseId: string, values: Record<string, string>) => {
      const input = { outcome: values.outcome ?? '', decidedOn: dateFromParts(values, 'decidedOn'), reasons: values.reasons ?? '' };
      return question === 'assess' ? services.decisions.decideWhetherToAssess(actor, caseId, input) : services.decisions.decideAfterAssessment(actor, caseId, input);
    };
    const formContext = async (actor: Actor, caseId: string, chosen: string | undefined) => {
      services.decisions.requireDecisionMaker(actor);
      const decisionFile = await file(actor, caseId, 'decision-form');
      return { ...decisionPage(decisionFile), question, outcomes: outcomeItems(question, chosen) };
    };

    app.get<CaseParams>(route, async (request, reply) => reply.page(TEMPLATES.decide, { ...(await formContext(request.actor!, request.params.caseId, undefined)), values: {} }));

    app.post<CaseParams>(route, async (request, reply) => {
      const values = formBody(request.body);
      const { caseId } = request.params;
      return handleForm(reply, values, {
        submit: () => decide(request.actor!, caseId, values),
        redirectTo: ({ result }) => assessmentPaths.decisionSaved(caseId, result.noticeLetterId ? 'decision' : 'decision-unsent'),
        template: TEMPLATES.decide,
        context: () => formContext(request.actor!, caseId, values.outcome),
        fieldIds: { decidedOn: 'decidedOn-day', outcome: 'outcome' },
        conflictField: 'outcome',
      });
    });
  }

  app.get<CaseParams>(assessmentPaths.withdrawalRoute, async (request, reply) => {
    const decisionFile = await file(request.actor!, request.params.caseId, 'withdrawal-form');
    return reply.page(TEMPLATES.withdrawal, { file: decisionFile, withdrawnBy: withdrawnByItems(undefined), values: {} });
  });

  app.post<CaseParams>(assessmentPaths.withdrawalRoute, async (request, reply) => {
    const values = formBody(request.body);
    const { caseId } = request.params;
    return handleForm(reply, values, {
      submit: () =>
        services.decisions.withdrawRequest(request.actor!, caseId, { withdrawnOn: dateFromParts(values, 'withdrawnOn'), withdrawnBy: values.withdrawnBy ?? '', reason: values.reason ?? '' }),
      redirectTo: ({ result }) => assessmentPaths.decisionSaved(caseId, result.letterId ? 'withdrawal' : 'withdrawal-unsent'),
      template: TEMPLATES.withdrawal,
      context: async () => ({ file: await file(request.actor!, caseId, 'withdrawal-form'), withdrawnBy: withdrawnByItems(values.withdrawnBy) }),
      fieldIds: { withdrawnOn: 'withdrawnOn-day' },
      conflictField: 'withdrawnBy',
    });
  });

  await assessmentApiRoutes(app, { services });
}

