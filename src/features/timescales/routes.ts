// The public deadline calculator: GET /api/v1/timescales (a JSON contract other systems rely on)
// and the GOV.UK page "Check EHC deadlines". Neither needs sign-in; both are rate-limited per
// address, by a limiter that lives in this plugin's scope only, so no other route is affected.
import { withLongDates } from '../../web/long-date.ts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deadline } from '../../domain/clocks/deadline.ts';
import { TIMESCALE_PROCESSES } from '../../domain/clocks/timescales.ts';
import { badRequest, problemResponses, sendProblem, STATUS_TITLES } from '../../web/problem.ts';
import {
  DATE_PARTS,
  errorForCalculatorProblem,
  PROCESS_FORMS,
  processForm,
  readForm,
  wasSubmitted,
  type EnteredValues,
  type FieldError,
  type ProcessForm,
} from './form.ts';
import type { TimescalesService } from './service.ts';

export const TIMESCALES_API_PATH = '/api/v1/timescales';
export const CHECK_DEADLINES_PATH = '/check-ehc-deadlines';

/** The issue asks for no less than 300 a minute per address; twice that leaves room for bursts. */
export const DEFAULT_RATE_LIMIT = { max: 600, timeWindow: 60_000 } as const;

export interface TimescalesRoutesOptions {
  services: { timescales: TimescalesService };
  /** Requests allowed per address in each time window (milliseconds), for each of the two routes. */
  rateLimit?: { max?: number; timeWindow?: number };
}

const PARAMETER_DESCRIPTIONS: Record<string, string> = {
  process: `One of ${TIMESCALE_PROCESSES.join(', ')}.`,
  transferType: 'phase-transfer: school, post16 or post16-to-post16.',
  order: 'tribunal-order: assess, make-plan, amend-plan, name-placement, cease or continue.',
};

function describeParameters(): Record<string, { description: string }> {
  const parameters: Record<string, { description: string }> = {
    process: { description: PARAMETER_DESCRIPTIONS.process ?? '' },
  };
  for (const form of PROCESS_FORMS) {
    for (const field of form.fields) {
      const existing = parameters[field.name];
      const text =
        field.kind === 'date'
          ? `${form.process}: ${field.required ? 'required' : 'optional'} date, YYYY-MM-DD.`
          : (PARAMETER_DESCRIPTIONS[field.name] ?? `${form.process}: one of ${field.options.map((o) => o.value).join(', ')}.`);
      parameters[field.name] = { description: existing ? `${existing.description} ${text}` : text };
    }
  }
  return parameters;
}

/**
 * The querystring is an open object on purpose: every check (and its field-naming 400) is the
 * domain's, so Fastify must neither coerce nor refuse anything. Properties carry descriptions
 * only, for OpenAPI; without a type, the validator leaves them alone.
 */
const apiSchema = {
  summary: 'Statutory EHC deadlines for one process',
  description:
    'Computes every statutory deadline for an EHC process from the dates given, each with its legal basis. ' +
    'No sign-in; rate-limited per address.',
  tags: ['timescales'],
  querystring: {
    type: 'object',
    properties: describeParameters(),
    required: [],
    additionalProperties: true,
  },
  response: {
    200: {
      type: 'object',
      properties: {
        process: { type: 'string', enum: [...TIMESCALE_PROCESSES] },
        deadlines: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              id: { type: 'string' },
              title: { type: 'string' },
              due: { type: 'string', description: 'YYYY-MM-DD' },
              basis: { type: 'string' },
            },
            required: ['id', 'title', 'due', 'basis'],
          },
        },
      },
      required: ['process', 'deadlines'],
      description: 'The deadlines, each with its legal basis',
      examples: [
        {
          process: 'assessment',
          deadlines: [
            { id: 'decision-to-assess', title: 'Decide whether to assess', due: '2026-02-16', basis: 'SEND Regs 2014 reg. 5(1)' },
            { id: 'final-plan', title: 'Issue the final EHC plan', due: '2026-05-25', basis: 'SEND Regs 2014 reg. 13(2)' },
          ],
        },
      ],
    },
    ...problemResponses([400, 429, 500, 503], {
      400: badRequest([{ field: 'requestReceived', message: 'requestReceived is required' }]),
      429: { status: 429, title: 'Too many requests', detail: 'Too many requests from this address. Try again in 1 minute.' },
      503: { status: 503, title: 'Service unavailable', detail: 'The bank-holiday calendar could not be read. Try again shortly.' },
    }),
  },
};

class TooManyRequestsError extends Error {
  override readonly name = 'TooManyRequestsError';
  readonly statusCode = 429;
}

function isApiRequest(request: FastifyRequest): boolean {
  return request.url === TIMESCALES_API_PATH || request.url.startsWith(`${TIMESCALES_API_PATH}?`);
}

export async function timescalesRoutes(app: FastifyInstance, options: TimescalesRoutesOptions): Promise<void> {
  const { timescales } = options.services;
  // The app registers the rate limiter once (global: false); these routes ask for it in their
  // config, per address, with their own answer.
  const limit = {
    max: options.rateLimit?.max ?? DEFAULT_RATE_LIMIT.max,
    timeWindow: options.rateLimit?.timeWindow ?? DEFAULT_RATE_LIMIT.timeWindow,
    errorResponseBuilder: (_request: FastifyRequest, context: { after: string }) =>
      new TooManyRequestsError(`Too many requests from this address. Try again in ${context.after}.`),
  };

  // Only for this plugin's routes. A 429 is answered here; anything else goes on to the app's
  // own error handler, because an error handler that throws hands the error to its parent's.
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error.statusCode !== 429) throw error;
    if (isApiRequest(request)) {
      return sendProblem(reply, { status: 429, title: STATUS_TITLES[429] ?? 'Too many requests', detail: error.message });
    }
    return reply.code(429).page('pages/timescales-too-many-requests.njk');
  });

  app.get(
    TIMESCALES_API_PATH,
    { schema: apiSchema, config: { public: true, rateLimit: limit } },
    async (request, reply) => {
      let result;
      try {
        result = await timescales.compute(request.query as Record<string, unknown>);
      } catch (error) {
        // Only reading the bank holidays can fail; the calculation itself never throws.
        request.log.error({ err: error }, 'the bank-holiday calendar could not be read');
        return sendProblem(reply.header('retry-after', '30'), {
          status: 503,
          title: STATUS_TITLES[503] ?? 'Service unavailable',
          detail: 'The bank-holiday calendar could not be read. Try again shortly.',
        });
      }
      if (!result.ok) return sendProblem(reply, badRequest([{ field: result.field, message: result.detail }]));
      return reply.send(result.value);
    },
  );

  app.get(CHECK_DEADLINES_PATH, { config: { public: true, rateLimit: limit } }, async (request, reply) =>
    checkDeadlinesPage(request, reply, timescales),
  );
}

function first(query: Readonly<Record<string, unknown>>, name: string): string {
  const raw = Object.hasOwn(query, name) ? query[name] : undefined;
  const value = Array.isArray(raw) ? raw[0] : raw;
  return typeof value === 'string' ? value.trim() : '';
}

const CHOOSE_PROCESS_ERROR = 'Select which deadlines you want to check';

async function checkDeadlinesPage(
  request: FastifyRequest,
  reply: FastifyReply,
  timescales: TimescalesService,
): Promise<FastifyReply> {
  const query = request.query as Record<string, unknown>;
  const chosen = first(query, 'process');

  if (chosen === '') {
    // "Continue" with nothing selected sends step=choose and no process.
    const error = first(query, 'step') === 'choose' ? CHOOSE_PROCESS_ERROR : undefined;
    return renderChooser(reply, error);
  }
  const form = processForm(chosen);
  if (form === undefined) return renderChooser(reply, CHOOSE_PROCESS_ERROR);

  if (!wasSubmitted(form, query)) return renderForm(reply, form, {}, []);

  const read = readForm(form, query);
  if (read.errors.length > 0) return renderForm(reply, form, read.values, read.errors);

  let result;
  try {
    result = await timescales.compute(read.query);
  } catch (cause) {
    throw Object.assign(new Error('The bank-holiday calendar could not be read', { cause }), { statusCode: 503 });
  }
  if (!result.ok) {
    return renderForm(reply, form, read.values, [errorForCalculatorProblem(form, result.field, result.detail)]);
  }
  return renderForm(reply, form, read.values, [], result.value.deadlines);
}

function renderChooser(reply: FastifyReply, error: string | undefined): FastifyReply {
  // The first radio's id is the idPrefix, 'process'.
  const errorSummary = error ? [{ text: error, href: '#process' }] : [];
  return reply.code(error ? 400 : 200).page('pages/timescales.njk', {
    processes: PROCESS_FORMS.map((form) => ({ value: form.process, text: form.name, hint: { text: form.hint } })),
    processError: error,
    errorSummary,
  });
}

function renderForm(
  reply: FastifyReply,
  form: ProcessForm,
  values: EnteredValues,
  errors: readonly FieldError[],
  deadlines?: readonly Deadline[],
): FastifyReply {
  const errorFor = new Map(errors.map((error) => [error.field, error]));
  const fields = form.fields.map((field) => {
    const error = errorFor.get(field.name);
    const entered = values[field.name];
    if (field.kind === 'date') {
      const parts = typeof entered === 'object' ? entered : {};
      return {
        ...field,
        errorText: error?.text,
        items: DATE_PARTS.map((part) => ({
          name: part,
          value: parts[part] ?? '',
          error: error?.parts?.includes(part) ?? false,
        })),
      };
    }
    return {
      ...field,
      errorText: error?.text,
      items: field.options.map((option) => ({
        value: option.value,
        text: option.text,
        ...(option.hint ? { hint: { text: option.hint } } : {}),
        checked: entered === option.value,
      })),
    };
  });
  return reply.code(errors.length > 0 ? 400 : 200).page('pages/timescales.njk', {
    form: { process: form.process, name: form.name, hint: form.hint },
    fields,
    errorSummary: errors.map((error) => ({ text: error.text, href: `#${error.href}` })),
    deadlines: deadlines?.map((deadline) => ({ ...deadline, basis: withLongDates(deadline.basis) })),
  });
}
