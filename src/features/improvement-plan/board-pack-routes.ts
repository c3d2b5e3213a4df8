// The board pack's pages: the form asking for the day (GET: nothing is saved), the pack as at the
// day, its PDF, and the counts behind each measure's figure.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { handleForm } from '../../web/forms.ts';
import { dateFromParts, singleValue } from '../../web/date-input.ts';
import { longDate } from '../../web/long-date.ts';
import { attachmentDisposition } from '../documents/index.ts';
import { planPdf } from '../plans/index.ts';
import type { MeasureBreakdown } from '../reporting/index.ts';
import { packDocument, packFacts, packFileName, packLinks, packQuery, changesSince, flaggedText, NOT_RECORDED_HEADING, trajectoryText, measureFacts, CHANGE_COLUMNS, changeRow, RISK_COLUMNS, riskRow, OVERDUE_COLUMNS, overdueRow, milestonesText } from './board-pack-presenters.ts';
import { improvementPlanPaths as paths } from './paths.ts';
import { actionsTable, measureMonths, statusTag, trajectoryTag, TREND_TEXT } from './presenters.ts';

const T = (name: string) => `improvement-plan/templates/${name}.njk`;
type PackQuery = { Querystring: Record<string, string | string[] | undefined> };

/** The day asked for: `asAt` as YYYY-MM-DD (the pack's own links), or the date input's three boxes. */
const dayAsked = (query: Record<string, unknown>) => singleValue(query, 'asAt') || dateFromParts(query, 'asAt');

/** The date input's boxes holding a day. */
export const dayValues = (iso: string) => {
  const [year, month, day] = iso.split('-');
  return { 'asAt-day': String(Number(day)), 'asAt-month': String(Number(month)), 'asAt-year': year ?? '' };
};

/** A table of counts, as the govukTable macro takes it. */
function countsTable(caption: string, first: string, rows: MeasureBreakdown['byTeam'], percent: boolean, counted: string | undefined) {
  const numeric = 'govuk-table__cell--numeric';
  return {
    caption,
    captionClasses: 'govuk-table__caption--m',
    firstCellIsHeader: true,
    head: [{ text: first }, ...(percent ? [{ text: counted ?? 'Counted', classes: 'govuk-table__header--numeric' }] : []), { text: 'Cases', classes: 'govuk-table__header--numeric' }],
    rows: rows.map((row) => [{ text: row.label }, ...(percent ? [{ text: String(row.counted), classes: numeric }] : []), { text: String(row.all), classes: numeric }]),
  };
}

export async function boardPackRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const packs = services.boardPack;

  app.get(paths.boardPack, async (request, reply) => {
    packs.requireReader(request.actor!);
    return reply.page(T('board-pack-form'), { values: dayValues(packs.today()) });
  });

  app.get<PackQuery>(paths.boardPackView, async (request, reply) => {
    const actor = request.actor!;
    const query = request.query as Record<string, unknown>;
    const values = Object.fromEntries(['asAt-day', 'asAt-month', 'asAt-year'].map((name) => [name, singleValue(query, name)]));
    return handleForm(reply, values, {
      submit: () => packs.pack(actor, dayAsked(query)),
      render: (pack) => ({
        template: T('board-pack'),
        context: {
          pack,
          facts: packFacts(pack),
          links: packLinks(pack),
          since: changesSince(pack),
          changes: pack.changes.length ? { caption: 'Changes to the plan', captionClasses: 'govuk-table__caption--s', head: CHANGE_COLUMNS.map((text) => ({ text })), rows: pack.changes.map((change) => changeRow(change).map((text) => ({ text }))) } : undefined,
          atRisk: pack.risks.atRisk.length
            ? { caption: 'Actions at risk or off track on the day', captionClasses: 'govuk-table__caption--s', firstCellIsHeader: true, head: RISK_COLUMNS.map((text) => ({ text })), rows: pack.risks.atRisk.map((entry) => riskRow(entry).map((text, index) => (index === 3 ? { html: statusTag(entry.action.status) } : { text }))) }
            : undefined,
          flagged: pack.risks.flagged.map(flaggedText),
          overdue: pack.risks.overdue.length ? { caption: 'Milestones overdue on the day', captionClasses: 'govuk-table__caption--s', firstCellIsHeader: true, head: OVERDUE_COLUMNS.map((text) => ({ text })), rows: pack.risks.overdue.map((entry) => overdueRow(entry).map((text) => ({ text }))) } : undefined,
          measures: pack.measures.map((entry) => ({
            entry,
            facts: measureFacts(entry).map((fact) => ({ key: { text: fact.label }, value: fact.label === 'Trajectory' ? { html: trajectoryTag(entry.measure.trajectory) } : { text: fact.value } })),
            months: measureMonths(entry.measure),
            drill: packLinks(pack).drill(entry.measure.id),
            trajectory: trajectoryText(entry.measure),
          })),
          areas: pack.plan.areas.map((area) => ({
            area,
            actions: area.actions.length ? actionsTable(area, { links: false }) : undefined,
            milestones: area.actions.filter((action) => action.milestones.length > 0).map((action) => ({ title: action.title, text: milestonesText(action) })),
          })),
          trendText: TREND_TEXT,
          notRecordedHeading: NOT_RECORDED_HEADING,
        },
      }),
      template: T('board-pack-form'),
      context: () => ({}),
      fieldIds: { asAt: 'asAt-day' },
      conflictField: 'asAt',
    });
  });

  app.get<PackQuery>(paths.boardPackPdf, async (request, reply) => {
    const pack = await packs.pack(request.actor!, dayAsked(request.query as Record<string, unknown>), 'board-pack-pdf');
    const bytes = await planPdf(packDocument(pack));
    return reply
      .header('content-type', 'application/pdf')
      .header('content-length', String(bytes.length))
      .header('content-disposition', attachmentDisposition(packFileName(pack)))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(bytes);
  });

  app.get<PackQuery & { Params: { bindingId: string } }>(paths.boardPackMeasureRoute, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const found = await packs.drill(request.actor!, request.params.bindingId, dayAsked(query));
    const { breakdown } = found;
    const percent = breakdown.declaration.unit === 'percent';
    const counted = breakdown.declaration.numerator;
    const standing = breakdown.declaration.timing === 'now';
    return reply.page(T('board-pack-drill'), {
      ...found,
      backHref: `${paths.boardPackView}${packQuery(found.asAt)}`,
      over: standing ? `as they stood on ${longDate(found.asAt)}` : `from ${longDate(breakdown.from)} to ${longDate(found.asAt)}`,
      percent,
      tables: [
        countsTable('By team', 'Team', breakdown.byTeam, percent, counted),
        countsTable('By primary need', 'Primary need', breakdown.byNeed, percent, counted),
        countsTable('By age on the day', 'Age band', breakdown.byAge, percent, counted),
        countsTable('By month', 'Month', breakdown.byMonth, percent, counted),
      ].filter((table) => table.rows.length > 0),
    });
  });
}
