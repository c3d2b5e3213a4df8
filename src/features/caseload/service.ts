import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { addDays, daysBetween, type BankHolidayCalendar, type IsoDate } from '../../domain/calendar/index.ts';
import {
  ASSESSMENT_STAGES,
  capacityTenths,
  caseWeight,
  DEFAULT_CAP_PER_FULL_TIME_TENTHS,
  formatTenths,
  LONG_WAIT_WORKING_DAYS,
  loadAgainstCapacity,
  loadFromCounts,
  longWaitCutoff,
  parseCap,
  parseWeight,
  phaseTransferBirthRanges,
  REVIEW_DEADLINE_IDS,
  WEIGHT_RULES,
  weightRulesFrom,
  type RuleCounts,
  type WeightRuleKey,
  type WeightRules,
} from '../../domain/caseload/index.ts';
import { fullName } from '../../domain/children/names.ts';
import { CASE_STAGES, stageInfo } from '../../domain/children/stages.ts';
import { nextDeadlineStatus } from '../../domain/clocks/status.ts';
import type { Clock } from '../../lib/clock.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldProblem } from '../../lib/errors.ts';
import { pageNumber } from '../../lib/page-number.ts';
import { recordAudit, recordListAccess } from '../audit/index.ts';
import { hasRole, MANAGER_ROLES, requireRole, type Actor } from '../auth/index.ts';
import * as caseloadRepository from './repository.ts';
import type { CaseloadCasesShow, CaseloadGroupRow } from './repository.ts';

export const UNALLOCATED_PAGE_SIZE = 50;
export const CASELOAD_CASES_PAGE_SIZE = 50;

/** "Due this week": from today to six days on, the same seven days whatever day it is. */
const WEEK_DAYS = 7;

const UUID = z.uuid();
const OPEN_STAGES: readonly string[] = CASE_STAGES.filter((stage) => stage !== 'closed');
const SHOWS: readonly CaseloadCasesShow[] = ['open', 'overdue', 'due-this-week', 'waiting-long'];

/** The caseloads page's filters as a query string gives them; anything unknown is dropped. */
export interface CaseloadFilters {
  stage?: string | undefined;
  /** The school's URN. */
  school?: string | undefined;
  /** A team's id, or 'all' for every team; a team manager's own team when not given. */
  team?: string | undefined;
}

/** The filters the page applies, checked. */
export interface AppliedCaseloadFilters {
  stage: string | undefined;
  school: number | undefined;
  /** The team shown, or undefined for every team. */
  team: string | undefined;
}

function appliedFilters(filters: CaseloadFilters): AppliedCaseloadFilters {
  const stage = filters.stage && OPEN_STAGES.includes(filters.stage) ? filters.stage : undefined;
  const school = filters.school && /^\d{1,9}$/.test(filters.school) ? Number(filters.school) : undefined;
  const team = filters.team && UUID.safeParse(filters.team).success ? filters.team : undefined;
  return { stage, school, team };
}

/**
 * Whose team a page opens on when none is asked for: a team manager's own (the team they manage),
 * so they see their team first; a service lead (the head of service) and an administrator see
 * every team. Any manager may still choose another team or all of them: managers across a
 * service read each other's caseloads, and nothing on these pages changes a case.
 */
export function ownTeamDefault(actor: Actor, asked: string | undefined): string | null {
  if (asked !== undefined && asked !== '') return null;
  return hasRole(actor, 'team_manager') && !hasRole(actor, 'service_lead', 'admin') ? actor.id : null;
}

const ruleCounts = (group: CaseloadGroupRow | undefined): RuleCounts =>
  group
    ? {
        'open-case': group.openCases,
        assessment: group.assessment,
        'phase-transfer': group.phaseTransfer,
        'no-placement': group.noPlacement,
        'review-overdue': group.reviewOverdue,
        restricted: group.restricted,
      }
    : {};

const WEIGHT_PROBLEMS = {
  missing: (name: string) => `Enter a weight for ${name}`,
  'not-a-number': (name: string) => `The weight for ${name} must be a number, like 1.5`,
  negative: (name: string) => `The weight for ${name} must be 0 or more: a weight is never negative`,
  'too-big': (name: string) => `The weight for ${name} must be 10 or less`,
  'too-precise': (name: string) => `The weight for ${name} must have no more than one decimal place, like 1.5`,
} as const;

const CAP_PROBLEMS = {
  missing: 'Enter the weighted load a full-time officer should hold at most',
  'not-a-number': 'The cap must be a number, like 40',
  'too-precise': 'The cap must have no more than one decimal place, like 37.5',
  'out-of-range': 'The cap must be more than 0 and no more than 500',
} as const;

/** The form field of a rule's weight. */
export const weightField = (key: WeightRuleKey) => `weight-${key}`;

export class CaseloadService {
  private readonly db: Database;
  private readonly clock: Clock;
  private readonly calendar: () => Promise<BankHolidayCalendar>;

  constructor(db: Database, clock: Clock, parts: { calendar: () => Promise<BankHolidayCalendar> }) {
    this.db = db;
    this.clock = clock;
    this.calendar = parts.calendar;
  }

  /**
   * The unallocated queue: every open case without an officer, whatever its deadlines, the one
   * waiting longest first, 50 to a page (fewer for the manager's home). The children on the page
   * go to the log of lists shown, under `view`.
   */
  async unallocatedQueue(actor: Actor, options: { page?: number; pageSize?: number } = {}, view = 'unallocated') {
    requireRole(actor, ...MANAGER_ROLES);
    const pageSize = Math.min(Math.max(1, Math.trunc(options.pageSize ?? UNALLOCATED_PAGE_SIZE)), UNALLOCATED_PAGE_SIZE);
    const asked = pageNumber(options.page);
    let queue = await caseloadRepository.listUnallocated(this.db, actor.authorityId, pageSize, (asked - 1) * pageSize);
    // A page past the end (cases allocated since the link was made) shows the last page.
    const lastPage = Math.max(1, Math.ceil(queue.total / pageSize));
    if (queue.rows.length === 0 && queue.total > 0 && asked > lastPage) {
      queue = await caseloadRepository.listUnallocated(this.db, actor.authorityId, pageSize, (lastPage - 1) * pageSize);
    }
    if (queue.rows.length > 0) await recordListAccess(this.db, this.clock, actor, view, queue.rows.map((row) => row.childId));
    const today = this.clock.today() as IsoDate;
    return {
      page: Math.min(asked, lastPage),
      pageCount: lastPage,
      total: queue.total,
      oldestSince: queue.oldestSince,
      daysOldestWaited: queue.oldestSince ? daysBetween(queue.oldestSince as IsoDate, today) : undefined,
      cases: queue.rows.map((row) => ({
        caseId: row.caseId,
        reference: row.reference,
        childId: row.childId,
        childName: fullName(row),
        stageName: stageInfo(row.stage)?.name ?? row.stage,
        unallocatedSince: row.unallocatedSince,
        daysWaiting: daysBetween(row.unallocatedSince as IsoDate, today),
        deadline: nextDeadlineStatus(row.nextDeadlineTitle, row.nextDeadlineOn, today),
      })),
    };
  }

  /**
   * The service's figures, with no child in them: open cases by stage, and the unallocated queue's
   * size and age. For managers, and for the improvement board, who see figures, not children.
   */
  async figures(actor: Actor) {
    requireRole(actor, ...MANAGER_ROLES, 'board_member');
    const [byStage, queue] = await Promise.all([
      caseloadRepository.countOpenCasesByStage(this.db, actor.authorityId),
      caseloadRepository.listUnallocated(this.db, actor.authorityId, 0, 0),
    ]);
    const counted = new Map(byStage.map((row) => [row.stage, row.cases]));
    const stages = CASE_STAGES.filter((stage) => stage !== 'closed').map((stage) => ({ stage, name: stageInfo(stage)!.name, cases: counted.get(stage) ?? 0 }));
    const today = this.clock.today() as IsoDate;
    return {
      openCases: byStage.reduce((total, row) => total + row.cases, 0),
      stages,
      unallocated: queue.total,
      unallocatedOldestSince: queue.oldestSince,
      daysOldestWaited: queue.oldestSince ? daysBetween(queue.oldestSince as IsoDate, today) : undefined,
    };
  }

  /**
   * The weighting rules in force and the cap per full-time officer, for the rules page: each rule
   * with what it counts, its default, the council's weight, and whether the service records what
   * it turns on yet. Managers read them; administrators change them. `savedAt` is when they were
   * last changed, for the form to send back: a save over someone else's change is refused.
   */
  async weightSettings(actor: Actor) {
    requireRole(actor, ...MANAGER_ROLES);
    const saved = await caseloadRepository.readWeightSettings(this.db, actor.authorityId);
    const rules = weightRulesFrom(saved.rules);
    const changed = new Set(saved.rules.map((row) => row.ruleKey));
    const stamps = [...saved.rules.map((row) => row.updatedAt), ...(saved.cap ? [saved.cap.updatedAt] : [])].sort();
    return {
      rules: WEIGHT_RULES.map((rule) => ({
        key: rule.key,
        field: weightField(rule.key),
        name: rule.name,
        description: rule.description,
        recorded: rule.recorded,
        tenths: rules[rule.key],
        weight: formatTenths(rules[rule.key]),
        defaultWeight: formatTenths(rule.defaultTenths),
        changed: changed.has(rule.key),
      })),
      capTenths: saved.cap?.tenths ?? DEFAULT_CAP_PER_FULL_TIME_TENTHS,
      cap: formatTenths(saved.cap?.tenths ?? DEFAULT_CAP_PER_FULL_TIME_TENTHS),
      defaultCap: formatTenths(DEFAULT_CAP_PER_FULL_TIME_TENTHS),
      savedAt: stamps.at(-1) ?? '',
      canChange: hasRole(actor, 'admin'),
    };
  }

  /**
   * Saves the council's weights and cap, all or none: each weight a number from 0 to 10 with at
   * most one decimal place (never negative), the cap above 0 and up to 500. Only what changed is
   * written, with who and when, and the change goes to the audit log, each value before and after.
   * Refused if another administrator saved since the form was opened.
   */
  async saveWeightSettings(actor: Actor, input: Record<string, string | undefined>): Promise<{ changed: number }> {
    requireRole(actor, 'admin');
    const problems: FieldProblem[] = [];
    const asked: Partial<Record<WeightRuleKey, number>> = {};
    for (const rule of WEIGHT_RULES) {
      const parsed = parseWeight(input[weightField(rule.key)] ?? '');
      if (parsed.ok) asked[rule.key] = parsed.tenths;
      else problems.push({ field: weightField(rule.key), message: WEIGHT_PROBLEMS[parsed.problem](rule.name) });
    }
    const cap = parseCap(input.cap ?? '');
    if (!cap.ok) problems.push({ field: 'cap', message: CAP_PROBLEMS[cap.problem] });
    if (problems.length > 0 || !cap.ok) throw new ValidationError(problems);
    const at = this.clock.now();
    return this.db.transaction(async (tx) => {
      await caseloadRepository.lockAuthority(tx, actor.authorityId);
      const saved = await caseloadRepository.readWeightSettings(tx, actor.authorityId);
      const stamps = [...saved.rules.map((row) => row.updatedAt), ...(saved.cap ? [saved.cap.updatedAt] : [])].sort();
      if ((stamps.at(-1) ?? '') !== (input.savedAt ?? '')) {
        throw new ConflictError('Another administrator changed the weights while you were editing them. Check each weight against the one now in force and save again');
      }
      const current = weightRulesFrom(saved.rules);
      const changes: Record<string, { from: string; to: string }> = {};
      for (const rule of WEIGHT_RULES) {
        const tenths = asked[rule.key]!;
        if (tenths === current[rule.key]) continue;
        await caseloadRepository.saveWeightRule(tx, actor.authorityId, rule.key, tenths, actor.id, at);
        changes[rule.key] = { from: formatTenths(current[rule.key]), to: formatTenths(tenths) };
      }
      const currentCap = saved.cap?.tenths ?? DEFAULT_CAP_PER_FULL_TIME_TENTHS;
      if (cap.tenths !== currentCap) {
        await caseloadRepository.saveCap(tx, actor.authorityId, cap.tenths, actor.id, at);
        changes.cap = { from: formatTenths(currentCap), to: formatTenths(cap.tenths) };
      }
      const changed = Object.keys(changes).length;
      if (changed > 0) await recordAudit(tx, this.clock, actor, { action: 'caseload.weights-changed', entityType: 'authority', entityId: actor.authorityId, details: changes });
      return { changed };
    });
  }

  /**
   * Every officer's caseload, for team managers and above: each active case officer (and anyone
   * else holding open cases) with their open cases, weighted load against their capacity (the
   * council's cap times their full-time equivalent), over capacity flagged, and the cases with a
   * deadline missed or due this week; then the unallocated queue, with how many have waited more
   * than 5 working days. Under the filters (stage, school), with no child named: the figures link to
   * the cases behind them, where the children shown are logged.
   */
  async caseloads(actor: Actor, filters: CaseloadFilters = {}) {
    requireRole(actor, ...MANAGER_ROLES);
    const applied = appliedFilters(filters);
    const today = this.clock.today() as IsoDate;
    const cutoff = longWaitCutoff(today, await this.calendar());
    const row = await caseloadRepository.readCaseloadSummary(this.db, actor.authorityId, {
      stage: applied.stage ?? null,
      schoolUrn: applied.school ?? null,
      today,
      weekEnd: addDays(today, WEEK_DAYS - 1),
      reviewDeadlineIds: REVIEW_DEADLINE_IDS,
      assessmentStages: ASSESSMENT_STAGES,
      birthRanges: phaseTransferBirthRanges(today),
      longWaitCutoff: cutoff,
      teamId: applied.team ?? null,
      ownTeamOf: ownTeamDefault(actor, filters.team),
    });
    const rules = weightRulesFrom(row.rules);
    const leaveOf = new Map<string, { coverName: string; startsOn: string; endsOn: string; current: boolean }>();
    for (const cover of row.covers) {
      if (!leaveOf.has(cover.officerId)) leaveOf.set(cover.officerId, { ...cover, current: cover.startsOn <= today });
    }
    const capPerFullTime = row.capTenths ?? DEFAULT_CAP_PER_FULL_TIME_TENTHS;
    const groups = new Map(row.groups.map((group) => [group.officerId, group]));
    const officers = row.officers.map((officer) => {
      const group = groups.get(officer.id);
      const load = loadAgainstCapacity(loadFromCounts(ruleCounts(group), rules), capacityTenths(capPerFullTime, officer.fteTenths));
      return {
        id: officer.id,
        name: officer.name,
        role: officer.role,
        active: officer.active,
        leavingOn: officer.leavingOn,
        since: officer.since,
        fte: formatTenths(officer.fteTenths),
        openCases: group?.openCases ?? 0,
        load,
        casesOverdue: group?.casesOverdue ?? 0,
        casesDueThisWeek: group?.casesDueThisWeek ?? 0,
        leave: leaveOf.get(officer.id),
      };
    });
    const queue = groups.get(null);
    const queueLoad = loadFromCounts(ruleCounts(queue), rules);
    const school = applied.school === undefined ? undefined : row.schools.find((entry) => entry.urn === applied.school);
    return {
      filters: {
        stage: applied.stage,
        stageName: applied.stage ? stageInfo(applied.stage)?.name : undefined,
        school: applied.school,
        schoolName: school?.name,
        team: row.teamId ?? undefined,
        teamName: row.teams.find((entry) => entry.id === row.teamId)?.name,
      },
      teams: row.teams,
      stages: OPEN_STAGES.map((stage) => ({ stage, name: stageInfo(stage)!.name })),
      schools: row.schools,
      officers,
      totals: {
        openCases: row.groups.reduce((sum, group) => sum + group.openCases, 0),
        heldCases: officers.reduce((sum, officer) => sum + officer.openCases, 0),
        load: officers.reduce((sum, officer) => sum + officer.load.loadTenths, 0),
        capacity: officers.filter((officer) => officer.active).reduce((sum, officer) => sum + officer.load.capacityTenths, 0),
        overCapacity: officers.filter((officer) => officer.load.over).length,
        casesOverdue: officers.reduce((sum, officer) => sum + officer.casesOverdue, 0),
        casesDueThisWeek: officers.reduce((sum, officer) => sum + officer.casesDueThisWeek, 0),
      },
      queue: {
        openCases: queue?.openCases ?? 0,
        load: queueLoad,
        casesOverdue: queue?.casesOverdue ?? 0,
        casesDueThisWeek: queue?.casesDueThisWeek ?? 0,
        longWaiting: queue?.longWaiting ?? 0,
        longWaitDays: LONG_WAIT_WORKING_DAYS,
        longWaitCutoff: cutoff,
        oldestSince: queue?.oldestSince ?? undefined,
      },
      capPerFullTime: formatTenths(capPerFullTime),
    };
  }

  /**
   * The open cases behind a figure of the caseloads page: an officer's (`officer` their id), the
   * queue's (`unallocated`) or everyone's, under the page's filters, and all of them or those with
   * a deadline missed, due this week, or waiting too long for an officer; each with its weight
   * explained. 50 to a page, the next deadline first; the children shown are logged.
   */
  async caseloadCases(actor: Actor, query: CaseloadFilters & { officer?: string | undefined; show?: string | undefined; page?: number | undefined }, view = 'caseload-cases') {
    requireRole(actor, ...MANAGER_ROLES);
    const applied = appliedFilters(query);
    const show: CaseloadCasesShow = query.show && (SHOWS as readonly string[]).includes(query.show) ? (query.show as CaseloadCasesShow) : 'open';
    const unallocatedOnly = query.officer === 'unallocated';
    let officerId: string | null = null;
    let officerName: string | undefined;
    if (query.officer && !unallocatedOnly) {
      officerName = UUID.safeParse(query.officer).success ? await caseloadRepository.findStaffName(this.db, actor.authorityId, query.officer) : undefined;
      if (officerName === undefined) throw new NotFoundError('No such officer');
      officerId = query.officer;
    }
    const today = this.clock.today() as IsoDate;
    const [calendar, saved] = await Promise.all([this.calendar(), caseloadRepository.readWeightSettings(this.db, actor.authorityId)]);
    const rules = weightRulesFrom(saved.rules);
    const cutoff = longWaitCutoff(today, calendar);
    const asked = pageNumber(query.page);
    const read = (page: number) =>
      caseloadRepository.listCaseloadCases(this.db, actor.authorityId, {
        officerId,
        unallocatedOnly,
        stage: applied.stage ?? null,
        schoolUrn: applied.school ?? null,
        show,
        today,
        weekEnd: addDays(today, WEEK_DAYS - 1),
        reviewDeadlineIds: REVIEW_DEADLINE_IDS,
        longWaitCutoff: cutoff,
        limit: CASELOAD_CASES_PAGE_SIZE,
        offset: (page - 1) * CASELOAD_CASES_PAGE_SIZE,
        teamId: applied.team ?? null,
      });
    let rows = await read(asked);
    let page = asked;
    // A page past the end (cases moved on since the link was made) shows the last page.
    if (rows.length === 0 && asked > 1) {
      const all = await read(1);
      const total = all[0]?.total ?? 0;
      page = Math.max(1, Math.ceil(total / CASELOAD_CASES_PAGE_SIZE));
      rows = page === 1 ? all : await read(page);
    }
    if (rows.length > 0) await recordListAccess(this.db, this.clock, actor, view, rows.map((entry) => entry.childId));
    const total = rows[0]?.total ?? 0;
    return {
      officer: unallocatedOnly ? ('unallocated' as const) : officerId ? { id: officerId, name: officerName! } : undefined,
      show,
      filters: applied,
      page,
      pageCount: Math.max(1, Math.ceil(total / CASELOAD_CASES_PAGE_SIZE)),
      total,
      longWaitCutoff: cutoff,
      cases: rows.map((entry) => ({
        caseId: entry.caseId,
        reference: entry.reference,
        childId: entry.childId,
        childName: fullName(entry),
        stageName: stageInfo(entry.stage)?.name ?? entry.stage,
        unallocatedSince: entry.unallocatedSince,
        deadline: nextDeadlineStatus(entry.nextDeadlineTitle, entry.nextDeadlineOn, today),
        weight: this.weightOf(entry, rules, today),
      })),
    };
  }

  /**
   * What the hand-over of an officer's whole caseload is worked out from: each open case they hold
   * with its weight explained and its child's school, and every other active case officer not
   * leaving, with their weighted load, capacity, cases at each school and months in post. Read
   * only; the caller logs the children it shows.
   */
  async handoverFacts(actor: Actor, officerId: string) {
    requireRole(actor, ...MANAGER_ROLES);
    if (!UUID.safeParse(officerId).success) throw new NotFoundError('No such officer');
    const today = this.clock.today() as IsoDate;
    const [summary, saved, rows, bySchool] = await Promise.all([
      // Every team's officers: a hand-over may go to anyone in the service, whatever the manager's own team.
      this.caseloads(actor, { team: 'all' }),
      caseloadRepository.readWeightSettings(this.db, actor.authorityId),
      caseloadRepository.listHandoverCases(this.db, actor.authorityId, officerId, today, REVIEW_DEADLINE_IDS),
      caseloadRepository.countCasesBySchool(this.db, actor.authorityId),
    ]);
    const leaver = summary.officers.find((entry) => entry.id === officerId);
    if (!leaver) throw new NotFoundError('No such officer');
    const rules = weightRulesFrom(saved.rules);
    const schools = new Map<string, Record<string, number>>();
    for (const row of bySchool) schools.set(row.officerId, { ...schools.get(row.officerId), [row.schoolId]: row.cases });
    return {
      officer: { id: leaver.id, name: leaver.name, leavingOn: leaver.leavingOn, active: leaver.active, load: leaver.load },
      cases: rows.map((row) => ({
        caseId: row.caseId,
        reference: row.reference,
        childId: row.childId,
        childName: fullName(row),
        stageName: stageInfo(row.stage)?.name ?? row.stage,
        school: row.schoolId ? { id: row.schoolId, name: row.schoolName ?? '' } : null,
        weight: caseWeight({ stage: row.stage, dateOfBirth: row.dateOfBirth as IsoDate, hasSchool: row.schoolId !== null, sensitive: row.sensitive, reviewOverdue: row.reviewOverdue }, rules, today),
        // Appeals to the tribunal are not recorded yet.
        liveAppeal: false,
      })),
      recipients: summary.officers
        .filter((entry) => entry.id !== officerId && entry.active && entry.role === 'case_officer' && entry.leavingOn === null)
        .map((entry) => ({
          id: entry.id,
          name: entry.name,
          loadTenths: entry.load.loadTenths,
          capacityTenths: entry.load.capacityTenths,
          casesAtSchool: schools.get(entry.id) ?? {},
          monthsInPost: monthsBetween(entry.since, today),
        })),
    };
  }

  /**
   * What the cap of an allocation is checked against: the officer's weighted load now and their
   * capacity (the council's cap times their full-time equivalent), and what the cases would add.
   * Undefined when the officer is not one the caseloads count (the allocation refuses them).
   */
  async loadWithCases(actor: Actor, officerId: string, caseIds: readonly string[]): Promise<{ name: string; loadTenths: number; capacityTenths: number; addedTenths: number } | undefined> {
    requireRole(actor, ...MANAGER_ROLES);
    const today = this.clock.today() as IsoDate;
    const [summary, saved, rows] = await Promise.all([
      this.caseloads(actor, { team: 'all' }),
      caseloadRepository.readWeightSettings(this.db, actor.authorityId),
      caseloadRepository.listCaseWeights(this.db, actor.authorityId, caseIds.filter((id) => UUID.safeParse(id).success), today, REVIEW_DEADLINE_IDS),
    ]);
    const officer = summary.officers.find((entry) => entry.id === officerId);
    if (!officer) return undefined;
    const rules = weightRulesFrom(saved.rules);
    const addedTenths = rows.reduce(
      (sum, row) => sum + caseWeight({ stage: row.stage, dateOfBirth: row.dateOfBirth as IsoDate, hasSchool: row.hasSchool, sensitive: row.sensitive, reviewOverdue: row.reviewOverdue }, rules, today).tenths,
      0,
    );
    return { name: officer.name, loadTenths: officer.load.loadTenths, capacityTenths: officer.load.capacityTenths, addedTenths };
  }

  private weightOf(entry: caseloadRepository.CaseloadCaseRow, rules: WeightRules, today: IsoDate) {
    return caseWeight(
      { stage: entry.stage, dateOfBirth: entry.dateOfBirth as IsoDate, hasSchool: entry.hasSchool, sensitive: entry.sensitive, reviewOverdue: entry.reviewOverdue },
      rules,
      today,
    );
  }
}

/** Whole months from one day to another (0 if the second is earlier). */
function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return Math.max(0, (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0));
}
