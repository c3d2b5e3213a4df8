import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { ValidationError } from '../../lib/errors.ts';
import { enteredDate, isoFromEntered, singleValue } from '../../web/date-input.ts';
import { formErrors } from '../../web/forms.ts';
import { paginationParams } from '../../web/pagination.ts';
import { attachmentDisposition } from '../documents/index.ts';
import { caseloadReportPaths, type WaitsQuery } from './paths.ts';
import { waitsCsv, waitsCsvFilename, waitsTable } from './presenters.ts';
import type { WaitsInput } from './service.ts';

type WaitsQuerystring = { Querystring: Record<string, unknown> };

const TEMPLATE = 'caseload-reports/templates/waits.njk';

/** The form's boxes as typed, to fill the form again and to carry into the page links and the download. */
function typed(query: Record<string, unknown>): WaitsQuery {
  const values: WaitsQuery = {};
  for (const name of ['from', 'to']) {
    for (const [part, value] of Object.entries(enteredDate(query, name))) values[`${name}-${part}`] = value;
  }
  values.days = singleValue(query, 'days');
  return values;
}

const inputOf = (query: Record<string, unknown>): WaitsInput => ({
  from: isoFromEntered(enteredDate(query, 'from')),
  to: isoFromEntered(enteredDate(query, 'to')),
  days: singleValue(query, 'days'),
  page: Number(singleValue(query, 'page') || 1),
});

/** A date as the form's three boxes. */
const boxes = (name: string, date: string) => {
  const [year, month, day] = date.split('-');
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year ?? '' };
};

const isQuestionProblem = (error: unknown): error is ValidationError => error instanceof ValidationError && !error.problems.some((problem) => problem.field === 'page');

export async function caseloadReportRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get<WaitsQuerystring>(caseloadReportPaths.waits, async (request, reply) => {
    const values = typed(request.query);
    let report;
    try {
      report = await services.caseloadReports.waits(request.actor!, inputOf(request.query));
    } catch (error) {
      if (!isQuestionProblem(error)) throw error;
      return reply.code(400).page(TEMPLATE, { values, errors: formErrors(error.problems, { from: 'from-day', to: 'to-day' }) });
    }
    // The question as answered: the defaults shown in the boxes left empty, for the links and the download.
    const answered: WaitsQuery = { ...boxes('from', report.period.from), ...boxes('to', report.period.to), days: String(report.moreThan) };
    return reply.page(TEMPLATE, {
      values: answered,
      report,
      waitsTable: waitsTable(`Children who waited more than ${report.moreThan} working day${report.moreThan === 1 ? '' : 's'}`, report.waits),
      downloadHref: caseloadReportPaths.waitsDownload(answered),
      pagination: paginationParams(report.page, report.pageCount, (page) => caseloadReportPaths.waitsPage(answered, page)),
    });
  });

  app.get<WaitsQuerystring>(caseloadReportPaths.waitsCsv, async (request, reply) => {
    let report;
    try {
      report = await services.caseloadReports.waitsForDownload(request.actor!, inputOf(request.query));
    } catch (error) {
      // The page says what is wrong with the question.
      if (isQuestionProblem(error)) return reply.redirect(caseloadReportPaths.waitsPage(typed(request.query)), 303);
      throw error;
    }
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', attachmentDisposition(waitsCsvFilename(report)))
      .header('cache-control', 'no-store')
      .send(waitsCsv(report));
  });
}
