// The service dashboard: each measure of the catalogue for a period of months, by month, under
// filters (team, officer, school, primary need, stage), beside the national figure; and the cases
// behind every figure. Managers see the figures and the cases; the improvement board sees the
// figures only, never a child.
import type { Database } from '../../db/database.ts';
import { CASE_STAGES, stageInfo } from '../../domain/children/stages.ts';
import { fullName } from '../../domain/children/names.ts';
import { SEN_NEED_TYPE_CODES, SEN_NEED_TYPES } from '../../domain/plans/content.ts';
import { daysBetween, type IsoDate } from '../../domain/calendar/index.ts';
import { addMonthsToMonth, checkPeriod, MAX_PERIOD_MONTHS, monthName, monthOf, monthsOf, percentage, periodDays, type Month, type MonthPeriod } from '../../domain/reporting/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { NotFoundError, ValidationError, type FieldProblem } from '../../lib/errors.ts';
import { pageNumber } from '../../lib/page-number.ts';
import { recordListAccess } from '../audit/index.ts';
import type { FinalisedTransfer } from '../phase-transfers/index.ts';
import { MANAGER_ROLES, requireRole, type Actor } from '../auth/index.ts';
import { isMeasureId, measure, MEASURES, type MeasureDeclaration, type MeasureId } from './catalogue.ts';
import { comparisonsFor, type Comparison } from './comparisons.ts';
import * as repository from './repository.ts';

export const CASES_PAGE_SIZE = 50;
/** The most rows a download holds: every case of a council many times over. */
export const DOWNLOAD_LIMIT = 200_000;

/** The filters as a link or the form gives them: each '' or absent for all. */
export interface ReportInput {
  from?: string | undefined;
  to?: string | undefined;
  team?: string | undefined;
  officer?: string | undefined;
  school?: string | undefined;
  need?: string | undefined;
  stage?: string | undefined;
}

export interface ReportFilters {
  team?: string;
  officer?: string;
  school?: number;
  need?: string;
  stage?: string;
}

/** The question checked: a period of months and the filters. */
export interface ReportQuestion {
  period: MonthPeriod;
  filters: ReportFilters;
}

export interface MeasureValue {
  id: MeasureId;
  unit: MeasureDeclaration['unit'];
  /** The percentage (to one decimal place) or the count; null for a share of no cases. */
  value: number | null;
  /** The cases counted on top (for a count, every case counted). */
  numerator: number;
  /** The cases it is a share of (for a count, the count). */
  denominator: number;
}

export interface MonthValue extends Omit<MeasureValue, 'id' | 'unit'> {
  month: Month;
}

/** A measure as it stood on a day, with its twelve months to the day. */
export interface MeasureAt {
  value: number | null;
  numerator: number;
  denominator: number;
  /** What the figure covers: the day, or the three months to it. */
  over: string;
  series: MonthValue[];
}

/** Counts of the rows behind a figure, by one thing at a time. */
export interface BreakdownCount {
  label: string;
  counted: number;
  all: number;
}

export interface MeasureBreakdown {
  declaration: MeasureDeclaration;
  /** The days the counts cover (for a count of cases as they stand, the day alone: `to`). */
  from: string;
  to: string;
  total: { counted: number; all: number };
  byTeam: BreakdownCount[];
  byNeed: BreakdownCount[];
  byAge: BreakdownCount[];
  byMonth: BreakdownCount[];
}

export interface MeasureFigures extends MeasureValue {
  declaration: MeasureDeclaration;
  /** Month by month: a monthly measure's months, or a count of cases as they stood at the end of each month (today, for this month). */
  series: MonthValue[] | undefined;
  comparison: Comparison;
}

export interface CaseBehind {
  /** Null only for a complaint about a child with no case, or about no child: the row names its contact. */
  caseId: string | null;
  reference: string | null;
  childId: string | null;
  childName: string | null;
  /** The contact (a complaint) a row of a measure of complaints counts. */
  contactId: string | null;
  contactReference: string | null;
  on: string | null;
  start: string | null;
  end: string | null;
  /** Days from the start to the day that places it (or to today, for a wait). */
  days: number | null;
  counted: boolean;
  detail: string | null;
  officerName: string | null;
  stageName: string | null;
}

export type MeasurePart = repository.MeasurePart;
const PARTS: readonly MeasurePart[] = ['all', 'counted', 'not-counted'];

/** A monthly declaration, for the month-end counts' query (its days are the period's). */
const MONTHLY = { timing: 'monthly' } as MeasureDeclaration;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The catalogue of measures, for features that read them by id. */
export function measureCatalogue(): readonly MeasureDeclaration[] {
  return MEASURES;
}

/** What the dashboard reads from the phase transfers feature: each September's transfers, as its pages find them. */
export interface PhaseTransferSource {
  transfersOfYears(actor: Actor, years: readonly number[], finalisedBetween?: { from: string; to: string }): Promise<readonly FinalisedTransfer[]>;
}

export class ReportingService {
  /** Where the access log is written: the primary. */
  private readonly db: Database;
  /** Where the measures are counted: a streaming replica when the council runs one (ADR 0027). */
  private readonly reads: Database;
  private readonly clock: Clock;
  private readonly phaseTransfers: PhaseTransferSource | undefined;

  constructor(db: Database, clock: Clock, sources: { phaseTransfers?: PhaseTransferSource; reads?: Database } = {}) {
    this.db = db;
    this.reads = sources.reads ?? db;
    this.clock = clock;
    this.phaseTransfers = sources.phaseTransfers;
  }

  /**
   * The rows of a measure given to its statement (the phase transfers finalised in the period):
   * each September's transfers whose finalising can fall in it, from the September of its first
   * year to the one after its last (a plan may be finalised late, after the move).
   */
  private async givenRows(actor: Actor, id: MeasureId, from: string, to: string): Promise<repository.GivenRow[] | undefined> {
    if (!repository.isGivenMeasure(id)) return undefined;
    if (!this.phaseTransfers) return [];
    const years: number[] = [];
    for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)) + 1; year += 1) years.push(year);
    const transfers = await this.phaseTransfers.transfersOfYears(actor, years, { from, to });
    return transfers
      .filter((entry) => entry.finalisedOn !== null && entry.finalisedOn >= from && entry.finalisedOn <= to)
      .map((entry) => ({ case_id: entry.caseId, on: entry.finalisedOn!, start: entry.deadline, counted: entry.finalisedOn! <= entry.deadline, detail: `${entry.moveTitle}, September ${entry.year}` }));
  }

  private today(): IsoDate {
    return this.clock.today() as IsoDate;
  }

  /** Today, as the pages compare a list's day with it. */
  todayText(): string {
    return this.today();
  }

  /** The filters' choices for the form: teams, officers, the schools of the council's children, needs, stages and months. */
  async choices(actor: Actor) {
    requireRole(actor, ...MANAGER_ROLES, 'board_member');
    const found = await repository.readFilterChoices(this.reads, actor.authorityId);
    return {
      ...found,
      needs: SEN_NEED_TYPE_CODES.map((code) => ({ code, name: SEN_NEED_TYPES[code] })),
      stages: CASE_STAGES.map((stage) => ({ stage, name: stageInfo(stage)!.name })),
      // The months a period may start or end in, the latest first.
      months: monthsOf({ from: addMonthsToMonth(monthOf(this.today()), 1 - MAX_PERIOD_MONTHS), to: monthOf(this.today()) }).reverse(),
    };
  }

  /** The question checked against the council's teams and officers: a ValidationError names each field wrong. */
  async checkQuestion(actor: Actor, input: ReportInput): Promise<ReportQuestion> {
    const { period, problems } = checkPeriod(input, this.today());
    const fieldProblems: FieldProblem[] = [...problems];
    const filters: ReportFilters = {};
    const value = (text: string | undefined) => (text ?? '').trim();
    const needsChoices = value(input.team) !== '' || value(input.officer) !== '';
    const found = needsChoices ? await repository.readFilterChoices(this.reads, actor.authorityId) : undefined;
    const team = value(input.team);
    if (team !== '' && team !== 'all') {
      if (!UUID.test(team) || !found!.teams.some((entry) => entry.id === team)) fieldProblems.push({ field: 'team', message: 'Select a team from the list' });
      else filters.team = team;
    }
    const officer = value(input.officer);
    if (officer !== '') {
      if (!UUID.test(officer) || !found!.officers.some((entry) => entry.id === officer)) fieldProblems.push({ field: 'officer', message: 'Select an officer from the list' });
      else filters.officer = officer;
    }
    const school = value(input.school);
    if (school !== '') {
      if (!/^\d{5,7}$/.test(school)) fieldProblems.push({ field: 'school', message: 'Enter the school’s URN as 5 to 7 digits, like 103523, or select it from the list' });
      else filters.school = Number(school);
    }
    const need = value(input.need);
    if (need !== '') {
      if (!(SEN_NEED_TYPE_CODES as readonly string[]).includes(need)) fieldProblems.push({ field: 'need', message: 'Select a primary need from the list' });
      else filters.need = need;
    }
    const stage = value(input.stage);
    if (stage !== '') {
      if (!(CASE_STAGES as readonly string[]).includes(stage)) fieldProblems.push({ field: 'stage', message: 'Select a stage from the list' });
      else filters.stage = stage;
    }
    if (fieldProblems.length > 0) throw new ValidationError(fieldProblems);
    return { period, filters };
  }

  private query(actor: Actor, declaration: MeasureDeclaration, question: ReportQuestion): repository.MeasureQuery {
    const today = this.today();
    const days = periodDays(question.period);
    return {
      authorityId: actor.authorityId,
      from: declaration.timing === 'now' ? today : days.from,
      to: declaration.timing === 'now' ? today : days.to,
      stage: question.filters.stage ?? null,
      officerId: question.filters.officer ?? null,
      teamId: question.filters.team ?? null,
      schoolUrn: question.filters.school ?? null,
      need: question.filters.need ?? null,
    };
  }

  /** The query for the month-end counts over a period: from its first day to its last, or today if sooner. */
  private monthEndQuery(actor: Actor, period: MonthPeriod, question: ReportQuestion): repository.MeasureQuery {
    const days = periodDays(period);
    const today = this.today();
    return { ...this.query(actor, MONTHLY, question), from: days.from, to: days.to < today ? days.to : today };
  }

  /** The month a list of a measure of cases as they stand is asked for (`at`): none for today's list. */
  private monthAsked(declaration: MeasureDeclaration & { id: MeasureId }, at: string | undefined): Month | undefined {
    if (at === undefined || at === '') return undefined;
    const months = monthsOf({ from: addMonthsToMonth(monthOf(this.today()), 1 - MAX_PERIOD_MONTHS), to: monthOf(this.today()) });
    if (!repository.isStandingMeasure(declaration.id) || !(months as readonly string[]).includes(at)) {
      throw new ValidationError([{ field: 'at', message: `Choose a month from ${monthName(months[0]!)} to ${monthName(months.at(-1)!)} for the cases as they stood at its end` }]);
    }
    return at as Month;
  }

  /** The rows of a list: today's or, for a month asked for, those counted at its end. */
  private async rowsOf(actor: Actor, declaration: MeasureDeclaration & { id: MeasureId }, question: ReportQuestion, at: Month | undefined, part: MeasurePart, limit: number, offset: number) {
    if (at !== undefined && repository.isStandingMeasure(declaration.id)) {
      return repository.listAtMonthEnd(this.reads, declaration.id, this.monthEndQuery(actor, { from: at, to: at }, question), limit, offset);
    }
    const query = this.query(actor, declaration, question);
    return repository.listRows(this.reads, declaration.id, query, part, limit, offset, await this.givenRows(actor, declaration.id, query.from, query.to));
  }

  /** The measure's declaration; NotFoundError for an id the catalogue does not know. */
  declarationOf(measureId: string): MeasureDeclaration {
    return this.declaration(measureId);
  }

  private declaration(measureId: string): MeasureDeclaration & { id: MeasureId } {
    if (!isMeasureId(measureId)) throw new NotFoundError('No such measure');
    return measure(measureId)! as MeasureDeclaration & { id: MeasureId };
  }

  /** The measure's figures for the question: the whole period's value and, for a monthly measure, each month's. */
  private async figures(actor: Actor, measureId: string, question: ReportQuestion, comparisons?: Map<string, Comparison>, withMonthEnds = true, counted?: repository.MonthCountRow[]): Promise<MeasureFigures> {
    const declaration = this.declaration(measureId);
    const query = this.query(actor, declaration, question);
    const rows = counted ?? (await repository.countByMonth(this.reads, declaration.id, query, await this.givenRows(actor, declaration.id, query.from, query.to)));
    const valueOf = (numerator: number, denominator: number) => ({
      value: declaration.unit === 'percent' ? percentage(numerator, denominator) : denominator,
      numerator,
      denominator,
    });
    const total = rows.reduce((sum, row) => ({ counted: sum.counted + row.counted, all: sum.all + row.all }), { counted: 0, all: 0 });
    const byMonth = new Map(rows.map((row) => [row.month, row]));
    // A count of cases as they stand has its months too: the count at the end of each (today, for this month).
    const standing = repository.isStandingMeasure(declaration.id) ? declaration.id : undefined;
    const monthEnds = withMonthEnds && standing !== undefined;
    const monthly = monthEnds ? new Map((await repository.countAtMonthEnds(this.reads, standing, this.monthEndQuery(actor, question.period, question))).map((row) => [row.month, row])) : byMonth;
    const series =
      declaration.timing === 'monthly' || monthEnds
        ? monthsOf(question.period).map((month) => {
            const row = monthly.get(month);
            return { month, ...valueOf(row?.counted ?? 0, row?.all ?? 0) };
          })
        : undefined;
    return { id: declaration.id, unit: declaration.unit, declaration, ...valueOf(total.counted, total.all), series, comparison: (comparisons ?? comparisonsFor(null)).get(declaration.id) ?? {} };
  }

  /**
   * One measure's value for a period and filters, for other features (the improvement plan binds
   * to measures by id). The period defaults to the twelve months to this one.
   */
  async measureValue(actor: Actor, measureId: string, input: ReportInput = {}): Promise<MeasureValue> {
    requireRole(actor, ...MANAGER_ROLES, 'board_member');
    // Today's count alone for a count of cases as they stand: its months are not read.
    const { id, unit, value, numerator, denominator } = await this.figures(actor, measureId, await this.checkQuestion(actor, input), undefined, false);
    return { id, unit, value, numerator, denominator };
  }

  /** One measure month by month over the period (a measure of cases as they stand: its count at the end of each month, today's for this month). */
  async measureSeries(actor: Actor, measureId: string, input: ReportInput = {}): Promise<MonthValue[]> {
    requireRole(actor, ...MANAGER_ROLES, 'board_member');
    return (await this.figures(actor, measureId, await this.checkQuestion(actor, input))).series ?? [];
  }

  /**
   * One measure as it stood on a day (today or before): a count of cases as they stand, its count
   * that day; a monthly measure, its three months to that day. With its twelve months to the day
   * (the month of the day counted to that day). For the improvement board's pack.
   */
  async measureAt(actor: Actor, measureId: string, on: IsoDate): Promise<MeasureAt> {
    requireRole(actor, ...MANAGER_ROLES, 'board_member');
    const declaration = this.declaration(measureId);
    const today = this.today();
    if (on > today) throw new ValidationError([{ field: 'asAt', message: 'The day cannot be in the future' }]);
    const month = monthOf(on);
    const period = { from: addMonthsToMonth(month, -11), to: month };
    const query = { ...this.query(actor, declaration, { period, filters: {} }), from: periodDays(period).from, to: on };
    const valueOf = (numerator: number, denominator: number) => ({ value: declaration.unit === 'percent' ? percentage(numerator, denominator) : denominator, numerator, denominator });
    const standing = repository.isStandingMeasure(declaration.id) ? declaration.id : undefined;
    const rows =
      standing !== undefined
        ? await repository.countAtMonthEnds(this.reads, standing, query)
        : await repository.countByMonth(this.reads, declaration.id, query, await this.givenRows(actor, declaration.id, query.from, query.to));
    const byMonth = new Map(rows.map((row) => [row.month, row]));
    const series = monthsOf(period).map((entry) => ({ month: entry, ...valueOf(byMonth.get(entry)?.counted ?? 0, byMonth.get(entry)?.all ?? 0) }));
    if (standing !== undefined) {
      // Today's count is the one the dashboard shows; a day before, the count as it stood at its end.
      const now = on === today ? await this.measureValue(actor, measureId, {}) : { ...series.at(-1)! };
      return { value: now.value, numerator: now.numerator, denominator: now.denominator, over: on === today ? 'Today' : 'On the day', series };
    }
    const last = series.slice(-3).reduce((sum, entry) => ({ counted: sum.counted + entry.numerator, all: sum.all + entry.denominator }), { counted: 0, all: 0 });
    return { ...valueOf(last.counted, last.all), over: `${monthName(addMonthsToMonth(month, -2))} to ${on}`, series };
  }

  /**
   * The counts behind a measure's figure on a day, by team, primary need, age band and month:
   * numbers only, never a case or a child, for the improvement board. Cells under 5 are given as
   * they are: the board is internal, and no row of a case is ever given.
   */
  async measureBreakdown(actor: Actor, measureId: string, on: IsoDate): Promise<MeasureBreakdown> {
    requireRole(actor, ...MANAGER_ROLES, 'board_member');
    const declaration = this.declaration(measureId);
    if (on > this.today()) throw new ValidationError([{ field: 'asAt', message: 'The day cannot be in the future' }]);
    const month = monthOf(on);
    const standing = repository.isStandingMeasure(declaration.id);
    const period = standing ? { from: month, to: month } : { from: addMonthsToMonth(month, -2), to: month };
    const query = { ...this.query(actor, declaration, { period, filters: {} }), from: periodDays(period).from, to: on };
    const rows = await repository.countBreakdown(this.reads, declaration.id, query, standing ? undefined : await this.givenRows(actor, declaration.id, query.from, query.to));
    const by = (key: 'team' | 'need' | 'age' | 'month') => {
      const totals = new Map<string, { counted: number; all: number }>();
      for (const row of rows) {
        const label = key === 'need' ? (SEN_NEED_TYPES[row.need as keyof typeof SEN_NEED_TYPES] ?? row.need) : key === 'month' ? monthName(row.month as Month) : row[key];
        const sum = totals.get(label) ?? { counted: 0, all: 0 };
        totals.set(label, { counted: sum.counted + row.counted, all: sum.all + row.all });
      }
      return [...totals].map(([label, sum]) => ({ label, ...sum }));
    };
    const total = rows.reduce((sum, row) => ({ counted: sum.counted + row.counted, all: sum.all + row.all }), { counted: 0, all: 0 });
    const order = ['Under 5', '5 to 10', '11 to 15', '16 to 19', '20 and over', 'Not known'];
    return {
      declaration,
      from: query.from,
      to: on,
      total,
      byTeam: by('team'),
      byNeed: by('need'),
      byAge: by('age').sort((a, b) => order.indexOf(a.label) - order.indexOf(b.label)),
      byMonth: by('month'),
    };
  }

  /** Every measure for the question, with the comparisons for this council. */
  async dashboard(actor: Actor, input: ReportInput) {
    requireRole(actor, ...MANAGER_ROLES, 'board_member');
    const question = await this.checkQuestion(actor, input);
    const comparisons = comparisonsFor(await repository.readLaCode(this.reads, actor.authorityId));
    // The measures of each timing share a question; those that read the same rows are counted
    // together. A count of cases as they stand shows today alone here: its months are on its own page.
    const counted = new Map<MeasureId, repository.MonthCountRow[]>();
    await Promise.all(
      (['monthly', 'now'] as const).map(async (timing) => {
        const ids = MEASURES.filter((entry) => entry.timing === timing).map((entry) => entry.id as MeasureId);
        if (ids.length === 0) return;
        const query = this.query(actor, this.declaration(ids[0]!), question);
        const given = new Map<MeasureId, repository.GivenRow[]>();
        for (const id of ids) {
          const rows = await this.givenRows(actor, id, query.from, query.to);
          if (rows) given.set(id, rows);
        }
        for (const [id, rows] of await repository.countMeasuresByMonth(this.reads, ids, query, given)) counted.set(id, rows);
      }),
    );
    const measures = await Promise.all(MEASURES.map((entry) => this.figures(actor, entry.id, question, comparisons, false, counted.get(entry.id))));
    return { question, measures, canSeeCases: MANAGER_ROLES.some((role) => actor.roles.includes(role)) };
  }

  /** One measure in full, month by month, with its comparisons. */
  async measureDetail(actor: Actor, measureId: string, input: ReportInput) {
    requireRole(actor, ...MANAGER_ROLES, 'board_member');
    this.declaration(measureId);
    const question = await this.checkQuestion(actor, input);
    return { question, figures: await this.figures(actor, measureId, question, comparisonsFor(await repository.readLaCode(this.reads, actor.authorityId))), canSeeCases: MANAGER_ROLES.some((role) => actor.roles.includes(role)) };
  }

  /**
   * The cases behind a figure, a page at a time: the same rows the figure counts, so the list's
   * length is the figure. Managers only; the children shown go to the log of lists.
   */
  async casesBehind(actor: Actor, measureId: string, input: ReportInput & { part?: string | undefined; page?: unknown; at?: string | undefined }) {
    requireRole(actor, ...MANAGER_ROLES);
    const declaration = this.declaration(measureId);
    const question = await this.checkQuestion(actor, input);
    const part = partOf(input.part);
    const at = this.monthAsked(declaration, input.at);
    const page = pageNumber(input.page ?? 1);
    const rows = await this.rowsOf(actor, declaration, question, at, part, CASES_PAGE_SIZE, (page - 1) * CASES_PAGE_SIZE);
    // A page past the end shows the count all the same: asked again for the first page.
    const total = rows[0]?.total ?? (page > 1 ? ((await this.rowsOf(actor, declaration, question, at, part, 1, 0))[0]?.total ?? 0) : 0);
    const asAt = at === undefined ? this.today() : this.monthEnd(at);
    const cases = rows.map((row) => caseBehind(row, declaration, asAt));
    if (cases.length > 0) await recordListAccess(this.db, this.clock, actor, 'reporting-cases', childrenOf(cases), describe(declaration, question, part, at));
    return { declaration, question, part, at, asAt, cases, total, page, pageCount: Math.max(1, Math.ceil(total / CASES_PAGE_SIZE)) };
  }

  /** The last day of a month, or today for this month. */
  private monthEnd(month: Month): IsoDate {
    const last = periodDays({ from: month, to: month }).to as IsoDate;
    return last < this.today() ? last : this.today();
  }

  /** Every case behind a figure, for a download; every child in it goes to the log of lists, under `view`. */
  async casesForDownload(actor: Actor, measureId: string, input: ReportInput & { part?: string | undefined; at?: string | undefined }, view: string) {
    requireRole(actor, ...MANAGER_ROLES);
    const declaration = this.declaration(measureId);
    const question = await this.checkQuestion(actor, input);
    const part = partOf(input.part);
    const at = this.monthAsked(declaration, input.at);
    const rows = await this.rowsOf(actor, declaration, question, at, part, DOWNLOAD_LIMIT, 0);
    const cases = rows.map((row) => caseBehind(row, declaration, at === undefined ? this.today() : this.monthEnd(at)));
    if (cases.length > 0) await recordListAccess(this.db, this.clock, actor, view, childrenOf(cases), describe(declaration, question, part, at));
    return { declaration, question, part, at, cases };
  }
}

function partOf(text: string | undefined): MeasurePart {
  if (text === undefined || text === '') return 'all';
  if (!(PARTS as readonly string[]).includes(text)) throw new ValidationError([{ field: 'part', message: 'Choose all the cases, those counted, or those not counted' }]);
  return text as MeasurePart;
}

/** The children named in a list (a complaint about no child names none). */
const childrenOf = (cases: readonly CaseBehind[]) => [...new Set(cases.flatMap((entry) => (entry.childId === null ? [] : [entry.childId])))];

function caseBehind(row: repository.MeasureCaseRow, declaration: MeasureDeclaration, today: IsoDate): CaseBehind {
  // A wait runs from the day that places it to today (or the month's end it is counted at); a clock from its start to the day that stopped it.
  const waiting = declaration.id === 'unallocated-cases';
  const start = (waiting ? row.on : row.start) as IsoDate | null;
  const end = (waiting ? today : row.on) as IsoDate | null;
  return {
    caseId: row.caseId,
    reference: row.reference,
    childId: row.childId,
    childName: row.forename !== null && row.surname !== null ? fullName({ forename: row.forename, surname: row.surname, preferredName: row.preferredName }) : null,
    contactId: row.contactId,
    contactReference: row.contactReference,
    on: row.on,
    start: row.start,
    end: row.end,
    days: declaration.columns.days && start && end ? daysBetween(start, end) : null,
    counted: row.counted,
    detail: row.detail,
    officerName: row.officerName,
    stageName: row.stage === null ? null : (stageInfo(row.stage)?.name ?? row.stage),
  };
}

/** The question as the log of lists keeps it. */
function describe(declaration: MeasureDeclaration, question: ReportQuestion, part: MeasurePart, at?: Month): string {
  const filters = Object.entries(question.filters).map(([key, value]) => `${key} ${value}`);
  return [declaration.id, part, at === undefined ? `${question.period.from} to ${question.period.to}` : `at the end of ${at}`, ...filters].join(', ');
}
