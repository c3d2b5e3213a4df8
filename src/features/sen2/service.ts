// The DfE's SEN2 return from the case data: the census population read a page of children at a
// time, each child's Person decided by the pure mapping (src/domain/sen2), checked by the DfE's
// rules the data allows, and written as XML as it goes, so a council of any size, or all 153, is
// made in the same memory. The same pass gives the validation report a data officer works through:
// every child whose record fails a rule is listed with the rule and the case to fix, and is in the
// file too, never dropped. For team managers, service leads and administrators; every child in a
// report or a file goes to the log of lists shown.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Database } from '../../db/database.ts';
import { checkIsoDate, dateParts, type IsoDate } from '../../domain/calendar/dates.ts';
import { fullName } from '../../domain/children/names.ts';
import { planContentSchema, type PlanContent } from '../../domain/plans/content.ts';
import {
  SEN2_RULES,
  SEN2_XML_END,
  sen2Period,
  sen2Person,
  sen2PersonXml,
  sen2XmlStart,
  validateSen2Person,
  type Sen2CaseInput,
  type Sen2Event,
  type Sen2Period,
  type Sen2Person,
} from '../../domain/sen2/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { recordListAccess } from '../audit/index.ts';
import { MANAGER_ROLES, requireRole, type Actor } from '../auth/index.ts';
import * as repository from './repository.ts';

/** Children read a page at a time. */
export const SEN2_PAGE_SIZE = 1000;
/** A rule's failures the report lists by name; the count is always the whole. */
export const SEN2_REPORT_LIMIT = 100;
const FIRST_UUID = '00000000-0000-0000-0000-000000000000';

/** The figures of a return, counted from the records written. */
export interface Sen2Counts {
  persons: number;
  requests: number;
  /** Requests received in the year, and the decisions whether to assess made in it. */
  requestsReceived: number;
  requestsAgreed: number;
  requestsRefused: number;
  requestsWithdrawn: number;
  /** Assessments that ended in the year: a plan to be issued, or none. */
  assessmentsToPlan: number;
  assessmentsNoPlan: number;
  /** Plans issued in the year, and how many within 20 weeks (exceptions excluded). */
  plansIssued: number;
  plansIssuedWithin20Weeks: number;
  /** Plans maintained on the census date. */
  activePlans: number;
  /** Plans that ceased in the year. */
  plansCeased: number;
}

export interface Sen2ProblemEntry {
  childId: string;
  childName: string;
  caseId: string | null;
  reference: string | null;
  message: string;
}

export interface Sen2RuleGroup {
  rule: string;
  title: string;
  count: number;
  entries: Sen2ProblemEntry[];
}

export interface Sen2Result {
  authority: { id: string; name: string; laCode: string };
  period: Sen2Period;
  counts: Sen2Counts;
  /** Children with at least one failure. */
  childrenWithProblems: number;
  problems: number;
  groups: Sen2RuleGroup[];
}

/** The census date checked: a real date, not in the future. */
export function checkCensusDate(value: string | undefined, today: IsoDate): IsoDate {
  const given = (value ?? '').trim();
  if (!given) throw new ValidationError([{ field: 'censusDate', message: 'Enter the census date' }]);
  const checked = checkIsoDate(given);
  if (!checked.ok || checked.date < '2000-01-01') throw new ValidationError([{ field: 'censusDate', message: 'The census date must be a real date, for example 15 1 2026' }]);
  if (checked.date > today) throw new ValidationError([{ field: 'censusDate', message: 'The census date must be today or in the past' }]);
  return checked.date;
}

const emptyCounts = (): Sen2Counts => ({
  persons: 0,
  requests: 0,
  requestsReceived: 0,
  requestsAgreed: 0,
  requestsRefused: 0,
  requestsWithdrawn: 0,
  assessmentsToPlan: 0,
  assessmentsNoPlan: 0,
  plansIssued: 0,
  plansIssuedWithin20Weeks: 0,
  activePlans: 0,
  plansCeased: 0,
});

const inYear = (date: string | null | undefined, period: Sen2Period) => !!date && date >= period.from && date <= period.to;

function count(counts: Sen2Counts, person: Sen2Person, period: Sen2Period): void {
  counts.persons += 1;
  for (const request of person.requests) {
    counts.requests += 1;
    // A plan received from another council (H): its request was made to that council, not this one.
    if (inYear(request.receivedDate, period) && request.requestOutcome !== 'H') counts.requestsReceived += 1;
    if (inYear(request.requestOutcomeDate, period)) {
      if (request.requestOutcome === 'Y') counts.requestsAgreed += 1;
      if (request.requestOutcome === 'N') counts.requestsRefused += 1;
      if (request.requestOutcome === 'W') counts.requestsWithdrawn += 1;
    }
    const assessment = request.assessment;
    if (assessment && inYear(assessment.outcomeDate, period)) {
      if (assessment.outcome === 'Y') counts.assessmentsToPlan += 1;
      if (assessment.outcome === 'N') counts.assessmentsNoPlan += 1;
    }
    const plan = assessment?.namedPlan;
    if (plan && inYear(plan.startDate, period)) {
      counts.plansIssued += 1;
      if (assessment?.week20 === 1) counts.plansIssuedWithin20Weeks += 1;
    }
    if (plan && inYear(plan.ceaseDate, period)) counts.plansCeased += 1;
    if (request.activePlan) counts.activePlans += 1;
  }
}

function contentOf(raw: unknown): PlanContent | null {
  const parsed = planContentSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** The page's rows as each child's facts. */
function childrenOf(rows: repository.Sen2PageRows) {
  const corrected = new Set(rows.events.map((event) => event.correctsEventId).filter(Boolean));
  const eventsByCase = new Map<string, Sen2Event[]>();
  for (const event of rows.events) {
    const list = eventsByCase.get(event.caseId) ?? [];
    list.push({ type: event.type, occurredOn: event.occurredOn as IsoDate, corrected: corrected.has(event.id), ...(event.payload ? { payload: event.payload } : {}) });
    eventsByCase.set(event.caseId, list);
  }
  const versionsByCase = new Map<string, repository.Sen2PlanVersionRow[]>();
  for (const version of rows.planVersions) versionsByCase.set(version.caseId, [...(versionsByCase.get(version.caseId) ?? []), version]);
  const casesByChild = new Map<string, (Sen2CaseInput & { reference: string })[]>();
  for (const row of rows.cases) {
    const versions = versionsByCase.get(row.id) ?? [];
    const first = versions.find((version) => version.status === 'final');
    const current = versions.at(-1);
    const list = casesByChild.get(row.childId) ?? [];
    list.push({
      caseId: row.id,
      reference: row.reference,
      closedOn: row.closedOn as IsoDate | null,
      events: eventsByCase.get(row.id) ?? [],
      requestSource: row.source,
      firstPlan: first ? contentOf(first.content) : null,
      currentPlan: current ? contentOf(current.content) : null,
    });
    casesByChild.set(row.childId, list);
  }
  return rows.children.map((child) => ({
    childId: child.id,
    forename: child.forename,
    surname: child.surname,
    dateOfBirth: child.dateOfBirth as IsoDate,
    sex: child.sex,
    ethnicity: child.ethnicity,
    postcode: child.postcode,
    upn: child.upn,
    uln: child.uln,
    upnUnknown: child.upnUnknown,
    cases: casesByChild.get(child.id) ?? [],
  }));
}

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

export class Sen2Service {
  /** Where the access log is written: the primary. */
  private readonly db: Database;
  /** Where the return is read from: a streaming replica when the council runs one (ADR 0027). */
  private readonly reads: Database;
  private readonly clock: Clock;

  constructor(db: Database, clock: Clock, options: { reads?: Database } = {}) {
    this.db = db;
    this.reads = options.reads ?? db;
    this.clock = clock;
  }

  /** Every authority with its LA code, for a return of each. */
  async authorities(): Promise<repository.Sen2AuthorityRow[]> {
    return repository.listAuthorities(this.reads);
  }

  /** The authority of an LA code in use now; a clear refusal for one that is not. */
  async authorityOfLaCode(laCode: string): Promise<repository.Sen2AuthorityRow> {
    const found = (await this.authorities()).find((entry) => entry.laCode === laCode.trim());
    if (!found) throw new NotFoundError(`There is no local authority with the LA code ${laCode}`);
    return found;
  }

  /** The validation report of the return for a census date: the figures and every failure, by rule. */
  async report(actor: Actor, censusDate: string | undefined): Promise<Sen2Result> {
    requireRole(actor, ...MANAGER_ROLES);
    const period = sen2Period(checkCensusDate(censusDate, this.clock.today() as IsoDate));
    const result = await this.pass(actor, period, null);
    const listed = [...new Set(result.groups.flatMap((group) => group.entries.map((entry) => entry.childId)))];
    if (listed.length > 0) await recordListAccess(this.db, this.clock, actor, 'sen2-validation', listed, `census ${period.censusDate}`);
    return result;
  }

  /**
   * The return's XML for a census date, written to `out` as it is made (the caller ends `out`);
   * every child in it goes to the log of lists shown. Children whose records fail a rule are in
   * the file as their records stand, and in the result's groups.
   */
  async export(actor: Actor, censusDate: string | undefined, out: Writable): Promise<Sen2Result> {
    requireRole(actor, ...MANAGER_ROLES);
    const period = sen2Period(checkCensusDate(censusDate, this.clock.today() as IsoDate));
    return this.pass(actor, period, out);
  }

  /** Whether the actor may make the return: team managers, service leads and administrators. */
  checkAccess(actor: Actor): void {
    requireRole(actor, ...MANAGER_ROLES);
  }

  /** The actor's authority with its LA code. */
  async authorityOf(actor: Actor): Promise<repository.Sen2AuthorityRow> {
    const authority = (await this.authorities()).find((entry) => entry.id === actor.authorityId);
    if (!authority) throw new NotFoundError('This authority has no LA code in use');
    return authority;
  }

  /** The census date checked, before a download starts. */
  checkCensusDate(censusDate: string | undefined): IsoDate {
    return checkCensusDate(censusDate, this.clock.today() as IsoDate);
  }

  private async pass(actor: Actor, period: Sen2Period, out: Writable | null): Promise<Sen2Result> {
    const authority = await this.authorityOf(actor);
    const counts = emptyCounts();
    const groups = new Map(SEN2_RULES.map((rule) => [rule.id, { rule: rule.id, title: rule.title, count: 0, entries: [] as Sen2ProblemEntry[] }]));
    let problems = 0;
    let childrenWithProblems = 0;
    const exported: string[] = [];
    if (out) {
      const now = new Date(this.clock.now());
      await write(
        out,
        sen2XmlStart({ laCode: authority.laCode, censusDate: period.censusDate, year: dateParts(period.censusDate).year, softwareCode: 'SEND Casework', release: '1', serialNo: 1, dateTime: now.toISOString().slice(0, 19) }),
      );
    }
    let after = FIRST_UUID;
    for (;;) {
      const ids = await repository.populationPage(this.reads, authority.id, { after, censusDate: period.censusDate, from: period.from, limit: SEN2_PAGE_SIZE });
      if (ids.length === 0) break;
      after = ids.at(-1)!;
      const rows = await repository.pageRows(this.reads, authority.id, ids, { censusDate: period.censusDate, from: period.from });
      let chunk = '';
      for (const child of childrenOf(rows)) {
        const person = sen2Person(child, period);
        if (!person) continue;
        count(counts, person, period);
        if (out) {
          chunk += sen2PersonXml(person);
          exported.push(person.childId);
        }
        const found = validateSen2Person(person, period);
        if (found.length === 0) continue;
        childrenWithProblems += 1;
        problems += found.length;
        const references = new Map(child.cases.map((entry) => [entry.caseId, entry.reference]));
        for (const problem of found) {
          const group = groups.get(problem.rule)!;
          group.count += 1;
          if (group.entries.length < SEN2_REPORT_LIMIT) {
            group.entries.push({ childId: child.childId, childName: fullName(child), caseId: problem.caseId, reference: problem.caseId ? (references.get(problem.caseId) ?? null) : null, message: problem.message });
          }
        }
      }
      if (out && chunk) await write(out, chunk);
      if (ids.length < SEN2_PAGE_SIZE) break;
    }
    if (out) {
      await write(out, SEN2_XML_END);
      if (exported.length > 0) await recordListAccess(this.db, this.clock, actor, 'sen2-return', exported, `census ${period.censusDate}`);
    }
    return {
      authority,
      period,
      counts,
      childrenWithProblems,
      problems,
      groups: [...groups.values()].filter((group) => group.count > 0),
    };
  }
}
