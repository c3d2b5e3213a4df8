// Decision-making panels: the meetings arranged (a date and a title), the cases officers bring to
// them, and the recommendation the panel makes on each. The panel recommends; an officer with
// the authority decides (the decisions service).
import type { Database } from '../../db/database.ts';
import { addDays, parseIsoDate, type IsoDate } from '../../domain/calendar/index.ts';
import { fullName } from '../../domain/children/names.ts';
import { sen2RequestFacts } from '../../domain/events/index.ts';
import { londonDateOf, type Clock } from '../../lib/clock.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldProblem } from '../../lib/errors.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { recordAudit, recordListAccess } from '../audit/index.ts';
import { CASEWORK_ROLES, requireRole, type Actor } from '../auth/index.ts';
import { staffNames } from '../users/index.ts';
import { caseHistory, requireOpenCase } from '../cases/index.ts';
import { maySeeRestricted, requireCaseAccess } from '../children/index.ts';
import { writeOnce, type Written } from '../requests/index.ts';
import * as repository from './repository.ts';
import { isOneOf, RECOMMENDATIONS_FOR, TEXT_LIMIT, type Question, type Recommendation } from './terms.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Past panels listed: the last few months' worth of a weekly panel. */
const PAST_PANELS = 20;

export interface PanelView {
  id: string;
  heldOn: string;
  title: string;
}

export interface PanelSummary extends PanelView {
  /** Cases on the agenda. */
  cases: number;
  /** Of them, those without the panel's recommendation yet. */
  awaiting: number;
}

export interface PanelCaseView {
  id: string;
  panelId: string;
  caseId: string;
  question: Question;
  broughtOn: string;
  recommendation: Recommendation | null;
  note: string | null;
}

export interface AgendaEntry extends PanelCaseView {
  childId: string;
  /** Undefined for a restricted record this viewer may not see: the agenda says only that a restricted case is on it. */
  childName: string | undefined;
  reference: string;
  closed: boolean;
  broughtBy: string;
  recommendedBy: string | null;
  /** The decision that followed the panel's recommendation, once made. */
  decision: { outcome: 'agree' | 'refuse'; decidedOn: string } | null;
}

export interface Agenda {
  panel: PanelView;
  /** The panel has met (its day has come): its recommendations can be recorded. */
  met: boolean;
  entries: AgendaEntry[];
}

export class PanelService {
  private readonly db: Database;
  private readonly clock: Clock;

  constructor(db: Database, clock: Clock) {
    this.db = db;
    this.clock = clock;
  }

  /** The panels to come, soonest first, and those held, the latest first. No child is named. */
  async listPanels(actor: Actor): Promise<{ upcoming: PanelSummary[]; past: PanelSummary[] }> {
    requireRole(actor, ...CASEWORK_ROLES);
    const today = this.clock.today();
    const [upcoming, past] = await Promise.all([
      repository.listPanelsFrom(this.db, actor.authorityId, today, 100),
      repository.listPanelsBefore(this.db, actor.authorityId, today, PAST_PANELS),
    ]);
    return { upcoming, past };
  }

  /** Arranges a panel: the day it meets (within a year either side of today) and its title. */
  async createPanel(actor: Actor, input: { heldOn: string; title: string }, options: { idempotencyKey?: string } = {}): Promise<Written<PanelView>> {
    requireRole(actor, ...CASEWORK_ROLES);
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'panel.create', target: '', input }, async () => {
      const problems: FieldProblem[] = [];
      const heldOn = parseIsoDate(input.heldOn);
      const today = this.clock.today() as IsoDate;
      if (!heldOn) problems.push({ field: 'heldOn', message: 'Enter the date the panel meets as a real date' });
      else if (heldOn > addDays(today, 366) || heldOn < addDays(today, -366)) problems.push({ field: 'heldOn', message: 'The panel must meet within a year of today' });
      const title = (input.title ?? '').trim();
      if (!title) problems.push({ field: 'title', message: 'Enter the panel’s name' });
      else if (title.length > 200) problems.push({ field: 'title', message: 'The panel’s name must be 200 characters or fewer' });
      if (problems.length > 0) throw new ValidationError(problems);
      return async (tx) => {
        const id = uuidv7();
        await repository.insertPanel(tx, { id, authorityId: actor.authorityId, heldOn: heldOn!, title, createdBy: actor.id, createdAt: this.clock.now() });
        await recordAudit(tx, this.clock, actor, { action: 'panel.created', entityType: 'decision_panel', entityId: id, details: { heldOn } });
        return { id, heldOn: heldOn!, title };
      };
    });
  }

  /**
   * A panel's agenda: each case brought to it, its question, and the recommendation once made.
   * A restricted child's name is shown only to those who may see their record; the children
   * named are written to the list access log.
   */
  async agenda(actor: Actor, panelId: string, view = 'panel'): Promise<Agenda> {
    requireRole(actor, ...CASEWORK_ROLES);
    const panel = await this.requirePanel(actor, panelId);
    const rows = await repository.listAgenda(this.db, actor.authorityId, panelId);
    const [names, decisions] = await Promise.all([
      staffNames(this.db, actor.authorityId, rows.flatMap((row) => [row.broughtBy, ...(row.recommendedBy ? [row.recommendedBy] : [])])),
      repository.listDecisionsFollowing(this.db, actor.authorityId, rows.map((row) => row.id)),
    ]);
    const entries = rows.map((row): AgendaEntry => {
      const visible = !row.sensitive || maySeeRestricted(actor, row.closedOn ? null : row.officerId);
      const decision = decisions.find((entry) => entry.panelCaseId === row.id);
      return {
        id: row.id,
        panelId,
        caseId: row.caseId,
        question: row.question as Question,
        broughtOn: londonDateOf(row.broughtAt),
        recommendation: row.recommendation as Recommendation | null,
        note: row.recommendationNote,
        childId: row.childId,
        childName: visible ? fullName(row) : undefined,
        reference: row.reference,
        closed: row.closedOn !== null,
        broughtBy: names.get(row.broughtBy) ?? 'The service',
        recommendedBy: row.recommendedBy ? (names.get(row.recommendedBy) ?? 'The service') : null,
        decision: decision ? { outcome: decision.outcome as 'agree' | 'refuse', decidedOn: decision.decidedOn } : null,
      };
    });
    const named = entries.filter((entry) => entry.childName !== undefined).map((entry) => entry.childId);
    if (named.length > 0) await recordListAccess(this.db, this.clock, actor, view, named);
    return { panel: { id: panel.id, heldOn: panel.heldOn, title: panel.title }, met: panel.heldOn <= this.clock.today(), entries };
  }

  /**
   * Brings a case to a panel, for the question the case is waiting on: whether to assess (a
   * request not yet decided) or whether to issue a plan (an assessment not yet concluded).
   */
  async bringToPanel(actor: Actor, caseId: string, input: { panelId: string }, options: { idempotencyKey?: string } = {}): Promise<Written<PanelCaseView>> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!UUID.test(caseId)) throw new NotFoundError('No such case');
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'panel.bring-case', target: caseId, input }, async () => {
      if (typeof input.panelId !== 'string' || !input.panelId) throw new ValidationError([{ field: 'panelId', message: 'Choose the panel to bring the case to' }]);
      const panel = await this.requirePanel(actor, input.panelId);
      await requireCaseAccess(this.db, this.clock, actor, caseId, 'bring-to-panel');
      return async (tx) => {
        await requireOpenCase(tx, actor, caseId);
        const question = waitingOn(await caseHistory(tx, actor.authorityId, caseId));
        if (!question) throw new ConflictError('This case is not waiting for a decision a panel recommends on: whether to assess, or whether to issue a plan after the assessment');
        const id = uuidv7();
        const now = this.clock.now();
        if (!(await repository.insertPanelCase(tx, { id, authorityId: actor.authorityId, panelId: panel.id, caseId, question, broughtBy: actor.id, broughtAt: now }))) {
          throw new ConflictError('This case is already on that panel’s agenda');
        }
        await recordAudit(tx, this.clock, actor, { action: 'panel.case-brought', entityType: 'ehc_case', entityId: caseId, details: { panelId: panel.id, panelCaseId: id, question } });
        return { id, panelId: panel.id, caseId, question, broughtOn: londonDateOf(now), recommendation: null, note: null };
      };
    });
  }

  /**
   * Records the panel's recommendation on a case on its agenda, once the panel has met: one of
   * those its question allows, with a note (needed to defer: what the panel is waiting for).
   */
  async recordRecommendation(
    actor: Actor,
    panelId: string,
    caseId: string,
    input: { recommendation: string; note?: string | undefined },
    options: { idempotencyKey?: string } = {},
  ): Promise<Written<PanelCaseView>> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!UUID.test(caseId)) throw new NotFoundError('No such case on this panel’s agenda');
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'panel.recommendation', target: `${panelId}/${caseId}`, input }, async () => {
      const panel = await this.requirePanel(actor, panelId);
      const onAgenda = await repository.findPanelCase(this.db, actor.authorityId, panelId, caseId);
      if (!onAgenda) throw new NotFoundError('No such case on this panel’s agenda');
      await requireCaseAccess(this.db, this.clock, actor, caseId, 'panel-recommendation');
      const question = onAgenda.question as Question;
      const problems: FieldProblem[] = [];
      const allowed = RECOMMENDATIONS_FOR[question];
      if (!isOneOf(allowed, input.recommendation)) problems.push({ field: 'recommendation', message: 'Select the panel’s recommendation' });
      const note = (input.note ?? '').trim();
      if (note.length > TEXT_LIMIT) problems.push({ field: 'note', message: 'The note must be 5,000 characters or fewer' });
      else if (input.recommendation === 'defer' && !note) problems.push({ field: 'note', message: 'Say what the panel is waiting for before it recommends' });
      if (panel.heldOn > this.clock.today()) problems.push({ field: 'recommendation', message: `The panel meets on ${panel.heldOn}: record its recommendation once it has met` });
      if (problems.length > 0) throw new ValidationError(problems);
      const recommendation = input.recommendation as Recommendation;
      return async (tx) => {
        const saved = await repository.setRecommendation(tx, actor.authorityId, onAgenda.id, { recommendation, note: note || null, by: actor.id, at: this.clock.now() });
        if (!saved) throw new ConflictError('The panel’s recommendation on this case is already recorded');
        await recordAudit(tx, this.clock, actor, { action: 'panel.recommendation-recorded', entityType: 'ehc_case', entityId: caseId, details: { panelId, panelCaseId: onAgenda.id, recommendation } });
        return { id: onAgenda.id, panelId, caseId, question, broughtOn: londonDateOf(onAgenda.broughtAt), recommendation, note: note || null };
      };
    });
  }

  /** The panels an officer may bring a case to: those to come, and those of the last four weeks (a case added after the meeting). */
  async panelsToBringTo(actor: Actor): Promise<PanelSummary[]> {
    requireRole(actor, ...CASEWORK_ROLES);
    return repository.listPanelsFrom(this.db, actor.authorityId, addDays(this.clock.today() as IsoDate, -28), 100);
  }

  private async requirePanel(actor: Actor, panelId: string) {
    if (!UUID.test(panelId)) throw new NotFoundError('No such panel');
    const panel = await repository.findPanel(this.db, actor.authorityId, panelId);
    if (!panel) throw new NotFoundError('No such panel');
    return panel;
  }
}

/** The question a case's history leaves waiting for a decision, if any. */
export function waitingOn(history: Parameters<typeof sen2RequestFacts>[0]): Question | undefined {
  const facts = sen2RequestFacts(history);
  if (facts.requestOutcome.code === 'A') return 'assess';
  if (facts.requestOutcome.code === 'Y' && facts.assessmentOutcome?.code === 'A') return 'issue-plan';
  return undefined;
}
