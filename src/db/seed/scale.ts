// Synthetic casework at council and national scale, for load tests and query plans: every English
// authority sized and paced by its published figures (reference/la-profile-2025.csv, DfE, June
// 2025), the rest shaped by the figures in docs/domain.md, the data. Deterministic: the same seed
// number gives the same rows, ids included. Each case's history is a run of the same events the
// app records, and its deadlines are what caseDeadlines() derives from them, so the data is what
// the app would have written. Loaded with COPY, one authority per transaction (on PostgreSQL two
// at once, on two connections), generating the next authority while the database takes the last.
// Nothing is switched off: triggers, foreign keys and indexes all apply, and set the pace.
import type { PGlite } from '@electric-sql/pglite';
import { NICKNAMES } from './names.ts';
import { STAGE_AFTER_EVENT } from '../../domain/events/index.ts';
import { inArray } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { addMonths, fromDayNumber, isIsoDate, toDayNumber, type IsoDate } from '../../domain/calendar/index.ts';
import { searchNamesOf, surnameKeyOf } from '../../domain/children/search-keys.ts';
import { upnCheckLetter } from '../../domain/children/upn.ts';
import { caseDeadlines, deadlinesOfClosedCase } from '../../domain/events/index.ts';
import { seededRandom } from '../../lib/random.ts';
import type { DatabaseHandle } from '../database.ts';
import { authorityCode } from '../schema/index.ts';

export interface ScaleSeedOptions {
  scale: 'council' | 'national';
  /** The PRNG seed: the same number gives the same data. */
  seed?: number;
  /** The day the data is "as at", YYYY-MM-DD; nothing is dated after it but booked review meetings. */
  today: string;
  log?: (line: string) => void;
  /** Multiplies every authority's size (tests use a small fraction); 1 unless given. */
  scaleFactor?: number;
  /** National only: just these LA codes (tests). */
  laCodes?: readonly string[];
}

export interface ScaleSeedResult {
  authorities: number;
  children: number;
  cases: number;
  events: number;
  deadlines: number;
  seconds: number;
}

/** Birmingham's open plans at council scale (docs/domain.md, the data: 12,094 in January 2025). */
export const COUNCIL_PLANS = 12_000;
export const COUNCIL_LA_CODE = '330';
/** England's plans in January 2026 (docs/domain.md, the data), shared out in proportion to January 2025. */
export const NATIONAL_PLANS = 718_800;
/** Refused requests and ceased plans are kept for this many years back. */
const HISTORY_YEARS = 3;
/** Open plans were issued up to this many years back. */
const PLAN_YEARS = 8;
const PLANS_PER_OFFICER = 300;
/** Birmingham-sized: 450 schools for 12,000 plans. */
const SCHOOLS_PER_PLAN = 450 / 12_000;
const MIN_SCHOOLS = 20;
const UNALLOCATED_SHARE = 0.03;
/** Late plans with an exception recorded (Regs 13(3)): left out of the 20-week measure. */
const EXCEPTION_SHARE = 0.04;
const LATE_REVIEW_MEETING_SHARE = 0.12;
const AMEND_SHARE = 0.25;
const FIRST_URN = 600_001;

// ---------------------------------------------------------------------------------------------
// The published figures

const SEN_TYPES = ['ASD', 'SLCN', 'SEMH', 'MLD', 'SPLD', 'SLD', 'PD', 'HI', 'VI', 'MSI', 'PMLD', 'OTH'] as const;

export interface AuthorityProfile {
  laCode: string;
  gssCode: string;
  name: string;
  region: string;
  plans: number;
  requests: number | undefined;
  agreed: number | undefined;
  decidedWithin6Weeks: number | undefined;
  newPlans: number | undefined;
  within20WeeksPc: number | undefined;
  reviewsWithin4WeeksPc: number | undefined;
  ceased: number | undefined;
  /** Primary-need shares (%) in SEN_TYPES order, or undefined where any is suppressed. */
  needs: number[] | undefined;
}

/** A published number, or undefined where DfE suppressed it ("x", "c") or left it blank. */
function figure(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+(\.\d+)?$/.test(value.trim())) return undefined;
  return Number(value);
}

export function loadAuthorityProfiles(): AuthorityProfile[] {
  const text = readFileSync(new URL('../reference/la-profile-2025.csv', import.meta.url), 'utf8');
  // One record a line, keyed by the header's column names.
  const rows = parse<Record<string, string | undefined>>(text, { columns: true, skip_empty_lines: true });
  return rows.map((row) => {
    const needs = SEN_TYPES.map((type) => figure(row[`need_${type.toLowerCase()}_pc`]));
    const plans = figure(row['ehc_plans_jan2025']);
    if (plans === undefined) throw new Error(`la-profile-2025.csv: no plan count for ${row['la_name']}`);
    return {
      laCode: row['la_code'] ?? '',
      gssCode: row['new_la_code'] ?? '',
      name: row['la_name'] ?? '',
      region: row['region'] ?? '',
      plans,
      requests: figure(row['requests_2024']),
      agreed: figure(row['agreed_to_assess_2024']),
      decidedWithin6Weeks: figure(row['decided_within_6_weeks_2024']),
      newPlans: figure(row['new_plans_2024']),
      within20WeeksPc: figure(row['issued_within_20_weeks_ex_pc_2024']),
      reviewsWithin4WeeksPc: figure(row['reviews_decided_within_4_weeks_pc_2024']),
      ceased: figure(row['plans_ceased_2024']),
      needs: needs.every((share) => share !== undefined) ? (needs as number[]) : undefined,
    };
  });
}

interface Rates {
  requestsPerPlan: number;
  agreedShare: number;
  decidedIn6WeeksShare: number;
  newPlanShare: number;
  within20Share: number;
  reviewIn4WeeksShare: number;
  ceasedPerPlan: number;
  /** Cumulative primary-need weights in SEN_TYPES order. */
  needs: number[];
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/** Weighted national rates over the authorities that published both figures: the fallback for suppressed ones. */
function nationalRates(profiles: readonly AuthorityProfile[]): Rates {
  const ratio = (numerator: (p: AuthorityProfile) => number | undefined, denominator: (p: AuthorityProfile) => number | undefined) => {
    let top = 0;
    let bottom = 0;
    for (const profile of profiles) {
      const n = numerator(profile);
      const d = denominator(profile);
      if (n === undefined || d === undefined || d === 0) continue;
      top += n;
      bottom += d;
    }
    return bottom === 0 ? 0 : top / bottom;
  };
  const weightedPc = (pc: (p: AuthorityProfile) => number | undefined, weight: (p: AuthorityProfile) => number | undefined) =>
    ratio(
      (p) => {
        const share = pc(p);
        const w = weight(p);
        return share === undefined || w === undefined ? undefined : (share / 100) * w;
      },
      (p) => (pc(p) === undefined ? undefined : weight(p)),
    );
  const needs = SEN_TYPES.map((_, index) => weightedPc((p) => p.needs?.[index], (p) => p.plans));
  return {
    requestsPerPlan: ratio((p) => p.requests, (p) => p.plans),
    agreedShare: ratio((p) => p.agreed, (p) => p.requests),
    decidedIn6WeeksShare: ratio((p) => p.decidedWithin6Weeks, (p) => p.requests),
    newPlanShare: ratio((p) => p.newPlans, (p) => p.plans),
    within20Share: weightedPc((p) => p.within20WeeksPc, (p) => p.newPlans),
    reviewIn4WeeksShare: weightedPc((p) => p.reviewsWithin4WeeksPc, (p) => p.plans),
    ceasedPerPlan: ratio((p) => p.ceased, (p) => p.plans),
    needs: cumulative(needs),
  };
}

function ratesFor(profile: AuthorityProfile, national: Rates): Rates {
  const per = (value: number | undefined, of: number | undefined) => (value === undefined || of === undefined || of === 0 ? undefined : value / of);
  return {
    requestsPerPlan: per(profile.requests, profile.plans) ?? national.requestsPerPlan,
    agreedShare: clamp(per(profile.agreed, profile.requests) ?? national.agreedShare, 0.05, 0.98),
    decidedIn6WeeksShare: clamp(per(profile.decidedWithin6Weeks, profile.requests) ?? national.decidedIn6WeeksShare, 0.02, 0.98),
    newPlanShare: clamp(per(profile.newPlans, profile.plans) ?? national.newPlanShare, 0.02, 0.5),
    within20Share: clamp(profile.within20WeeksPc === undefined ? national.within20Share : profile.within20WeeksPc / 100, 0, 1),
    reviewIn4WeeksShare: clamp(profile.reviewsWithin4WeeksPc === undefined ? national.reviewIn4WeeksShare : profile.reviewsWithin4WeeksPc / 100, 0, 1),
    ceasedPerPlan: per(profile.ceased, profile.plans) ?? national.ceasedPerPlan,
    needs: profile.needs && profile.needs.some((share) => share > 0) ? cumulative(profile.needs) : national.needs,
  };
}

function cumulative(weights: readonly number[]): number[] {
  let total = 0;
  return weights.map((weight) => (total += weight));
}

// ---------------------------------------------------------------------------------------------
// Randomness and ids

/** The seeded generator the demo data uses too, with the draws the seed needs. */
class Random {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = seededRandom(seed);
  }
  bits32(): number {
    return Math.floor(this.next() * 4_294_967_296);
  }
  int(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }
  chance(probability: number): boolean {
    return this.next() < probability;
  }
  pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.next() * values.length)]!;
  }
  /** An index into cumulative weights. */
  weighted(cumulativeWeights: readonly number[]): number {
    const roll = this.next() * cumulativeWeights[cumulativeWeights.length - 1]!;
    for (let i = 0; i < cumulativeWeights.length; i += 1) if (roll < cumulativeWeights[i]!) return i;
    return cumulativeWeights.length - 1;
  }
  /** Exponentially distributed whole days with the given mean. */
  exponentialDays(mean: number): number {
    return Math.floor(-Math.log(1 - this.next()) * mean);
  }
  /** The same, cut off below `limit` without piling the tail up at the limit. */
  truncatedExponentialDays(mean: number, limit: number): number {
    const tail = 1 - Math.exp(-limit / mean);
    return Math.min(limit - 1, Math.floor(-Math.log(1 - this.next() * tail) * mean));
  }
}

/** A 32-bit seed for one authority from the run's seed and its LA code (FNV-1a). */
function authoritySeed(seed: number, laCode: string): number {
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  for (const character of `${seed}:${laCode}`) {
    hash ^= character.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

const hex = (value: number, digits: number) => value.toString(16).padStart(digits, '0');

/**
 * UUIDv7-shaped ids made from the row's own time and the authority's random stream, so they are
 * deterministic and time-ordered like the app's (src/lib/uuid.ts keeps process-wide state and
 * reads the system's randomness, so it cannot be used here). The authority's ordinal and a counter
 * sit in the random bits, so no two ids of one run are equal.
 */
class IdMaker {
  private counter = 0;
  private readonly random: Random;
  private readonly ordinal: number;

  constructor(random: Random, ordinal: number) {
    this.random = random;
    this.ordinal = ordinal;
  }
  at(ms: number): string {
    this.counter += 1;
    const time = hex(Math.max(0, Math.floor(ms)), 12);
    const a = this.random.bits32();
    const b = this.random.bits32();
    return (
      `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hex(a & 0xfff, 3)}-` +
      `${hex(0x8000 | ((this.ordinal & 0xff) << 6) | ((a >>> 12) & 0x3f), 4)}-${hex(this.counter & 0xffffff, 6)}${hex(b & 0xffffff, 6)}`
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Names, places and schools

interface NameGroup {
  weight: number;
  diverseWeight: number;
  ethnicity: readonly string[];
  boys: readonly string[];
  girls: readonly string[];
  surnames: readonly string[];
  mothers: readonly string[];
  fathers: readonly string[];
}

const BRITISH_BOYS = ['Oliver', 'George', 'Harry', 'Jack', 'Noah', 'Leo', 'Charlie', 'Freddie', 'Alfie', 'Thomas', 'Jacob', 'Oscar', 'Archie', 'Henry', 'Joshua', 'Riley', 'Jamie', 'Lewis', 'Callum', 'Kai', 'Mason', 'Tyler', 'Logan', 'Ethan', 'Dylan', 'Reuben', 'Toby', 'Finley', 'Theo', 'Arthur', 'Rhys', 'Alex'];
const BRITISH_GIRLS = ['Olivia', 'Amelia', 'Isla', 'Ava', 'Lily', 'Freya', 'Poppy', 'Grace', 'Evie', 'Sophie', 'Ruby', 'Ella', 'Millie', 'Chloe', 'Megan', 'Holly', 'Phoebe', 'Daisy', 'Zoë', 'Eloïse', 'Bethan', 'Jessica', 'Lacey-Mae', 'Alex'];
const BRITISH_SURNAMES = ['Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson', 'Roberts', 'Robinson', 'Thompson', 'Wright', 'Walker', 'White', 'Edwards', 'Hughes', 'Green', 'Hall', 'Lewis', 'Harris', 'Clarke', 'Jackson', 'Wood', 'Turner', 'Martin', 'Cooper', 'Hill', 'Ward', 'Morris', 'Moore', 'King', 'Baker', 'Harrison', 'Morgan', 'Allen', 'James', 'Scott', 'Phillips', 'Watson', 'Parker', 'Price', 'Bennett', 'Young', 'Griffiths', 'Mitchell', 'Kelly', 'Cook', 'Carter', 'Bailey', 'Collins', 'Bell', 'Shaw', 'Walker-Hughes', 'Ashworth-Briggs', 'Smith-Jones', 'ffrench', 'Featherstonehaugh'];
const BRITISH_MOTHERS = ['Sarah', 'Emma', 'Laura', 'Rebecca', 'Gemma', 'Kelly', 'Claire', 'Jodie', 'Hannah', 'Natalie', 'Charlotte', 'Leanne', 'Stacey', 'Victoria', 'Joanne'];
const BRITISH_FATHERS = ['David', 'Mark', 'Paul', 'Daniel', 'James', 'Lee', 'Craig', 'Andrew', 'Matthew', 'Stuart', 'Wayne', 'Ryan', 'Christopher', 'Richard', 'Gareth'];
const CARIBBEAN_BOYS = ['Tyrese', 'Jaden', 'Kayden', 'Malachi', 'Jaylen', 'Isaiah', 'Reuben', 'Kai', 'Nathaniel', 'Zion'];
const CARIBBEAN_GIRLS = ['Shanice', 'Aaliyah', 'Jada', 'Tiana', 'Kiara', 'Alicia', 'Imani', 'Nevaeh', 'Amari', 'Leah'];
const CARIBBEAN_SURNAMES = ['Campbell', 'Brown', 'Williams', 'Francis', 'Thompson', 'Grant', 'Reid', 'Clarke', 'Gordon', 'Bailey', 'Stewart', 'Walters', 'McKenzie', 'Richards'];

const NAME_GROUPS: readonly NameGroup[] = [
  { weight: 66, diverseWeight: 33, ethnicity: ['WBRI'], boys: BRITISH_BOYS, girls: BRITISH_GIRLS, surnames: BRITISH_SURNAMES, mothers: BRITISH_MOTHERS, fathers: BRITISH_FATHERS },
  {
    weight: 1,
    diverseWeight: 1.5,
    ethnicity: ['WIRI'],
    boys: ['Oisín', 'Seán', 'Ciarán', 'Cian', 'Darragh', 'Pádraig', 'Conor', 'Eoin', 'Fionn', 'Tadhg'],
    girls: ['Niamh', 'Siobhán', 'Aoife', 'Róisín', 'Caoimhe', 'Saoirse', 'Orla', 'Clodagh', 'Aisling', 'Méabh'],
    surnames: ["O'Brien", 'O’Connor', 'McCarthy', 'Murphy', 'Byrne', 'Doyle', 'Kavanagh', "O'Neill", 'Ó Súilleabháin', 'MacNamara', "D'Arcy", 'Fitzgerald', 'Gallagher', 'Quinn'],
    mothers: ['Siobhán', 'Mary', 'Bríd', 'Aoife', 'Ciara'],
    fathers: ['Seán', 'Declan', 'Pádraig', 'Ciarán', 'Liam'],
  },
  {
    weight: 5,
    diverseWeight: 6,
    ethnicity: ['WOTH'],
    boys: ['Kacper', 'Jakub', 'Szymon', 'Filip', 'Mateusz', 'Andrei', 'Ștefan', 'Matas', 'Lukáš', 'Tomás', 'João', 'Gonçalo', 'Jürgen', 'Mihai'],
    girls: ['Zofia', 'Zuzanna', 'Łucja', 'Wiktoria', 'Maja', 'Ioana', 'Elena', 'Gabrielė', 'Inês', 'Adéla', 'Małgosia', 'Anaïs'],
    surnames: ['Nowak', 'Wójcik', 'Kowalczyk', 'Mazur', 'Krawczyk', 'Dąbrowski', 'Zieliński', 'Wiśniewski', 'Popescu', 'Ionescu', 'Moldovan', 'Kazlauskas', 'Novák', 'Dvořák', 'Horváth', 'Silva', 'Gonçalves', 'Sousa', 'Müller', 'Łukasik'],
    mothers: ['Agnieszka', 'Małgorzata', 'Katarzyna', 'Ioana', 'Ana', 'Jūratė'],
    fathers: ['Piotr', 'Tomasz', 'Krzysztof', 'Mihai', 'Paulo', 'Łukasz'],
  },
  {
    weight: 0.8,
    diverseWeight: 1,
    ethnicity: ['WROM', 'WIRT'],
    boys: ['Marian', 'Vasile', 'Denis', 'Robert', 'Levi', 'Johnny'],
    girls: ['Florentina', 'Ramona', 'Denisa', 'Roxana', 'Bridget', 'Kathleen'],
    surnames: ['Lakatos', 'Balogh', 'Stoica', 'Duduman', 'Rostás', 'McDonagh', 'Ward', 'Joyce'],
    mothers: ['Florica', 'Maria', 'Bridget'],
    fathers: ['Ion', 'Gheorghe', 'Patrick'],
  },
  {
    weight: 4.5,
    diverseWeight: 16,
    ethnicity: ['APKN'],
    boys: ['Muhammad', 'Mohammed', 'Ibrahim', 'Yusuf', 'Zayn', 'Hamza', 'Rayyan', 'Haris', 'Abdullah', 'Musa', 'Eesa', 'Zakariya', 'Ayaan'],
    girls: ['Aisha', 'Maryam', 'Fatima', 'Zainab', 'Hafsa', 'Khadija', 'Inaya', 'Hania', 'Aleena', 'Anaya', 'Eshal', 'Zoya'],
    surnames: ['Khan', 'Hussain', 'Ahmed', 'Ali', 'Akhtar', 'Iqbal', 'Mahmood', 'Rashid', 'Butt', 'Malik', 'Shah', 'Raza', 'Chaudhry', 'Mirza', 'Qureshi', 'Bibi'],
    mothers: ['Samina', 'Nazia', 'Shazia', 'Rubina', 'Saima', 'Farah'],
    fathers: ['Imran', 'Asif', 'Tariq', 'Kashif', 'Naveed', 'Shahid'],
  },
  {
    weight: 1.5,
    diverseWeight: 6,
    ethnicity: ['ABAN'],
    boys: ['Tahmid', 'Rayhan', 'Safwan', 'Farhan', 'Ayaan', 'Arham', 'Rahim', 'Sami'],
    girls: ['Nusrat', 'Tasnim', 'Sumaiya', 'Jannat', 'Ruqayyah', 'Sadia', 'Mahira', 'Ayesha'],
    surnames: ['Rahman', 'Begum', 'Uddin', 'Miah', 'Islam', 'Hoque', 'Chowdhury', 'Ahmed', 'Ali', 'Khatun'],
    mothers: ['Rehana', 'Shapla', 'Nasima', 'Runa'],
    fathers: ['Abdul', 'Shahjahan', 'Mizanur', 'Jamal'],
  },
  {
    weight: 2,
    diverseWeight: 5,
    ethnicity: ['AIND'],
    boys: ['Arjun', 'Aarav', 'Vihaan', 'Dev', 'Rohan', 'Krish', 'Harjot', 'Gurveer', 'Ishaan', 'Veer'],
    girls: ['Priya', 'Ananya', 'Diya', 'Simran', 'Navya', 'Isha', 'Harleen', 'Anvi', 'Saanvi', 'Jasleen'],
    surnames: ['Patel', 'Singh', 'Kaur', 'Sharma', 'Gill', 'Sandhu', 'Mistry', 'Shah', 'Chauhan', 'Joshi', 'Sidhu', 'Kumar', 'Bains', 'Desai'],
    mothers: ['Pooja', 'Rupinder', 'Meena', 'Harpreet', 'Nisha'],
    fathers: ['Sanjay', 'Rajesh', 'Jaswinder', 'Amit', 'Vikram'],
  },
  {
    weight: 4,
    diverseWeight: 9,
    ethnicity: ['BAFR'],
    boys: ['Kwame', 'Kofi', 'Chidi', 'Emeka', 'Tobi', 'Oluwaseun', 'Samuel', 'Daniel', 'Abdirahman', 'Mohamed', 'Ayomide', 'Nathaniel'],
    girls: ['Amara', 'Chiamaka', 'Adaeze', 'Blessing', 'Favour', 'Hodan', 'Ifeoma', 'Nia', 'Deborah', 'Ayaan', 'Fadumo', 'Precious'],
    surnames: ['Okafor', 'Mensah', 'Adeyemi', 'Okoye', 'Owusu', 'Boateng', 'Asante', 'Nwosu', 'Adebayo', 'Abdi', 'Hassan', 'Mohamed', 'Warsame', 'Osei', 'Ogunleye', 'Kamara'],
    mothers: ['Grace', 'Funmilayo', 'Abena', 'Hodan', 'Ngozi', 'Faith'],
    fathers: ['Chidi', 'Kwabena', 'Olusegun', 'Abdi', 'Emmanuel', 'Yaw'],
  },
  { weight: 1.5, diverseWeight: 5, ethnicity: ['BCRB'], boys: CARIBBEAN_BOYS, girls: CARIBBEAN_GIRLS, surnames: CARIBBEAN_SURNAMES, mothers: ['Marcia', 'Donna', 'Sharon', 'Jennifer', 'Paulette'], fathers: ['Delroy', 'Winston', 'Leon', 'Marcus', 'Trevor'] },
  {
    weight: 7,
    diverseWeight: 11,
    ethnicity: ['MWBC', 'MWBA', 'MWAS', 'MOTH'],
    boys: [...BRITISH_BOYS.slice(0, 16), ...CARIBBEAN_BOYS],
    girls: [...BRITISH_GIRLS.slice(0, 14), ...CARIBBEAN_GIRLS],
    surnames: [...BRITISH_SURNAMES.slice(0, 20), ...CARIBBEAN_SURNAMES, 'Campbell-Smith', 'Ahmed-Jones', 'Brown-Okafor', 'Nowak-Taylor'],
    mothers: BRITISH_MOTHERS,
    fathers: ['Delroy', 'Marcus', 'Kwame', 'Imran', 'Leon', 'Tariq'],
  },
  {
    weight: 0.5,
    diverseWeight: 1,
    ethnicity: ['CHNE'],
    boys: ['Ethan', 'Jayden', 'Ryan', 'Hao', 'Yichen', 'Junjie'],
    girls: ['Chloe', 'Emily', 'Yuxi', 'Zihan', 'Mei', 'Xinyi'],
    surnames: ['Chen', 'Wang', 'Li', 'Zhang', 'Liu', 'Lam', 'Wong', 'Cheung', 'Huang'],
    mothers: ['Li Na', 'Mei', 'Xiaoling'],
    fathers: ['Wei', 'Jun', 'Kin'],
  },
  {
    weight: 2.5,
    diverseWeight: 5,
    ethnicity: ['AOTH', 'OOTH', 'OOTH'],
    boys: ['Omar', 'Ahmad', 'Karim', 'Mustafa', 'Ali', 'Yousef', 'Adam', 'Hassan'],
    girls: ['Layla', 'Noor', 'Huda', 'Rania', 'Sara', 'Maria', 'Lina', 'Yasmin'],
    surnames: ['Al-Sayed', 'El-Masri', 'Abdullah', 'Haddad', 'Karimi', 'Ahmadi', 'Rahimi', 'Aziz', 'Mahmoud', 'Al-Hashimi'],
    mothers: ['Fatemeh', 'Huda', 'Amira', 'Samira'],
    fathers: ['Ahmed', 'Khalid', 'Reza', 'Samir'],
  },
  {
    weight: 0.3,
    diverseWeight: 0.5,
    ethnicity: ['AOTH'],
    boys: ['Minh', 'Huy', 'Khang', 'Bảo'],
    girls: ['Linh', 'Thảo', 'Ngọc', 'Anh'],
    surnames: ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Võ'],
    mothers: ['Hương', 'Lan'],
    fathers: ['Dũng', 'Tuấn'],
  },
];
const GROUP_WEIGHTS = cumulative(NAME_GROUPS.map((group) => group.weight));
const DIVERSE_GROUP_WEIGHTS = cumulative(NAME_GROUPS.map((group) => group.diverseWeight));
/** Authorities outside London whose children's names are drawn from the more diverse mix. */
const DIVERSE_AUTHORITIES = new Set(['Birmingham', 'Sandwell', 'Wolverhampton', 'Walsall', 'Coventry', 'Bradford', 'Kirklees', 'Leicester', 'Manchester', 'Oldham', 'Blackburn with Darwen', 'Luton', 'Slough', 'Bolton', 'Rochdale', 'Nottingham', 'Derby', 'Peterborough', 'Bristol, City of', 'Leeds', 'Sheffield']);

/** Postcode areas by region; Birmingham's own. Synthetic postcodes only take the area's letters. */
const POSTCODE_AREAS: Record<string, readonly string[]> = {
  London: ['E', 'N', 'SE', 'SW', 'W', 'NW', 'IG', 'RM', 'BR', 'CR', 'HA', 'UB', 'TW', 'KT', 'EN', 'SM', 'DA'],
  'West Midlands': ['B', 'CV', 'WV', 'WS', 'DY', 'ST', 'WR', 'HR', 'TF', 'SY'],
  'North West': ['M', 'L', 'WA', 'OL', 'BL', 'SK', 'PR', 'BB', 'FY', 'LA', 'CH', 'CW', 'WN', 'CA'],
  'North East': ['NE', 'SR', 'DH', 'TS', 'DL'],
  'Yorkshire and The Humber': ['LS', 'BD', 'S', 'HD', 'HX', 'WF', 'YO', 'HU', 'DN', 'HG'],
  'East Midlands': ['NG', 'DE', 'LE', 'NN', 'LN', 'PE'],
  'East of England': ['CB', 'CM', 'CO', 'IP', 'NR', 'SS', 'SG', 'AL', 'LU', 'MK'],
  'South East': ['BN', 'CT', 'ME', 'TN', 'GU', 'RG', 'OX', 'SO', 'PO', 'RH', 'SL', 'HP'],
  'South West': ['BS', 'BA', 'EX', 'PL', 'TR', 'TQ', 'TA', 'GL', 'SN', 'SP', 'BH', 'DT'],
};
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
const STREETS = ['Church Lane', 'Station Road', 'Park Road', 'Victoria Avenue', 'High Street', 'Mill Lane', 'School Lane', 'Queen’s Road', 'King Edward Road', 'The Crescent', 'Canal Street', 'Ash Grove', 'Oak Close', 'Moseley Road', 'Coventry Road', 'Stratford Road', 'St Mary’s Walk', 'Windsor Terrace', 'Brook Street', 'Meadow View', 'Chapel Street', 'Orchard Way', 'Green Lane', 'Hawthorn Drive', 'Albert Street'];
const SCHOOL_PLACES = ['Oakfield', 'Park View', 'Hillcrest', 'Meadowbank', 'Ash Grove', 'Brookside', 'Greenfields', 'Highfield', 'Riverside', 'Springfield', 'Westbourne', 'Kingsway', 'Elmhurst', 'Fairway', 'Heathland', 'Lakeside', 'Moorcroft', 'Northfield', 'Orchard', 'Queensbridge', 'Redhill', 'Southgate', 'Thornbury', 'Valley', 'Woodlands', 'Beechwood', 'Cedar Park', 'Daisy Bank', 'Foxhollies', 'Hollyfield', 'St Mary’s C of E', 'St Joseph’s Catholic', 'St Peter’s', 'Al-Furqan', 'King David', 'Holy Trinity'];

type SchoolKind = 'nursery' | 'primary' | 'secondary' | 'special' | 'post16' | 'pru';
/** Shares of an authority's schools by kind; `estab` starts the establishment numbers UPNs carry. */
const SCHOOL_KINDS: readonly { kind: SchoolKind; share: number; estab: number; phase: string; types: readonly string[]; suffixes: readonly string[] }[] = [
  { kind: 'nursery', share: 0.03, estab: 1000, phase: 'Nursery', types: ['Local authority nursery school'], suffixes: ['Nursery School'] },
  { kind: 'primary', share: 0.72, estab: 2000, phase: 'Primary', types: ['Community school', 'Academy converter', 'Voluntary aided school', 'Foundation school', 'Academy sponsor led'], suffixes: ['Primary School', 'Primary Academy', 'Infant and Junior School', 'Junior and Infant School'] },
  { kind: 'secondary', share: 0.15, estab: 4000, phase: 'Secondary', types: ['Academy converter', 'Community school', 'Academy sponsor led', 'Free schools'], suffixes: ['Academy', 'School', 'High School', 'College'] },
  { kind: 'special', share: 0.06, estab: 7000, phase: 'Not applicable', types: ['Community special school', 'Academy special converter', 'Foundation special school', 'Other independent special school'], suffixes: ['School', 'Special School', 'Academy'] },
  { kind: 'post16', share: 0.025, estab: 8000, phase: '16 plus', types: ['Further education', 'Sixth form centres'], suffixes: ['College', 'Sixth Form College'] },
  { kind: 'pru', share: 0.015, estab: 1100, phase: 'Not applicable', types: ['Pupil referral unit'], suffixes: ['Short Stay School', 'Pupil Referral Unit'] },
];

// Ages (whole years at "today") of children with plans, and of children at a first request.
const PLAN_AGE_WEIGHTS = cumulative([0.2, 0.5, 1, 2, 3, 5, 6, 6.5, 7, 7, 7, 7, 7, 7, 7, 6.5, 6, 5, 4, 3, 2, 1.2, 0.8, 0.5, 0.3, 0.1]);
const REQUEST_AGE_WEIGHTS = cumulative([0.5, 1.5, 6, 9, 10, 9, 8, 7, 7, 7, 6, 6, 5, 5, 5, 4, 3, 2, 1.5, 0.5, 0.5, 0.3, 0.2, 0.2, 0.1]);
/** SEN2 RequestSource 1-5. */
const REQUEST_SOURCE_WEIGHTS = cumulative([50, 35, 7, 5, 3]);
/** SEN2 CeaseReason 1-9, roughly as 2024's ceased plans. */
const CEASE_REASON_WEIGHTS = cumulative([4, 14, 6, 9, 28, 12, 3, 1, 23]);
const RELATIONSHIPS = ['mother', 'mother', 'mother', 'mother', 'father', 'father', 'carer', 'foster-carer', 'grandparent', 'other'];
const EXCEPTIONS: readonly { reason: string; evidence: string }[] = [
  { reason: 'exceptional-personal-circumstances', evidence: 'Parent in hospital for five weeks; confirmed by the family’s e-mail and the hospital letter on file.' },
  { reason: 'absent-from-area', evidence: 'Family abroad for six weeks to care for a relative; dates confirmed by the parent in writing.' },
  { reason: 'school-closure', evidence: 'School closed over the summer holiday when its advice was requested; closure dates from the school’s calendar.' },
  { reason: 'early-years-closure', evidence: 'Nursery closed for refurbishment for five weeks; the provider’s notice is on file.' },
];

const DAY_MS = 86_400_000;
const YEAR_DAYS = 365.25;

const STEP_STAGES: Readonly<Record<string, string>> = STAGE_AFTER_EVENT;

// ---------------------------------------------------------------------------------------------
// One authority's rows

/** A table's rows as UTF-8 CSV in pieces of about a megabyte: off the JS heap while they wait to be loaded. */
interface CsvTable {
  table: string;
  columns: readonly string[];
  chunks: Buffer[];
}

class CsvWriter implements CsvTable {
  readonly chunks: Buffer[] = [];
  count = 0;
  private pending: string[] = [];
  private size = 0;
  readonly table: string;
  readonly columns: readonly string[];

  constructor(table: string, columns: readonly string[]) {
    this.table = table;
    this.columns = columns;
  }

  /** One row, its fields already CSV-encoded and joined with commas. */
  push(row: string): void {
    this.pending.push(row);
    this.count += 1;
    this.size += row.length + 1;
    if (this.size >= 1_000_000) this.flush();
  }

  flush(): void {
    if (this.pending.length === 0) return;
    this.chunks.push(Buffer.from(`${this.pending.join('\n')}\n`, 'utf8'));
    this.pending = [];
    this.size = 0;
  }
}

interface GeneratedEvent {
  type: string;
  day: number;
  ms: number;
  payload: string;
}

interface GeneratedCase {
  dobDay: number;
  receivedDay: number;
  closedDay: number | undefined;
  events: GeneratedEvent[];
  exception: { reason: string; evidence: string; startsDay: number; ms: number } | undefined;
  stage: string;
  source: number;
  open: boolean;
}

interface School {
  id: string;
  kind: SchoolKind;
  estab: number;
}

interface AuthorityPlan {
  profile: AuthorityProfile;
  rates: Rates;
  plans: number;
  officers: number;
  schools: number;
  firstUrn: number;
  ordinal: number;
}

// CSV for COPY: text is always quoted, its quotes doubled, so commas, quotes and new lines stay
// inside the field and "" is an empty string; NULL is an empty field without quotes. Ids, dates,
// times, numbers, codes and booleans are written bare: none of them holds a comma, quote or new line.
const text = (value: string) => `"${value.includes('"') ? value.replaceAll('"', '""') : value}"`;
const maybe = (value: string | null | undefined) => (value === null || value === undefined ? '' : text(value));
const timestamp = (ms: number) => new Date(ms).toISOString();

/** How many days a case an officer took waited in the queue first (0: none), from its id: a third of cases, 1 to 25 days. */
function queueWaitDays(caseId: string): number {
  const drawn = Number.parseInt(caseId.slice(-4), 16);
  return drawn % 3 === 0 ? 1 + (Math.floor(drawn / 3) % 25) : 0;
}

/**
 * Whether a maintained plan was appealed, and how long after it, from the case's id: about 3.5% of
 * plans (the national rate of appeals to the tribunal), so no draw from the random stream.
 */
function appealAfterDays(caseId: string): number | undefined {
  const drawn = Number.parseInt(caseId.slice(-6), 16);
  return drawn % 1000 < 35 ? 20 + (Math.floor(drawn / 1000) % 400) : undefined;
}

/** The id of a case's carried-over wait in the queue: the case's own, as a version-8 UUID. */
const queueSpellId = (caseId: string) => `${caseId.slice(0, 14)}8${caseId.slice(15)}`;

class AuthorityGenerator {
  private readonly plan: AuthorityPlan;
  private readonly random: Random;
  private readonly ids: IdMaker;
  private readonly today: number;
  private readonly dateCache = new Map<number, IsoDate>();
  private readonly areas: readonly string[];
  private readonly groupWeights: number[];
  private readonly upnSerials = new Map<string, number>();
  private readonly officerIds: string[] = [];
  private readonly schoolsByKind = new Map<SchoolKind, School[]>();
  readonly tables = {
    authority: table('authority', ['id', 'name', 'region', 'created_at']),
    authorityCode: table('authority_code', ['authority_id', 'la_code', 'gss_code', 'valid_from', 'valid_to']),
    school: table('school', ['id', 'urn', 'ukprn', 'name', 'phase', 'type', 'status', 'la_code', 'postcode']),
    staffUser: table('staff_user', ['id', 'authority_id', 'email', 'name', 'role', 'auth_provider', 'created_at']),
    child: table('child', ['id', 'authority_id', 'forename', 'surname', 'preferred_name', 'date_of_birth', 'sex', 'ethnicity', 'postcode', 'upn', 'school_id', 'sensitive', 'search_names', 'surname_key', 'created_at']),
    person: table('person', ['id', 'authority_id', 'forename', 'surname', 'email', 'phone', 'address', 'postcode', 'do_not_disclose_address', 'created_at']),
    childPerson: table('child_person', ['authority_id', 'child_id', 'person_id', 'relationship', 'parental_responsibility', 'main_contact']),
    ehcCase: table('ehc_case', ['id', 'authority_id', 'child_id', 'reference', 'stage', 'officer_id', 'unallocated_since', 'opened_on', 'closed_on', 'next_deadline_on', 'next_deadline_title', 'created_at', 'version']),
    assessmentRequest: table('assessment_request', ['id', 'authority_id', 'case_id', 'child_id', 'received_on', 'source', 'created_at']),
    caseEvent: table('case_event', ['id', 'authority_id', 'case_id', 'type', 'occurred_on', 'recorded_at', 'actor_kind', 'actor_id', 'payload']),
    caseException: table('case_exception', ['id', 'authority_id', 'case_id', 'reason', 'evidence', 'starts_on', 'recorded_at', 'recorded_by']),
    caseDeadline: table('case_deadline', ['authority_id', 'case_id', 'deadline_id', 'title', 'due_on', 'basis', 'met_on', 'duty']),
    caseHolder: table('case_holder', ['id', 'authority_id', 'case_id', 'officer_id', 'held_from', 'held_to', 'change', 'recorded_by', 'recorded_at']),
    caseReferenceCounter: table('case_reference_counter', ['authority_id', 'year', 'last_number']),
    appeal: table('appeal', ['id', 'authority_id', 'case_id', 'child_id', 'appeal_type', 'decision_event_id', 'decision_type', 'decision_on', 'decision_by', 'tribunal_reference', 'registered_on', 'response_due_on', 'hearing_on', 'status', 'position', 'concluded_on', 'registered_event_id', 'created_by', 'created_at', 'updated_at']),
    appealSection: table('appeal_section', ['id', 'authority_id', 'appeal_id', 'section', 'outcome', 'outcome_on']),
  };
  authorityId = '';
  openPlans = 0;

  constructor(plan: AuthorityPlan, seed: number, today: IsoDate) {
    this.plan = plan;
    this.random = new Random(authoritySeed(seed, plan.profile.laCode));
    this.ids = new IdMaker(this.random, plan.ordinal);
    this.today = toDayNumber(today);
    const regionAreas = POSTCODE_AREAS[plan.profile.region] ?? ['ZZ'];
    this.areas = plan.profile.laCode === COUNCIL_LA_CODE ? ['B'] : [this.random.pick(regionAreas), this.random.pick(regionAreas)];
    this.groupWeights = plan.profile.region === 'London' || DIVERSE_AUTHORITIES.has(plan.profile.name) ? DIVERSE_GROUP_WEIGHTS : GROUP_WEIGHTS;
  }

  private iso(day: number): IsoDate {
    let date = this.dateCache.get(day);
    if (date === undefined) {
      date = fromDayNumber(day);
      this.dateCache.set(day, date);
    }
    return date;
  }

  private plusMonths(day: number, months: number): number {
    return toDayNumber(addMonths(this.iso(day), months));
  }

  /** A time in office hours on the day. */
  private workingMs(day: number): number {
    return day * DAY_MS + (8 * 60 + this.random.int(30, 9 * 60)) * 60_000 + this.random.int(0, 59_999);
  }

  private postcode(): string {
    const area = this.random.pick(this.areas);
    const district = this.random.int(1, area.length === 1 ? 40 : 28);
    return `${area}${district} ${this.random.int(1, 9)}${INWARD_LETTERS[this.random.int(0, 19)]}${INWARD_LETTERS[this.random.int(0, 19)]}`;
  }

  async generate(): Promise<void> {
    const { profile } = this.plan;
    const systemStart = toDayNumber('2014-09-01' as IsoDate);
    this.authorityId = this.ids.at(systemStart * DAY_MS);
    this.tables.authority.push(`${this.authorityId},${text(profile.name)},${text(profile.region)},${timestamp(systemStart * DAY_MS)}`);
    this.tables.authorityCode.push(`${this.authorityId},${text(profile.laCode)},${maybe(profile.gssCode || null)},${codeValidFrom(profile.laCode)},`);
    this.makeSchools();
    this.makeOfficers();

    const cases: GeneratedCase[] = [];
    const keep = (generated: GeneratedCase | undefined) => {
      if (generated) cases.push(generated);
    };
    for (let i = 0; i < this.plan.plans; i += 1) {
      keep(this.openPlan());
      if (i % 2_000 === 1_999) await yieldToEventLoop();
    }
    const requestsPerYear = this.plan.plans * this.plan.rates.requestsPerPlan;
    // Requests grew about a tenth a year (docs/domain.md, the data): earlier years had fewer.
    for (let year = 0; year < HISTORY_YEARS; year += 1) {
      const count = Math.round(requestsPerYear * (1 - 0.1 * year));
      for (let i = 0; i < count; i += 1) {
        keep(this.request(this.today - year * 365 - this.random.int(0, 364)));
        if (i % 2_000 === 1_999) await yieldToEventLoop();
      }
    }
    const ceased = Math.round(this.plan.plans * this.plan.rates.ceasedPerPlan * HISTORY_YEARS);
    for (let i = 0; i < ceased; i += 1) keep(this.ceasedPlan());
    // References run in the order requests were received, as the app numbers them.
    const order = cases.map((entry, index) => ({ entry, index })).sort((a, b) => a.entry.receivedDay - b.entry.receivedDay || a.index - b.index);
    const lastNumbers = new Map<number, number>();
    for (let i = 0; i < order.length; i += 1) {
      const entry = order[i]!.entry;
      const year = Number(this.iso(entry.receivedDay).slice(0, 4));
      const number = (lastNumbers.get(year) ?? 0) + 1;
      lastNumbers.set(year, number);
      this.writeCase(entry, `${profile.laCode}-EHC-${year}-${String(number).padStart(5, '0')}`);
      if (i % 2_000 === 1_999) await yieldToEventLoop();
    }
    this.openPlans = cases.filter((entry) => entry.open && (entry.stage === 'plan' || entry.stage === 'review')).length;
    for (const [year, number] of [...lastNumbers].sort((a, b) => a[0] - b[0])) {
      this.tables.caseReferenceCounter.push(`${this.authorityId},${year},${number}`);
    }
  }

  private makeSchools(): void {
    const { profile, schools, firstUrn } = this.plan;
    const counts = SCHOOL_KINDS.map((kind) => Math.max(1, Math.round(schools * kind.share)));
    counts[1] = Math.max(1, schools - counts.reduce((sum, count, index) => (index === 1 ? sum : sum + count), 0));
    let urn = firstUrn;
    SCHOOL_KINDS.forEach((kind, kindIndex) => {
      const list: School[] = [];
      for (let i = 0; i < counts[kindIndex]!; i += 1) {
        const id = this.ids.at(toDayNumber('2014-09-01' as IsoDate) * DAY_MS);
        list.push({ id, kind: kind.kind, estab: kind.estab + list.length });
        const name = `${this.random.pick(SCHOOL_PLACES)} ${this.random.pick(kind.suffixes)}`;
        const ukprn = kind.kind === 'post16' || kind.kind === 'secondary' ? String(10_000_000 + (urn % 9_000_000)) : '';
        this.tables.school.push(`${id},${urn},${ukprn},${text(name)},${text(kind.phase)},${text(this.random.pick(kind.types))},"Open",${text(profile.laCode)},${text(this.postcode())}`);
        urn += 1;
      }
      this.schoolsByKind.set(kind.kind, list);
    });
  }

  private makeOfficers(): void {
    for (let n = 1; n <= this.plan.officers; n += 1) {
      const group = NAME_GROUPS[this.random.weighted(this.groupWeights)]!;
      const forename = this.random.pick(this.random.chance(0.75) ? group.mothers : group.fathers);
      const joinedMs = this.workingMs(this.today - this.random.int(60, 6 * 365));
      const id = this.ids.at(joinedMs);
      this.officerIds.push(id);
      this.tables.staffUser.push(
        `${id},${this.authorityId},${text(`officer${n}@la${this.plan.profile.laCode}.example`)},${text(`${forename} ${this.random.pick(group.surnames)}`)},"case_officer","password",${timestamp(joinedMs)}`,
      );
    }
  }

  // --- Timelines -------------------------------------------------------------------------------

  private ageDays(weights: readonly number[]): number {
    return Math.floor(this.random.weighted(weights) * YEAR_DAYS) + this.random.int(0, 364);
  }

  /** Days from request to final plan: on time as often as the authority manages, late otherwise. */
  private assessmentLength(): { days: number; exception: boolean } {
    if (this.random.chance(EXCEPTION_SHARE)) return { days: 141 + Math.min(300, this.random.exponentialDays(70)), exception: true };
    if (this.random.chance(this.plan.rates.within20Share)) return { days: this.random.int(98, 140), exception: false };
    return { days: 141 + Math.min(320, this.random.exponentialDays(55)), exception: false };
  }

  private decisionDelay(): number {
    return this.random.chance(this.plan.rates.decidedIn6WeeksShare) ? this.random.int(20, 42) : 43 + Math.min(120, this.random.exponentialDays(25));
  }

  private event(events: GeneratedEvent[], type: string, day: number, payload = '{}', ms = this.workingMs(day)): void {
    events.push({ type, day, ms, payload });
  }

  private newCase(dobDay: number, receivedDay: number): GeneratedCase {
    const source = this.random.weighted(REQUEST_SOURCE_WEIGHTS) + 1;
    const generated: GeneratedCase = { dobDay, receivedDay, closedDay: undefined, events: [], exception: undefined, stage: 'request', source, open: true };
    this.event(generated.events, 'request.received', receivedDay, '{}');
    return generated;
  }

  /** Request, decision, draft and final plan, each only when it has happened by `until`. */
  private assess(generated: GeneratedCase, length: { days: number; exception: boolean }, until: number, decisionDelay = this.decisionDelay()): number {
    const received = generated.receivedDay;
    const issued = received + length.days;
    const drafted = issued - this.random.int(15, 42);
    const decided = Math.max(received + 7, Math.min(received + decisionDelay, drafted - 14));
    if (decided <= until) this.event(generated.events, 'assessment.agreed', decided);
    if (length.exception) {
      const startsDay = received + this.random.int(20, Math.max(21, Math.min(length.days - 10, 110)));
      const recordedDay = Math.min(startsDay + this.random.int(0, 10), issued);
      if (recordedDay <= until) {
        const chosen = this.random.pick(EXCEPTIONS);
        generated.exception = { ...chosen, startsDay, ms: this.workingMs(recordedDay) };
      }
    }
    if (drafted <= until) this.event(generated.events, 'draft.issued', drafted);
    if (issued <= until) {
      const need = SEN_TYPES[this.random.weighted(this.plan.rates.needs)]!;
      this.event(generated.events, 'plan.issued', issued, JSON.stringify({ primaryNeed: need }));
    }
    return issued;
  }

  /** Annual reviews from the plan's date until `until`; a meeting may be booked ahead when open. */
  private reviews(events: GeneratedEvent[], issued: number, until: number, bookAhead: boolean): void {
    let lastReview = issued;
    let lastDay = issued;
    for (;;) {
      const anniversary = this.plusMonths(lastReview, 12);
      let meeting = this.random.chance(LATE_REVIEW_MEETING_SHARE) ? anniversary + this.random.int(1, 120) : anniversary - this.random.int(10, 45);
      if (meeting <= lastDay) meeting = lastDay + 7;
      if (meeting > until) {
        if (bookAhead && meeting - this.today <= 56 && this.random.chance(0.5)) {
          const recordedDay = Math.max(lastDay, this.today - this.random.int(1, 28));
          this.event(events, 'review.scheduled', meeting, '{}', this.workingMs(recordedDay));
        }
        return;
      }
      this.event(events, 'review.held', meeting);
      lastDay = meeting;
      const decided = this.random.chance(this.plan.rates.reviewIn4WeeksShare) ? meeting + this.random.int(2, 28) : meeting + 29 + Math.min(200, this.random.exponentialDays(35));
      if (decided > until) return;
      const amend = this.random.chance(AMEND_SHARE);
      this.event(events, 'review.decided', decided, amend ? '{"outcome":"amend"}' : '{"outcome":"maintain"}');
      lastDay = decided;
      lastReview = decided;
      if (amend) {
        this.event(events, 'amendment.proposed', decided);
        const amended = decided + this.random.int(20, 75);
        if (amended > until) return;
        this.event(events, 'plan.amended', amended);
        lastDay = amended;
      }
    }
  }

  /** A plan maintained today, issued up to eight years ago: the recent year as new plans run. */
  private openPlan(): GeneratedCase {
    const issuedAgo = this.random.chance(this.plan.rates.newPlanShare)
      ? this.random.int(0, 364)
      : 365 + this.random.truncatedExponentialDays(2.6 * 365, (PLAN_YEARS - 1) * 365);
    const length = this.assessmentLength();
    const received = this.today - issuedAgo - length.days;
    let dob = 0;
    for (let attempt = 0; attempt < 8; attempt += 1) {
      dob = this.today - this.ageDays(PLAN_AGE_WEIGHTS);
      if (dob <= received - 120) break;
    }
    if (dob > received - 120) dob = received - 120 - this.random.int(0, 3 * 365);
    const generated = this.newCase(dob, received);
    const issued = this.assess(generated, length, this.today);
    this.reviews(generated.events, issued, this.today, true);
    return generated;
  }

  /** A request received on the day: refused, still in progress, or (if its plan is out) left to the open plans. */
  private request(received: number): GeneratedCase | undefined {
    const dob = Math.min(received - 60, this.today - this.ageDays(REQUEST_AGE_WEIGHTS));
    const delay = this.decisionDelay();
    const decided = received + delay;
    const agreed = this.random.chance(this.plan.rates.agreedShare);
    if (decided > this.today) return this.newCase(dob, received);
    if (!agreed) {
      const generated = this.newCase(dob, received);
      this.event(generated.events, 'assessment.refused', decided);
      generated.closedDay = decided;
      generated.open = false;
      return generated;
    }
    const length = this.assessmentLength();
    if (received + length.days <= this.today) return undefined;
    const generated = this.newCase(dob, received);
    this.assess(generated, length, this.today, delay);
    return generated;
  }

  /** A plan that ended in the last few years, with its history and the review that ceased it. */
  private ceasedPlan(): GeneratedCase {
    const ceasedDay = this.today - this.random.int(0, HISTORY_YEARS * 365 - 1);
    const reason = this.random.weighted(CEASE_REASON_WEIGHTS) + 1;
    const ageAtCease = reason === 1 ? 25 : reason === 3 || reason === 4 || reason === 6 ? this.random.int(17, 24) : reason === 2 ? this.random.int(5, 18) : this.random.int(3, 20);
    const dob = ceasedDay - Math.floor(ageAtCease * YEAR_DAYS) - this.random.int(0, 364);
    const length = this.assessmentLength();
    let issued = ceasedDay - this.random.int(200, PLAN_YEARS * 365);
    if (issued - length.days < dob + 120) issued = dob + 120 + length.days;
    const decision = Math.max(issued + 60, ceasedDay - this.random.int(0, 42));
    const generated = this.newCase(dob, issued - length.days);
    this.assess(generated, length, issued);
    this.reviews(generated.events, issued, decision - 45, false);
    const last = generated.events[generated.events.length - 1]!;
    if (last.type !== 'review.held') this.event(generated.events, 'review.held', Math.max(last.day + 1, decision - this.random.int(7, 28)));
    const held = generated.events[generated.events.length - 1]!.day;
    const decided = Math.max(decision, held);
    this.event(generated.events, 'review.decided', decided, JSON.stringify({ outcome: 'cease', ceaseReason: reason }));
    generated.closedDay = Math.max(decided, ceasedDay);
    generated.open = false;
    return generated;
  }

  // --- Rows ------------------------------------------------------------------------------------

  private writeCase(generated: GeneratedCase, reference: string): void {
    const { tables } = this;
    const authorityId = this.authorityId;
    const requestEvent = generated.events[0]!;
    const createdMs = requestEvent.ms;
    const created = timestamp(createdMs);

    // The child.
    const group = NAME_GROUPS[this.random.weighted(this.groupWeights)]!;
    const sexRoll = this.random.next();
    const sex = sexRoll < 0.715 ? 'M' : sexRoll < 0.995 ? 'F' : 'U';
    const forename = this.random.pick(sex === 'M' ? group.boys : sex === 'F' ? group.girls : this.random.chance(0.5) ? group.boys : group.girls);
    const surname = this.random.pick(group.surnames);
    const nickname = NICKNAMES[forename];
    const preferredName = nickname !== undefined && this.random.chance(0.3) ? nickname : null;
    const ethnicity = this.random.chance(0.02) ? 'NOBT' : this.random.pick(group.ethnicity);
    const postcode = this.postcode();
    const age = Math.floor((this.today - generated.dobDay) / YEAR_DAYS);
    const school = this.schoolFor(age);
    const upn = (age >= 4 && age <= 18 && this.random.chance(0.95)) || (age > 18 && this.random.chance(0.5)) ? this.upn(school, generated.dobDay) : null;
    const childId = this.ids.at(createdMs);
    const names = { forename, surname, preferredName };
    tables.child.push(
      `${childId},${authorityId},${text(forename)},${text(surname)},${maybe(preferredName)},${this.iso(generated.dobDay)},${sex},${ethnicity},${text(postcode)},${upn ?? ''},${school?.id ?? ''},${this.random.chance(0.015) ? 't' : 'f'},${text(searchNamesOf(names))},${text(surnameKeyOf(surname))},${created}`,
    );

    // A parent or carer.
    const personId = this.ids.at(createdMs);
    const relationship = this.random.pick(RELATIONSHIPS);
    const parentForename = this.random.pick(relationship === 'father' || (relationship !== 'mother' && this.random.chance(0.3)) ? group.fathers : group.mothers);
    const parentSurname = this.random.chance(0.8) ? surname : this.random.pick(group.surnames);
    const email = this.random.chance(0.7) ? `${surnameKeyOf(parentForename)}.${surnameKeyOf(parentSurname)}${this.random.int(1, 99)}@example.com` : null;
    tables.person.push(
      `${personId},${authorityId},${text(parentForename)},${text(parentSurname)},${maybe(email)},${text(`07700 900${String(this.random.int(0, 999)).padStart(3, '0')}`)},${text(`${this.random.int(1, 240)} ${this.random.pick(STREETS)}`)},${text(postcode)},${this.random.chance(0.03) ? 't' : 'f'},${created}`,
    );
    tables.childPerson.push(`${authorityId},${childId},${personId},${text(relationship)},${this.random.chance(0.9) ? 't' : 'f'},t`);

    // The case: an officer holds it, or it waits on the unallocated queue.
    const officerIndex = generated.open && this.random.chance(UNALLOCATED_SHARE) ? -1 : this.random.int(0, this.officerIds.length - 1);
    const officerId = officerIndex >= 0 ? this.officerIds[officerIndex]! : null;
    const unallocatedSince = officerId === null ? this.iso(Math.max(generated.receivedDay, this.today - this.random.int(0, 90))) : null;
    const actor = officerId === null ? '"system","seed"' : `"user",${officerId}`;
    const caseId = this.ids.at(createdMs);
    const requestId = this.ids.at(createdMs);

    const events = generated.events;
    let stage = generated.stage;
    let steps = 0;
    for (const event of events) {
      const stepStage = STEP_STAGES[event.type];
      if (stepStage === undefined) continue;
      stage = stepStage;
      if (event.type !== 'request.received') steps += 1;
    }
    if (generated.closedDay !== undefined) stage = 'closed';
    generated.stage = stage;

    const dated = events.map((event) => ({ type: event.type, occurredOn: this.iso(event.day) }));
    if (generated.exception) {
      const exceptionId = this.ids.at(generated.exception.ms);
      const { reason, evidence, startsDay, ms } = generated.exception;
      tables.caseException.push(`${exceptionId},${authorityId},${caseId},${text(reason)},${text(evidence)},${this.iso(startsDay)},${timestamp(ms)},${text(officerId ?? 'seed')}`);
      events.push({ type: 'exception.recorded', day: startsDay, ms, payload: JSON.stringify({ exceptionId, reason }) });
    }
    let planIssued: { id: string; day: number } | undefined;
    for (const event of events) {
      const payload = event.type === 'request.received' ? JSON.stringify({ requestId, source: generated.source }) : event.payload;
      const eventId = this.ids.at(event.ms);
      if (event.type === 'plan.issued') planIssued = { id: eventId, day: event.day };
      tables.caseEvent.push(`${eventId},${authorityId},${caseId},${event.type},${this.iso(event.day)},${timestamp(event.ms)},${actor},${text(payload)}`);
    }
    // An appeal against the plan's content, registered after the plan, on an open case: live, or
    // concluded (dismissed) when registered more than 250 days ago. Its ids are the case's own as
    // version-8 UUIDs (one appeal a case), so no draw from the random stream.
    const appealAfter = appealAfterDays(caseId);
    if (planIssued && generated.closedDay === undefined && appealAfter !== undefined && planIssued.day + appealAfter < this.today) {
      const appealId = queueSpellId(caseId);
      const registered = planIssued.day + appealAfter;
      const concluded = registered < this.today - 250 ? registered + 160 : undefined;
      const ms = this.workingMs(registered);
      tables.caseEvent.push(`${appealId},${authorityId},${caseId},appeal.registered,${this.iso(registered)},${timestamp(ms)},${actor},${text(JSON.stringify({ appealId }))}`);
      dated.push({ type: 'appeal.registered', occurredOn: this.iso(registered) });
      if (concluded !== undefined) {
        const concludedId = `${caseId.slice(0, 14)}8${caseId.slice(15, 24)}${caseId[24] === 'c' ? 'd' : 'c'}${caseId.slice(25)}`;
        tables.caseEvent.push(`${concludedId},${authorityId},${caseId},appeal.concluded,${this.iso(concluded)},${timestamp(this.workingMs(concluded))},${actor},${text(JSON.stringify({ appealId }))}`);
        dated.push({ type: 'appeal.concluded', occurredOn: this.iso(concluded) });
      }
      tables.appeal.push(
        `${appealId},${authorityId},${caseId},${childId},plan-content,${planIssued.id},plan.issued,${this.iso(planIssued.day)},${officerId ?? 'seed'},${text(`EH${this.plan.profile.laCode}/${this.iso(registered).slice(2, 4)}/${caseId.slice(-5)}`)},${this.iso(registered)},${this.iso(registered + 42)},${this.iso(registered + 150)},${concluded === undefined ? 'registered' : 'concluded'},,${concluded === undefined ? '' : this.iso(concluded)},${appealId},seed,${timestamp(ms)},${timestamp(ms)}`,
      );
      tables.appealSection.push(`${appealId},${authorityId},${appealId},F,${concluded === undefined ? '' : 'dismissed'},${concluded === undefined ? '' : this.iso(concluded)}`);
    }

    // Deadlines exactly as the app derives them, and the earliest open duty of the authority's on the case.
    const derived = caseDeadlines(dated);
    const deadlines = generated.closedDay === undefined ? derived : deadlinesOfClosedCase(derived);
    let next: { due: string; title: string } | undefined;
    for (const deadline of deadlines) {
      tables.caseDeadline.push(`${authorityId},${caseId},${text(deadline.id)},${text(deadline.title)},${deadline.due},${text(deadline.basis)},${deadline.met ?? ''},${deadline.duty}`);
      if (!deadline.met && deadline.duty === 'authority' && (next === undefined || deadline.due < next.due)) next = deadline;
    }

    tables.ehcCase.push(
      `${caseId},${authorityId},${childId},${text(reference)},${stage},${officerId ?? ''},${unallocatedSince ?? ''},${this.iso(generated.receivedDay)},${generated.closedDay === undefined ? '' : this.iso(generated.closedDay)},${next?.due ?? ''},${maybe(next?.title)},${created},${1 + steps}`,
    );
    tables.assessmentRequest.push(`${requestId},${authorityId},${caseId},${childId},${this.iso(generated.receivedDay)},${generated.source},${created}`);
    // Its holder now, as the migration carries over a case held before the history was kept: one
    // open spell, its id the case's (one spell a case, and no draw from the random stream, so the
    // rest of the data stays as it was for the seed).
    // A third of the cases an officer took in the last 400 days waited in the queue first, 1 to 25
    // days: a closed spell before the officer's, for the report of waits. Chosen and measured from
    // the case's id, its own id the case's as a version-8 UUID (no v7 id is one), so no draw from
    // the random stream and the rest of the data stays as it was for the seed.
    const waited = officerId !== null && generated.receivedDay >= this.today - 400 ? queueWaitDays(caseId) : 0;
    const heldFrom = waited > 0 && generated.receivedDay + waited <= this.today ? `${this.iso(generated.receivedDay + waited)}T09:30:00Z` : undefined;
    if (heldFrom) tables.caseHolder.push(`${queueSpellId(caseId)},${authorityId},${caseId},,${this.iso(generated.receivedDay)}T09:00:00Z,${heldFrom},"carried-over","seed",${created}`);
    tables.caseHolder.push(`${caseId},${authorityId},${caseId},${officerId ?? ''},${heldFrom ?? unallocatedSince ?? created},,"carried-over","seed",${created}`);
  }

  private schoolFor(age: number): School | undefined {
    let kind: SchoolKind | undefined;
    if (age < 2) kind = undefined;
    else if (age < 4) kind = this.random.chance(0.4) ? 'nursery' : undefined;
    else if (age <= 18 && this.random.chance(0.36)) kind = this.random.chance(0.05) ? 'pru' : 'special';
    else if (age <= 10) kind = 'primary';
    else if (age <= 15) kind = 'secondary';
    else if (age <= 18) kind = this.random.chance(0.5) ? 'secondary' : 'post16';
    else kind = this.random.chance(0.5) ? 'post16' : undefined;
    const schools = kind ? this.schoolsByKind.get(kind) : undefined;
    return schools && schools.length > 0 ? this.random.pick(schools) : undefined;
  }

  /** LA number, establishment number, two-digit year of issue, serial: a valid UPN, unique in the authority. */
  private upn(school: School | undefined, dobDay: number): string {
    const year = String((Number(this.iso(dobDay).slice(0, 4)) + 4) % 100).padStart(2, '0');
    for (;;) {
      const estab = school?.estab ?? 6000 + this.random.int(0, 999);
      const key = `${estab}${year}`;
      const serial = (this.upnSerials.get(key) ?? 0) + 1;
      if (serial > 999) {
        school = undefined;
        continue;
      }
      this.upnSerials.set(key, serial);
      const body = `${this.plan.profile.laCode.padStart(3, '0')}${estab}${year}${String(serial).padStart(3, '0')}`;
      return `${upnCheckLetter(body)}${body}`;
    }
  }

  counts() {
    return {
      children: this.tables.child.count,
      cases: this.tables.ehcCase.count,
      events: this.tables.caseEvent.count,
      deadlines: this.tables.caseDeadline.count,
    };
  }

  /** The tables as CSV, in the order foreign keys need. */
  csv(): CsvTable[] {
    const t = this.tables;
    const ordered = [t.authority, t.authorityCode, t.school, t.staffUser, t.child, t.person, t.childPerson, t.ehcCase, t.assessmentRequest, t.caseEvent, t.caseException, t.caseDeadline, t.caseHolder, t.caseReferenceCounter, t.appeal, t.appealSection];
    for (const writer of ordered) writer.flush();
    return ordered;
  }
}

function table(name: string, columns: readonly string[]): CsvWriter {
  return new CsvWriter(name, columns);
}

/** When the LA number came into use: the reorganised authorities' own dates, otherwise the SEND reforms. */
function codeValidFrom(laCode: string): string {
  if (laCode === '838' || laCode === '839') return '2019-04-01';
  if (laCode === '940' || laCode === '941') return '2021-04-01';
  if (laCode === '942' || laCode === '943') return '2023-04-01';
  return '2014-09-01';
}

// ---------------------------------------------------------------------------------------------
// Loading with COPY

interface Loader {
  load(tables: readonly CsvTable[]): Promise<void>;
  analyze(tables: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/** The driver's own client under drizzle: a pg Pool or a PGlite instance. */
function driverClient(database: DatabaseHandle): unknown {
  return (database.db as unknown as { $client?: unknown }).$client;
}

function copyStatement(rows: CsvTable, source: string): string {
  return `COPY "${rows.table}" (${rows.columns.map((column) => `"${column}"`).join(', ')}) FROM ${source} WITH (FORMAT csv)`;
}

async function postgresLoader(database: DatabaseHandle): Promise<Loader> {
  const pool = driverClient(database) as pg.Pool;
  if (typeof pool?.connect !== 'function') throw new Error('seedAtScale: the PostgreSQL handle has no pg pool under it');
  const client = await pool.connect();
  // COPY ... FROM STDIN: the table's chunks streamed in, with the socket's back-pressure.
  const copy = (rows: CsvTable) => pipeline(Readable.from(rows.chunks), client.query(copyFrom(copyStatement(rows, 'STDIN'))));
  return {
    async load(tables) {
      await client.query('BEGIN');
      try {
        for (const rows of tables) if (rows.chunks.length > 0) await copy(rows);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    },
    async analyze(tables) {
      await client.query(`ANALYZE ${tables.map((name) => `"${name}"`).join(', ')}`);
    },
    async close() {
      client.release();
    },
  };
}

function pgliteLoader(database: DatabaseHandle): Loader {
  const client = driverClient(database) as PGlite;
  if (typeof client?.transaction !== 'function') throw new Error('seedAtScale: the PGlite handle has no PGlite under it');
  return {
    async load(tables) {
      await client.transaction(async (tx) => {
        for (const rows of tables) {
          if (rows.chunks.length === 0) continue;
          // PGlite has no STDIN: it reads the COPY's data from the blob given, named '/dev/blob'.
          await tx.query(copyStatement(rows, "'/dev/blob'"), [], { blob: new Blob(rows.chunks) });
        }
      });
    },
    async analyze(tables) {
      await client.exec(`ANALYZE ${tables.map((name) => `"${name}"`).join(', ')}`);
    },
    async close() {},
  };
}

// ---------------------------------------------------------------------------------------------

/**
 * Loads synthetic casework: one Birmingham-sized authority ('council'), or all 153 English
 * authorities in proportion to their published plan counts ('national'). Refuses when any of the
 * authorities' LA codes is already in the database.
 */
export async function seedAtScale(database: DatabaseHandle, options: ScaleSeedOptions): Promise<ScaleSeedResult> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  if (!isIsoDate(options.today)) throw new Error(`seedAtScale: today must be a real date (YYYY-MM-DD), not ${options.today}`);
  const today = options.today;
  const seed = options.seed ?? 20_261_123;
  const scaleFactor = options.scaleFactor ?? 1;
  const profiles = loadAuthorityProfiles();
  const national = nationalRates(profiles);

  let chosen: AuthorityProfile[];
  let plansFor: (profile: AuthorityProfile) => number;
  if (options.scale === 'council') {
    const birmingham = profiles.find((profile) => profile.laCode === COUNCIL_LA_CODE);
    if (!birmingham) throw new Error(`la-profile-2025.csv has no LA ${COUNCIL_LA_CODE}`);
    chosen = [birmingham];
    plansFor = () => Math.max(1, Math.round(COUNCIL_PLANS * scaleFactor));
  } else {
    const totalPlans = profiles.reduce((sum, profile) => sum + profile.plans, 0);
    chosen = options.laCodes ? profiles.filter((profile) => options.laCodes!.includes(profile.laCode)) : profiles;
    plansFor = (profile) => Math.max(1, Math.round(((profile.plans * NATIONAL_PLANS) / totalPlans) * scaleFactor));
  }
  if (chosen.length === 0) throw new Error('seedAtScale: no authorities chosen');

  const present = await database.db
    .select({ laCode: authorityCode.laCode })
    .from(authorityCode)
    .where(
      inArray(
        authorityCode.laCode,
        chosen.map((profile) => profile.laCode),
      ),
    );
  if (present.length > 0) {
    throw new Error(`seedAtScale: the database already has LA ${present.map((row) => row.laCode).join(', ')}; seed at scale into a database without them`);
  }

  const plans: AuthorityPlan[] = [];
  let firstUrn = FIRST_URN;
  for (const [ordinal, profile] of profiles.entries()) {
    const count = plansFor(profile);
    const schools = Math.max(MIN_SCHOOLS, Math.round(count * SCHOOLS_PER_PLAN));
    if (chosen.includes(profile)) {
      plans.push({ profile, rates: ratesFor(profile, national), plans: count, officers: Math.max(2, Math.round(count / PLANS_PER_OFFICER)), schools, firstUrn, ordinal });
    }
    // Every authority keeps its own URN range whichever are chosen, so a school's URN never depends on the choice.
    firstUrn += schools + 10;
  }

  // PostgreSQL takes two authorities at once on two connections (its foreign-key checks, not the
  // generator, set the pace); PGlite has the one.
  const loaders = database.engine === 'postgres' ? await Promise.all([postgresLoader(database), postgresLoader(database)]) : [pgliteLoader(database)];
  const idle = [...loaders];
  const loading = new Set<Promise<void>>();
  const totals = { authorities: 0, children: 0, cases: 0, events: 0, deadlines: 0 };
  try {
    for (const plan of plans) {
      const authorityStarted = performance.now();
      const generator = new AuthorityGenerator(plan, seed, today);
      await generator.generate();
      const counts = generator.counts();
      const csv = generator.csv();
      while (idle.length === 0) await Promise.race(loading);
      const loader = idle.pop()!;
      const load: Promise<void> = loader.load(csv).then(() => {
        loading.delete(load);
        idle.push(loader);
      });
      loading.add(load);
      // A failure is reported by the race or the final wait, not as an unhandled rejection.
      load.catch(() => undefined);
      totals.authorities += 1;
      totals.children += counts.children;
      totals.cases += counts.cases;
      totals.events += counts.events;
      totals.deadlines += counts.deadlines;
      log(
        `${plan.profile.laCode} ${plan.profile.name}: ${generator.openPlans.toLocaleString('en-GB')} plans, ${counts.cases.toLocaleString('en-GB')} cases, ` +
          `${counts.events.toLocaleString('en-GB')} events, ${counts.deadlines.toLocaleString('en-GB')} deadlines (generated in ${((performance.now() - authorityStarted) / 1000).toFixed(1)} s)`,
      );
    }
    await Promise.all(loading);
    log('Analysing the tables');
    await loaders[0]!.analyze(['authority', 'authority_code', 'school', 'staff_user', 'child', 'person', 'child_person', 'ehc_case', 'assessment_request', 'case_event', 'case_exception', 'case_deadline', 'case_reference_counter']);
  } finally {
    await Promise.allSettled(loading);
    await Promise.all(loaders.map((loader) => loader.close()));
  }
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  log(`Seeded ${totals.authorities} authorities, ${totals.cases.toLocaleString('en-GB')} cases in ${seconds} s`);
  return { ...totals, seconds };
}
