// The improvement plan's public page, which a council may choose to publish for families: the
// measures a manager chose, each with a sentence in plain words, its figure now, its target and
// whether it is on trajectory, its last 12 months, and the plan's areas with their actions'
// statuses. No one is named on it (no child, no member of staff), and no count of 1 to 4 is shown
// (src/domain/improvement/small-numbers.ts). Managers choose what it shows; anyone may read it
// once it is published, and no one before.
import type { Database } from '../../db/database.ts';
import type { IsoDate } from '../../domain/calendar/index.ts';
import {
  ACTION_STATUS_NAMES,
  overMonths,
  publicFigure,
  trajectory,
  withheldAsSmall,
  type ActionStatus,
  type Better,
  type PublicFigure,
  type TrajectoryStatus,
} from '../../domain/improvement/index.ts';
import { addMonthsToMonth, monthName, monthOf } from '../../domain/reporting/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { NotFoundError, ValidationError, type FieldProblem } from '../../lib/errors.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { recordAudit, recordListAccess } from '../audit/index.ts';
import { MANAGER_ROLES, requireRole, systemActor, type Actor } from '../auth/index.ts';
import { measure, type MeasureDeclaration } from '../reporting/index.ts';
import * as repository from './repository.ts';
import type { MeasureSource } from './service.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A council's LA code: three digits. Anything else is no council, answered without the database. */
const LA_CODE = /^\d{3}$/;
/** The longest sentence for families about a measure. */
export const EXPLANATION_LIMIT = 400;
/** How long the public page's figures are kept before they are read again. */
export const PUBLIC_PAGE_CACHE_MS = 5 * 60_000;

/** A measure bound to the plan, as the manager's form offers it. */
export interface PublicMeasureChoice {
  bindingId: string;
  title: string;
  /** The area or action it is bound to. */
  boundTo: string;
  unit: 'percent' | 'count';
  targetValue: number;
  targetOn: string;
  selected: boolean;
  explanation: string;
}

export interface PublicPageSettings {
  published: boolean;
  /** The page's address, for the council to link to. */
  address: string | undefined;
  choices: PublicMeasureChoice[];
}

export interface PublicPageInput {
  /** 'yes' or 'no'. */
  published?: string;
  /** The ids of the bindings (measures bound to the plan) to show, in the plan's order. */
  measures?: readonly string[];
  /** Each measure's sentence for families, by binding id. */
  explanations?: Readonly<Record<string, string>>;
}

/** One measure as the public sees it: its figures with small numbers withheld, and no one named. */
export interface PublicMeasureView {
  measureId: string;
  title: string;
  explanation: string;
  unit: 'percent' | 'count';
  better: Better;
  timing: 'monthly' | 'now';
  current: PublicFigure;
  /** What the figure covers: today, or the last three months. */
  currentOver: string;
  baselineValue: number;
  baselineOn: string;
  targetValue: number;
  targetOn: string;
  /** Withheld when the figure is: on or off the line would say what it hides. */
  trajectory: TrajectoryStatus | 'withheld';
  months: { month: string; figure: PublicFigure }[];
}

export interface PublicPlanView {
  councilName: string;
  asAt: string;
  measures: PublicMeasureView[];
  /** The plan's areas in plain words: titles, and their actions' titles and statuses (never their owners). */
  areas: { title: string; actions: { title: string; status: ActionStatus; statusName: string }[] }[];
}

export class ImprovementPublicPageService {
  private readonly db: Database;
  private readonly clock: Clock;
  private readonly measures: MeasureSource;
  private readonly cacheMs: number;
  /**
   * Each council's page as last worked out (or that it has none), by LA code, for a few minutes:
   * anyone may ask for the page as often as they like, and each asking would otherwise read the
   * case data for every figure. The promise is kept, so visitors arriving together share one
   * reading. At most one entry per three-digit code. A change to the page empties it.
   */
  private readonly cache = new Map<string, { until: number; page: Promise<PublicPlanView | undefined> }>();

  constructor(db: Database, clock: Clock, sources: { measures: MeasureSource }, options: { cacheMs?: number } = {}) {
    this.db = db;
    this.clock = clock;
    this.measures = sources.measures;
    this.cacheMs = options.cacheMs ?? PUBLIC_PAGE_CACHE_MS;
  }

  // --- The manager's choices --------------------------------------------------------------------

  /** Whether the page is published and which measures it shows, among those bound to the plan; managers only. */
  async settings(actor: Actor): Promise<PublicPageSettings> {
    requireRole(actor, ...MANAGER_ROLES);
    const [page, shown, bound, laCode] = await Promise.all([
      repository.findPublicPage(this.db, actor.authorityId),
      repository.listPublicMeasures(this.db, actor.authorityId),
      this.boundMeasures(actor.authorityId),
      repository.findLaCode(this.db, actor.authorityId),
    ]);
    const selected = new Map(shown.map((row) => [row.bindingId, row]));
    // The plan's measures and targets name no child: the log of lists keeps who looked, with no children.
    await recordListAccess(this.db, this.clock, actor, 'improvement-public-page-settings', [], 'the public page’s settings');
    return {
      published: page?.published ?? false,
      address: laCode ? publicPageAddress(laCode) : undefined,
      choices: bound.map((entry) => ({ ...entry, selected: selected.has(entry.bindingId), explanation: selected.get(entry.bindingId)?.explanation ?? '' })),
    };
  }

  /** The public page's address when the council has published it, for the plan's page to link to. */
  /**
   * Every council's published public page (its name and address), for the service's start page,
   * which anyone may read: none until a manager publishes one. Names no one, so no view is logged.
   */
  async publishedPages(): Promise<{ councilName: string; href: string }[]> {
    const rows = await repository.listPublishedPages(this.db);
    return rows.map((row) => ({ councilName: row.name, href: publicPageAddress(row.laCode) }));
  }

  async publishedAddress(actor: Actor): Promise<string | undefined> {
    const [page, laCode] = await Promise.all([repository.findPublicPage(this.db, actor.authorityId), repository.findLaCode(this.db, actor.authorityId)]);
    return page?.published && laCode ? publicPageAddress(laCode) : undefined;
  }

  /**
   * Publishes the page or takes it down, and sets the measures it shows with their sentences for
   * families. Each change goes to the plan's change log and the audit log, in one transaction.
   */
  async saveSettings(actor: Actor, input: PublicPageInput): Promise<void> {
    requireRole(actor, ...MANAGER_ROLES);
    const problems: FieldProblem[] = [];
    const published = input.published === 'yes' ? true : input.published === 'no' ? false : undefined;
    if (published === undefined) problems.push({ field: 'published', message: 'Select whether to publish the page' });
    const bound = await this.boundMeasures(actor.authorityId);
    const boundIds = new Set(bound.map((entry) => entry.bindingId));
    const asked = [...new Set((input.measures ?? []).map((value) => value.trim()).filter((value) => value !== ''))];
    const unknown = asked.find((value) => !UUID.test(value) || !boundIds.has(value));
    if (unknown !== undefined) {
      problems.push({ field: 'measures', message: `Select measures from the list: “${unknown.slice(0, 80)}” is not a measure bound to the plan` });
    } else if (published && asked.length === 0) {
      problems.push({ field: 'measures', message: 'Select at least one measure for the page, or choose not to publish it' });
    }
    const chosen = bound.filter((entry) => asked.includes(entry.bindingId));
    // A measure bound twice (to an area and to an action) has one figure: families see it once, with one target.
    const twice = chosen.find((entry, index) => chosen.findIndex((other) => other.title === entry.title) !== index);
    if (twice) problems.push({ field: 'measures', message: `Choose “${twice.title}” once: it is bound to the plan more than once, and the page shows each measure once, with one target` });
    const explanations = new Map<string, string>();
    for (const entry of chosen) {
      const text = (input.explanations?.[entry.bindingId] ?? '').trim().replace(/\s+/g, ' ');
      if (text.length > EXPLANATION_LIMIT) problems.push({ field: `explanation-${entry.bindingId}`, message: `What “${entry.title}” means for families must be ${EXPLANATION_LIMIT} characters or fewer` });
      explanations.set(entry.bindingId, text);
    }
    if (problems.length > 0) throw new ValidationError(problems);

    await this.db.transaction(async (tx) => {
      const now = this.clock.now();
      // The page's row is made on its first change: until then it is unpublished and shows nothing.
      const page = (await repository.findPublicPage(tx, actor.authorityId, true)) ?? { id: uuidv7(), published: false };
      const before = await repository.listPublicMeasures(tx, actor.authorityId);
      const titleOf = new Map(bound.map((entry) => [entry.bindingId, `${entry.title} (${entry.boundTo})`]));
      const subject = 'The public page';
      const changes: { what: string; before: string | null; after: string | null }[] = [];
      if (published !== page.published) changes.push({ what: 'Published', before: page.published ? 'Published' : 'Not published', after: published ? 'Published' : 'Not published' });
      const listOf = (ids: readonly string[]) => (ids.length ? ids.map((id) => titleOf.get(id) ?? id).join('; ') : 'None');
      const beforeIds = before.map((row) => row.bindingId);
      const afterIds = chosen.map((entry) => entry.bindingId);
      if (beforeIds.join() !== afterIds.join()) changes.push({ what: 'Measures shown', before: listOf(beforeIds), after: listOf(afterIds) });
      const beforeText = new Map(before.map((row) => [row.bindingId, row.explanation]));
      for (const entry of chosen) {
        const was = beforeText.get(entry.bindingId) ?? '';
        const is = explanations.get(entry.bindingId) ?? '';
        if (was !== is) changes.push({ what: `What “${entry.title}” means for families`, before: was || null, after: is || null });
      }
      if (changes.length === 0) return;
      await repository.ensurePublicPage(tx, { id: page.id, authorityId: actor.authorityId, published: false, updatedAt: now });
      // Another manager's first change may have made the row in the meantime: its id is the page's.
      const pageId = (await repository.findPublicPage(tx, actor.authorityId, true))!.id;
      await repository.updatePublicPage(tx, actor.authorityId, { published: published!, updatedAt: now });
      await repository.replacePublicMeasures(
        tx,
        actor.authorityId,
        chosen.map((entry, index) => ({ authorityId: actor.authorityId, bindingId: entry.bindingId, explanation: explanations.get(entry.bindingId) ?? '', position: index + 1 })),
      );
      const byName = actor.name ?? (await repository.staffName(tx, actor.authorityId, actor.id)) ?? (actor.kind === 'system' ? 'The system' : actor.id);
      await repository.insertChanges(
        tx,
        changes.map((change) => ({ id: uuidv7(), authorityId: actor.authorityId, at: now, byId: actor.id, byName, entityType: 'public-page', entityId: pageId, subject, ...change, reason: null })),
      );
      await recordAudit(tx, this.clock, actor, {
        action: 'improvement.public-page-changed',
        entityType: 'improvement_public_page',
        entityId: pageId,
        details: { published: published!, measures: afterIds.length, changes: changes.map((change) => change.what) },
      });
    });
    // The page shows the change at once, whatever was kept of it.
    this.cache.clear();
  }

  // --- The page itself ----------------------------------------------------------------------------

  /**
   * The council's published page, by its LA code, for anyone (no sign-in). NotFoundError for a
   * code that is no council's, and for a council that has not published its page.
   *
   * No view of it goes to the access log: the log is of people who looked at someone's data, and
   * this page holds no one's (no child, no member of staff, no count small enough to point at a
   * child). Logging every anonymous view would also let anyone fill the log.
   */
  async publicPage(laCode: string): Promise<PublicPlanView> {
    if (!LA_CODE.test(laCode)) throw new NotFoundError('No such page');
    const now = this.clock.now().getTime();
    let entry = this.cache.get(laCode);
    if (!entry || entry.until <= now) {
      entry = { until: now + this.cacheMs, page: this.readPublicPage(laCode) };
      this.cache.set(laCode, entry);
      // A failed reading is not kept: the next visitor tries again.
      entry.page.catch(() => this.cache.delete(laCode));
    }
    const page = await entry.page;
    if (!page) throw new NotFoundError('No such page');
    return page;
  }

  private async readPublicPage(laCode: string): Promise<PublicPlanView | undefined> {
    const council = await repository.findCouncilByLaCode(this.db, laCode);
    if (!council) return undefined;
    const page = await repository.findPublicPage(this.db, council.id);
    if (!page?.published) return undefined;
    const [shown, bindings, areas, actions] = await Promise.all([
      repository.listPublicMeasures(this.db, council.id),
      repository.listMeasures(this.db, council.id),
      repository.listAreas(this.db, council.id),
      repository.listActions(this.db, council.id),
    ]);
    // The figures are the service's, read as the system reads them for the council: the page
    // itself shows only what small-numbers rules let through.
    const reader = systemActor(council.id, 'improvement-public-page');
    const today = this.clock.today() as IsoDate;
    const byId = new Map(bindings.map((row) => [row.id, row]));
    const measures: PublicMeasureView[] = [];
    for (const row of shown) {
      const binding = byId.get(row.bindingId);
      const declaration = binding ? measure(binding.measureId) : undefined;
      if (!binding || !declaration) continue;
      measures.push(await this.publicMeasure(reader, declaration, binding, row.explanation, today));
    }
    return {
      councilName: council.name,
      asAt: today,
      measures,
      areas: areas.map((area) => ({
        title: area.title,
        actions: actions
          .filter((action) => action.areaId === area.id)
          .map((action) => ({ title: action.title, status: action.status as ActionStatus, statusName: ACTION_STATUS_NAMES[action.status as ActionStatus] })),
      })),
    };
  }

  private async publicMeasure(reader: Actor, declaration: MeasureDeclaration, binding: repository.MeasureRow, explanation: string, today: IsoDate): Promise<PublicMeasureView> {
    const thisMonth = monthOf(today);
    const lastThree = { from: addMonthsToMonth(thisMonth, -2), to: thisMonth };
    const [value, series] = await Promise.all([
      this.measures.measureValue(reader, declaration.id, declaration.timing === 'now' ? {} : lastThree),
      this.measures.measureSeries(reader, declaration.id, {}),
    ]);
    const months = series.map((month) => ({ month: month.month, figure: publicFigure({ unit: declaration.unit, value: month.value, numerator: month.numerator, denominator: month.denominator }) }));
    // A monthly measure's figure now is its last three months', which the table shows one by one.
    const figure = publicFigure({ unit: declaration.unit, value: value.value, numerator: value.numerator, denominator: value.denominator });
    const lastThreeMonths = months.filter((month) => month.month >= lastThree.from && month.month <= lastThree.to).map((month) => month.figure);
    const current = declaration.timing === 'monthly' ? overMonths(figure, lastThreeMonths) : figure;
    const where = trajectory(
      { baselineValue: binding.baselineValue, baselineOn: binding.baselineOn as IsoDate, targetValue: binding.targetValue, targetOn: binding.targetOn as IsoDate, better: declaration.better },
      value.value,
      today,
    );
    return {
      measureId: declaration.id,
      title: declaration.title,
      explanation,
      unit: declaration.unit,
      better: declaration.better,
      timing: declaration.timing,
      current,
      currentOver: declaration.timing === 'now' ? 'Today' : `${monthName(lastThree.from)} to ${monthName(lastThree.to)}`,
      baselineValue: binding.baselineValue,
      baselineOn: binding.baselineOn,
      targetValue: binding.targetValue,
      targetOn: binding.targetOn,
      trajectory: withheldAsSmall(current) ? 'withheld' : where.status,
      months,
    };
  }

  /** The measures bound to the plan, in the plan's order (areas, then their actions), with what each is bound to. */
  private async boundMeasures(authorityId: string): Promise<Omit<PublicMeasureChoice, 'selected' | 'explanation'>[]> {
    const [bindings, areas, actions] = await Promise.all([repository.listMeasures(this.db, authorityId), repository.listAreas(this.db, authorityId), repository.listActions(this.db, authorityId)]);
    const choices: Omit<PublicMeasureChoice, 'selected' | 'explanation'>[] = [];
    const add = (row: repository.MeasureRow, boundTo: string) => {
      const declaration = measure(row.measureId);
      if (declaration) choices.push({ bindingId: row.id, title: declaration.title, boundTo, unit: declaration.unit, targetValue: row.targetValue, targetOn: row.targetOn });
    };
    for (const area of areas) {
      for (const row of bindings.filter((entry) => entry.areaId === area.id)) add(row, `area: ${area.title}`);
      for (const action of actions.filter((entry) => entry.areaId === area.id)) {
        for (const row of bindings.filter((entry) => entry.actionId === action.id)) add(row, `action: ${action.title}`);
      }
    }
    return choices;
  }
}

/** The public page's address for a council's LA code. */
export function publicPageAddress(laCode: string): string {
  return `/our-improvement-plan/${encodeURIComponent(laCode)}`;
}
