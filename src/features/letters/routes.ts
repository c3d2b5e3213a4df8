import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../composition.ts';
import { formBody, handleForm } from '../../web/forms.ts';
import type { Actor } from '../auth/index.ts';
import { sendAttachment, type DocumentDownload } from '../documents/index.ts';
import { moment, stateTag } from '../outbox/index.ts';
import { lettersApiSchemas } from './api-schemas.ts';
import { COUNCIL_DETAIL_LABELS } from './council-details.ts';
import { lettersPaths } from './paths.ts';
import type { LetterView } from './service.ts';

const LIST_TEMPLATE = 'letters/templates/letters.njk';
const TEMPLATE_TEMPLATE = 'letters/templates/template.njk';
const COUNCIL_TEMPLATE = 'letters/templates/council-details.njk';
const LETTER_TEMPLATE = 'letters/templates/letter.njk';

const COUNCIL_FIELDS = Object.keys(COUNCIL_DETAIL_LABELS) as (keyof typeof COUNCIL_DETAIL_LABELS)[];

/** A letter's PDF as a download: never shown inline, never sniffed, never cached. */
function sendPdf(reply: FastifyReply, { document, file }: DocumentDownload): FastifyReply {
  return sendAttachment(reply, document, file);
}

/** A letter as the API gives it: the summary in a case's list, or the whole letter. */
function apiLetter(letter: LetterView, whole: boolean) {
  return {
    id: letter.id,
    caseId: letter.caseId,
    caseReference: letter.caseReference,
    type: letter.type,
    typeName: letter.typeName,
    templateVersion: letter.templateVersion,
    recipient: {
      name: letter.recipient.name,
      channel: letter.recipient.channel,
      ...(letter.recipient.address === undefined ? {} : { address: letter.recipient.address }),
      addressWithheld: letter.recipient.addressWithheld,
    },
    subject: letter.subject,
    sentBy: letter.sentBy,
    createdAt: letter.createdAt,
    sentOn: letter.sentOn,
    status: letter.status,
    pdfDocumentId: letter.pdfDocumentId ?? null,
    ...(whole ? { text: letter.text, html: letter.html } : {}),
  };
}

export async function lettersRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const letters = services.letters;

  app.get<{ Querystring: { saved?: string } }>(lettersPaths.list, async (request, reply) => {
    const overview = await letters.overview(request.actor!);
    return reply.page(LIST_TEMPLATE, {
      overview,
      councilLabels: COUNCIL_DETAIL_LABELS,
      councilFields: COUNCIL_FIELDS,
      saved: request.query.saved === 'council-details' ? 'Council details saved. Letters sent from now on give them.' : undefined,
    });
  });

  // The council's details: its static path is matched before a letter type's.
  const councilPage = async (actor: Actor) => ({ details: await letters.councilDetails(actor), labels: COUNCIL_DETAIL_LABELS, fields: COUNCIL_FIELDS });
  app.get(lettersPaths.councilDetails, async (request, reply) => {
    const page = await councilPage(request.actor!);
    return reply.page(COUNCIL_TEMPLATE, { ...page, values: { ...page.details.values, version: String(page.details.version) } });
  });

  app.post(lettersPaths.councilDetails, async (request, reply) => {
    const values = formBody(request.body);
    return handleForm(reply, values, {
      submit: () =>
        letters.saveCouncilDetails(request.actor!, {
          ...(Object.fromEntries(COUNCIL_FIELDS.map((field) => [field, values[field] ?? ''])) as Record<(typeof COUNCIL_FIELDS)[number], string>),
          version: values.version ?? '',
        }),
      redirectTo: () => lettersPaths.listSaved('council-details'),
      template: COUNCIL_TEMPLATE,
      context: () => councilPage(request.actor!),
      conflictField: 'councilName',
    });
  });

  type TemplateParams = { Params: { letterType: string } };
  const templatePage = async (actor: Actor, type: string) => {
    const template = await letters.template(actor, type);
    const previewCases = template.canEdit ? await letters.previewCases(actor) : [];
    return { template, previewCases };
  };
  const caseItems = (cases: { caseId: string; reference: string; childName: string }[], chosen: string | undefined) => [
    { value: '', text: 'Choose a case' },
    ...cases.map((entry) => ({ value: entry.caseId, text: `${entry.reference}: ${entry.childName}`, selected: entry.caseId === chosen })),
  ];

  app.get<TemplateParams & { Querystring: { saved?: string; start?: string } }>(lettersPaths.templateRoute, async (request, reply) => {
    const page = await templatePage(request.actor!, request.params.letterType);
    const { current, standard } = page.template;
    const start = request.query.start === 'standard' ? standard : current;
    const savedVersion = Number(request.query.saved);
    return reply.page(TEMPLATE_TEMPLATE, {
      ...page,
      caseItems: caseItems(page.previewCases, undefined),
      values: { subject: start.subject, body: start.body, baseVersion: String(current.version) },
      fromStandard: request.query.start === 'standard',
      saved: Number.isInteger(savedVersion) && savedVersion > 0 ? `Version ${savedVersion} saved. Letters of this type are written with it from now on.` : undefined,
    });
  });

  app.post<TemplateParams>(lettersPaths.templateRoute, async (request, reply) => {
    const values = formBody(request.body);
    const type = request.params.letterType;
    const input = { subject: values.subject ?? '', body: values.body ?? '' };
    const context = async () => {
      const page = await templatePage(request.actor!, type);
      return { ...page, caseItems: caseItems(page.previewCases, values.previewCase) };
    };
    const fieldIds = { previewCase: 'previewCase' };
    if (values.action === 'preview') {
      // The page is read first: the preview is shown on it, as are its refusals.
      const page = await context();
      return handleForm(reply, values, {
        submit: () => letters.preview(request.actor!, type, { ...input, caseId: values.previewCase ?? '' }),
        render: (preview) => ({ template: TEMPLATE_TEMPLATE, context: { ...page, values, preview } }),
        template: TEMPLATE_TEMPLATE,
        context: () => page,
        fieldIds,
        conflictField: 'body',
      });
    }
    return handleForm(reply, values, {
      submit: () => letters.saveTemplate(request.actor!, type, { ...input, baseVersion: values.baseVersion ?? '' }),
      redirectTo: (version) => lettersPaths.templateSaved(type, version),
      template: TEMPLATE_TEMPLATE,
      context,
      fieldIds,
      conflictField: 'body',
    });
  });

  const letterPage = (letter: LetterView) => ({
    letter,
    tag: stateTag(letter.status),
    sent: moment(letter.createdAt),
  });

  app.get<{ Params: { letterId: string } }>(lettersPaths.sentRoute, async (request, reply) =>
    reply.page(LETTER_TEMPLATE, letterPage(await letters.letter(request.actor!, request.params.letterId))),
  );

  app.get<{ Params: { letterId: string } }>(lettersPaths.pdfRoute, async (request, reply) => sendPdf(reply, await letters.letterPdf(request.actor!, request.params.letterId)));

  app.get<{ Params: { caseId: string } }>(lettersPaths.api.caseLettersRoute, { schema: lettersApiSchemas.caseLetters }, async (request) => ({
    letters: (await letters.caseLetters(request.actor!, request.params.caseId, 'api:letters')).map((letter) => apiLetter(letter, false)),
  }));

  app.get<{ Params: { letterId: string } }>(lettersPaths.api.letterRoute, { schema: lettersApiSchemas.letter }, async (request) =>
    apiLetter(await letters.letter(request.actor!, request.params.letterId, 'api:letter'), true),
  );
}
