import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { Database } from '../../db/database.ts';
import { NICKNAMES } from '../../db/seed/names.ts';
import { addDays, addMonths, dateFromParts, earlierOf, laterOf, type IsoDate } from '../../domain/calendar/index.ts';
import type { EthnicityCode, SenNeedType } from '../../domain/sen2/codes.ts';
import { isRecordedLate } from '../../domain/children/request-dates.ts';
import { upnCheckLetter } from '../../domain/children/upn.ts';
import { checkPlan } from '../../domain/plans/check.ts';
import type { CaseEventType } from '../../domain/events/index.ts';
import type { ImprovementPlanService, ImprovementPublicPageService } from '../improvement-plan/index.ts';
import { SCHOOLS_REGISTER_SAMPLE, type SchoolsImportService } from '../schools-import/index.ts';
import { CASES_IMPORT_SAMPLE, folderSource, readMappingFile, type CasesImportService } from '../cases-import/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { onePagePdf } from '../../lib/one-page-pdf.ts';
import { longDate } from '../../web/long-date.ts';
import { seededRandom } from '../../lib/random.ts';
import { emailTaken, listUsers, systemActor, type Actor, type AuthService, type PortalActor, type StaffService } from '../auth/index.ts';
import type { AdviceService, NewAdviceRequest } from '../advice/index.ts';
import type { AllocationService } from '../allocation/index.ts';
import { caseHistory } from '../cases/index.ts';
import type { DecisionService, PanelService } from '../assessment/index.ts';
import type { CaseProgressService } from '../case-progress/index.ts';
import type { ConsultationsService } from '../consultations/index.ts';
import type { ContactsService } from '../contacts/index.ts';
import type { CoverService } from '../cover/index.ts';
import type { TeamsService } from '../teams/index.ts';
import type { ChildrenService } from '../children/index.ts';
import type { PeopleService } from '../people/index.ts';
import { currentTransferYear } from '../phase-transfers/index.ts';
import type { PlansService } from '../plans/index.ts';
import type { PortalAuthService } from '../portal-auth/index.ts';
import type { PortalFamilyService } from '../portal-family/index.ts';
import type { PlanChangesService } from '../plan-changes/index.ts';
import type { AppealsService } from '../appeals/index.ts';
import { listSchoolsByLaCode, type SchoolRecord } from '../reference/index.ts';
import type { RequestsService } from '../requests/index.ts';
import type { ReviewsService } from '../reviews/index.ts';
import type { TransfersService } from '../transfers/index.ts';
import type { UsersService } from '../users/index.ts';
import { giveUpJob } from '../jobs/index.ts';
import { sendLetter } from '../letters/index.ts';
import { personRecipient, queueMessage } from '../outbox/index.ts';
import * as demoRepository from './repository.ts';

/** A case in assessment, to ask advice for. */
interface DemoAssessment {
  actor: Actor;
  caseId: string;
  childId: string;
}

/** A new request's acknowledgement letter, to the child's parent. */
interface DemoLetter {
  personId: string;
  withheld: boolean;
  childId: string;
  caseId: string;
  reference: string;
  actor: Actor;
}

// Demo data for trying the service: about 200 children at every stage of the journey, held by
// the demo officers (a few unallocated), made through the same services staff use, so every
// case has its events, deadlines and audit trail. Deterministic: the same seed gives the same data.

const FORENAMES = ['Amelia', 'Olivia', 'Isla', 'Ava', 'Mia', 'Zoë', 'Aisha', 'Maryam', 'Fatima', 'Chloe', 'Ruby', 'Grace', 'Noah', 'Muhammad', 'Oliver', 'George', 'Leo', 'Harry', 'Jack', 'Yusuf', 'Ibrahim', 'Kacper', 'Tomás', 'Oisín', 'Kwame', 'Ethan', 'Arjun', 'Ayaan', 'Freddie', 'Theo'];
const SURNAMES = ['Smith', 'Jones', 'Khan', 'Ahmed', 'Patel', 'Begum', 'Hussain', 'Williams', 'Brown', 'Taylor', 'O’Brien', 'Wilson', 'Evans', 'Thomas', 'Roberts', 'Nowak', 'Singh', 'Ali', 'Campbell', 'Murphy', 'Okafor', 'Mensah', 'Davies', 'Clarke', 'Walker-Hughes', 'Wright', 'Green', 'Hall', 'Wood', 'Kowalski'];
const PARENT_FORENAMES = ['Sarah', 'Nadia', 'Emma', 'Samina', 'Joanne', 'Agnieszka', 'David', 'Imran', 'Michael', 'Chidi'];
const RELATIONSHIPS = ['mother', 'mother', 'mother', 'father', 'father', 'carer', 'foster-carer', 'grandparent'] as const;

/** Deterministic draws for synthetic data: the same seed gives the same demo data. */
function randomSource(seed: number) {
  const next = seededRandom(seed);
  return {
    next,
    int: (low: number, high: number) => low + Math.floor(next() * (high - low + 1)),
    pick: <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!,
  };
}

/** A valid UPN from the body's first nine digits and a serial, the serial moved on past any already given. */
function uniqueUpn(prefix: string, serial: number, given: Set<string>): string {
  for (let offset = 0; ; offset += 1) {
    const body = `${prefix}${String(((serial - 1 + offset) % 999) + 1).padStart(3, '0')}`;
    const upn = `${upnCheckLetter(body)}${body}`;
    if (!given.has(upn)) {
      given.add(upn);
      return upn;
    }
  }
}

type DemoStage = 'request' | 'assessment' | 'draft' | 'plan' | 'review' | 'closed';
const STAGE_MIX: [DemoStage, number][] = [
  ['request', 0.18],
  ['assessment', 0.15],
  ['draft', 0.08],
  ['plan', 0.42],
  ['review', 0.12],
  ['closed', 0.05],
];

export const EXTRA_DEMO_OFFICERS = [
  { email: 'officer2@send-demo.example', name: 'Daniel Osei' },
  { email: 'officer3@send-demo.example', name: 'Priya Sharma' },
  { email: 'officer4@send-demo.example', name: 'Hannah Doyle' },
];

/** Who makes the demo's decisions when no team manager or service lead is there yet (the demo's accounts make one). */
export const DEMO_DECISION_MAKER = { email: 'lead@send-demo.example', name: 'Joanna Mensah' };

/** A member of staff who has left: their account deactivated, so the users page shows one. */
export const FORMER_DEMO_OFFICER = { email: 'former.officer@send-demo.example', name: 'Sam Whitaker' };

interface DemoServices {
  portalAuth: PortalAuthService;
  portalFamily: PortalFamilyService;
  requests: RequestsService;
  caseProgress: CaseProgressService;
  staff: StaffService;
  users: UsersService;
  auth: AuthService;
  children: ChildrenService;
  people: PeopleService;
  advice: AdviceService;
  panels: PanelService;
  decisions: DecisionService;
  allocation: AllocationService;
  teams: TeamsService;
  cover: CoverService;
  plans: PlansService;
  consultations: ConsultationsService;
  reviews: ReviewsService;
  transfers: TransfersService;
  planChanges: PlanChangesService;
  appeals: AppealsService;
  contacts: ContactsService;
  improvementPlan: ImprovementPlanService;
  casesImport: CasesImportService;
  schoolsImport: SchoolsImportService;
  improvementPublicPage: ImprovementPublicPageService;
}

/** The demo's decision-making: the panels of the last eight weeks and the next two, and who decides. */
interface DemoDecisions {
  decisionMaker: Actor;
  panels: { id: string; heldOn: IsoDate }[];
  random: ReturnType<typeof randomSource>;
  /** How each closed case closed, in turn, so that even a small demo has one of each. */
  closings: number;
  /** The plans written so far, for each to take the next of the demo's needs. */
  plans: number;
}

const CLOSINGS = ['withdrawn', 'no-plan', 'refused', 'refused', 'refused'] as const;

/** The children the phase-transfer and moves showcase adds. */
const TRANSFER_SHOWCASE_CHILDREN = 8;
/** The two children whose plans were appealed: one appeal through to its order carried out, one with its hearing to come. */
const APPEAL_SHOWCASE_CHILDREN = 2;
/** Last calendar year's refused request and plan ceased, for the SEN2 return. */
const LAST_YEAR_SHOWCASE_CHILDREN = 2;
/** The child whose family is invited to the portal. */
const PORTAL_SHOWCASE_CHILDREN = 3;

/**
 * The portal's demo accounts (outside production only): a parent invited to the family portal,
 * whose invitation waits in the outbox with its sign-in link, and a school's administrator whose
 * authenticator app is set up from this fixed secret. The secret is printed in the README so
 * anyone trying the demo can make codes: it protects nothing real and is never used elsewhere.
 */
export const DEMO_PORTAL_PARENT = { email: 'parent@send-demo.example', forename: 'Sana', surname: 'Farooq', child: 'Yasmin' };
export const DEMO_PORTAL_SCHOOL_ADMIN = { email: 'senco@send-demo.example', name: 'Helen Price' };
export const DEMO_PORTAL_TOTP_SECRET = 'DEMOONLYDEMOONLYDEMOONLYDEMOONLY';
/** The demo's educational psychologist, on the portal with the same demo-only authenticator secret. */
export const DEMO_PORTAL_ADVICE_GIVER = { email: 'ep@send-demo.example', name: 'Dr Priya Shah', organisation: 'Demo City Educational Psychology Service', adviceKind: 'psychological' };

/** The plan the phase-transfer showcase's finalised children have. */
const TRANSFER_PLAN = {
  b: [{ id: 'b-move-1', type: 'ASD' as const, primary: true, description: 'Finds changes of routine and new places very hard; needs to be prepared for them well ahead.' }],
  e: [{ id: 'e-move-1', description: 'Moves between lessons at secondary school with a visual timetable and without adult help.', needIds: ['b-move-1'], achieveBy: 'End of Year 7' }],
  f: [
    {
      id: 'f-move-1',
      what: 'A transition programme: six visits to the secondary school in the summer term, a photo book of the school and a named key adult there.',
      needIds: ['b-move-1'],
      outcomeIds: ['e-move-1'],
      providerRole: 'SENCo of the secondary school',
      providerQualification: 'National award for SEN co-ordination',
      frequency: 'Six visits',
      duration: 'An hour a visit, in the summer term',
      groupSize: 'One to one',
      location: 'The secondary school',
    },
  ],
};

/**
 * The needs the demo's plans set out in section B, one a plan in turn: about as often as the DfE
 * finds each primary need among plans (autism most, then speech and language, social, emotional
 * and mental health, and learning difficulties), each with the outcome and the provision that
 * answer it, so every plan in force tells the SEN2 return its needs.
 */
const DEMO_PLAN_NEEDS: readonly { type: SenNeedType; need: string; outcome: string; provision: string; provider: string }[] = [
  { type: 'ASD', need: 'Finds it hard to understand what others mean and feel, and to cope with changes of routine.', outcome: 'Copes with a change to the day’s timetable when warned with a visual schedule.', provision: 'A visual timetable and a daily check-in with a named adult to prepare for changes.', provider: 'Teaching assistant' },
  { type: 'SLCN', need: 'Finds it hard to follow spoken instructions of more than one step and to find the words needed.', outcome: 'Follows a two-step instruction in class without adult help.', provision: 'A speech and language therapy programme set by the therapist and practised in class.', provider: 'Speech and language therapist' },
  { type: 'SEMH', need: 'Becomes very anxious in busy places and has found it hard to attend school regularly.', outcome: 'Attends school for at least nine in ten sessions over a term.', provision: 'Sessions with a trained mentor on managing anxiety, and a quiet place to go when needed.', provider: 'Learning mentor' },
  { type: 'ASD', need: 'Finds noisy rooms overwhelming and needs help to take part in group work.', outcome: 'Takes part in a small-group task for 15 minutes with one prompt.', provision: 'Small-group social communication sessions with a trained adult.', provider: 'Teaching assistant' },
  { type: 'MLD', need: 'Learns more slowly than most children of the same age in reading, writing and number.', outcome: 'Reads and understands a short text at the level of the year below.', provision: 'A structured literacy and numeracy programme taught in a small group.', provider: 'Specialist teacher' },
  { type: 'SLCN', need: 'Speech is hard for unfamiliar people to understand.', outcome: 'Is understood by unfamiliar adults in most short conversations.', provision: 'Speech sound therapy, with exercises practised daily in class.', provider: 'Speech and language therapist' },
  { type: 'SPLD', need: 'Reads and spells well below the expected level, though understands ideas well when they are spoken.', outcome: 'Reads a book for their age with help on only a few words.', provision: 'A structured, multi-sensory reading and spelling programme.', provider: 'Specialist teacher' },
  { type: 'ASD', need: 'Has strong sensory sensitivities and finds unstructured times of the day hard.', outcome: 'Uses a sensory plan to stay settled through lunchtime.', provision: 'A sensory plan from the occupational therapist, with movement breaks through the day.', provider: 'Occupational therapist' },
  { type: 'SEMH', need: 'Finds it hard to manage strong feelings and to keep friendships.', outcome: 'Names a feeling and uses an agreed strategy to calm down, with one prompt.', provision: 'A nurture group and a weekly session with the school counsellor.', provider: 'School counsellor' },
  { type: 'SLD', need: 'Has severe difficulties with learning and needs help with most everyday tasks.', outcome: 'Makes choices using symbols and a communication book.', provision: 'A sensory and symbol-based curriculum with an adult always on hand.', provider: 'Special school teacher' },
  { type: 'PD', need: 'Uses a wheelchair and needs help with moving and with personal care.', outcome: 'Moves around the school independently in the wheelchair.', provision: 'A physiotherapy programme and a trained adult for moving and personal care.', provider: 'Physiotherapist' },
  { type: 'HI', need: 'Has a moderate hearing loss and misses much of what is said in class.', outcome: 'Follows class discussion with a radio aid.', provision: 'A radio aid and weekly visits from the teacher of the deaf.', provider: 'Qualified teacher of the deaf' },
];

/** The open cases of the officer who is leaving: a whole post's caseload, for the hand-over to spread. */
export const LEAVER_CASES = 60;

/** Why the demo's manager takes an officer over the cap: every demo officer holds more than a real post would. */
const DEMO_OVER_CAP_REASON = 'The team holds a vacant post’s cases until it is filled';

/** Requests received in the last ten weeks: their families are written to as their decisions are made. */
const RECENT_DAYS = 70;

const REASONS_TO_ASSESS = [
  'The school’s evidence shows needs it cannot meet from its own resources: the graduated approach has been followed for over a year and progress has stalled. An assessment is needed to find out what provision is required.',
  'The educational psychologist’s report and the paediatrician’s letter show significant and long-term needs in communication and interaction. The school has used its notional SEN budget and the needs may call for special educational provision through a plan.',
  'The family’s and the setting’s views agree that needs have increased since the move to the nursery; the evidence of an assess-plan-do-review cycle shows the support available is not enough.',
];
const REASONS_NOT_TO_ASSESS = [
  'The school’s SEN support plan was put in place this term and is showing progress in reading and attendance. The evidence does not yet show needs the school cannot meet from its own resources; we suggest a review at the end of the spring term.',
  'There is no evidence yet of the graduated approach: the school has not tried targeted support or sought advice from the specialist teaching service. The panel asked the school to do so and to share the outcomes.',
];
const REASONS_NO_PLAN = [
  'The assessment shows the school can meet the needs from its own resources with the advice given by the educational psychologist and the speech and language therapist. A plan is not necessary; the advice has been shared with the school.',
];
const WITHDRAWAL_REASONS = [
  'The family have moved to another council’s area and will make a new request there.',
  'The parent asked to withdraw the request while the school tries the new support plan.',
];

/**
 * A hundred slots of DfE ethnicity codes, about as a large English city's children are spread
 * (DfE school census): White British most, then Pakistani, other White, Black African, mixed,
 * Indian and Bangladeshi, with a few refused and not yet obtained.
 */
const ETHNICITY_SPREAD: readonly EthnicityCode[] = (
  [
    ['WBRI', 60], ['WOTH', 5], ['WIRI', 1], ['WROM', 1], ['WIRT', 1],
    ['MWBC', 2], ['MWBA', 1], ['MWAS', 2], ['MOTH', 2],
    ['AIND', 3], ['APKN', 6], ['ABAN', 2], ['AOTH', 2],
    ['BAFR', 4], ['BCRB', 1], ['BOTH', 1],
    ['CHNE', 1], ['OOTH', 2], ['REFU', 2], ['NOBT', 1],
  ] as const
).flatMap(([code, weight]) => Array.from({ length: weight }, () => code));

export class DemoDataService {
  private readonly db: Database;
  private readonly clock: Clock;
  private readonly services: DemoServices;

  constructor(db: Database, clock: Clock, services: DemoServices) {
    this.db = db;
    this.clock = clock;
    this.services = services;
  }

  /** True when the authority has no children yet, so demo data may be added without mixing. */
  async isEmpty(authorityId: string): Promise<boolean> {
    return (await demoRepository.countChildren(this.db, authorityId)) === 0;
  }

  async seedDemo(authorityId: string, options: { children?: number; seed?: number } = {}): Promise<{ children: number; unallocated: number }> {
    const random = randomSource(options.seed ?? 20_261_123);
    const total = options.children ?? 200;
    const seeder = systemActor(authorityId, 'seed');
    const officers = await this.demoOfficers(authorityId, seeder);
    const decisions = await this.demoDecisions(authorityId, seeder, options.seed ?? 20_261_123);
    const schools = await listSchoolsByLaCode(this.db, '999');
    const openSchools = schools.filter((entry) => entry.status === 'Open');
    const today = this.clock.today() as IsoDate;
    let unallocated = 0;
    const letters: DemoLetter[] = [];
    const viewed: string[] = [];
    // For the report of unusual access: an open case's child for each officer holding one, and a restricted record.
    const unusual: { heldBy: Map<string, string>; restricted?: string } = { heldBy: new Map() };
    // A UPN is one child's: a body drawn twice takes the next free serial instead.
    const upnsGiven = new Set<string>();
    const assessed: DemoAssessment[] = [];
    // Cases whose draft plan is out, with their officer: one shows the family's response and the schools consulted.
    const drafts: { actor: Actor; caseId: string }[] = [];
    // Cases to show a change of holder on: some waiting in the queue, some of the first officer's.
    const queued: string[] = [];
    const heldByFirst: string[] = [];
    // Open cases an officer holds, with the day their request came, to give some a past wait in the queue.
    const heldSince: { caseId: string; received: IsoDate }[] = [];
    // The officer leaving (the last of four or more) and the others who share the rest.
    const leaver = officers.length > 3 ? officers.at(-1) : undefined;
    const rotation = officers.slice(1, leaver ? -1 : undefined);
    let leaverCases = 0;

    for (let index = 0; index < total; index += 1) {
      const stage = this.pickStage(random.next());
      const ageYears = stage === 'request' || stage === 'assessment' ? random.int(2, 15) : random.int(4, 19);
      const dateOfBirth = addDays(addMonths(today, -12 * ageYears), -random.int(0, 364));
      const forename = random.pick(FORENAMES);
      const surname = random.pick(SURNAMES);
      const prefix = `${random.int(100, 999)}${String(random.int(2000, 7999))}${String(random.int(10, 25))}`;
      const serial = random.int(1, 999);
      const upn = ageYears >= 4 && random.next() < 0.9 ? uniqueUpn(prefix, serial, upnsGiven) : undefined;
      // Officers hold most cases; the first demo officer holds enough to need a second page, and
      // the last (who is leaving) a whole post's caseload to hand over, the others the rest.
      const roll = random.next();
      const holder: Actor | undefined =
        roll < 0.05
          ? undefined
          : roll < 0.42
            ? officers[0]
            : leaver && leaverCases < LEAVER_CASES && stage !== 'closed'
              ? leaver
              : rotation.length > 0
                ? rotation[index % rotation.length]
                : officers[0];
      if (holder && holder === leaver) leaverCases += 1;
      if (!holder) unallocated += 1;
      const received = this.receivedDateFor(stage, today, random);
      // Drawn in this order, the same seed giving the same children.
      const source = random.pick([1, 1, 1, 2, 2, 3, 4, 5]);
      // Only a name people really go by (Mo for Muhammad), never a name cut short.
      const preferredName = NICKNAMES[forename] !== undefined && random.next() < 0.25 ? NICKNAMES[forename] : undefined;
      const sex = random.pick(['M', 'M', 'F', 'F', 'U'] as const);
      const postcode = `DC${random.int(1, 9)} ${random.int(1, 9)}${random.pick(['AB', 'DE', 'HJ', 'NP', 'QT', 'XY'])}`;
      const school = schoolFor(openSchools, ageYears, random);
      const created = await this.services.requests.recordRequest(holder ?? seeder, {
        receivedOn: received,
        source,
        // The demo's older cases stand for cases carried over when the service started.
        ...(isRecordedLate(received as IsoDate, today) ? { recordedLateReason: 'Carried over from the previous case management system' } : {}),
        // Children drawn at random may share a name and a birthday; they are different children.
        confirmedNewChild: true,
        child: { forename, surname, preferredName, dateOfBirth, sex, upn, postcode, schoolId: school?.id },
      });
      // The family of a recent request is on the record before its decisions, which write to them;
      // an older case's decisions went out before the service held the family's address.
      const parentDetails = this.parentDetails(surname, random);
      const recent = received >= addDays(today, -RECENT_DAYS);
      const parent = recent ? await this.addParent(holder ?? seeder, created.childId, parentDetails) : undefined;
      await this.advance(holder ?? seeder, created.caseId, stage, received as IsoDate, today, random, decisions, school);
      const family = parent ?? (await this.addParent(holder ?? seeder, created.childId, parentDetails));
      if (stage === 'request' && (letters.length < 6 || (family.withheld && !letters.some((letter) => letter.withheld)))) {
        letters.push({ ...family, childId: created.childId, caseId: created.caseId, reference: created.reference, actor: holder ?? seeder });
      }
      if (stage === 'assessment') assessed.push({ actor: holder ?? seeder, caseId: created.caseId, childId: created.childId });
      if (stage === 'draft' && holder) drafts.push({ actor: holder, caseId: created.caseId });
      if (!holder) await demoRepository.waitingSince(this.db, authorityId, created.caseId, received);
      if (!holder) queued.push(created.caseId);
      else if (holder === officers[0] && stage !== 'closed') heldByFirst.push(created.caseId);
      else if (stage !== 'closed') heldSince.push({ caseId: created.caseId, received: received as IsoDate });
      if (index % 67 === 5) await demoRepository.markSensitive(this.db, authorityId, created.childId);
      if (index % 67 === 5 && holder) unusual.restricted ??= created.childId;
      if (holder && stage !== 'closed' && !unusual.heldBy.has(holder.id)) unusual.heldBy.set(holder.id, created.childId);
      if (holder === officers[0] && viewed.length < 5) viewed.push(created.childId);
    }
    await this.askForAdvice(assessed, today, random);
    await this.draftResponses(drafts, openSchools, today, officers[0]);
    const reviewChildren = await this.reviewShowcase(officers[0]!, decisions, openSchools, today);
    await this.contactsShowcase(officers[0]!, viewed, today);
    await this.queueLetters(authorityId, letters);
    await this.letterShowcase(authorityId, officers[0]!);
    const planChildren = await this.planShowcase(officers[0]!, decisions, openSchools);
    await this.transfersShowcase(officers[0]!, decisions, openSchools);
    await this.appealsShowcase(officers[0]!, decisions, openSchools);
    await this.portalShowcase(officers[0]!, decisions, openSchools, assessed);
    await this.lastYearShowcase(officers[0]!, decisions, openSchools);
    // After the showcases the first officer works through, so that a staff member's trail opens on their views.
    await this.staffAtWork(seeder, officers, viewed);
    unallocated -= await this.handOver(decisions.decisionMaker, officers, queued, heldByFirst);
    await this.pastWaits(authorityId, heldSince, today);
    await this.teamsAndCover(seeder, decisions.decisionMaker, officers);
    await this.unusualAccess(officers, decisions.decisionMaker, unusual);
    await this.improvementPlanShowcase(decisions.decisionMaker, officers[0]!, today);
    await this.importShowcase(authorityId);
    // Every child's ethnicity, spread roughly as a city's children are, and for a child with no
    // UPN the reason it is not known, so the SEN2 return's SEN2-P04 and SEN2-P05 pass.
    await demoRepository.recordEthnicities(this.db, authorityId, ETHNICITY_SPREAD, addMonths(today, -72));
    return { children: total + 1 + planChildren + reviewChildren + TRANSFER_SHOWCASE_CHILDREN + APPEAL_SHOWCASE_CHILDREN + PORTAL_SHOWCASE_CHILDREN + LAST_YEAR_SHOWCASE_CHILDREN, unallocated };
  }

  /**
   * The portal's demo: Yasmin Farooq's case, held by the first officer, with both parents on the
   * record and a draft plan issued four days ago, so the family's 15 days to comment are open; her
   * mother invited to the family portal (the invitation and its link in the outbox),
   * her father left for a journey to invite; and the administrator of the first open school,
   * invited by a manager, with the demo's fixed authenticator secret already set up; two more of
   * that school's pupils: Noah Bennett, whose draft plan the council consulted the school about
   * three days ago (its answer due in twelve), and Ellie Clarke, whose annual review meeting the
   * head teacher held today, its report due to the council; and an educational psychologist,
   * invited and set up the same way, with a request for psychological advice e-mailed to them on
   * a case in assessment, open on their portal.
   */
  private async portalShowcase(officer: Actor, demo: DemoDecisions, schools: readonly SchoolRecord[], assessed: readonly DemoAssessment[]): Promise<void> {
    const manager = demo.decisionMaker;
    const today = this.clock.today() as IsoDate;
    const received = addDays(today, -100);
    const created = await this.services.requests.recordRequest(officer, {
      receivedOn: received,
      source: 1,
      confirmedNewChild: true,
      child: { forename: DEMO_PORTAL_PARENT.child, surname: DEMO_PORTAL_PARENT.surname, dateOfBirth: addDays(addMonths(today, -12 * 8), -75), sex: 'F', postcode: 'DC5 2NP', schoolId: schools[0]?.id },
    });
    const family = { surname: DEMO_PORTAL_PARENT.surname, address: '8 Orchard Row, Demo City', postcode: 'DC5 2NP', parentalResponsibility: true };
    const { personId } = await this.services.people.addPerson(officer, created.childId, { ...family, forename: DEMO_PORTAL_PARENT.forename, email: DEMO_PORTAL_PARENT.email, relationship: 'mother', mainContact: true });
    await this.services.people.addPerson(officer, created.childId, { ...family, forename: 'Imran', email: 'imran.farooq@send-demo.example', relationship: 'father' });
    const invited = await this.services.portalAuth.inviteFamilyMember(officer, created.childId, { who: personId, email: DEMO_PORTAL_PARENT.email });
    await this.decide(officer, created.caseId, 'assess', 'assess', received, addDays(received, 35), demo);
    // Her mother has sent their views for section A once through the portal, so the officer reads them on Yasmin's record.
    const mother: PortalActor = {
      kind: 'portal',
      id: invited.accountId,
      accountId: invited.accountId,
      authorityId: officer.authorityId,
      portalKind: 'family',
      roles: [],
      name: `${DEMO_PORTAL_PARENT.forename} ${DEMO_PORTAL_PARENT.surname}`,
      email: DEMO_PORTAL_PARENT.email,
      secondFactor: 'not-needed',
      totpSetUp: false,
    };
    await this.services.portalFamily.sendViews(mother, created.childId, {
      whatMatters: 'Yasmin says: my cat Biscuit, my gran, and drawing. She loves being outside.',
      goodAt: 'Drawing animals, and being kind to younger children.',
      hopes: 'Yasmin says she wants to be a vet. We hope she can read well and feel safe at school.',
      support: 'Short tasks with a picture to show what to do. A quiet place when a room gets loud.',
      familyViews: 'We want Yasmin to feel safe at school and to read with confidence.',
    });
    await this.decide(officer, created.caseId, 'issue-plan', 'issue-plan', addDays(received, 35), addDays(received, 84), demo);
    const { result } = await this.services.plans.startDraft(officer, created.caseId);
    await this.services.plans.saveSections(
      officer,
      result.planId,
      {
        a: { childViews: 'I like drawing and playing outside. Loud rooms make me feel worried.', parentViews: 'We want Yasmin to feel safe at school and to read with confidence.', interests: 'Drawing, animals', aspirations: 'To be a vet' },
        b: [{ id: 'b-portal-1', type: 'SPLD', primary: true, description: 'Reads well below the level expected for her age and finds it hard to spell common words.' }],
        e: [{ id: 'e-portal-1', description: 'Reads a book for her age with help on only a few words.', needIds: ['b-portal-1'], achieveBy: 'End of Year 4' }],
        f: [
          {
            id: 'f-portal-1',
            what: 'A structured reading programme with a trained teaching assistant.',
            needIds: ['b-portal-1'],
            outcomeIds: ['e-portal-1'],
            providerRole: 'Teaching assistant',
            providerQualification: 'Trained in the reading programme',
            frequency: 'Four times a week',
            duration: '30 minutes a session, for the school year',
            groupSize: 'One to one',
            location: 'A quiet room in school',
          },
        ],
      },
      1,
    );
    const asDrafted = await this.services.plans.versionView(officer, result.planId);
    await this.services.plans.issueDraft(officer, result.planId, { issuedOn: addDays(today, -4), overrides: asDrafted.findings.map((finding) => ({ findingId: finding.id, reason: 'Left for the family’s comments' })) });
    const school = schools[0];
    if (!school) return;
    const { accountId } = await this.services.portalAuth.inviteSchoolAdministrator(manager, { urn: String(school.urn), ...DEMO_PORTAL_SCHOOL_ADMIN });
    await this.services.portalAuth.presetSecondFactor(systemActor(manager.authorityId, 'seed'), accountId, DEMO_PORTAL_TOTP_SECRET);

    const pupil = async (forename: string, surname: string, received: IsoDate) => {
      const made = await this.services.requests.recordRequest(officer, {
        receivedOn: received,
        source: 2,
        ...(isRecordedLate(received, today) ? { recordedLateReason: 'Carried over from the previous case management system' } : {}),
        confirmedNewChild: true,
        child: { forename, surname, dateOfBirth: addDays(addMonths(today, -12 * 9), -40), sex: 'M', postcode: 'DC5 3LT', schoolId: school.id },
      });
      await this.services.people.addPerson(officer, made.childId, { forename: 'Jo', surname, address: '3 Mill Lane, Demo City', postcode: 'DC5 3LT', relationship: 'mother', parentalResponsibility: true, mainContact: true });
      await this.decide(officer, made.caseId, 'assess', 'assess', received, addDays(received, 35), demo);
      return made;
    };
    const consulted = await pupil('Noah', 'Bennett', addDays(today, -100));
    await this.services.caseProgress.recordStep(officer, consulted.caseId, 'draft.issued', addDays(today, -5));
    await this.services.consultations.consultSchool(officer, consulted.caseId, { urn: String(school.urn), basis: 'family-request', contactName: DEMO_PORTAL_SCHOOL_ADMIN.name, contactEmail: DEMO_PORTAL_SCHOOL_ADMIN.email, sentOn: addDays(today, -3) });
    const reviewed = await pupil('Ellie', 'Clarke', addDays(today, -480));
    await this.decide(officer, reviewed.caseId, 'issue-plan', 'issue-plan', addDays(today, -445), addDays(today, -396), demo);
    await this.writePlan(officer, reviewed.caseId, school, addDays(today, -380), addDays(today, -355), demo);
    const { result: review } = await this.services.reviews.arrange(officer, reviewed.caseId, { meetingOn: today, meetingPlace: school.name, headTeacherHolds: true, shortNoticeReason: 'Held on the day the school had the family in, as agreed with them' });
    await this.services.reviews.recordHeld(officer, review.id, { heldOn: today });
    await this.adviceGiverShowcase(manager, assessed, today);
  }

  private async adviceGiverShowcase(manager: Actor, assessed: readonly DemoAssessment[], today: IsoDate): Promise<void> {
    const { accountId } = await this.services.portalAuth.inviteProfessional(manager, DEMO_PORTAL_ADVICE_GIVER);
    await this.services.portalAuth.presetSecondFactor(systemActor(manager.authorityId, 'seed'), accountId, DEMO_PORTAL_TOTP_SECRET);
    for (const entry of assessed) {
      const history = await caseHistory(this.db, entry.actor.authorityId, entry.caseId);
      const decided = history.find((event) => event.type === 'assessment.agreed' && !event.corrected)?.occurredOn;
      if (!decided || decided > today) continue;
      await this.services.advice.askForAdvice(entry.actor, entry.caseId, {
        kind: 'psychological',
        organisationType: 'this-council',
        organisation: DEMO_PORTAL_ADVICE_GIVER.organisation,
        professionalName: DEMO_PORTAL_ADVICE_GIVER.name,
        channel: 'email',
        address: DEMO_PORTAL_ADVICE_GIVER.email,
        sentOn: laterOf(decided, addDays(today, -3)),
      });
      return;
    }
  }

  /**
   * The service's teams and an officer away, made through their services as an administrator and
   * a manager make them: North (the demo manager's team, with the first officer, so the manager's
   * caseloads open on it) and South (the other officers); and the last officer on leave from two
   * days ago for ten days on, covered by the first officer, whose My cases then shows those cases
   * marked as covered.
   */
  private async teamsAndCover(seeder: Actor, manager: Actor, officers: Actor[]): Promise<void> {
    const [first, ...others] = officers;
    const north = await this.services.teams.createTeam(seeder, { name: 'North', manager: manager.id });
    await this.services.teams.setMembers(seeder, north.id, { members: [manager.id, first!.id, ...others.slice(0, 1).map((officer) => officer.id)], version: 1 });
    if (others.length > 1) {
      const south = await this.services.teams.createTeam(seeder, { name: 'South', manager: manager.id });
      await this.services.teams.setMembers(seeder, south.id, { members: others.slice(1).map((officer) => officer.id), version: 1 });
    }
    const away = others.at(-1);
    if (!away) return;
    const today = this.clock.today() as IsoDate;
    await this.services.cover.setCover(manager, { officer: away.id, coverOfficer: first!.id, startsOn: addDays(today, -2), endsOn: addDays(today, 10), reason: 'Annual leave' });
  }

  /**
   * Changes of holder a newcomer finds on a case's officer page, made through the allocation
   * service as a manager makes them (each with its spell, event and letter to the family): the
   * queue's newest case given to an officer, leaving the older ones waiting; and two of the first
   * officer's cases moved to another officer with the reason. Returns how many left the queue.
   */
  private async handOver(manager: Actor, officers: Actor[], queued: string[], heldByFirst: string[]): Promise<number> {
    if (officers.length < 2) return 0;
    const allocation = this.services.allocation;
    let allocated = 0;
    if (queued.length >= 2) {
      await allocation.allocate(manager, { cases: [queued.at(-1)!], officer: officers[1]!.id, overCapReason: DEMO_OVER_CAP_REASON });
      allocated = 1;
    }
    const to = officers[2] ?? officers[1]!;
    for (const caseId of heldByFirst.slice(0, 2)) {
      await allocation.reallocate(manager, caseId, {
        officer: to.id,
        reason: 'Balancing caseloads: the first officer holds enough for two pages of My cases',
        currentOfficerId: officers[0]!.id,
        overCapReason: DEMO_OVER_CAP_REASON,
      });
    }
    return allocated;
  }

  /**
   * Waits in the unallocated queue that have ended, for the report of waits: a few cases received
   * in the last year waited days or weeks in the queue before their officer had them (the waits
   * carried over, as if kept before the service started).
   */
  private async pastWaits(authorityId: string, held: readonly { caseId: string; received: IsoDate }[], today: IsoDate): Promise<void> {
    const recent = held.filter((entry) => entry.received >= addDays(today, -330) && entry.received <= addDays(today, -40));
    const calendarDays = [4, 9, 12, 15, 21, 30];
    for (const [index, entry] of recent.slice(0, calendarDays.length).entries()) {
      await demoRepository.waitedInQueue(this.db, authorityId, entry.caseId, entry.received, addDays(entry.received, calendarDays[index]!));
    }
  }

  /**
   * A request received today for a child whose name is not all Latin-1, and the letter asking her
   * mother for her views, written from the template as casework writes it: a newcomer finds it on
   * the child's record, its PDF made by the job runner when the service starts.
   */
  private async letterShowcase(authorityId: string, officer: Actor): Promise<void> {
    const today = this.clock.today() as IsoDate;
    const created = await this.services.requests.recordRequest(officer, {
      receivedOn: today,
      source: 1,
      confirmedNewChild: true,
      child: { forename: 'Łucja', surname: 'Nowak', dateOfBirth: addDays(addMonths(today, -12 * 9), -40), sex: 'F', postcode: 'DC4 7QT' },
    });
    const { personId } = await this.services.people.addPerson(officer, created.childId, {
      forename: 'Agnieszka',
      surname: 'Nowak',
      address: '27 Canal Street, Demo City',
      postcode: 'DC4 7QT',
      relationship: 'mother',
      parentalResponsibility: true,
      mainContact: true,
    });
    await this.db.transaction(async (tx) => {
      const recipient = (await personRecipient(tx, authorityId, personId, 'letter'))!;
      await sendLetter(tx, this.clock, officer, {
        caseId: created.caseId,
        type: 'views-request',
        recipient: { name: recipient.recipientName, channel: 'letter', address: recipient.recipientAddress, personId },
        fields: { recipientRole: 'parent', respondBy: longDate(addDays(today, 14)) },
      });
    });
  }

  /**
   * Two EHC plans a newcomer can open from the first officer's cases: one being written, whose
   * section F has provision the check finds vague (the plans journey puts it right and issues it);
   * and one whose draft went to the family five weeks ago and whose final plan, naming a school,
   * was issued once their 15 days were over.
   */
  /** Returns the children made. */
  private async planShowcase(officer: Actor, demo: DemoDecisions, schools: readonly { urn: number }[]): Promise<number> {
    const today = this.clock.today() as IsoDate;
    const showcase = async (forename: string, surname: string, received: IsoDate, planAgreedAfter: number) => {
      const created = await this.services.requests.recordRequest(officer, {
        receivedOn: received,
        source: 1,
        confirmedNewChild: true,
        child: { forename, surname, dateOfBirth: addDays(addMonths(today, -12 * 8), -120), sex: 'M', postcode: 'DC2 5HJ' },
      });
      await this.services.people.addPerson(officer, created.childId, { forename: 'Nadia', surname, address: '4 Mill Lane, Demo City', postcode: 'DC2 5HJ', relationship: 'mother', parentalResponsibility: true, mainContact: true });
      await this.decide(officer, created.caseId, 'assess', 'assess', received, addDays(received, 35), demo);
      await this.decide(officer, created.caseId, 'issue-plan', 'issue-plan', addDays(received, 35), addDays(received, planAgreedAfter), demo);
      const { result } = await this.services.plans.startDraft(officer, created.caseId);
      caseOfPlan.set(result.planId, created.caseId);
      made += 1;
      return result.planId;
    };
    const caseOfPlan = new Map<string, string>();
    let made = 0;
    const needs = {
      a: {
        childViews: 'I like building things with Lego and playing football at break. I do not like it when the classroom is noisy.',
        parentViews: 'We want school to understand that he is not being naughty when he cannot follow what is said. He needs things shown as well as told.',
        interests: 'Lego, football, trains',
        aspirations: 'To go to secondary school with his friends and one day to be an engineer.',
      },
      b: [
        { id: 'b-demo-1', type: 'SLCN' as const, primary: true, description: 'Finds it hard to understand spoken instructions of more than one step and to find the words he needs.' },
        { id: 'b-demo-2', type: 'SEMH' as const, primary: false, description: 'Becomes anxious at changes of routine and in busy, noisy places.' },
      ],
      e: [{ id: 'e-demo-1', description: 'Follows a two-step instruction in class without adult help.', needIds: ['b-demo-1'], achieveBy: 'End of Year 4 (July 2028)' }],
    };
    const therapy = {
      id: 'f-demo-1',
      what: 'A speech and language therapy programme on understanding instructions and finding words, set by the therapist and practised in class.',
      needIds: ['b-demo-1'],
      outcomeIds: ['e-demo-1'],
      providerRole: 'Speech and language therapist',
      providerQualification: 'HCPC registered',
      frequency: 'Once a week',
      duration: '45 minutes a session, for the school year',
      groupSize: 'One to one',
      location: 'A quiet room in school',
    };
    const vague = { id: 'f-demo-2', what: 'Access to a quiet space and regular check-ins with a trusted adult as required.', needIds: ['b-demo-2'], outcomeIds: [], providerRole: 'Teaching assistant', providerQualification: '', frequency: '', duration: '', groupSize: '', location: 'In school' };

    // Decided on ten weeks ago: its draft can be issued with the day it went, and its final plan after the 15 days.
    const writing = await showcase('Kofi', 'Mensah-Draft', addDays(today, -120), 49);
    await this.services.plans.saveSections(officer, writing, { ...needs, f: [therapy, vague] }, 1);

    const issued = await showcase('Ravi', 'Sharma-Final', addDays(today, -130), 84);
    await this.services.plans.saveSections(officer, issued, { ...needs, f: [therapy, { ...vague, what: 'Twenty minutes in the nurture room after lunch, with a named teaching assistant, to settle before the afternoon.', frequency: 'Every school day', duration: '20 minutes' }] }, 1);
    const draft = await this.services.plans.versionView(officer, issued);
    await this.services.plans.issueDraft(officer, issued, { issuedOn: addDays(today, -35), overrides: draft.findings.map((finding) => ({ findingId: finding.id, reason: 'Left for the family’s comments' })) });
    const school = schools[0];
    const working = await this.services.plans.versionView(officer, issued);
    await this.services.plans.saveSections(officer, issued, { i: school ? { kind: 'school', urn: school.urn } : { kind: 'setting-type', settingType: 'Mainstream primary school' } }, working.version.revision);
    const final = await this.services.plans.versionView(officer, issued);
    // The final plan is issued with the council's delegated authority, by the demo's decision-maker.
    await this.services.plans.issueFinal(demo.decisionMaker, issued, { issuedOn: addDays(today, -8), overrides: final.findings.map((finding) => ({ findingId: finding.id, reason: 'Agreed with the family' })) });

    // Two plans the council has maintained for half a year: one with amendments proposed three
    // weeks ago (the family's 15 days over, the amended plan due), one it decided to cease ten
    // weeks ago after consulting the family and the head teacher, the time to appeal now passed.
    const maintained = async (forename: string, surname: string, received: IsoDate) => {
      const planId = await showcase(forename, surname, received, 84);
      await this.services.plans.saveSections(officer, planId, { ...needs, f: [therapy], i: school ? { kind: 'school', urn: school.urn } : { kind: 'setting-type', settingType: 'Mainstream primary school' } }, 1);
      const asDrafted = await this.services.plans.versionView(officer, planId);
      await this.services.plans.issueDraft(officer, planId, { issuedOn: addDays(received, 100), overrides: asDrafted.findings.map((finding) => ({ findingId: finding.id, reason: 'Left for the family’s comments' })) });
      const asFinal = await this.services.plans.versionView(officer, planId);
      await this.services.plans.issueFinal(demo.decisionMaker, planId, { issuedOn: addDays(received, 120), overrides: asFinal.findings.map((finding) => ({ findingId: finding.id, reason: 'Agreed with the family' })) });
      return planId;
    };
    const changes = this.services.planChanges;
    const amending = await maintained('Maya', 'Okafor-Amend', addDays(today, -300));
    const amendment = await changes.startAmendment(officer, amending, {});
    const copy = await this.services.plans.versionView(officer, amending);
    await this.services.plans.saveItem(officer, amending, 'f', { ...therapy, frequency: 'Twice a week', duration: '45 minutes a session, until the end of Year 5' }, copy.version.revision);
    await changes.sendAmendmentNotice(officer, amendment.result.changeId, { noticeOn: addDays(today, -21) });

    const ceasing = await maintained('Tomasz', 'Wójcik-Cease', addDays(today, -320));
    const cease = await changes.startCeasing(officer, ceasing);
    await changes.recordResponse(officer, cease.result.changeId, { party: 'parent', askedOn: addDays(today, -90), answeredOn: addDays(today, -84), answer: 'We agree: he is doing well with the support the school gives from its own budget.' });
    await changes.recordResponse(officer, cease.result.changeId, { party: 'head-teacher', askedOn: addDays(today, -90), answeredOn: addDays(today, -80), answer: 'His needs are met from the school’s SEN support; we will keep his provision map.' });
    await changes.decideToCease(demo.decisionMaker, cease.result.changeId, { decidedOn: addDays(today, -70), reasonCode: '2', reasons: 'The review showed the outcomes in section E are met and the school meets his needs from its own resources.', institutionEmail: 'senco@school.example', commissioningBodyEmail: 'send@icb.example' });

    // Two plans whose annual review met today, with the school's report in: the decision is the
    // officer's next step, one leading to amendments and one to ceasing the plan.
    for (const [forename, surname, summary] of [
      ['Rosa', 'Lindqvist-Review', 'Increase the speech and language therapy to twice a week until the end of Year 5.'],
      ['Noor', 'Haddad-Review', 'All the outcomes in section E are met; the school can meet her needs from its own SEN support.'],
    ] as const) {
      const planId = await maintained(forename, surname, addDays(today, -340));
      const { result } = await this.services.reviews.arrange(officer, caseOfPlan.get(planId)!, { meetingOn: today, meetingPlace: 'Demo City Council, Civic Centre', headTeacherHolds: false, shortNoticeReason: 'Brought forward at the family’s request' });
      await this.services.reviews.recordHeld(officer, result.id, { heldOn: today });
      await this.services.reviews.recordReport(officer, result.id, { receivedOn: today, summary });
    }
    return made;
  }

  /**
   * Mediation and appeals: a plan issued late with vague provision, appealed on sections F and I,
   * defended, partly upheld and its order carried out; another late plan appealed, its hearing to
   * come, which the triage flags; and mediation on the plan with amendments proposed, ending in an
   * agreement whose actions are tracked.
   */
  private async appealsShowcase(officer: Actor, demo: DemoDecisions, schools: readonly SchoolRecord[]): Promise<void> {
    const today = this.clock.today() as IsoDate;
    const school = schools[0];
    const placement = school ? { kind: 'school' as const, urn: school.urn } : { kind: 'setting-type' as const, settingType: 'Mainstream primary school' };
    const appeals = this.services.appeals;
    const latePlan = async (forename: string, surname: string, received: IsoDate) => {
      const created = await this.services.requests.recordRequest(officer, {
        receivedOn: received,
        source: 1,
        confirmedNewChild: true,
        child: { forename, surname, dateOfBirth: addDays(addMonths(today, -12 * 9), -40), sex: 'F', postcode: 'DC3 2LP' },
      });
      await this.services.people.addPerson(officer, created.childId, { forename: 'Grace', surname, address: '12 Quay Street, Demo City', postcode: 'DC3 2LP', relationship: 'mother', parentalResponsibility: true, mainContact: true });
      await this.decide(officer, created.caseId, 'assess', 'assess', received, addDays(received, 35), demo);
      await this.decide(officer, created.caseId, 'issue-plan', 'issue-plan', addDays(received, 35), addDays(received, 84), demo);
      const { result } = await this.services.plans.startDraft(officer, created.caseId);
      await this.services.plans.saveSections(
        officer,
        result.planId,
        {
          b: [{ id: 'b-appeal-1', type: 'SLCN', primary: true, description: 'Finds it hard to follow spoken language in a busy classroom.' }],
          f: [{ id: 'f-appeal-1', what: 'Access to speech and language therapy as required.', needIds: ['b-appeal-1'], outcomeIds: [], providerRole: 'Speech and language therapist', providerQualification: '', frequency: '', duration: '', groupSize: '', location: 'In school' }],
          i: placement,
        },
        1,
      );
      const asDrafted = await this.services.plans.versionView(officer, result.planId);
      await this.services.plans.issueDraft(officer, result.planId, { issuedOn: addDays(received, 110), overrides: asDrafted.findings.map((finding) => ({ findingId: finding.id, reason: 'Left for the family’s comments' })) });
      const asFinal = await this.services.plans.versionView(officer, result.planId);
      // Issued three weeks after the 20 weeks, with no exception: what a tribunal would see.
      await this.services.plans.issueFinal(demo.decisionMaker, result.planId, { issuedOn: addDays(received, 161), overrides: asFinal.findings.map((finding) => ({ findingId: finding.id, reason: 'Issued as agreed at panel' })) });
      const decision = (await appeals.ofCase(officer, created.caseId)).decisions.find((entry) => entry.type === 'plan.issued')!;
      return { caseId: created.caseId, decisionEventId: decision.id };
    };

    const complied = await latePlan('Amara', 'Osei-Appeal', addDays(today, -330));
    const first = await appeals.registerAppeal(officer, complied.caseId, {
      appealType: 'plan-content',
      decisionEventId: complied.decisionEventId,
      sections: ['F', 'I'],
      tribunalReference: 'EH999/26/00041',
      registeredOn: addDays(today, -110),
      responseDueOn: addDays(today, -68),
      evidenceDueOn: addDays(today, -40),
      hearingOn: addDays(today, -21),
    });
    await appeals.decidePosition(demo.decisionMaker, first.result.appealId, { position: 'defend', decidedOn: addDays(today, -75), reasons: 'The school named can meet her needs; the therapy is to be specified in the amended plan.' });
    const heard = await appeals.appeal(officer, first.result.appealId);
    const outcome = await appeals.recordOutcome(officer, first.result.appealId, {
      outcomeOn: addDays(today, -21),
      outcomes: Object.fromEntries(heard.sections.map((section) => [section.id, section.section === 'F' ? 'partly' : 'dismissed'])),
      orderKind: 'amend-plan',
    });
    await appeals.recordOrderComplied(officer, outcome.result.orderId!, { compliedOn: addDays(today, -4) });

    const live = await latePlan('Leon', 'Brooks-Tribunal', addDays(today, -240));
    await appeals.registerAppeal(officer, live.caseId, {
      appealType: 'plan-content',
      decisionEventId: live.decisionEventId,
      sections: ['F'],
      tribunalReference: 'EH999/26/00057',
      registeredOn: addDays(today, -12),
      responseDueOn: addDays(today, 30),
      hearingOn: addDays(today, 95),
    });

    // Mediation on the plan with amendments proposed: held with an agreement, one action done.
    const amending = (await demoRepository.caseOfChildNamed(this.db, officer.authorityId, 'Okafor-Amend'))!;
    const overview = await appeals.ofCase(officer, amending);
    const mediation = await appeals.startMediation(officer, amending, {
      about: 'The speech and language therapy in section F',
      decisionEventId: overview.decisions.find((entry) => entry.type === 'plan.issued')?.id,
      adviserContactedOn: addDays(today, -45),
      wantsMediation: 'yes',
      requestedOn: addDays(today, -43),
    });
    await appeals.recordMediationHeld(officer, mediation.result.mediationId, { heldOn: addDays(today, -20), outcome: 'agreement' });
    await appeals.recordCertificate(officer, mediation.result.mediationId, { certificateOn: addDays(today, -18) });
    const met = await appeals.addAction(officer, mediation.result.mediationId, { description: 'Meet the family and the school to agree the therapy timetable', kind: 'other' });
    await appeals.completeAction(officer, met.result.actionId, { doneOn: addDays(today, -10) });
    await appeals.addAction(officer, mediation.result.mediationId, { description: 'Amend section F to twice-weekly therapy', kind: 'appealable', orderKind: 'amend-plan' });
  }

  /**
   * The SEN2 return's year (the calendar year before the census date's) whatever day the demo is
   * made: a request refused last spring, and a plan issued last winter that ceased last summer when
   * the family moved to Scotland (CeaseReason 7), after the council consulted the family and the
   * school and decided to cease it. Dated by the calendar, not from today, so both stay in the
   * year the return made today covers.
   */
  private async lastYearShowcase(officer: Actor, demo: DemoDecisions, schools: readonly SchoolRecord[]): Promise<void> {
    const today = this.clock.today() as IsoDate;
    const year = Number(today.slice(0, 4)) - 1;
    const on = (y: number, month: number, day: number) => dateFromParts(y, month, day)!;
    const school = schools.find((entry) => entry.phase === 'Primary') ?? schools[0];
    const child = async (forename: string, surname: string, received: IsoDate, body: string) => {
      const created = await this.services.requests.recordRequest(officer, {
        receivedOn: received,
        source: 2,
        recordedLateReason: 'Carried over from the previous case management system',
        confirmedNewChild: true,
        child: { forename, surname, dateOfBirth: on(year - 8, 3, 14), sex: 'M', upn: `${upnCheckLetter(body)}${body}`, postcode: 'DC6 1AB', schoolId: school?.id },
      });
      await this.services.people.addPerson(officer, created.childId, { forename: 'Kate', surname, address: '5 Bridge Street, Demo City', postcode: 'DC6 1AB', relationship: 'mother', parentalResponsibility: true, mainContact: true });
      return created;
    };
    const refused = await child('Callum', 'Reid-Refused', on(year, 3, 2), `9998001${String(year % 100).padStart(2, '0')}001`);
    await this.decide(officer, refused.caseId, 'assess', 'do-not-assess', on(year, 3, 2), on(year, 4, 13), demo);

    const received = on(year - 1, 10, 6);
    const ceased = await child('Ewan', 'Fraser-Ceased', received, `9998001${String(year % 100).padStart(2, '0')}002`);
    await this.decide(officer, ceased.caseId, 'assess', 'assess', received, addDays(received, 35), demo);
    await this.decide(officer, ceased.caseId, 'issue-plan', 'issue-plan', addDays(received, 35), addDays(received, 84), demo);
    const planId = await this.writePlan(officer, ceased.caseId, school, addDays(received, 100), addDays(received, 125), demo);
    const changes = this.services.planChanges;
    const cease = await changes.startCeasing(officer, planId);
    await changes.recordResponse(officer, cease.result.changeId, { party: 'parent', askedOn: on(year, 6, 2), answeredOn: on(year, 6, 5), answer: 'We move to Edinburgh at the end of term; his new school there has a place for him.' });
    await changes.recordResponse(officer, cease.result.changeId, { party: 'head-teacher', askedOn: on(year, 6, 2), answeredOn: on(year, 6, 9), answer: 'We have sent his records to the school in Edinburgh.' });
    await changes.decideToCease(demo.decisionMaker, cease.result.changeId, { decidedOn: on(year, 6, 16), reasonCode: '7', reasons: 'The family have moved to Scotland, outside England: the council no longer maintains the plan.', institutionEmail: 'senco@school.example', commissioningBodyEmail: 'send@icb.example' });
    await changes.cease(officer, cease.result.changeId);
  }

  /**
   * This autumn's phase transfers and moves between councils: Year 6 children at a primary school
   * whose plans move them to secondary school next September (two finalised, naming the secondary
   * school in a final plan issued this term; one under review with a school consulted; two at risk
   * with none consulted, one of them under review), a move out recorded with the plan still to
   * send, a child with a plan who may move, and a plan received from another council.
   */
  /**
   * The front door's register, as a newcomer should find it: a complaint at stage 2 with an action
   * to put it right, a complaint about the service with no child answered late and closed, a
   * freedom of information request answered, an enquiry past its deadline and an MP's enquiry, all
   * owned by the first officer, three about children of theirs.
   */
  private async contactsShowcase(officer: Actor, children: readonly string[], today: IsoDate): Promise<void> {
    const contacts = this.services.contacts;
    const complaint = (
      await contacts.logContact(officer, {
        kind: 'complaint',
        channel: 'email',
        source: 'family',
        childId: children[0],
        fromName: 'Mrs Begum',
        summary: 'The draft plan came three weeks late and no one returned our calls about it.',
        theme: 'communication',
        receivedOn: addDays(today, -35),
      })
    ).result;
    await contacts.respond(officer, complaint.contactId, { respondedOn: addDays(today, -24), summary: 'We apologised for the delay and set out when the plan would be finalised.', outcome: 'partly-upheld' });
    await contacts.addRemedy(officer, complaint.contactId, { kind: 'apology', description: 'A written apology from the team manager' });
    await contacts.addRemedy(officer, complaint.contactId, { kind: 'action', description: 'Call the family every fortnight until the final plan is issued', ownerId: officer.id, dueOn: addDays(today, 10) });
    await contacts.escalate(officer, complaint.contactId, { to: 'stage-2', receivedOn: addDays(today, -8) });
    const general = (
      await contacts.logContact(officer, {
        kind: 'complaint',
        channel: 'letter',
        source: 'family',
        fromName: 'A parent carers’ forum',
        summary: 'Families wait too long for an answer when they phone the SEND team.',
        theme: 'communication',
        receivedOn: addDays(today, -70),
      })
    ).result;
    await contacts.respond(officer, general.contactId, { respondedOn: addDays(today, -40), summary: 'We set out the team’s new call-back times and apologised for the wait.', outcome: 'partly-upheld' });
    await contacts.close(officer, general.contactId, { closedOn: addDays(today, -20) });
    const foi = (
      await contacts.logContact(officer, {
        kind: 'foi',
        channel: 'email',
        source: 'other',
        fromName: 'A member of the public',
        summary: 'How many requests for an EHC needs assessment did the council receive last year, and how many plans were issued within 20 weeks?',
        receivedOn: addDays(today, -26),
      })
    ).result;
    await contacts.respond(officer, foi.contactId, { respondedOn: addDays(today, -12), summary: 'Sent the figures from the SEN2 return.' });
    await contacts.logContact(officer, {
      kind: 'enquiry',
      channel: 'phone',
      source: 'family',
      childId: children[1],
      fromName: 'Mr Okafor',
      summary: 'When will the panel decide whether to assess?',
      receivedOn: addDays(today, -16),
    });
    await contacts.logContact(officer, {
      kind: 'member-enquiry',
      channel: 'email',
      source: 'mp',
      childId: children[2],
      fromName: 'The MP for the constituency',
      summary: 'A constituent asks why their child’s school transport has not been arranged.',
      receivedOn: addDays(today, -2),
    });
  }

  private async transfersShowcase(officer: Actor, demo: DemoDecisions, schools: readonly SchoolRecord[]): Promise<void> {
    const today = this.clock.today() as IsoDate;
    const primary = schools.find((entry) => entry.phase === 'Primary');
    const secondary = schools.find((entry) => entry.phase === 'Secondary');
    if (!primary || !secondary) return;
    const year = currentTransferYear(today);
    // Year 6 now, Year 7 next September: 11 on 31 August of the year of the move.
    const yearSix = (month: number) => dateFromParts(year - 11, month, 12)!;
    const withPlan = async (forename: string, surname: string, dateOfBirth: IsoDate, schoolId: string, received: IsoDate) => {
      const created = await this.services.requests.recordRequest(officer, {
        receivedOn: received,
        source: 2,
        ...(isRecordedLate(received, today) ? { recordedLateReason: 'Carried over from the previous case management system' } : {}),
        confirmedNewChild: true,
        child: { forename, surname, dateOfBirth, sex: 'F', postcode: 'DC3 4DE', schoolId },
      });
      await this.services.people.addPerson(officer, created.childId, { forename: 'Sam', surname, address: '12 Station Road, Demo City', postcode: 'DC3 4DE', relationship: 'mother', parentalResponsibility: true, mainContact: true });
      await this.decide(officer, created.caseId, 'assess', 'assess', received, addDays(received, 35), demo);
      return created;
    };
    // Their plans name the primary school they are at now.
    const stepsToPlan = async (caseId: string, received: IsoDate, underReview: boolean) => {
      await this.decide(officer, caseId, 'issue-plan', 'issue-plan', addDays(received, 35), addDays(received, 84), demo);
      await this.writePlan(officer, caseId, primary, addDays(received, 100), addDays(received, 125), demo);
      if (underReview) await this.services.caseProgress.recordStep(officer, caseId, 'review.scheduled', addDays(today, 7));
    };
    const finalised = async (forename: string, surname: string, month: number) => {
      const received = addDays(today, -130);
      const created = await withPlan(forename, surname, yearSix(month), primary.id, received);
      await this.decide(officer, created.caseId, 'issue-plan', 'issue-plan', addDays(received, 35), addDays(received, 84), demo);
      const { result } = await this.services.plans.startDraft(officer, created.caseId);
      await this.services.plans.saveSections(officer, result.planId, { ...TRANSFER_PLAN, i: { kind: 'school', urn: secondary.urn } }, 1);
      const draft = await this.services.plans.versionView(officer, result.planId);
      await this.services.plans.issueDraft(officer, result.planId, { issuedOn: addDays(today, -40), overrides: draft.findings.map((finding) => ({ findingId: finding.id, reason: 'Left for the family’s comments' })) });
      const final = await this.services.plans.versionView(officer, result.planId);
      await this.services.plans.issueFinal(demo.decisionMaker, result.planId, { issuedOn: addDays(today, -12), overrides: final.findings.map((finding) => ({ findingId: finding.id, reason: 'Agreed with the family' })) });
    };
    await finalised('Amara', 'Okafor', 2);
    await finalised('Theo', 'Walsh', 5);

    const received = addDays(today, -500);
    const consulted = await withPlan('Grace', 'Lin', yearSix(3), primary.id, received);
    await stepsToPlan(consulted.caseId, received, true);
    await this.services.consultations.consultSchool(officer, consulted.caseId, { urn: String(secondary.urn), basis: 'family-request', contactName: 'The SENCo', contactEmail: 'senco@secondary.example', sentOn: addDays(today, -20) });
    const waiting = await withPlan('Isla', 'Murphy', yearSix(7), primary.id, received);
    await stepsToPlan(waiting.caseId, received, false);
    const reviewing = await withPlan('Yusuf', 'Rahman', yearSix(4), primary.id, received);
    await stepsToPlan(reviewing.caseId, received, true);

    // Moves between councils (SEND Regs 2014 reg. 15).
    const movingOut = await withPlan('Mia', 'Novak', addDays(addMonths(today, -12 * 9), -40), primary.id, received);
    await stepsToPlan(movingOut.caseId, received, false);
    await this.services.transfers.recordTransferOut(officer, movingOut.caseId, { newCouncil: 'Northshire County Council', moveDate: addDays(today, 10), learntOn: addDays(today, -3) });
    const mayMove = await withPlan('Leo', 'Fischer', addDays(addMonths(today, -12 * 8), -75), primary.id, received);
    await stepsToPlan(mayMove.caseId, received, false);
    const arrived = await this.services.requests.recordRequest(officer, {
      receivedOn: addDays(today, -700),
      source: 1,
      recordedLateReason: 'Carried over from the previous case management system',
      confirmedNewChild: true,
      child: { forename: 'Zara', surname: 'Ahmed', dateOfBirth: addDays(addMonths(today, -12 * 7), -10), sex: 'F', postcode: 'DC1 7QT', schoolId: primary.id },
    });
    await this.decide(officer, arrived.caseId, 'assess', 'do-not-assess', addDays(today, -700), addDays(today, -660), demo);
    // With what the plan's papers say for the SEN2 return: the other council's LA code, the original
    // request (her school's, three years ago) and the plan's needs and placement, her school here.
    await this.services.transfers.recordTransferIn(officer, arrived.childId, {
      oldCouncil: 'Kent County Council',
      moveDate: addDays(today, -14),
      planReceivedOn: addDays(today, -10),
      lastReviewOn: addDays(today, -200),
      oldLaCode: '886',
      requestReceivedOn: addDays(today, -1100),
      requestSource: '2',
      primaryNeed: 'ASD',
      secondaryNeed: 'SLCN',
      placementUrn: String(primary.urn),
    });
  }

  /**
   * Each new request's acknowledgement, to the child's parent, through the outbox as casework
   * queues it: held for printing by the job runner when the service starts. The first could not be
   * sent (the demo's example on the administrators' page).
   */
  /**
   * Annual reviews to look at and to run, all the first officer's: a school's pupils whose plans
   * fall due in the next few weeks, none yet arranged, for the bulk invitation; and four reviews
   * in turn further on: arranged (its meeting in three weeks), held (the report awaited), reported
   * (the decision awaited) and decided (the plan kept, with its notice). Returns the children made.
   */
  private async reviewShowcase(officer: Actor, demo: DemoDecisions, schools: readonly SchoolRecord[], today: IsoDate): Promise<number> {
    const primaries = schools.filter((entry) => entry.phase === 'Primary');
    const school = primaries[1] ?? primaries[0] ?? schools[0];
    if (!school) return 0;
    const random = demo.random;
    const planIssuedOn = async (forename: string, surname: string, issuedOn: IsoDate) => {
      const received = addDays(issuedOn, -140);
      const created = await this.services.requests.recordRequest(officer, {
        receivedOn: received,
        source: 1,
        ...(isRecordedLate(received, today) ? { recordedLateReason: 'Carried over from the previous case management system' } : {}),
        confirmedNewChild: true,
        child: { forename, surname, dateOfBirth: addDays(addMonths(today, -12 * 8), -random.int(0, 300)), sex: random.pick(['M', 'F'] as const), schoolId: school.id },
      });
      await this.addParent(officer, created.childId, { ...this.parentDetails(surname, random), doNotDiscloseAddress: false });
      const decided = addDays(received, 35);
      await this.decide(officer, created.caseId, 'assess', 'assess', received, decided, demo);
      await this.decide(officer, created.caseId, 'issue-plan', 'issue-plan', decided, addDays(received, 98), demo);
      await this.writePlan(officer, created.caseId, school, addDays(received, 105), issuedOn, demo);
      return created;
    };
    // Due from a few days to five weeks from now: this term's reviews at one school.
    const pupils = ['Ada Reviewready', 'Bilal Reviewready', 'Chloe Reviewready', 'Dev Reviewready', 'Emeka Reviewready'];
    for (const [index, name] of pupils.entries()) {
      const [forename, surname] = name.split(' ') as [string, string];
      await planIssuedOn(forename, surname, addDays(addMonths(today, -12), 5 + index * 7));
    }
    const reviews = this.services.reviews;
    const arranged = await planIssuedOn('Farah', 'Arranged', addDays(addMonths(today, -12), 40));
    await reviews.arrange(officer, arranged.caseId, { meetingOn: addDays(today, 21), meetingPlace: school.name, headTeacherHolds: true });
    const ran = async (forename: string, surname: string) => {
      const created = await planIssuedOn(forename, surname, addDays(addMonths(today, -12), 10));
      const { result } = await reviews.arrange(officer, created.caseId, { meetingOn: today, meetingPlace: school.name, headTeacherHolds: true, shortNoticeReason: 'Brought forward at the family’s request' });
      await reviews.recordViews(officer, result.id, { childViews: 'I like my new reading group and I want to keep my helper at lunch.', familyViews: 'The speech and language sessions are helping; mornings are still hard.' });
      await reviews.recordHeld(officer, result.id, { heldOn: today });
      return result;
    };
    await ran('Gareth', 'Held');
    const reported = await ran('Hana', 'Reported');
    await reviews.recordReport(officer, reported.id, { receivedOn: today, summary: 'Keep the plan; update the outcomes in section E next year.' });
    const decided = await ran('Ivo', 'Decided');
    await reviews.recordReport(officer, decided.id, { receivedOn: today });
    await reviews.recordDecision(officer, decided.id, { decision: 'maintain', decidedOn: today, reasons: 'The plan still describes the needs and the provision that meets them; the outcomes are being met.' });
    return pupils.length + 4;
  }

  private async queueLetters(authorityId: string, letters: DemoLetter[]) {
    for (const [index, letter] of letters.entries()) {
      await this.db.transaction(async (tx) => {
        const recipient = await personRecipient(tx, authorityId, letter.personId, 'letter');
        if (!recipient) return;
        const queued = await queueMessage(tx, this.clock, letter.actor, {
          ...recipient,
          subject: `We have received a request for an EHC needs assessment (${letter.reference})`,
          bodyText: [
            `Dear ${recipient.recipientName},`,
            `We have received a request for an education, health and care needs assessment for your child. Our reference is ${letter.reference}.`,
            'We will tell you within 6 weeks of the request whether we will carry out an assessment. Your case officer will contact you before then.',
            'Yours sincerely,\nThe SEND team',
          ].join('\n\n'),
          caseId: letter.caseId,
          childId: letter.childId,
        });
        if (index === 0) await giveUpJob(tx, this.clock, authorityId, queued.jobId, 'Given up in the demo data, as if GOV.UK Notify had been unavailable on every try');
      });
    }
  }

  /**
   * Advice for each case in assessment, asked for through the advice service a day or two after
   * the decision to assess: educational, psychological and medical advice, social care for some.
   * Most advice due by now has come, with its document; some is late, and its chasers are queued
   * (the job runner sends them when the service starts).
   */
  private async askForAdvice(assessed: DemoAssessment[], today: IsoDate, random: ReturnType<typeof randomSource>) {
    const advice = this.services.advice;
    for (const entry of assessed) {
      const history = await caseHistory(this.db, entry.actor.authorityId, entry.caseId);
      const decided = history.find((event) => event.type === 'assessment.agreed' && !event.corrected)?.occurredOn;
      if (!decided) continue;
      const school = await demoRepository.schoolOf(this.db, entry.actor.authorityId, entry.childId);
      const asks: NewAdviceRequest[] = [
        { kind: 'educational', organisationType: 'school', organisation: school ?? 'Oak Tree Primary School', professionalName: 'The SENCo', channel: 'email', address: 'senco@school.example' },
        { kind: 'psychological', organisationType: 'this-council', organisation: 'Demo City Educational Psychology Service', channel: 'email', address: 'ep.service@demo-city.example' },
        { kind: 'medical', organisationType: 'health-body', organisation: 'Demo City Community Paediatrics', professionalName: random.pick(['Dr Asha Patel', 'Dr Tom Reilly', 'Dr Ngozi Eze']), channel: 'post', address: 'Child Development Centre\n1 Hospital Road\nDemo City\nDC1 1AA' },
        ...(random.next() < 0.4 ? [{ kind: 'social-care', organisationType: 'this-council', organisation: 'Demo City Children’s Social Care', channel: 'email', address: 'childrens.socialcare@demo-city.example' }] : []),
      ].map((ask) => ({ ...ask, sentOn: '' }));
      for (const ask of asks) {
        const sentOn = laterOf(decided, earlierOf(addDays(decided, random.int(1, 3)), today));
        const requested = await advice.askForAdvice(entry.actor, entry.caseId, { ...ask, sentOn });
        // Advice due by now has mostly come, some of it late; the rest is late and being chased.
        if (requested.dueOn < today && random.next() < 0.7) {
          const receivedOn = earlierOf(addDays(requested.dueOn as IsoDate, random.int(-12, 9)), today);
          await advice.recordAdviceReceived(entry.actor, requested.id, {
            receivedOn: laterOf(receivedOn, sentOn),
            file: { filename: `${requested.kindTitle}.pdf`, bytes: onePagePdf(`${requested.kindTitle} from ${requested.organisation}`), truncated: false },
          });
        }
      }
    }
  }

  /**
   * Draft to final on the case whose draft plan went out longest ago (the first officer's, where
   * they hold one): the family's comment on section F and the school they ask for; that school,
   * consulted, answering that it cannot meet the needs, with its reasons; and another school,
   * consulted by the council, that has not answered and is overdue.
   */
  private async draftResponses(drafts: readonly { actor: Actor; caseId: string }[], schools: readonly SchoolRecord[], today: IsoDate, firstOfficer: Actor | undefined) {
    if (drafts.length === 0 || schools.length < 2) return;
    const dated = [];
    for (const entry of drafts) {
      const history = await caseHistory(this.db, entry.actor.authorityId, entry.caseId);
      const drafted = history.find((event) => event.type === 'draft.issued' && !event.corrected)?.occurredOn;
      if (drafted) dated.push({ ...entry, drafted });
    }
    const chosen = dated.filter((entry) => entry.actor === firstOfficer).sort((a, b) => a.drafted.localeCompare(b.drafted))[0] ?? dated.sort((a, b) => a.drafted.localeCompare(b.drafted))[0];
    if (!chosen) return;
    const on = (days: number) => earlierOf(addDays(chosen.drafted, days), today);
    const [preferred, other] = schools.filter((entry) => entry.phase === 'Primary').length >= 2 ? schools.filter((entry) => entry.phase === 'Primary') : schools;
    const consultations = this.services.consultations;
    await consultations.recordRepresentation(chosen.actor, chosen.caseId, {
      kind: 'comment',
      section: 'F',
      words: 'Section F says "regular support from a speech and language therapist". We want it to say how often, for how long, and who will do it, as the therapist’s advice did: weekly, 45 minutes, with a qualified therapist.',
      receivedOn: on(3),
    });
    await consultations.recordRepresentation(chosen.actor, chosen.caseId, {
      kind: 'school-preference',
      urn: String(preferred!.urn),
      words: 'Her brother is there, it is a short walk from home, and the staff already know her.',
      receivedOn: on(4),
    });
    const asked = await consultations.consultSchool(chosen.actor, chosen.caseId, { urn: String(preferred!.urn), basis: 'family-request', contactName: 'The head teacher', contactEmail: 'head@school.example', sentOn: on(5) });
    await consultations.recordResponse(chosen.actor, asked.result.id, {
      response: 'cannot-meet-needs',
      reasons: 'Year 4 is full (32 pupils), and the school cannot provide the daily small-group speech and language work section F sets out without a specialist teacher it does not have.',
      respondedOn: on(12),
    });
    await consultations.consultSchool(chosen.actor, chosen.caseId, { urn: String(other!.urn), basis: 'council', contactName: 'The SENCo', contactEmail: 'senco@school.example', sentOn: on(5) });
  }

  /**
   * What an administrator finds on the users and audit pages: the first officer has opened a few
   * of their children's records; another officer holds an API token for a script; someone who
   * has left has a deactivated account. All through the services, so each is logged as it would be.
   */
  private async staffAtWork(seeder: Actor, officers: Actor[], viewed: string[]): Promise<void> {
    for (const childId of viewed) await this.services.children.childRecord(officers[0]!, childId);
    const scripted = officers[1] ?? officers[0]!;
    await this.services.auth.issueApiToken(seeder, scripted.id, 'School census export');
    if (!(await emailTaken(this.db, FORMER_DEMO_OFFICER.email))) {
      const former = await this.services.staff.createUser(seeder, { ...FORMER_DEMO_OFFICER, role: 'case_officer' });
      const { user } = await this.services.users.user(seeder, former.id);
      await this.services.users.deactivate(seeder, former.id, { version: user.version });
    }
  }

  /**
   * What the report of unusual access shows a newcomer, once the teams are made: the second officer
   * (team North) opens the child of an open case an officer of team South holds (the first officer
   * covers one of them, the second none), and a manager opens a restricted record.
   */
  private async unusualAccess(officers: readonly Actor[], manager: Actor, children: { heldBy: Map<string, string>; restricted?: string }): Promise<void> {
    const [, viewer, ...south] = officers;
    const elsewhere = south.map((officer) => children.heldBy.get(officer.id)).find((childId) => childId !== undefined);
    if (viewer && elsewhere) await this.services.children.childRecord(viewer, elsewhere);
    if (children.restricted) await this.services.children.childRecord(manager, children.restricted);
  }

  private pickStage(roll: number): DemoStage {
    let cumulative = 0;
    for (const [stage, share] of STAGE_MIX) {
      cumulative += share;
      if (roll < cumulative) return stage;
    }
    return 'plan';
  }

  private receivedDateFor(stage: DemoStage, today: IsoDate, random: ReturnType<typeof randomSource>): string {
    switch (stage) {
      case 'request':
        return addDays(today, -random.int(0, 50));
      case 'assessment':
        return addDays(today, -random.int(45, 125));
      case 'draft':
        return addDays(today, -random.int(100, 150));
      case 'closed':
        return addDays(today, -random.int(60, 300));
      case 'review':
        return addDays(today, -random.int(470, 520));
      case 'plan':
        return addDays(today, -random.int(160, 1100));
    }
  }

  /**
   * Walks the case through the statutory steps to its stage, some on time and some late: the
   * decisions through the decisions service (with reasons, by the decision-maker, after a panel
   * where one met in time), the other steps through the step form's service. A closed case was
   * refused, withdrawn, or not given a plan after the assessment.
   */
  private async advance(actor: Actor, caseId: string, stage: DemoStage, received: IsoDate, today: IsoDate, random: ReturnType<typeof randomSource>, demo: DemoDecisions, school: { urn: number } | undefined) {
    const notAfterToday = (on: IsoDate) => (on > today ? today : on);
    const step = async (type: CaseEventType, on: IsoDate) => this.services.caseProgress.recordStep(actor, caseId, type, notAfterToday(on));
    const closing = stage === 'closed' ? CLOSINGS[demo.closings++ % CLOSINGS.length] : undefined;
    if (stage === 'request') {
      await this.prepareRequest(actor, caseId, received, today, demo);
      return;
    }
    const decided = notAfterToday(addDays(received, random.int(30, 50)));
    await this.viewsReceived(actor, caseId, received, decided, demo);
    if (closing === 'withdrawn') {
      await this.services.decisions.withdrawRequest(actor, caseId, { withdrawnOn: decided, withdrawnBy: demo.random.pick(['parent', 'parent', 'school'] as const), reason: demo.random.pick(WITHDRAWAL_REASONS) });
      return;
    }
    const refused = closing === 'refused';
    await this.decide(actor, caseId, 'assess', refused ? 'do-not-assess' : 'assess', received, decided, demo);
    if (refused) return;
    if (stage === 'closed') {
      await this.decide(actor, caseId, 'issue-plan', 'do-not-issue-plan', decided, notAfterToday(addDays(received, demo.random.int(95, 112))), demo);
      return;
    }
    if (stage === 'assessment') return;
    const drafted = addDays(received, random.int(95, 125));
    const toDraft = notAfterToday(addDays(drafted, -demo.random.int(2, 10)));
    await this.decide(actor, caseId, 'issue-plan', 'issue-plan', decided, toDraft < decided ? decided : toDraft, demo);
    if (stage === 'draft') {
      await step('draft.issued', drafted);
      return;
    }
    // Most plans late, as in the service this answers; some on time. Never inside the family's
    // 15 days to comment on the draft (reg. 13(1)(a)). The plan is written, so the SEN2 return
    // reads its needs and placement from it.
    const issued = notAfterToday(addDays(drafted, random.int(16, 65)));
    await this.writePlan(actor, caseId, school, notAfterToday(drafted), issued, demo);
    if (stage === 'plan') {
      let lastReview = issued;
      while (addMonths(lastReview, 12) < addDays(today, -30)) {
        const meeting = addDays(addMonths(lastReview, 11), random.int(-20, 25));
        if (meeting > today) break;
        await step('review.scheduled', meeting);
        await step('review.held', meeting);
        const decision = addDays(meeting, random.int(10, 45));
        await step('review.decided', decision > today ? today : decision);
        lastReview = decision;
      }
      // Some reviews are already booked, which starts the invitation and advice deadlines.
      if (random.next() < 0.3) await this.services.caseProgress.recordStep(actor, caseId, 'review.scheduled', addDays(today, random.int(7, 40)));
      return;
    }
    const meeting = addDays(today, -random.int(1, 25));
    await step('review.scheduled', meeting);
    await step('review.held', meeting);
  }

  /**
   * The case's EHC plan written and issued as an officer does it through the plans service: its
   * needs in section B (the next of the demo's in turn, a secondary need on every third), the
   * outcome and provision that answer them, and the child's school in section I (a type of
   * setting for a child without one); the draft issued on `draftOn`, the final plan on `finalOn`
   * by the decision-maker. Returns the plan.
   */
  private async writePlan(actor: Actor, caseId: string, school: { urn: number } | undefined, draftOn: IsoDate, finalOn: IsoDate, demo: DemoDecisions): Promise<string> {
    const turn = demo.plans++;
    const need = DEMO_PLAN_NEEDS[turn % DEMO_PLAN_NEEDS.length]!;
    const second = turn % 3 === 2 ? DEMO_PLAN_NEEDS[(turn + 5) % DEMO_PLAN_NEEDS.length] : undefined;
    const { result } = await this.services.plans.startDraft(actor, caseId);
    const saved = await this.services.plans.saveSections(
      actor,
      result.planId,
      {
        b: [
          { id: 'b-1', type: need.type, primary: true, description: need.need },
          ...(second && second.type !== need.type ? [{ id: 'b-2', type: second.type, primary: false, description: second.need }] : []),
        ],
        e: [{ id: 'e-1', description: need.outcome, needIds: ['b-1'], achieveBy: 'By the next annual review' }],
        f: [
          {
            id: 'f-1',
            what: need.provision,
            needIds: ['b-1'],
            outcomeIds: ['e-1'],
            providerRole: need.provider,
            providerQualification: 'Trained for the programme',
            frequency: 'Three times a week',
            duration: '30 minutes a session, for the school year',
            groupSize: 'One to one',
            location: 'In school',
          },
        ],
        i: school ? { kind: 'school', urn: school.urn } : { kind: 'setting-type', settingType: 'Further education college' },
      },
      1,
    );
    const content = saved.content;
    // The plan check's findings, as the issue page shows them, each passed with a reason.
    const findings = (stage: 'draft' | 'final') => checkPlan(content, stage);
    await this.services.plans.issueDraft(actor, result.planId, { issuedOn: draftOn, overrides: findings('draft').map((finding) => ({ findingId: finding.id, reason: 'Left for the family’s comments' })) });
    await this.services.plans.issueFinal(demo.decisionMaker, result.planId, { issuedOn: finalOn, overrides: findings('final').map((finding) => ({ findingId: finding.id, reason: 'Agreed with the family' })) });
    return result.planId;
  }

  /**
   * A decision as the service takes one: brought to the last panel that met in time (since
   * `from`) with the recommendation it followed, then made by the decision-maker with reasons.
   */
  private async decide(actor: Actor, caseId: string, question: 'assess' | 'issue-plan', outcome: string, from: IsoDate, decidedOn: IsoDate, demo: DemoDecisions) {
    const panel = demo.panels.filter((entry) => entry.heldOn >= from && entry.heldOn <= decidedOn).at(-1);
    if (panel) {
      await this.services.panels.bringToPanel(actor, caseId, { panelId: panel.id });
      await this.services.panels.recordRecommendation(actor, panel.id, caseId, { recommendation: outcome });
    }
    const reasons = outcome === 'assess' ? REASONS_TO_ASSESS : outcome === 'do-not-assess' ? REASONS_NOT_TO_ASSESS : outcome === 'do-not-issue-plan' ? REASONS_NO_PLAN : ['The assessment shows needs that call for special educational provision through an EHC plan: the advice of the educational psychologist, health and social care agrees.'];
    const input = { outcome, decidedOn, reasons: demo.random.pick(reasons) };
    if (question === 'assess') await this.services.decisions.decideWhetherToAssess(demo.decisionMaker, caseId, input);
    else await this.services.decisions.decideAfterAssessment(demo.decisionMaker, caseId, input);
  }

  /** A request waiting for its decision: some with the family's views asked for, some on a panel's agenda (recommended on, if it has met). */
  private async prepareRequest(actor: Actor, caseId: string, received: IsoDate, today: IsoDate, demo: DemoDecisions) {
    if (demo.random.next() < 0.4) await this.services.decisions.askForViews(actor, caseId, { party: 'parent', respondBy: addDays(today, demo.random.int(7, 14)) });
    const panel = demo.panels.find((entry) => entry.heldOn >= addDays(received, 14));
    if (!panel || demo.random.next() < 0.3) return;
    await this.services.panels.bringToPanel(actor, caseId, { panelId: panel.id });
    if (panel.heldOn > today) return;
    const defer = demo.random.next() < 0.3;
    await this.services.panels.recordRecommendation(actor, panel.id, caseId, defer ? { recommendation: 'defer', note: 'The panel asks for the school’s SEN support plan and its latest review before it recommends.' } : { recommendation: 'assess' });
  }

  /** The family's (and now and then the school's) views, received before the decision. */
  private async viewsReceived(actor: Actor, caseId: string, received: IsoDate, decided: IsoDate, demo: DemoDecisions) {
    if (demo.random.next() < 0.5) return;
    const receivedOn = addDays(received, demo.random.int(5, 20));
    if (receivedOn > decided) return;
    await this.services.decisions.recordViews(actor, caseId, {
      party: 'parent',
      receivedOn,
      summary: demo.random.pick([
        'The parent says their child finds the classroom overwhelming and has been refusing school most mornings since half term.',
        'The family describe delayed speech and frequent meltdowns at home; they would like specialist advice on communication.',
        'The parent agrees with the school’s request and asks that the assessment includes occupational therapy.',
      ]),
    });
    if (demo.random.next() < 0.3) {
      await this.services.decisions.recordViews(actor, caseId, {
        party: 'school',
        receivedOn,
        summary: 'The SENCo reports two cycles of SEN support with a teaching assistant for 10 hours a week and limited progress in literacy and social communication.',
      });
    }
  }

  /**
   * The demo's weekly decision-making panel, on the weekday of today: the last eight weeks' and
   * the next two weeks'; and who makes the decisions (the demo manager, or a service lead made
   * for the demo).
   */
  private async demoDecisions(authorityId: string, seeder: Actor, seed: number): Promise<DemoDecisions> {
    const users = await listUsers(this.db, authorityId);
    const deciders = users
      .filter((user) => (user.role === 'team_manager' || user.role === 'service_lead') && user.deactivatedAt === null)
      .sort((a, b) => (a.email === 'manager@send-demo.example' ? -1 : b.email === 'manager@send-demo.example' ? 1 : a.email.localeCompare(b.email)));
    const found = deciders[0];
    const decider = found
      ? { id: found.id, name: found.name, role: found.role as 'team_manager' | 'service_lead' }
      : { ...(await this.services.staff.createUser(seeder, { ...DEMO_DECISION_MAKER, role: 'service_lead' })), role: 'service_lead' as const };
    const decisionMaker: Actor = { kind: 'user', id: decider.id, authorityId, roles: [decider.role], name: decider.name };
    const today = this.clock.today() as IsoDate;
    const panels: DemoDecisions['panels'] = [];
    for (let week = -8; week <= 2; week += 1) {
      const heldOn = addDays(today, 7 * week);
      const { result } = await this.services.panels.createPanel(decisionMaker, { heldOn, title: week % 2 === 0 ? 'SEND decision-making panel (North)' : 'SEND decision-making panel (South)' });
      panels.push({ id: result.id, heldOn });
    }
    return { decisionMaker, panels, random: randomSource(seed + 1), closings: 0, plans: 0 };
  }

  /** A child's main contact, drawn: who they are, and whether their address is withheld. */
  private parentDetails(surname: string, random: ReturnType<typeof randomSource>) {
    return {
      forename: random.pick(PARENT_FORENAMES),
      surname,
      phone: `07700 900${String(random.int(0, 999)).padStart(3, '0')}`,
      address: `${random.int(1, 180)} ${random.pick(['Canal Street', 'Park Road', 'Church Lane', 'Station Road', 'Victoria Avenue'])}, Demo City`,
      postcode: `DC${random.int(1, 9)} ${random.int(1, 9)}AB`,
      doNotDiscloseAddress: random.next() < 0.03,
      relationship: random.pick(RELATIONSHIPS),
      parentalResponsibility: random.next() < 0.9,
      mainContact: true,
    };
  }

  /** The child's main contact, added as an officer would. */
  private async addParent(actor: Actor, childId: string, details: ReturnType<DemoDataService['parentDetails']>): Promise<{ personId: string; withheld: boolean }> {
    const { personId } = await this.services.people.addPerson(actor, childId, details);
    return { personId, withheld: details.doNotDiscloseAddress };
  }

  /**
   * The improvement plan after an inspection: three areas of its findings (timeliness of plans,
   * annual reviews, communication with families), actions owned by the manager and the first
   * officer, each bound to measures of the dashboard with a baseline in June and targets a year
   * on; a board meeting four weeks ago keeping the plan as it stood then, and statuses updated
   * since, so the meeting's snapshot and the plan today differ.
   */
  /**
   * A dry run of the import guide's sample from an old case system, so the administrators' Import
   * cases page lists a finished run with its counts and refused rows (the sample's caseworker is
   * not one of the demo's staff). A dry run writes nothing but its run.
   */
  private async importShowcase(authorityId: string): Promise<void> {
    // The register's schools as a council keeps them current: an extract of GIAS imported, once
    // for the database, after the demo's children are placed in the shipped schools.
    if ((await this.services.schoolsImport.listRuns(1)).length === 0) {
      await this.services.schoolsImport.importSchools(createReadStream(SCHOOLS_REGISTER_SAMPLE), { fileName: basename(SCHOOLS_REGISTER_SAMPLE), ranBy: 'Demo data' });
    }
    const { mapping, mappingName } = readMappingFile(`${CASES_IMPORT_SAMPLE}/mapping.json`);
    await this.services.casesImport.importCases(systemActor(authorityId, 'demo'), { mapping, mappingName, ...folderSource(CASES_IMPORT_SAMPLE), mode: 'dry-run', ranBy: 'Demo data' });
  }

  private async improvementPlanShowcase(manager: Actor, officer: Actor, today: IsoDate): Promise<void> {
    const plan = this.services.improvementPlan;
    const baselineOn = addMonths(today, -6);
    const targetOn = addMonths(today, 6);
    const timeliness = await plan.addArea(manager, {
      title: 'Timeliness of EHC plans',
      finding: 'Too few new EHC plans are issued within 20 weeks. Families wait too long for decisions, and the reasons for delay are not tracked.',
    });
    const reviews = await plan.addArea(manager, {
      title: 'Annual reviews',
      finding: 'Many annual reviews are overdue, and decisions after review meetings are often sent later than 4 weeks.',
    });
    const communication = await plan.addArea(manager, {
      title: 'Communication with families',
      finding: 'Parents and carers say they do not know who their case officer is or what happens next. Complaints are not always answered in time.',
    });
    const inTime = await plan.bindMeasure(manager, { areaId: timeliness.areaId }, { measureId: 'plans-in-20-weeks-excluding-exceptions', baselineValue: '38', baselineOn, targetValue: '60', targetOn });
    const tracker = await plan.addAction(manager, timeliness.areaId, { title: 'Weekly tracking of every plan past week 12', description: 'A weekly list of every case past week 12 with its next step, reviewed by the team manager.', ownerId: manager.id });
    await plan.bindMeasure(manager, { actionId: tracker.actionId }, { measureId: 'requests-decided-in-6-weeks', baselineValue: '70', baselineOn, targetValue: '90', targetOn });
    await plan.addMilestone(manager, tracker.actionId, { title: 'Tracker in use by every team', dueOn: addMonths(today, -2) });
    await plan.addMilestone(manager, tracker.actionId, { title: 'Reasons for delay reported to the board', dueOn: addMonths(today, 2) });
    const queue = await plan.addAction(manager, timeliness.areaId, { title: 'Allocate every new request within 5 working days', ownerId: officer.id });
    const unallocated = await plan.bindMeasure(manager, { actionId: queue.actionId }, { measureId: 'unallocated-cases', baselineValue: '15', baselineOn, targetValue: '0', targetOn });
    const overdue = await plan.addAction(manager, reviews.areaId, { title: 'Clear the backlog of overdue annual reviews', ownerId: manager.id });
    const overdueReviews = await plan.bindMeasure(manager, { actionId: overdue.actionId }, { measureId: 'reviews-overdue', baselineValue: '40', baselineOn, targetValue: '5', targetOn });
    await plan.bindMeasure(manager, { areaId: reviews.areaId }, { measureId: 'reviews-decided-in-4-weeks', baselineValue: '30', baselineOn, targetValue: '60', targetOn });
    const named = await plan.addAction(manager, communication.areaId, { title: 'Tell every family the name of their case officer', ownerId: officer.id });
    await plan.bindMeasure(manager, { actionId: named.actionId }, { measureId: 'complaints-stage-1-in-time', baselineValue: '50', baselineOn, targetValue: '90', targetOn });
    await plan.updateStatus(manager, tracker.actionId, { status: 'on-track', note: 'The tracker is in use by two of the three teams.' });
    await plan.updateStatus(officer, queue.actionId, { status: 'at-risk', note: 'Two posts are vacant until January.' });
    const { meetingId } = await plan.recordMeeting(manager, {
      heldOn: addDays(today, -28),
      attendees: 'Independent chair\nDirector of children’s services\nDfE SEND adviser\nParent carer forum representative\nTom Whitfield, team manager',
      decisions: 'The board agreed the plan. It asked for the reasons for delay to be reported at each meeting, and for the review backlog to be cleared before the spring.',
    });
    const arising = await plan.addAction(manager, timeliness.areaId, { title: 'Report the reasons for delay to each board meeting', ownerId: manager.id, meetingId });
    await plan.addEvidence(manager, arising.actionId, { title: 'Reasons for delay, November', url: 'https://intranet.send-demo.example/board/reasons-for-delay-november.pdf' });
    await plan.updateStatus(manager, overdue.actionId, { status: 'on-track', note: 'A review officer started this month; the oldest reviews are booked.' });
    // A document uploaded as evidence, beside the links: checked and scanned as any upload is.
    await plan.addEvidenceDocument(manager, overdue.actionId, {
      title: 'Overdue annual reviews by month, November',
      file: { filename: 'Overdue reviews November.pdf', bytes: onePagePdf('Overdue annual reviews by month, November'), truncated: false },
    });
    await plan.updateStatus(officer, named.actionId, { status: 'on-track', note: 'Letters now name the case officer and their direct line.' });
    await plan.updateStatus(manager, tracker.actionId, { status: 'complete', note: 'Every team uses the tracker; it is now part of supervision.' });
    // The plan's public page for families, with three of its measures.
    await this.services.improvementPublicPage.saveSettings(manager, {
      published: 'yes',
      measures: [inTime.bindingId, unallocated.bindingId, overdueReviews.bindingId],
      explanations: {
        [inTime.bindingId]: 'Of the new EHC plans we issued, how many were issued within the 20 weeks the law allows. We want more families to have a plan on time.',
        [unallocated.bindingId]: 'How many children’s cases are waiting for a named case officer. We want every family to know who their case officer is.',
        [overdueReviews.bindingId]: 'How many EHC plans are past the date their annual review was due. We want every plan reviewed on time.',
      },
    });
  }

  private async demoOfficers(authorityId: string, seeder: Actor): Promise<Actor[]> {
    for (const officer of EXTRA_DEMO_OFFICERS) {
      if (!(await emailTaken(this.db, officer.email))) {
        await this.services.staff.createUser(seeder, { ...officer, role: 'case_officer' });
      }
    }
    const users = await listUsers(this.db, authorityId);
    const officers = users
      .filter((user) => user.role === 'case_officer' && user.deactivatedAt === null)
      .sort((a, b) => (a.email === 'officer@send-demo.example' ? -1 : b.email === 'officer@send-demo.example' ? 1 : a.email.localeCompare(b.email)));
    if (officers.length === 0) throw new Error('Demo data needs at least one case officer');
    return officers.map((user) => ({ kind: 'user', id: user.id, authorityId, roles: ['case_officer'], name: user.name }));
  }
}

/**
 * The phases of school a child of this age attends (Get Information about Schools' phase names):
 * nursery before 4, primary to 10, secondary to 15, sixth form or college to 19; all-through
 * schools take every age from 4, and a special school (phase "Not applicable") any age.
 */
export function phasesForAge(age: number): readonly string[] {
  if (age < 4) return ['Nursery'];
  if (age <= 10) return ['Primary', 'All-through'];
  if (age <= 13) return ['Secondary', 'Middle deemed secondary', 'All-through'];
  if (age <= 15) return ['Secondary', 'All-through'];
  return ['16 plus', 'Secondary', 'All-through'];
}

/** A school for a child of this age: one of their phase, or for one child in eight a special school. */
function schoolFor<T extends { phase: string }>(schools: readonly T[], age: number, random: { next(): number; pick<U>(items: readonly U[]): U }): T | undefined {
  if (age < 2) return undefined;
  const special = schools.filter((school) => school.phase === 'Not applicable');
  if (age >= 4 && special.length > 0 && random.next() < 0.125) return random.pick(special);
  const phases = phasesForAge(age);
  const ofPhase = schools.filter((school) => phases.includes(school.phase));
  return ofPhase.length > 0 ? random.pick(ofPhase) : undefined;
}
