import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { REQUEST_SOURCES } from '../../domain/children/stages.ts';
import { dateFromParts, formBody, handleForm, type FormError } from '../../web/forms.ts';
import { badRequest, bearerSecurity, BODY_ERRORS, problemResponses, sendProblem, STATUS_TITLES, TOKEN_ERRORS } from '../../web/problem.ts';
import { childrenPaths, type SameChildCheck } from '../children/index.ts';
import { requestsPaths } from './paths.ts';
import type { NewRequest } from './schemas.ts';
import { IdempotencyMismatchError, SameChildError } from './service.ts';

const TEMPLATE = 'requests/templates/new-request.njk';
const SAME_CHILD_TEMPLATE = 'requests/templates/same-child.njk';

/** The request form's fields: "Is this the same child?" carries them on, as typed, in hidden inputs. */
const REQUEST_FIELDS = [
  'forename',
  'surname',
  'preferredName',
  'dateOfBirth-day',
  'dateOfBirth-month',
  'dateOfBirth-year',
  'sex',
  'upn',
  'postcode',
  'receivedOn-day',
  'receivedOn-month',
  'receivedOn-year',
  'source',
  'recordedLate',
  'recordedLateReason',
] as const;

/** The new child as typed on the form. */
function newChildFrom(values: Record<string, string>): NonNullable<NewRequest['child']> {
  return {
    forename: values.forename ?? '',
    surname: values.surname ?? '',
    preferredName: values.preferredName || undefined,
    dateOfBirth: dateFromParts(values, 'dateOfBirth'),
    sex: (values.sex || undefined) as 'M' | 'F' | 'U',
    upn: values.upn || undefined,
    postcode: values.postcode || undefined,
  };
}

const CHILD_ID = '01937a4e-8f5b-7a00-b1c2-d3e4f5a6b7c8';

const recordRequestSchema = {
  summary: 'Record a request for an EHC needs assessment',
  description:
    'For a new child (`child`) or one the service knows (`childId`): opens the case with its reference and starts the 6- and 20-week clocks (SEND Regs 2014 regs 5(1) and 13(2)). ' +
    'Send an `Idempotency-Key` so that a retry never records the request twice: the same key with the same request (the same JSON, whatever the order of its keys) answers as the first time, with `Idempotent-Replayed: true`; ' +
    'the same key with a different request is refused (422). ' +
    'The date received must be today or earlier, not before the child was born, and before their 25th birthday (CFA 2014 s.36(1), s.83(2), s.46); one more than a year ago needs `recordedLateReason`. ' +
    'A new child with a UPN a child already held has is refused (409, `duplicate: "upn"`, with `existingChildId` when you may see that child: send it as `childId`); one with the same first name, last name and date of birth as a child held is refused ' +
    '(409, `duplicate: "name-and-date-of-birth"`, `matchingChildIds`) until you send `"confirmedNewChild": true`. Postcodes are held in their standard form (DC1 2AB).',
  tags: ['requests'],
  security: bearerSecurity,
  headers: {
    type: 'object',
    properties: { 'idempotency-key': { type: 'string', minLength: 1, maxLength: 200, description: 'A key of your own for this request (1 to 200 visible ASCII characters), the same on every retry' } },
  },
  body: {
    type: 'object',
    required: ['receivedOn', 'source'],
    // Undocumented fields are refused, not silently dropped: a client sending one has a bug to know about.
    additionalProperties: false,
    properties: {
      childId: { type: 'string', format: 'uuid', description: 'A child the service already knows; or send `child`' },
      receivedOn: { type: 'string', format: 'date', description: 'The date the request was received: starts the 20-week clock' },
      source: { type: 'integer', description: 'Who made the request: SEN2 RequestSource 1-5' },
      recordedLateReason: {
        type: 'string',
        maxLength: 1000,
        description: 'Why the request is recorded late: needed when it was received more than a year ago; kept with the request and shown in its history',
      },
      confirmedNewChild: {
        type: 'boolean',
        description: 'True once you know the new child is not the child already held with the same first name, last name and date of birth (the 409 names them): the new record is made. Never for a UPN already held',
      },
      child: {
        type: 'object',
        description: 'A child new to the service',
        additionalProperties: false,
        properties: {
          forename: { type: 'string' },
          surname: { type: 'string' },
          preferredName: { type: 'string' },
          dateOfBirth: { type: 'string', format: 'date' },
          sex: { type: 'string', enum: ['M', 'F', 'U'] },
          upn: { type: 'string', description: 'Unique pupil number' },
          postcode: { type: 'string' },
          schoolId: { type: 'string', format: 'uuid', description: 'The child’s school or setting, from the schools list' },
        },
      },
    },
    examples: [{ receivedOn: '2026-11-02', source: 2, child: { forename: 'Amira', surname: 'Khan', dateOfBirth: '2016-03-27', sex: 'F', postcode: 'B1 1AA' } }],
  },
  response: {
    201: {
      type: 'object',
      description: 'The request, recorded: the case opened for the child',
      additionalProperties: false,
      required: ['caseId', 'childId', 'reference'],
      headers: {
        location: { type: 'string', description: 'The child’s record' },
        'idempotent-replayed': { type: 'string', enum: ['true'], description: 'Sent when the answer is the first one, replayed for a retry with the same Idempotency-Key' },
      },
      properties: { caseId: { type: 'string', format: 'uuid' }, childId: { type: 'string', format: 'uuid' }, reference: { type: 'string' } },
      examples: [{ caseId: '01937a4e-8f5c-7c3b-a5d2-6f4e2b1c9d80', childId: CHILD_ID, reference: '999-EHC-2026-00123' }],
    },
    ...problemResponses([...BODY_ERRORS, ...TOKEN_ERRORS, 403, 404, 409, 422], {
      400: badRequest([{ field: 'child.dateOfBirth', message: 'child.dateOfBirth must be a date as YYYY-MM-DD, like 2026-11-20' }]),
      404: { status: 404, title: 'Not found', detail: 'No such child' },
      409: {
        status: 409,
        title: 'Conflict',
        detail: 'A child with the same name and date of birth is already held (child 01937a4e-8f5b-7a00-b1c2-d3e4f5a6b7c8). Record the request on that child’s record (send childId), or, if this is a different child, send "confirmedNewChild": true.',
        field: 'child',
        duplicate: 'name-and-date-of-birth',
        matchingChildIds: [CHILD_ID],
      },
      422: {
        status: 422,
        title: 'Unprocessable content',
        detail: 'This Idempotency-Key was used with a different request. Use a new key for a new request.',
        field: 'Idempotency-Key',
        errors: [{ field: 'Idempotency-Key', message: 'This Idempotency-Key was used with a different request. Use a new key for a new request.' }],
      },
    }),
  },
};

export async function requestRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const knownChild = async (actor: Parameters<typeof services.children.childRecord>[0], childId: string | undefined) =>
    childId ? (await services.children.childRecord(actor, childId, 'new-request')).child : undefined;

  app.get<{ Querystring: { childId?: string } }>(requestsPaths.newRequest, async (request, reply) => {
    const child = await knownChild(request.actor!, request.query.childId);
    return reply.page(TEMPLATE, { sources: REQUEST_SOURCES, child, values: {} });
  });

  app.post(requestsPaths.newRequest, async (request, reply) => {
    const values = formBody(request.body);
    const actor = request.actor!;
    // "Change the details you entered", from "Is this the same child?": the form again, as typed.
    if (values.sameChildAction === 'change') return reply.page(TEMPLATE, { sources: REQUEST_SOURCES, values });
    // The answer to "Is this the same child?": the id of a child held, 'new', or nothing chosen.
    const asked = values.sameChildAsked === 'yes' && !values.childId;
    const choice = asked ? (values.sameChild ?? '') : '';
    const childId = values.childId || (choice && choice !== 'new' ? choice : undefined);
    const input: NewRequest = {
      childId,
      receivedOn: dateFromParts(values, 'receivedOn'),
      source: Number(values.source || 0),
      ...(values.recordedLate === 'yes' ? { recordedLateReason: values.recordedLateReason ?? '' } : {}),
      ...(childId ? {} : { child: newChildFrom(values) }),
      ...(choice === 'new' ? { confirmedNewChild: true } : {}),
    };
    const entered = { name: `${values.forename ?? ''} ${values.surname ?? ''}`.trim(), dateOfBirth: dateFromParts(values, 'dateOfBirth'), upn: values.upn };
    const sameChildPage = (check: SameChildCheck, status: number, errors: FormError[]) =>
      reply.code(status).page(SAME_CHILD_TEMPLATE, { check, entered, fields: REQUEST_FIELDS, values, errors });
    return handleForm(reply, values, {
      submit: () => services.requests.recordRequest(actor, input),
      redirectTo: (created) => childrenPaths.recordSaved(created.childId, 'request'),
      ...(asked
        ? {
            // "Yes" on a child the request cannot be recorded on (an open case, say): the question again, with why.
            template: SAME_CHILD_TEMPLATE,
            context: async () => ({ check: await services.requests.sameChildAs(actor, { ...input, child: newChildFrom(values) }), entered, fields: REQUEST_FIELDS }),
            fieldIds: { receivedOn: 'sameChild', childId: 'sameChild' },
            conflictField: 'sameChild',
          }
        : {
            template: TEMPLATE,
            context: async () => ({ sources: REQUEST_SOURCES, child: await knownChild(actor, values.childId || undefined) }),
            fieldIds: {
              'child.forename': 'forename',
              'child.surname': 'surname',
              'child.preferredName': 'preferredName',
              'child.dateOfBirth': 'dateOfBirth-day',
              'child.sex': 'sex',
              'child.upn': 'upn',
              'child.postcode': 'postcode',
              receivedOn: 'receivedOn-day',
              // Until the box is ticked, the reason's box is hidden: the error points at the tick box.
              recordedLateReason: values.recordedLate === 'yes' ? 'recordedLateReason' : 'recordedLate',
            },
            conflictField: 'childId',
          }),
      answer: (error) => {
        if (!(error instanceof SameChildError)) return undefined;
        if (!asked) return sameChildPage(error.check, 200, []);
        if (!choice) return sameChildPage(error.check, 400, [{ field: 'sameChild', text: 'Select whether this is a child already held or a different child' }]);
        return sameChildPage(error.check, 409, [
          { field: 'sameChild', text: 'A UPN belongs to one child, and this one is already on a record: a second record cannot be made with it. If this is a different child, change the UPN you entered' },
        ]);
      },
    });
  });

  app.post<{ Body: Record<string, unknown> }>(
    '/api/v1/requests',
    {
      schema: recordRequestSchema,
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      const input = request.body as NewRequest;
      try {
        if (typeof key === 'string') {
          const outcome = await services.requests.recordRequestIdempotently(request.actor!, key, input);
          if (outcome.replayed) reply.header('idempotent-replayed', 'true');
          return reply.code(201).header('location', childrenPaths.api.child(outcome.result.childId)).send(outcome.result);
        }
        const result = await services.requests.recordRequest(request.actor!, input);
        return reply.code(201).header('location', childrenPaths.api.child(result.childId)).send(result);
      } catch (error) {
        if (error instanceof IdempotencyMismatchError) {
          const problem = { field: 'Idempotency-Key', message: error.message };
          return sendProblem(reply, { status: 422, title: STATUS_TITLES[422]!, detail: error.message, field: problem.field, errors: [problem] });
        }
        if (error instanceof SameChildError) {
          const { check } = error;
          return sendProblem(reply, {
            status: 409,
            title: STATUS_TITLES[409]!,
            detail: error.message,
            field: check.upnHeld ? 'child.upn' : 'child',
            duplicate: check.upnHeld ? 'upn' : 'name-and-date-of-birth',
            ...(check.upnHolderId ? { existingChildId: check.upnHolderId } : {}),
            matchingChildIds: check.matches.map((match) => match.id),
          });
        }
        throw error;
      }
    },
  );
}
