import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../composition.ts';
import { PLAN_SECTIONS } from '../../domain/clocks/index.ts';
import { CASE_DEADLINES } from '../../domain/events/index.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../../lib/errors.ts';
import { formBody, handleForm } from '../../web/forms.ts';
import { chosenLanguage, LANGUAGE_COOKIE, type Translate } from '../../web/i18n.ts';
import { ACCEPT_ATTRIBUTE, attachmentDisposition, multipartForms } from '../documents/index.ts';
import { planDocx, planPdf } from '../plans/index.ts';
import { signedIn } from '../portal-auth/index.ts';
import { portalFamilyPaths } from './paths.ts';
import { VIEWS_FIELDS, YoungPersonDecidesError } from './service.ts';

const T = (name: string) => `portal-family/templates/${name}.njk`;
/** Every family page is for a person signed in to the portal. */
const SIGNED_IN = { config: { portal: true } } as const;
/** The steps the case page has plain words for; any other is said in general words. */
const KNOWN_DEADLINES = Object.keys(CASE_DEADLINES);

type ChildParams = { Params: { childId: string } };

/** A service's problems name the words to show (keys of the feature's language files): said in the person's language. */
async function inTheirWords<T>(t: Translate, submit: () => Promise<T>): Promise<T> {
  const say = (message: string) => (message.startsWith('portal-family.') ? t(message) : message);
  try {
    return await submit();
  } catch (error) {
    if (error instanceof ValidationError) throw new ValidationError(error.problems.map((problem) => ({ ...problem, message: say(problem.message) })));
    if (error instanceof ConflictError) throw new ConflictError(say(error.message));
    throw error;
  }
}

/**
 * The family portal's pages: thin, as the service decides who may see what. A parent asking for a
 * young person's case the young person has not shared sees a page saying so, and nothing else.
 */
export async function portalFamilyRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const family = services.portalFamily;
  // The document form is multipart; only the routes that say so read it.
  await multipartForms(app);

  const translator = (request: FastifyRequest): Translate => app.catalogue.translator(chosenLanguage(app.catalogue, request.cookies?.[LANGUAGE_COOKIE]).code);


  /** Runs the page, or says the young person decides who sees their case. */
  const page = async (reply: FastifyReply, run: () => Promise<FastifyReply>): Promise<FastifyReply> => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof YoungPersonDecidesError) return reply.code(403).page(T('young-person-decides'), { firstName: error.firstName });
      if (error instanceof ForbiddenError && error.message.startsWith('portal-family.')) return reply.code(403).page(T('not-for-you'));
      throw error;
    }
  };

  app.get<ChildParams & { Querystring: { saved?: string; sent?: string } }>(portalFamilyPaths.childRoute, SIGNED_IN, async (request, reply) => {
    const actor = signedIn(request, reply);
    if (!actor) return reply;
    // The reference of an enquiry or complaint just sent, shown back only in its own shape.
    const sent = /^[A-Z0-9-]{1,40}$/.test(request.query.sent ?? '') ? request.query.sent : undefined;
    return page(reply, async () =>
      reply.page(T('case'), {
        view: await family.caseView(actor, request.params.childId),
        saved: ['sharing', 'views'].includes(request.query.saved ?? '') ? request.query.saved : undefined,
        sent,
        knownDeadlines: KNOWN_DEADLINES,
      }),
    );
  });

  app.get<ChildParams & { Querystring: { sent?: string } }>(portalFamilyPaths.planRoute, SIGNED_IN, async (request, reply) => {
    const actor = signedIn(request, reply);
    if (!actor) return reply;
    const sent = ['comment', 'school', 'late'].includes(request.query.sent ?? '') ? request.query.sent : undefined;
    return page(reply, async () => reply.page(T('plan'), { ...(await family.plan(actor, request.params.childId)), sent }));
  });

  // The same plan as a tagged PDF and as a Word document, made from the layout the page shows.
  const FILES = {
    pdf: { view: 'portal:plan-pdf', mediaType: 'application/pdf', make: planPdf },
    docx: { view: 'portal:plan-docx', mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', make: planDocx },
  } as const;
  const planFile = (format: keyof typeof FILES) => async (request: FastifyRequest<ChildParams>, reply: FastifyReply) => {
    const actor = signedIn(request, reply);
    if (!actor) return reply;
    return page(reply, async () => {
      const file = FILES[format];
      const found = await family.plan(actor, request.params.childId, file.view);
      if (!found.version || !found.document) return reply.code(404).page('pages/not-found.njk');
      const bytes = await file.make(found.document);
      return reply
        .header('content-type', file.mediaType)
        .header('content-length', String(bytes.length))
        .header('content-disposition', attachmentDisposition(`EHC plan ${found.version.plan.reference} version ${found.version.version.number}.${format}`))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(bytes);
    });
  };
  app.get<ChildParams>(portalFamilyPaths.planPdfRoute, SIGNED_IN, planFile('pdf'));
  app.get<ChildParams>(portalFamilyPaths.planDocxRoute, SIGNED_IN, planFile('docx'));

  app.get<{ Params: { childId: string; letterId: string } }>(portalFamilyPaths.letterRoute, SIGNED_IN, async (request, reply) => {
    const actor = signedIn(request, reply);
    if (!actor) return reply;
    return page(reply, async () => reply.page(T('letter'), await family.letter(actor, request.params.childId, request.params.letterId)));
  });

  // ---- Comments on the draft plan, and the school the family asks for ----

  const sections = PLAN_SECTIONS;

  app.get<ChildParams & { Querystring: { section?: string } }>(portalFamilyPaths.commentRoute, SIGNED_IN, async (request, reply) => {
    const actor = signedIn(request, reply);
    if (!actor) return reply;
    const section = sections.includes(request.query.section as never) ? request.query.section : undefined;
    return page(reply, async () => reply.page(T('comment'), { ...(await family.commentForm(actor, request.params.childId)), sections, values: { section } }));
  });

  app.post<ChildParams>(portalFamilyPaths.commentRoute, SIGNED_IN, async (request, reply) => {
    const actor = signedIn(request, reply);
    if (!actor) return reply;
    const values = formBody(request.body);
    const { childId } = request.params;
    return page(reply, () =>
      handleForm(reply, values, {
        // Only the section and the words are read: the child is the page's, never a field's.
        submit: () => inTheirWords(translator(request), () => family.comment(actor, childId, { section: values.section, words: values.words })),
        redirectTo: (saved) => portalFamilyPaths.commentSent(childId, saved.late),
        template: T('comment'),
        context: async () => ({ ...(await family.commentForm(actor, childId)), sections }),
        conflictField: 'words',
      }),
    );
  });

  app.get<ChildParams>(portalFamilyPaths.schoolRoute, SIGNED_IN, async (request, reply) => {
    const actor = signedIn(request, reply);
    if (!actor) return reply;
    return page(reply, async () => reply.page(T('school'), { ...(await family.commentForm(actor, request.params.childId)), values: {} }));
  });

  app.post<ChildParams>(portalFamilyPaths.schoolRoute, SIGNED_IN, async (request, reply) => {
    const actor = signedIn(request, reply);
    if (!actor) return reply;
    const values = formBody(request.body);
    const { childId } = request.params;
    return page(reply, () =>
      handleForm(reply, values, {
        submit: () => inTheirWords(translator(request), () => family.schoolPreference(actor, childId, { urn: values.urn, words: values.words })),
        redirectTo: (saved) => portalFamilyPaths.schoolSent(childId, saved.late),
        template: T('school'),
        context: () => family.commentForm(actor, childId),
        conflictField: 'urn',
      }),
    );
  });

  // ---- An enquiry or a complaint ----

  app.get<ChildParams>(portalFamilyPaths.contactRoute, SIGNED_IN, async (request, reply) => {
    const actor = signedIn(request, reply);
    if (!actor) return reply;
    return page(reply, async () => reply.page(T('contact'), { ...(await family.contactForm(actor, request.params.childId)), values: {} }));
  });

  app.post<ChildParams>(portalFamilyPaths.contactRoute, SIGNED_IN, async (request, reply) => {
    const actor = signedIn(request, reply);
    if (!actor) return reply;
    const values = formBody(request.body);
    const { childId } = request.params;
    return page(reply, () =>
      handleForm(reply, values, {
        submit: () => inTheirWords(translator(request), () => family.raiseContact(actor, childId, { kind: values.kind, words: values.words })),
        redirectTo: (result) => portalFamilyPaths.contactSent(childId, result.reference),
        template: T('contact'),
        context: () => family.contactForm(actor, childId),
        conflictField: 'words',
      }),
    );
  });

  // ---- The family's views for section A of the plan ----

  app.get<ChildParams>(portalFamilyPaths.viewsRoute, SIGNED_IN, async (request, reply) => {
    const actor = signedIn(request, reply);
    if (!actor) return reply;
    return page(reply, async () => reply.page(T('views'), { ...(await family.viewsForm(actor, request.params.childId)), fields: VIEWS_FIELDS, values: {} }));
  });

  app.post<ChildParams>(portalFamilyPaths.viewsRoute, SIGNED_IN, async (request, reply) => {
    const actor = signedIn(request, reply);
    if (!actor) return reply;
    const values = formBody(request.body);
    const { childId } = request.params;
    return page(reply, () =>
      handleForm(reply, values, {
        // Only the answers are read: the child is the page's, never a field's.
        submit: () =>
          inTheirWords(translator(request), () =>
            family.sendViews(actor, childId, { whatMatters: values.whatMatters, goodAt: values.goodAt, hopes: values.hopes, support: values.support, familyViews: values.familyViews }),
          ),
        redirectTo: () => portalFamilyPaths.viewsSent(childId),
        template: T('views'),
        context: async () => ({ ...(await family.viewsForm(actor, childId)), fields: VIEWS_FIELDS }),
        conflictField: 'whatMatters',
      }),
    );
  });

  // ---- A document the family sends ----

  app.get<ChildParams & { Querystring: { saved?: string } }>(portalFamilyPaths.documentsRoute, SIGNED_IN, async (request, reply) => {
    const actor = signedIn(request, reply);
    if (!actor) return reply;
    return page(reply, async () =>
      reply.page(T('documents'), { ...(await family.documentsPage(actor, request.params.childId)), accept: ACCEPT_ATTRIBUTE, saved: request.query.saved === 'document', values: {} }),
    );
  });

  app.post<ChildParams>(portalFamilyPaths.documentsRoute, { config: { portal: true, multipart: true } }, async (request, reply) => {
    const actor = signedIn(request, reply);
    if (!actor) return reply;
    const values = formBody(request.body);
    const { childId } = request.params;
    // The file is only the one in the form's file field.
    const file = request.upload?.field === 'file' ? request.upload : undefined;
    return page(reply, () =>
      handleForm(reply, values, {
        submit: () => inTheirWords(translator(request), () => family.sendDocument(actor, childId, { title: values.title, file })),
        redirectTo: () => portalFamilyPaths.documentSent(childId),
        template: T('documents'),
        context: async () => ({ ...(await family.documentsPage(actor, childId)), accept: ACCEPT_ATTRIBUTE }),
        conflictField: 'title',
      }),
    );
  });

  // ---- A young person's choice whether their family sees their case ----

  app.get<ChildParams>(portalFamilyPaths.sharingRoute, SIGNED_IN, async (request, reply) => {
    const actor = signedIn(request, reply);
    if (!actor) return reply;
    return page(reply, async () => {
      const found = await family.sharing(actor, request.params.childId);
      return reply.page(T('sharing'), { ...found, values: { share: found.shareWithFamily === null ? undefined : found.shareWithFamily ? 'yes' : 'no' } });
    });
  });

  app.post<ChildParams>(portalFamilyPaths.sharingRoute, SIGNED_IN, async (request, reply) => {
    const actor = signedIn(request, reply);
    if (!actor) return reply;
    const values = formBody(request.body);
    const { childId } = request.params;
    return page(reply, () =>
      handleForm(reply, values, {
        submit: () => inTheirWords(translator(request), () => family.chooseSharing(actor, childId, { share: values.share })),
        redirectTo: () => portalFamilyPaths.sharingSaved(childId),
        template: T('sharing'),
        context: () => family.sharing(actor, childId),
        conflictField: 'share',
      }),
    );
  });
}
