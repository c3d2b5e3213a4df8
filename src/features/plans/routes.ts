import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../composition.ts';
import { isItemSection, isPlanSection, SECTION_TITLES, sectionLetter, type ItemSection, type Override, type PlanSection } from '../../domain/plans/index.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { dateFromParts, formBody, formErrors, handleForm } from '../../web/forms.ts';
import { sendProblem, STATUS_TITLES } from '../../web/problem.ts';
import type { Actor } from '../auth/index.ts';
import { attachmentDisposition } from '../documents/index.ts';
import { IdempotencyMismatchError, type Written } from '../requests/index.ts';
import { plansApiSchemas } from './api-schemas.ts';
import { plansPaths } from './paths.ts';
import { planDocx, planPdf } from './rendering/index.ts';
import { formFields, formValues, itemFromForm, overrideFieldId, planDocument, sectionFromForm, sectionHeading, sectionItems, sen2Rows } from './presenters.ts';
import { differenceSummary, PreconditionFailedError, PreconditionRequiredError, StaleRevisionError, STATUS_NAMES, type PlanVersionView } from './service.ts';

const T = (name: string) => `plans/templates/${name}.njk`;
type PlanParams = { Params: { planId: string } };
type SectionParams = { Params: { planId: string; section: string } };
type ItemParams = { Params: { planId: string; section: string; itemId: string } };

const SAVED: Record<string, string> = {
  started: 'The draft plan was started. Section K lists the advice received in the assessment.',
  section: 'The section was saved.',
  item: 'The item was saved.',
  removed: 'The item was removed.',
  advice: 'Section K was filled from the advice received.',
  'draft-issued': 'The draft plan was issued, and its notice queued to the family. The family have at least 15 days to comment.',
  'final-issued': 'The final plan was issued, and its notice with the right of appeal queued to the family.',
};

function sectionOf(value: string): PlanSection {
  if (!isPlanSection(value)) throw new NotFoundError('No such section');
  return value;
}

/** The working version, or refused: only it can be edited. */
function requireWorking(view: PlanVersionView): PlanVersionView {
  if (view.version.status !== 'working') throw new ValidationError([{ field: 'plan', message: 'The plan has no version being written: every issued version is kept as it was sent' }]);
  return view;
}

const revisionOf = (values: Record<string, string>) => Number(values.revision ?? '0') || 0;

export async function plansRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const plans = services.plans;

  /** A save refused because someone saved first: their change, and the way back to the form. */
  const staleAnswer = (reply: FastifyReply, planId: string, back: string) => (error: unknown) =>
    error instanceof StaleRevisionError ? reply.code(409).page(T('stale'), { planId, back, message: error.message, changes: error.changes }) : undefined;

  app.get<{ Params: { caseId: string } }>(plansPaths.casePlanRoute, async (request, reply) => {
    const found = await plans.planOfCase(request.actor!, request.params.caseId);
    if (found.planId) return reply.redirect(plansPaths.plan(found.planId), 303);
    const { child } = await services.children.childRecord(request.actor!, found.childId, 'plan-start');
    return reply.page(T('start'), { caseId: request.params.caseId, child, canStart: found.canStart, values: {} });
  });

  app.post<{ Params: { caseId: string } }>(plansPaths.casePlanRoute, async (request, reply) => {
    const values = formBody(request.body);
    const { caseId } = request.params;
    return handleForm(reply, values, {
      submit: () => plans.startDraft(request.actor!, caseId),
      redirectTo: ({ result }) => plansPaths.planSaved(result.planId, 'started'),
      template: T('start'),
      context: async () => {
        const found = await plans.planOfCase(request.actor!, caseId);
        const { child } = await services.children.childRecord(request.actor!, found.childId, 'plan-start');
        return { caseId, child, canStart: found.canStart };
      },
      conflictField: 'case',
    });
  });

  const versionPage = async (request: FastifyRequest, reply: FastifyReply, planId: string, number?: number) => {
    const view = await plans.versionView(request.actor!, planId, number);
    const saved = (request.query as Record<string, string> | undefined)?.saved;
    const document = planDocument(view);
    // Each section's form, for the version being written: the page's links, never the files'.
    const changeLinks = Object.fromEntries(
      document.sections.flatMap((section) => {
        const key = section.id.replace(/^section-/, '');
        return isPlanSection(key) ? [[section.id, plansPaths.section(view.plan.id, key)]] : [];
      }),
    );
    return reply.page(T('plan'), { view, document, sen2: view.sen2 ? sen2Rows(view.sen2, view.schools) : null, changeLinks, saved: saved ? SAVED[saved] : undefined, sections: sectionsOf(), statusNames: STATUS_NAMES });
  };

  // The same version as a tagged PDF and as a Word document, made from the layout the page shows,
  // each download a view of the child's record in the access log.
  const FILES = {
    pdf: { purpose: 'plan-pdf', mediaType: 'application/pdf', make: planPdf },
    docx: { purpose: 'plan-docx', mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', make: planDocx },
  } as const;
  const versionFile = (format: keyof typeof FILES) => async (request: FastifyRequest<{ Params: { planId: string; number: string } }>, reply: FastifyReply) => {
    const number = Number(request.params.number);
    if (!Number.isInteger(number) || number < 1) throw new NotFoundError('No such version of the plan');
    const file = FILES[format];
    const view = await plans.versionView(request.actor!, request.params.planId, number, file.purpose);
    const bytes = await file.make(planDocument(view));
    return reply
      .header('content-type', file.mediaType)
      .header('content-length', String(bytes.length))
      .header('content-disposition', attachmentDisposition(`EHC plan ${view.plan.reference} version ${view.version.number}.${format}`))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(bytes);
  };
  app.get<{ Params: { planId: string; number: string } }>(plansPaths.versionPdfRoute, versionFile('pdf'));
  app.get<{ Params: { planId: string; number: string } }>(plansPaths.versionDocxRoute, versionFile('docx'));

  app.get<PlanParams>(plansPaths.planRoute, async (request, reply) => versionPage(request, reply, request.params.planId));

  app.get<{ Params: { planId: string; number: string } }>(plansPaths.versionRoute, async (request, reply) => {
    const number = Number(request.params.number);
    if (!Number.isInteger(number) || number < 1) throw new NotFoundError('No such version of the plan');
    return versionPage(request, reply, request.params.planId, number);
  });

  // --- Sections and their items --------------------------------------------------------------

  const working = async (actor: Actor, planId: string) => requireWorking(await plans.versionView(actor, planId, undefined, 'plan-edit'));

  app.get<SectionParams>(plansPaths.sectionRoute, async (request, reply) => {
    const section = sectionOf(request.params.section);
    const view = await working(request.actor!, request.params.planId);
    if (isItemSection(section)) return reply.page(T('section'), { view, section, heading: sectionHeading(section), items: sectionItems(section, view.content) });
    return reply.page(T('item'), formContext(view, section, undefined, formValues(section, view.content)));
  });

  /** A form's context: the plan, the section, its fields and where it posts. */
  function formContext(view: PlanVersionView, section: PlanSection, itemId: string | undefined, values: Record<string, unknown>) {
    const { planId } = { planId: view.plan.id };
    const action = isItemSection(section) ? (itemId ? plansPaths.item(planId, section, itemId) : plansPaths.newItem(planId, section)) : plansPaths.section(planId, section);
    return {
      view,
      section,
      heading: sectionHeading(section),
      title: isItemSection(section) ? (itemId ? `Change an item of section ${sectionLetter(section)}` : `Add to section ${sectionLetter(section)}`) : `Section ${sectionLetter(section)}`,
      fields: formFields(section, view.content),
      action,
      back: isItemSection(section) ? plansPaths.section(planId, section) : plansPaths.plan(planId),
      values: { revision: String(view.version.revision), ...values },
    };
  }

  app.post<SectionParams>(plansPaths.sectionRoute, async (request, reply) => {
    const section = sectionOf(request.params.section);
    if (section !== 'a' && section !== 'i' && section !== 'j') throw new NotFoundError('No such form');
    const { planId } = request.params;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = { ...formBody(body) };
    return handleForm(reply, values, {
      submit: () => plans.saveSection(request.actor!, planId, section, sectionFromForm(section, body), revisionOf(values)),
      redirectTo: () => `${plansPaths.planSaved(planId, 'section')}#section-${section}`,
      template: T('item'),
      context: async () => formContext(await working(request.actor!, planId), section, undefined, {}),
      fieldIds: fieldIdsFor(section),
      conflictField: 'revision',
      answer: staleAnswer(reply, planId, plansPaths.section(planId, section)),
    });
  });

  app.get<SectionParams>(plansPaths.newItemRoute, async (request, reply) => {
    const section = itemSectionOf(request.params.section);
    const view = await working(request.actor!, request.params.planId);
    // The first need of a plan is its primary need until another is marked so.
    return reply.page(T('item'), formContext(view, section, undefined, section === 'b' ? { primary: view.content.b.length === 0 ? 'yes' : 'no' } : {}));
  });

  app.get<ItemParams>(plansPaths.itemRoute, async (request, reply) => {
    const section = itemSectionOf(request.params.section);
    const view = await working(request.actor!, request.params.planId);
    if (!(view.content[section] as { id: string }[]).some((item) => item.id === request.params.itemId)) throw new NotFoundError('No such item');
    return reply.page(T('item'), formContext(view, section, request.params.itemId, formValues(section, view.content, request.params.itemId)));
  });

  const saveItem = async (request: FastifyRequest, reply: FastifyReply, planId: string, sectionName: string, itemId?: string) => {
    const section = itemSectionOf(sectionName);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const item = itemFromForm(section, body);
    const values: Record<string, unknown> = { ...formBody(body), ...item };
    return handleForm(reply, values as Record<string, string>, {
      submit: () => plans.saveItem(request.actor!, planId, section, { ...item, ...(itemId ? { id: itemId } : {}) }, revisionOf(formBody(body))),
      redirectTo: ({ itemId: saved }) => `${plansPaths.planSaved(planId, 'item')}#item-${saved}`,
      template: T('item'),
      context: async () => formContext(await working(request.actor!, planId), section, itemId, {}),
      fieldIds: fieldIdsFor(section),
      conflictField: 'revision',
      answer: staleAnswer(reply, planId, itemId ? plansPaths.item(planId, section, itemId) : plansPaths.newItem(planId, section)),
    });
  };

  app.post<SectionParams>(plansPaths.newItemRoute, async (request, reply) => saveItem(request, reply, request.params.planId, request.params.section));
  app.post<ItemParams>(plansPaths.itemRoute, async (request, reply) => saveItem(request, reply, request.params.planId, request.params.section, request.params.itemId));

  app.post<ItemParams>(plansPaths.removeItemRoute, async (request, reply) => {
    const section = itemSectionOf(request.params.section);
    const { planId, itemId } = request.params;
    const values = formBody(request.body);
    return handleForm(reply, values, {
      submit: () => plans.removeItem(request.actor!, planId, section, itemId, revisionOf(values)),
      redirectTo: () => plansPaths.planSaved(planId, 'removed'),
      template: T('section'),
      context: async () => {
        const view = await working(request.actor!, planId);
        return { view, section, heading: sectionHeading(section), items: sectionItems(section, view.content) };
      },
      conflictField: 'revision',
      answer: staleAnswer(reply, planId, plansPaths.section(planId, section)),
    });
  });

  app.post<PlanParams>(plansPaths.fillAdviceRoute, async (request, reply) => {
    const { planId } = request.params;
    const values = formBody(request.body);
    return handleForm(reply, values, {
      submit: () => plans.fillAdvice(request.actor!, planId, revisionOf(values)),
      redirectTo: () => `${plansPaths.planSaved(planId, 'advice')}#section-k`,
      template: T('section'),
      context: async () => {
        const view = await working(request.actor!, planId);
        return { view, section: 'k', heading: sectionHeading('k'), items: sectionItems('k', view.content) };
      },
      conflictField: 'revision',
      answer: staleAnswer(reply, planId, plansPaths.section(planId, 'k')),
    });
  });

  // --- The check, issuing, and comparing -------------------------------------------------------

  app.get<PlanParams>(plansPaths.checkRoute, async (request, reply) => {
    const view = await working(request.actor!, request.params.planId);
    return reply.page(T('check'), { view });
  });

  const issueContext = (view: PlanVersionView, stage: 'draft' | 'final') => ({
    view,
    stage,
    findings: view.findings.map((finding) => ({ ...finding, fieldId: overrideFieldId(finding.id) })),
    action: stage === 'draft' ? plansPaths.issueDraft(view.plan.id) : plansPaths.issueFinal(view.plan.id),
  });

  for (const stage of ['draft', 'final'] as const) {
    const route = stage === 'draft' ? plansPaths.issueDraftRoute : plansPaths.issueFinalRoute;
    app.get<PlanParams>(route, async (request, reply) => {
      plans.requireIssuer(request.actor!, stage);
      const view = await working(request.actor!, request.params.planId);
      if (view.stage !== stage) return reply.redirect(plansPaths.plan(view.plan.id), 303);
      return reply.page(T('issue'), { ...issueContext(view, stage), values: { revision: String(view.version.revision) } });
    });
    app.post<PlanParams>(route, async (request, reply) => {
      const { planId } = request.params;
      plans.requireIssuer(request.actor!, stage);
      const values = formBody(request.body);
      const view = await working(request.actor!, planId);
      const overrides: Override[] = view.findings.map((finding) => ({ findingId: finding.id, reason: values[`override-${finding.id}`] ?? '' })).filter((override) => override.reason.trim());
      const issuedOn = values['issuedOn-day'] || values['issuedOn-month'] || values['issuedOn-year'] ? dateFromParts(values, 'issuedOn') : '';
      const input = { issuedOn, overrides, revision: revisionOf(values) };
      return handleForm(reply, values, {
        submit: () => (stage === 'draft' ? plans.issueDraft(request.actor!, planId, input) : plans.issueFinal(request.actor!, planId, input)),
        redirectTo: () => plansPaths.planSaved(planId, stage === 'draft' ? 'draft-issued' : 'final-issued'),
        template: T('issue'),
        context: () => issueContext(view, stage),
        fieldIds: { issuedOn: 'issuedOn-day', ...Object.fromEntries(view.findings.map((finding) => [`override.${finding.id}`, overrideFieldId(finding.id)])) },
        conflictField: 'issue',
        answer: staleAnswer(reply, planId, plansPaths.check(planId)),
      });
    });
  }

  app.get<PlanParams & { Querystring: { from?: string; to?: string } }>(plansPaths.compareRoute, async (request, reply) => {
    const { planId } = request.params;
    const summary = await plans.planSummary(request.actor!, planId, 'plan-compare');
    const numbers = summary.versions.map((version) => version.number);
    const from = Number(request.query.from ?? numbers.at(-2) ?? numbers[0]);
    const to = Number(request.query.to ?? numbers.at(-1));
    if (!numbers.includes(from) || !numbers.includes(to)) {
      const errors = formErrors([...(!numbers.includes(from) ? [{ field: 'from', message: 'Select a version of the plan to compare from' }] : []), ...(!numbers.includes(to) ? [{ field: 'to', message: 'Select a version of the plan to compare with' }] : [])]);
      return reply.code(400).page(T('compare'), { summary, from, to, errors, difference: null, statusNames: STATUS_NAMES });
    }
    const difference = await plans.difference(request.actor!, planId, from, to);
    return reply.page(T('compare'), { summary, from, to, difference, statusNames: STATUS_NAMES });
  });

  await plansApiRoutes(app, { services });
}

function itemSectionOf(value: string): ItemSection {
  if (!isItemSection(value)) throw new NotFoundError('No such section');
  return value;
}

/** Problems named by the service (a path in the item) to the ids of the form's inputs. */
function fieldIdsFor(section: PlanSection): Record<string, string> {
  const ids: Record<string, string> = { 'i.urn': 'urn', 'j.amount': 'amount', 'b.primary': 'primary', primary: 'primary', kind: 'kind', urn: 'urn', amount: 'amount' };
  if (section === 'b') ids.type = 'type';
  return ids;
}

const sectionsOf = () => Object.entries(SECTION_TITLES).map(([section, title]) => ({ section, title, letter: section.toUpperCase() }));

// --- The API ------------------------------------------------------------------------------------

const keyOf = (request: FastifyRequest) => {
  const key = request.headers['idempotency-key'];
  return typeof key === 'string' ? { idempotencyKey: key } : {};
};

/** The plan as the API gives it. */
function planJson(view: PlanVersionView) {
  return {
    id: view.plan.id,
    type: view.plan.type,
    caseId: view.plan.caseId,
    childId: view.plan.childId,
    reference: view.plan.reference,
    versions: view.plan.versions,
    version: { id: view.version.id, number: view.version.number, status: view.version.status, revision: view.version.revision, issuedOn: view.version.issuedOn, updatedAt: view.version.updatedAt },
    schemaVersion: view.version.schemaVersion,
    stage: view.stage,
    content: view.content,
    findings: view.findings,
    sen2: view.sen2,
  };
}

const etag = (view: PlanVersionView) => `"${view.version.revision}"`;

async function keyed<T>(reply: FastifyReply, write: () => Promise<Written<T>>, answer: (result: T, replayed: boolean) => Promise<FastifyReply> | FastifyReply): Promise<FastifyReply> {
  try {
    const { result, replayed } = await write();
    if (replayed) reply.header('idempotent-replayed', 'true');
    return answer(result, replayed);
  } catch (error) {
    if (!(error instanceof IdempotencyMismatchError)) throw error;
    const problem = { field: 'Idempotency-Key', message: error.message };
    return sendProblem(reply, { status: 422, title: STATUS_TITLES[422]!, detail: error.message, field: problem.field, errors: [problem] });
  }
}

async function plansApiRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const plans = services.plans;

  app.post<{ Params: { caseId: string } }>(plansPaths.api.casePlanRoute, { schema: plansApiSchemas.start }, async (request, reply) =>
    keyed(
      reply,
      () => plans.startDraft(request.actor!, request.params.caseId, keyOf(request)),
      async ({ planId }) => {
        const view = await plans.versionView(request.actor!, planId, undefined, 'api:plan');
        return reply.code(201).header('location', plansPaths.api.plan(planId)).header('etag', etag(view)).send(planJson(view));
      },
    ),
  );

  app.get<PlanParams>(plansPaths.api.planRoute, { schema: plansApiSchemas.get }, async (request, reply) => {
    const view = await plans.versionView(request.actor!, request.params.planId, undefined, 'api:plan');
    return reply.header('etag', etag(view)).send(planJson(view));
  });

  app.patch<PlanParams & { Body: { sections: Partial<Record<PlanSection, unknown>> } }>(plansPaths.api.planRoute, { schema: plansApiSchemas.edit }, async (request, reply) => {
    const { planId } = request.params;
    const current = await plans.versionView(request.actor!, planId, undefined, 'api:plan');
    const ifMatch = request.headers['if-match'];
    if (typeof ifMatch !== 'string' || !ifMatch.trim()) throw new PreconditionRequiredError('Send If-Match with the plan’s ETag, so that no one’s change is overwritten');
    const revision = Number(/^(?:W\/)?"?(\d+)"?$/.exec(ifMatch.trim())?.[1] ?? NaN);
    if (current.version.status !== 'working') throw new ValidationError([{ field: 'sections', message: 'The plan has no version being written: every issued version is kept as it was sent' }]);
    if (revision !== current.version.revision) {
      const changed = Number.isNaN(revision) ? '' : differenceSummary(await plans.changesSince(request.actor!, planId, revision));
      throw new PreconditionFailedError(
        `The plan has changed since you read it (it is at revision ${current.version.revision}${Number.isNaN(revision) ? '' : `, not ${revision}`}): read it again and make your change to it.${changed ? ` Changed since: ${changed}.` : ''}`,
      );
    }
    try {
      const view = await plans.saveSections(request.actor!, planId, request.body.sections, revision);
      return reply.header('etag', etag(view)).send(planJson(view));
    } catch (error) {
      if (error instanceof StaleRevisionError) throw new PreconditionFailedError(`The plan has changed since you read it (it is at revision ${error.currentRevision}, not ${revision}): read it again and make your change to it`);
      throw error;
    }
  });

  for (const stage of ['draft', 'final'] as const) {
    app.post<PlanParams & { Body: { issuedOn?: string; revision?: number; overrides?: Override[] } }>(
      stage === 'draft' ? plansPaths.api.issueDraftRoute : plansPaths.api.issueFinalRoute,
      { schema: stage === 'draft' ? plansApiSchemas.issueDraft : plansApiSchemas.issueFinal },
      async (request, reply) =>
        keyed(
          reply,
          () => (stage === 'draft' ? plans.issueDraft : plans.issueFinal).call(plans, request.actor!, request.params.planId, request.body ?? {}, keyOf(request)),
          (result) => reply.code(201).header('location', plansPaths.api.plan(request.params.planId)).send(result),
        ),
    );
  }

  app.get<PlanParams & { Querystring: { from: number; to: number } }>(plansPaths.api.differenceRoute, { schema: plansApiSchemas.difference }, async (request) => {
    const difference = await plans.difference(request.actor!, request.params.planId, request.query.from, request.query.to, 'api:plan-compare');
    return { planId: difference.plan.id, from: difference.from, to: difference.to, sections: difference.sections };
  });
}

