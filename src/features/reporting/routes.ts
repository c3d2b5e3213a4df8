import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../composition.ts';
import { monthName, periodName } from '../../domain/reporting/index.ts';
import { ValidationError } from '../../lib/errors.ts';
import type { Actor } from '../auth/index.ts';
import { attachmentDisposition } from '../documents/index.ts';
import { formErrors } from '../../web/forms.ts';
import { paginationParams } from '../../web/pagination.ts';
import { reportingPaths, type ReportQuery } from './paths.ts';
import {
  casesSheet,
  casesTable,
  dashboardSheet,
  dashboardTable,
  figureText,
  filterSelects,
  monthsChartSvg,
  monthsSheet,
  monthsTable,
  partHeading,
  sheetCsv,
  sheetXlsx,
  XLSX_TYPE,
  type Sheet,
} from './presenters.ts';
import type { ReportQuestion } from './service.ts';

type Query = { Querystring: Record<string, unknown> };
type MeasureRequest = { Params: { measureId: string }; Querystring: Record<string, unknown> };

const FORMATS = ['csv', 'xlsx'] as const;
type Format = (typeof FORMATS)[number];

/** A query-string value as one string ('' when absent; the first when repeated). */
const one = (query: Record<string, unknown>, key: string): string => {
  const value = query[key];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.slice(0, 100) : '';
};

/** The question as typed, to fill the form again and to carry into links. */
const typed = (query: Record<string, unknown>): ReportQuery & { school: string } => ({
  from: one(query, 'from'),
  to: one(query, 'to'),
  team: one(query, 'team'),
  officer: one(query, 'officer'),
  school: one(query, 'school'),
  need: one(query, 'need'),
  stage: one(query, 'stage'),
});

/** The question as answered: the period worked out (so links hold it whatever the default) and the filters applied. */
const answered = (question: ReportQuestion): ReportQuery => ({ from: question.period.from, to: question.period.to, ...question.filters });

const isQuestionProblem = (error: unknown): error is ValidationError => error instanceof ValidationError;

/** The filters applied, in words, for the headings. */
function filterText(question: ReportQuestion, choices: Awaited<ReturnType<Services['reporting']['choices']>>): string {
  const { filters } = question;
  const parts: string[] = [];
  if (filters.team) parts.push(`the team ${choices.teams.find((entry) => entry.id === filters.team)?.name ?? ''}`);
  if (filters.officer) parts.push(`cases held by ${choices.officers.find((entry) => entry.id === filters.officer)?.name ?? 'the officer'}`);
  if (filters.school) parts.push(`children at ${choices.schools.find((entry) => entry.urn === filters.school)?.name ?? `the school with URN ${filters.school}`}`);
  if (filters.need) parts.push(`primary need ${choices.needs.find((entry) => entry.code === filters.need)?.name ?? filters.need}`);
  if (filters.stage) parts.push(`cases now at ${choices.stages.find((entry) => entry.stage === filters.stage)?.name ?? filters.stage}`);
  return parts.join(', ');
}

function sendSheet(reply: FastifyReply, sheet: Sheet, format: Format, filename: string) {
  reply.header('content-disposition', attachmentDisposition(`${filename}.${format}`)).header('cache-control', 'no-store');
  if (format === 'csv') return reply.header('content-type', 'text/csv; charset=utf-8').send(sheetCsv(sheet));
  return reply.header('content-type', XLSX_TYPE).send(sheetXlsx(sheet));
}

export async function reportingRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const reporting = services.reporting;

  /** The form's selects for the question as typed (or answered), and the period they show. */
  const formContext = async (actor: Actor, values: ReportQuery) => {
    const choices = await reporting.choices(actor);
    const period = { from: (values.from || choices.months[11] || choices.months.at(-1)!) as never, to: (values.to || choices.months[0]!) as never };
    return { choices, selects: filterSelects(choices, values, period), values };
  };

  app.get<Query>(reportingPaths.dashboard, async (request, reply) => {
    const actor = request.actor!;
    let report;
    try {
      report = await reporting.dashboard(actor, typed(request.query));
    } catch (error) {
      if (!isQuestionProblem(error)) throw error;
      const form = await formContext(actor, typed(request.query));
      return reply.code(400).page('reporting/templates/dashboard.njk', { ...form, errors: formErrors(error.problems) });
    }
    const query = answered(report.question);
    const form = await formContext(actor, query);
    return reply.page('reporting/templates/dashboard.njk', {
      ...form,
      report,
      canSeeCases: report.canSeeCases,
      periodText: periodName(report.question.period),
      filterText: filterText(report.question, form.choices),
      empty: report.measures.every((entry) => entry.declaration.timing === 'now' || entry.denominator === 0),
      table: dashboardTable(report.measures, query, report.question.period, report.canSeeCases),
      csvHref: reportingPaths.dashboardFile(query, 'csv'),
      xlsxHref: reportingPaths.dashboardFile(query, 'xlsx'),
    });
  });

  for (const format of FORMATS) {
    app.get<Query>(reportingPaths.dashboardDownload(format), async (request, reply) => {
      let report;
      try {
        report = await reporting.dashboard(request.actor!, typed(request.query));
      } catch (error) {
        if (isQuestionProblem(error)) return reply.redirect(reportingPaths.dashboardFor(typed(request.query)), 303);
        throw error;
      }
      const { period } = report.question;
      return sendSheet(reply, dashboardSheet(report.measures, period), format, `send-dashboard-${period.from}-to-${period.to}`);
    });
  }

  app.get<MeasureRequest>(reportingPaths.measureRoute, async (request, reply) => {
    const actor = request.actor!;
    const { measureId } = request.params;
    const measureAction = reportingPaths.measure(measureId, {});
    let detail;
    try {
      detail = await reporting.measureDetail(actor, measureId, typed(request.query));
    } catch (error) {
      if (!isQuestionProblem(error)) throw error;
      const form = await formContext(actor, typed(request.query));
      const declaration = reporting.declarationOf(measureId);
      return reply.code(400).page('reporting/templates/measure.njk', { ...form, declaration, measureAction, backHref: reportingPaths.dashboard, errors: formErrors(error.problems) });
    }
    const { figures, question, canSeeCases } = detail;
    const query = answered(question);
    const form = await formContext(actor, query);
    const declaration = figures.declaration;
    const when = declaration.timing === 'now' ? 'today' : periodName(question.period);
    const summaryRows = [
      { key: { text: declaration.timing === 'now' ? 'Today' : 'Over the period' }, value: { text: figureText(figures.unit, figures.value) } },
      ...(figures.unit === 'percent' ? [{ key: { text: declaration.numerator }, value: { text: `${figures.numerator} of ${figures.denominator}` } }] : []),
      ...(figures.comparison.england ? [{ key: { text: 'England' }, value: { text: `${figures.comparison.england.value.toFixed(1)}% (${figures.comparison.england.source})` } }] : []),
      ...(figures.comparison.council2024 ? [{ key: { text: 'This council in 2024' }, value: { text: `${figures.comparison.council2024.value.toFixed(1)}% (${figures.comparison.council2024.source})` } }] : []),
      ...(canSeeCases ? [{ key: { text: 'The cases' }, value: { html: `<a class="govuk-link" href="${reportingPaths.cases(measureId, declaration.timing === 'now' ? { ...question.filters } : query)}">The ${figures.denominator} case${figures.denominator === 1 ? '' : 's'} behind the figure, ${when}</a>` } }] : []),
    ];
    return reply.page('reporting/templates/measure.njk', {
      ...form,
      declaration,
      figures,
      measureAction,
      summaryRows,
      backHref: reportingPaths.dashboardFor(query),
      periodText: periodName(question.period),
      filterText: filterText(question, form.choices),
      empty: (figures.series ?? []).every((month) => month.denominator === 0),
      chart: monthsChartSvg(figures),
      table: monthsTable(figures, query, canSeeCases),
      csvHref: reportingPaths.measureFile(measureId, query, 'csv'),
      xlsxHref: reportingPaths.measureFile(measureId, query, 'xlsx'),
    });
  });

  for (const format of FORMATS) {
    app.get<MeasureRequest>(reportingPaths.measureDownload(format), async (request, reply) => {
      const { measureId } = request.params;
      let detail;
      try {
        detail = await reporting.measureDetail(request.actor!, measureId, typed(request.query));
      } catch (error) {
        if (isQuestionProblem(error)) return reply.redirect(reportingPaths.measure(measureId, typed(request.query)), 303);
        throw error;
      }
      const { period } = detail.question;
      return sendSheet(reply, monthsSheet(detail.figures), format, `${measureId}-${period.from}-to-${period.to}`);
    });
  }

  app.get<MeasureRequest>(reportingPaths.casesRoute, async (request, reply) => {
    const actor = request.actor!;
    const { measureId } = request.params;
    const part = one(request.query, 'part');
    let found;
    try {
      found = await reporting.casesBehind(actor, measureId, { ...typed(request.query), part, at: one(request.query, 'at'), page: Number(one(request.query, 'page') || 1) });
    } catch (error) {
      if (!isQuestionProblem(error)) throw error;
      const declaration = reporting.declarationOf(measureId);
      return reply.code(400).page('reporting/templates/cases.njk', {
        declaration,
        heading: declaration.denominator,
        backHref: reportingPaths.measure(measureId, {}),
        errors: formErrors(error.problems).map((entry) => ({ ...entry, field: 'cases-count' })),
      });
    }
    const { declaration, question, at } = found;
    // A month's end of a count of cases as they stand: its filters and the month; today's: as it was.
    const query = at !== undefined ? { ...question.filters, at } : declaration.timing === 'now' ? { ...question.filters } : answered(question);
    const casesQuery = { ...query, part: found.part };
    const choices = await reporting.choices(actor);
    const heading = partHeading(declaration, found.part);
    const whenText =
      at !== undefined
        ? found.asAt === reporting.todayText()
          ? `as they stand today (${monthName(at)} so far)`
          : `as they stood at the end of ${monthName(at)}`
        : declaration.timing === 'now'
          ? 'as they stand today'
          : question.period.from === question.period.to
            ? `in ${monthName(question.period.from)}`
            : `from ${monthName(question.period.from)} to ${monthName(question.period.to)}`;
    return reply.page('reporting/templates/cases.njk', {
      declaration,
      found,
      heading,
      whenText,
      filterText: filterText(question, choices),
      table: casesTable(declaration, found.cases, `${heading}, ${whenText}`),
      backHref: reportingPaths.measure(declaration.id, answered(question)),
      pagination: paginationParams(found.page, found.pageCount, (page) => reportingPaths.cases(declaration.id, { ...casesQuery, page })),
      csvHref: reportingPaths.casesFile(declaration.id, casesQuery, 'csv'),
      xlsxHref: reportingPaths.casesFile(declaration.id, casesQuery, 'xlsx'),
    });
  });

  for (const format of FORMATS) {
    app.get<MeasureRequest>(reportingPaths.casesDownload(format), async (request, reply) => {
      const { measureId } = request.params;
      let found;
      try {
        found = await reporting.casesForDownload(request.actor!, measureId, { ...typed(request.query), part: one(request.query, 'part'), at: one(request.query, 'at') }, `reporting-cases.${format}`);
      } catch (error) {
        if (isQuestionProblem(error)) return reply.redirect(reportingPaths.cases(measureId, { ...typed(request.query), part: undefined }), 303);
        throw error;
      }
      const { period } = found.question;
      const when = found.at !== undefined ? `end-of-${found.at}` : found.declaration.timing === 'now' ? 'today' : `${period.from}-to-${period.to}`;
      return sendSheet(reply, casesSheet(found.declaration, found.cases), format, `${measureId}-${found.part === 'all' ? 'cases' : found.part}-${when}`);
    });
  }
}
