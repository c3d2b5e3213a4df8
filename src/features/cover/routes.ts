import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../composition.ts';
import { dateFromParts, formBody, handleForm } from '../../web/forms.ts';
import { BODY_ERRORS, bearerSecurity, problemResponses, sendProblem, STATUS_TITLES, TOKEN_ERRORS } from '../../web/problem.ts';
import type { Actor } from '../auth/index.ts';
import { IdempotencyMismatchError } from '../requests/index.ts';
import { coverPaths } from './paths.ts';

const TEMPLATE = 'cover/templates/new-cover.njk';
const PERIOD_TEMPLATE = 'cover/templates/cover-period.njk';

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

const periodParams = { type: 'object', required: ['periodId'], properties: { periodId: uuid } } as const;

const endEarlySchema = {
  summary: 'End a period of cover early',
  description:
    'Team managers, service leads and administrators. Brings the last day of cover forward: no earlier than its first day, nor than today (the days gone stay covered), and before its last day as it stands (to extend cover, record a new period). Refused: a day that is not real, or out of those bounds (400, field `endsOn`); a period that has already ended (409). Audited. Send an `Idempotency-Key`: a retry answers as the first time.',
  tags: ['caseload'],
  security: bearerSecurity,
  headers: { type: 'object', properties: { 'idempotency-key': { type: 'string', minLength: 1, maxLength: 200 } } },
  params: periodParams,
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['endsOn'],
    properties: { endsOn: { ...isoDate, description: 'The new last day of cover, included' } },
    examples: [{ endsOn: '2026-12-05' }],
  },
  response: {
    200: { ...coverPeriodSchema, description: 'The period, with its new last day' },
    ...problemResponses([...BODY_ERRORS, ...TOKEN_ERRORS, 403, 404, 409, 422], {
      400: { status: 400, title: 'Bad request', detail: 'The last day of cover must be the same as or after the first day, 1 December 2026', field: 'endsOn', errors: [{ field: 'endsOn', message: 'The last day of cover must be the same as or after the first day, 1 December 2026' }] },
      404: { status: 404, title: 'Not found', detail: 'No such period of cover' },
      409: { status: 409, title: 'Conflict', detail: 'This cover ended on 12 December 2026: it can no longer be changed' },
    }),
  },
} as const;

const withdrawSchema = {
  summary: 'Withdraw a period of cover before it begins',
  description:
    'Team managers, service leads and administrators. Removes a period of cover that has not begun (today is before its first day), with your reason; the audit log keeps what it was. A period that has begun is ended early instead (409). Send an `Idempotency-Key`: a retry answers as the first time.',
  tags: ['caseload'],
  security: bearerSecurity,
  headers: { type: 'object', properties: { 'idempotency-key': { type: 'string', minLength: 1, maxLength: 200 } } },
  params: periodParams,
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['reason'],
    properties: { reason: { type: 'string', minLength: 1, maxLength: 500, description: 'Why the cover is withdrawn' } },
    examples: [{ reason: 'The leave was cancelled' }],
  },
  response: {
    200: { ...coverPeriodSchema, description: 'The period withdrawn, as it was' },
    ...problemResponses([...BODY_ERRORS, ...TOKEN_ERRORS, 403, 404, 409, 422], {
      404: { status: 404, title: 'Not found', detail: 'No such period of cover' },
      409: { status: 409, title: 'Conflict', detail: 'This cover began on 1 December 2026, so it cannot be withdrawn: end it early instead' },
    }),
  },
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

  const periodPage = async (actor: Actor, periodId: string) => ({ period: await services.cover.coverPeriod(actor, periodId) });

  app.get<{ Params: { periodId: string } }>(coverPaths.coverPeriodRoute, async (request, reply) =>
    reply.page(PERIOD_TEMPLATE, { values: {}, ...(await periodPage(request.actor!, request.params.periodId)) }),
  );

  app.post<{ Params: { periodId: string } }>(coverPaths.endEarlyRoute, async (request, reply) => {
    const values = formBody(request.body);
    return handleForm(reply, values, {
      submit: () => services.cover.endCoverEarly(request.actor!, request.params.periodId, { endsOn: dateFromParts(values, 'endsOn') }),
      redirectTo: () => coverPaths.coverEnded,
      template: PERIOD_TEMPLATE,
      context: () => periodPage(request.actor!, request.params.periodId),
      fieldIds: { endsOn: 'endsOn-day' },
      conflictField: 'endsOn-day',
    });
  });

  app.post<{ Params: { periodId: string } }>(coverPaths.withdrawRoute, async (request, reply) => {
    const values = formBody(request.body);
    return handleForm(reply, values, {
      submit: () => services.cover.withdrawCover(request.actor!, request.params.periodId, { reason: values.withdrawReason }),
      redirectTo: () => coverPaths.coverWithdrawn,
      template: PERIOD_TEMPLATE,
      context: () => periodPage(request.actor!, request.params.periodId),
      conflictField: 'withdrawReason',
    });
  });

  const unprocessable = (reply: FastifyReply, error: unknown) => {
    if (!(error instanceof IdempotencyMismatchError)) throw error;
    const problem = { field: 'Idempotency-Key', message: error.message };
    return sendProblem(reply, { status: 422, title: STATUS_TITLES[422]!, detail: error.message, field: problem.field, errors: [problem] });
  };

  app.patch<{ Params: { periodId: string }; Body: { endsOn: string } }>(coverPaths.api.coverPeriodRoute, { schema: endEarlySchema }, async (request, reply) => {
    try {
      const { result, replayed } = await services.cover.endCoverEarly(request.actor!, request.params.periodId, request.body, keyOf(request));
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(200).send(result);
    } catch (error) {
      return unprocessable(reply, error);
    }
  });

  app.post<{ Params: { periodId: string }; Body: { reason: string } }>(coverPaths.api.withdrawalRoute, { schema: withdrawSchema }, async (request, reply) => {
    try {
      const { result, replayed } = await services.cover.withdrawCover(request.actor!, request.params.periodId, request.body, keyOf(request));
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(200).send(result);
    } catch (error) {
      return unprocessable(reply, error);
    }
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
