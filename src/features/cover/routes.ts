import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../composition.ts';
import { dateFromParts, formBody, handleForm } from '../../web/forms.ts';
import { BODY_ERRORS, bearerSecurity, problemResponses, sendProblem, STATUS_TITLES, TOKEN_ERRORS } from '../../web/problem.ts';
import type { Actor } from '../auth/index.ts';
import { IdempotencyMismatchError } from '../requests/index.ts';
import { coverPaths } from './paths.ts';

const TEMPLATE = 'cover/templates/new-cover.njk';

const isoDate = { type: 'string', format: 'date' } as const;
const uuid = { type: 'string', format: 'uuid' } as const;

const coverPeriodSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'officerId', 'officerName', 'coverOfficerId', 'coverOfficerName', 'startsOn', 'endsOn', 'reason'],
  properties: {
    id: uuid,
    officerId: { ...uuid, description: 'The officer away, who keeps their cases' },
    officerName: { type: 'string' },
    coverOfficerId: { ...uuid, description: 'The colleague covering their cases' },
    coverOfficerName: { type: 'string' },
    startsOn: { ...isoDate, description: 'The first day of cover, included' },
    endsOn: { ...isoDate, description: 'The last day of cover, included' },
    reason: { type: 'string' },
  },
  examples: [
    {
      id: '01937a4e-8f5c-7c3b-a5d2-6f4e2b1c9d81',
      officerId: '01937a4e-8f5b-7a00-b1c2-d3e4f5a6b7c8',
      officerName: 'Bex Smith',
      coverOfficerId: '01937a4e-8f5b-7a00-b1c2-d3e4f5a6b7c9',
      coverOfficerName: 'Sam Patel',
      startsOn: '2026-12-01',
      endsOn: '2026-12-12',
      reason: 'Annual leave',
    },
  ],
} as const;

const setCoverSchema = {
  summary: 'Record that a colleague covers an officer’s cases for a range of dates',
  description:
    'Team managers, service leads and administrators. The cases stay the officer’s; while the period runs the cover sees them in My cases and their deadlines go to the cover. Refused (400): a period that ends before it starts, an officer covering themselves, an officer or cover who is inactive or of another council, a period overlapping another of the same officer’s. Send an `Idempotency-Key`: a retry answers as the first time.',
  tags: ['caseload'],
  security: bearerSecurity,
  headers: { type: 'object', properties: { 'idempotency-key': { type: 'string', minLength: 1, maxLength: 200 } } },
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['officer', 'coverOfficer', 'startsOn', 'endsOn', 'reason'],
    properties: {
      officer: { ...uuid, description: 'The officer away' },
      coverOfficer: { ...uuid, description: 'The colleague covering their cases' },
      startsOn: isoDate,
      endsOn: isoDate,
      reason: { type: 'string', minLength: 1, maxLength: 500 },
    },
    examples: [{ officer: '01937a4e-8f5b-7a00-b1c2-d3e4f5a6b7c8', coverOfficer: '01937a4e-8f5b-7a00-b1c2-d3e4f5a6b7c9', startsOn: '2026-12-01', endsOn: '2026-12-12', reason: 'Annual leave' }],
  },
  response: { 201: { ...coverPeriodSchema, description: 'The period recorded' }, ...problemResponses([...BODY_ERRORS, ...TOKEN_ERRORS, 403, 422]) },
} as const;

type CoverBody = { Body: { officer: string; coverOfficer: string; startsOn: string; endsOn: string; reason: string } };

const keyOf = (request: FastifyRequest) => {
  const key = request.headers['idempotency-key'];
  return typeof key === 'string' ? { idempotencyKey: key } : {};
};

export async function coverRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const context = async (actor: Actor, chosen: { officer?: string | undefined; coverOfficer?: string | undefined }) => {
    const people = await services.cover.coverChoices(actor);
    const items = (selected: string | undefined, first: string) => [{ value: '', text: first }, ...people.map((person) => ({ value: person.id, text: person.name, selected: person.id === selected }))];
    return { officerItems: items(chosen.officer, 'Choose the officer who is away'), coverItems: items(chosen.coverOfficer, 'Choose who covers their cases') };
  };

  app.get<{ Querystring: { officer?: string } }>(coverPaths.newCoverRoute, async (request, reply) => {
    const officer = request.query.officer;
    const periods = officer ? await services.cover.coverPeriodsOf(request.actor!, officer) : [];
    return reply.page(TEMPLATE, { values: {}, periods, ...(await context(request.actor!, { officer })) });
  });

  app.post(coverPaths.newCoverRoute, async (request, reply) => {
    const values = formBody(request.body);
    return handleForm(reply, values, {
      submit: () =>
        services.cover.setCover(request.actor!, { officer: values.officer, coverOfficer: values.coverOfficer, startsOn: dateFromParts(values, 'startsOn'), endsOn: dateFromParts(values, 'endsOn'), reason: values.reason }),
      redirectTo: () => coverPaths.coverSet,
      template: TEMPLATE,
      context: async () => ({ periods: [], ...(await context(request.actor!, values)) }),
      fieldIds: { startsOn: 'startsOn-day', endsOn: 'endsOn-day' },
      conflictField: 'officer',
    });
  });

  app.post<CoverBody>(coverPaths.api.coverPeriods, { schema: setCoverSchema }, async (request, reply) => {
    try {
      const { result, replayed } = await services.cover.setCover(request.actor!, request.body, keyOf(request));
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).send(result);
    } catch (error) {
      if (!(error instanceof IdempotencyMismatchError)) throw error;
      const problem = { field: 'Idempotency-Key', message: error.message };
      return sendProblem(reply, { status: 422, title: STATUS_TITLES[422]!, detail: error.message, field: problem.field, errors: [problem] });
    }
  });
}
