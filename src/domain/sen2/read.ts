// Reading an SEN2 return back: last year's XML, as a council's old system or this service wrote it,
// a Person at a time, so a file of any size is read in chunks and never held whole. Each Person
// comes out in the same shape the return is written from (Sen2Person), so the same DfE checks
// apply to what is read as to what is written; what the file itself gets wrong (an element out of
// place, a date that is not a date, a number that is not a number) is reported against its line.
// The XML is parsed by saxes, a strict parser: it resolves no external entities and no DTD, so a
// hostile file cannot reach out of it; a DOCTYPE is refused all the same.
import { SaxesParser } from 'saxes';
import { checkIsoDate, type IsoDate } from '../calendar/dates.ts';
import type { Sen2OutcomeCode } from '../events/sen2.ts';
import type { Sen2Need, Sen2Placement, Sen2SettingCode } from '../plans/sen2-facts.ts';
import { isCode, isSenNeedType, REVIEW_OUTCOMES, SEN2_SETTING_CODES, type ReviewOutcomeCode } from './codes.ts';
import type { Sen2ActivePlan, Sen2Assessment, Sen2NamedPlan, Sen2Person, Sen2Request } from './record.ts';

/** What the file itself gets wrong, where: the Person's line, the element and its value. */
export interface Sen2ReadProblem {
  readonly line: number;
  readonly field: string;
  readonly value: string;
  readonly why: string;
}

/** One Person as read: the child in the return's shape (ids are the file's lines), and what was wrong. */
export interface Sen2ReadPerson {
  readonly line: number;
  readonly person: Sen2Person;
  readonly problems: readonly Sen2ReadProblem[];
}

/** The return's header, as the file gives it. */
export interface Sen2ReadHeader {
  readonly collection: string | null;
  readonly year: string | null;
  readonly referenceDate: string | null;
  readonly sourceLevel: string | null;
  readonly laCode: string | null;
  readonly softwareCode: string | null;
  readonly release: string | null;
  readonly serialNo: string | null;
  readonly dateTime: string | null;
}

/** A file that cannot be read as an SEN2 return at all: not XML, or not the return's structure. */
export class Sen2FileError extends Error {
  readonly line: number | null;
  constructor(message: string, line: number | null = null) {
    super(line === null ? message : `line ${line}: ${message}`);
    this.name = 'Sen2FileError';
    this.line = line;
  }
}

/** An element read: its name, the line it opened on, its text and the elements inside it. */
interface Node {
  readonly name: string;
  readonly line: number;
  text: string;
  readonly children: Node[];
}

// The elements each element may hold (its fields and the elements nested in it). Anything else is
// reported, never silently dropped.
const PERSON_FIELDS = ['Surname', 'Forename', 'PersonBirthDate', 'Sex', 'Ethnicity', 'PostCode', 'UPN', 'UniqueLearnerNumber', 'UPNunknown'];
const REQUEST_FIELDS = ['ReceivedDate', 'RequestSource', 'RequestOutcomeDate', 'RequestOutcome', 'RequestMediation', 'RequestTribunal', 'Exported'];
const ASSESSMENT_FIELDS = ['AssessmentOutcome', 'AssessmentOutcomeDate', 'AssessmentMediation', 'AssessmentTribunal', 'Week20'];
const NAMED_PLAN_FIELDS = ['StartDate', 'CeaseDate', 'CeaseReason'];
const ACTIVE_FIELDS = ['ReviewMeeting', 'ReviewOutcome', 'LastReview', 'TransferLA', 'PhaseTransferDue'];
const PLACEMENT_FIELDS = ['URN', 'UKPRN', 'SENSetting', 'SENSettingOther', 'PlacementRank', 'SENUnitIndicator', 'ResourcedProvisionIndicator'];
const NEED_FIELDS = ['SENtype', 'SENtypeRank'];
const HEADER_FIELDS: Record<string, keyof Sen2ReadHeader> = {
  Collection: 'collection',
  Year: 'year',
  ReferenceDate: 'referenceDate',
  SourceLevel: 'sourceLevel',
  LEA: 'laCode',
  SoftwareCode: 'softwareCode',
  Release: 'release',
  SerialNo: 'serialNo',
  DateTime: 'dateTime',
};

/** The outcomes a request or assessment is read with: yes, no, awaiting a decision, withdrawn, historical. */
const READ_OUTCOMES: readonly Sen2OutcomeCode[] = ['Y', 'N', 'A', 'W', 'H'];
const isSettingCode = (value: string): value is Sen2SettingCode => Object.hasOwn(SEN2_SETTING_CODES, value);

/** The fields of one element, each read once; a field given twice, or an element not expected there, is a problem. */
class Fields {
  private readonly values = new Map<string, Node>();
  private readonly node: Node;
  private readonly problems: Sen2ReadProblem[];
  readonly nested: Node[] = [];
  constructor(node: Node, allowed: readonly string[], nestedNames: readonly string[], problems: Sen2ReadProblem[]) {
    this.node = node;
    this.problems = problems;
    for (const child of node.children) {
      if (nestedNames.includes(child.name)) this.nested.push(child);
      else if (!allowed.includes(child.name)) this.problem(child, child.name, child.text, `${child.name} is not an element of ${node.name}`);
      else if (this.values.has(child.name)) this.problem(child, child.name, child.text, `${child.name} is given more than once in ${node.name}`);
      else this.values.set(child.name, child);
    }
  }

  problem(at: Node, field: string, value: string, why: string) {
    this.problems.push({ line: at.line, field, value, why });
  }

  text(name: string): string | null {
    const value = this.values.get(name)?.text.trim();
    return value === undefined || value === '' ? null : value;
  }

  date(name: string): IsoDate | null {
    const value = this.text(name);
    if (value === null) return null;
    const checked = checkIsoDate(value);
    if (checked.ok) return checked.date;
    this.problem(this.values.get(name)!, name, value, 'is not a date (YYYY-MM-DD)');
    return null;
  }

  integer(name: string): number | null {
    const value = this.text(name);
    if (value === null) return null;
    if (/^\d{1,9}$/.test(value)) return Number(value);
    this.problem(this.values.get(name)!, name, value, 'is not a whole number');
    return null;
  }

  flag(name: string): 0 | 1 | null {
    const value = this.text(name);
    if (value === null) return null;
    if (value === '0' || value === '1') return Number(value) as 0 | 1;
    this.problem(this.values.get(name)!, name, value, 'is not 0 or 1');
    return null;
  }

  outcome(name: string): Sen2Request['requestOutcome'] {
    const value = this.text(name);
    if (isCode(READ_OUTCOMES, value)) return value;
    this.problem(this.values.get(name) ?? this.node, name, value ?? '', value === null ? `${name} is missing` : `is not one of ${READ_OUTCOMES.join(', ')}`);
    // An outcome the file does not give is read as awaiting a decision, and reported above.
    return 'A';
  }
}

/**
 * A placement as read. The service holds the one placement section I names (PlacementRank 1): a
 * placement of another rank, or with a setting code that is not one, is reported and not read.
 */
function placementsOf(nodes: readonly Node[], problems: Sen2ReadProblem[]): Sen2Placement[] {
  return nodes.flatMap((node) => {
    const fields = new Fields(node, PLACEMENT_FIELDS, [], problems);
    const rank = fields.integer('PlacementRank') ?? 1;
    if (rank !== 1) {
      fields.problem(node, 'PlacementRank', String(rank), 'the service holds the one placement a plan names (rank 1); this one is not read');
      return [];
    }
    const setting = fields.text('SENSetting');
    if (setting !== null && !isSettingCode(setting)) {
      fields.problem(node, 'SENSetting', setting, `is not one of ${Object.keys(SEN2_SETTING_CODES).join(', ')}`);
      return [];
    }
    return [{ urn: fields.integer('URN'), senSetting: setting, senSettingOther: fields.text('SENSettingOther'), placementRank: 1 } satisfies Sen2Placement];
  });
}

/** The needs as read: a SENtype that is not a DfE code, or a rank other than 1 or 2, is reported and not read. */
function needsOf(nodes: readonly Node[], problems: Sen2ReadProblem[]): Sen2Need[] {
  return nodes.flatMap((node) => {
    const fields = new Fields(node, NEED_FIELDS, [], problems);
    const type = fields.text('SENtype');
    const rank = fields.integer('SENtypeRank');
    if (!isSenNeedType(type)) {
      fields.problem(node, 'SENtype', type ?? '', type === null ? 'SENtype is missing from SENneed' : 'is not a DfE SEN type code');
      return [];
    }
    if (rank !== 1 && rank !== 2) {
      fields.problem(node, 'SENtypeRank', rank === null ? '' : String(rank), 'is not 1 (primary) or 2 (secondary)');
      return [];
    }
    return [{ senType: type, senTypeRank: rank } satisfies Sen2Need];
  });
}

function namedPlanOf(node: Node, problems: Sen2ReadProblem[]): Sen2NamedPlan {
  const fields = new Fields(node, NAMED_PLAN_FIELDS, ['PlanDetail'], problems);
  const startDate = fields.date('StartDate');
  if (startDate === null) fields.problem(node, 'StartDate', '', 'StartDate is missing from NamedPlan');
  return {
    startDate: startDate ?? ('' as IsoDate),
    ceaseDate: fields.date('CeaseDate'),
    ceaseReason: fields.text('CeaseReason'),
    placements: placementsOf(fields.nested, problems),
  };
}

function assessmentOf(node: Node, problems: Sen2ReadProblem[]): Sen2Assessment {
  const fields = new Fields(node, ASSESSMENT_FIELDS, ['NamedPlan'], problems);
  const plans = fields.nested;
  if (plans.length > 1) fields.problem(plans[1]!, 'NamedPlan', '', 'an Assessment holds one NamedPlan');
  return {
    outcome: fields.outcome('AssessmentOutcome'),
    outcomeDate: fields.date('AssessmentOutcomeDate'),
    mediation: fields.flag('AssessmentMediation'),
    tribunal: fields.flag('AssessmentTribunal'),
    week20: fields.flag('Week20'),
    namedPlan: plans[0] ? namedPlanOf(plans[0], problems) : null,
  };
}

/** The active plan as read; TransferLA, where the file gives one, marks a plan received from another council. */
function activePlanOf(node: Node, problems: Sen2ReadProblem[]): Sen2ActivePlan {
  const fields = new Fields(node, ACTIVE_FIELDS, ['PlacementDetail', 'SENneed'], problems);
  const reviewOutcome = fields.text('ReviewOutcome');
  if (reviewOutcome !== null && !Object.hasOwn(REVIEW_OUTCOMES, reviewOutcome)) fields.problem(node, 'ReviewOutcome', reviewOutcome, `is not one of ${Object.keys(REVIEW_OUTCOMES).join(', ')}`);
  const transferLa = fields.text('TransferLA');
  return {
    reviewMeeting: fields.date('ReviewMeeting'),
    reviewOutcome: reviewOutcome !== null && Object.hasOwn(REVIEW_OUTCOMES, reviewOutcome) ? (reviewOutcome as ReviewOutcomeCode) : null,
    lastReview: fields.date('LastReview'),
    placements: placementsOf(fields.nested.filter((child) => child.name === 'PlacementDetail'), problems),
    needs: needsOf(fields.nested.filter((child) => child.name === 'SENneed'), problems),
    transferredIn: transferLa !== null,
    transferLa,
  };
}

function requestOf(node: Node, index: number, problems: Sen2ReadProblem[]): Sen2Request {
  const fields = new Fields(node, REQUEST_FIELDS, ['Assessment', 'ActivePlans'], problems);
  const assessments = fields.nested.filter((child) => child.name === 'Assessment');
  const active = fields.nested.filter((child) => child.name === 'ActivePlans');
  if (assessments.length > 1) fields.problem(assessments[1]!, 'Assessment', '', 'a Requests holds one Assessment');
  if (active.length > 1) fields.problem(active[1]!, 'ActivePlans', '', 'a Requests holds one ActivePlans');
  return {
    caseId: `line-${node.line}`,
    reference: `request ${index + 1}`,
    receivedDate: fields.date('ReceivedDate'),
    requestSource: fields.integer('RequestSource'),
    requestOutcome: fields.outcome('RequestOutcome'),
    requestOutcomeDate: fields.date('RequestOutcomeDate'),
    requestMediation: fields.flag('RequestMediation'),
    requestTribunal: fields.flag('RequestTribunal'),
    assessment: assessments[0] ? assessmentOf(assessments[0], problems) : null,
    activePlan: active[0] ? activePlanOf(active[0], problems) : null,
  };
}

/** A Person element as the return's Person, with what the file got wrong in it. */
function personOf(node: Node): Sen2ReadPerson {
  const problems: Sen2ReadProblem[] = [];
  const fields = new Fields(node, PERSON_FIELDS, ['Requests'], problems);
  const birthDate = fields.date('PersonBirthDate');
  for (const [name, value] of [
    ['Surname', fields.text('Surname')],
    ['Forename', fields.text('Forename')],
    ['PersonBirthDate', birthDate],
    ['Sex', fields.text('Sex')],
  ] as const) {
    if (value === null && !problems.some((problem) => problem.field === name)) fields.problem(node, name, '', `${name} is missing from Person`);
  }
  const person: Sen2Person = {
    childId: `line-${node.line}`,
    surname: fields.text('Surname') ?? '',
    forename: fields.text('Forename') ?? '',
    birthDate: birthDate ?? ('' as IsoDate),
    sex: fields.text('Sex') ?? '',
    ethnicity: fields.text('Ethnicity'),
    postcode: fields.text('PostCode'),
    upn: fields.text('UPN'),
    uln: fields.text('UniqueLearnerNumber'),
    upnUnknown: fields.text('UPNunknown'),
    requests: fields.nested.map((child, index) => requestOf(child, index, problems)),
  };
  return { line: node.line, person, problems };
}

/**
 * Reads an SEN2 return given in chunks of text: `write` returns the Persons each chunk completes,
 * `end` the rest and the header. A file that is not XML, or not an SEN2 return, is refused with a
 * Sen2FileError naming the line; a Person with something wrong in it is returned with its problems.
 */
export class Sen2XmlReader {
  private readonly parser = new SaxesParser({ position: true });
  private readonly stack: Node[] = [];
  private readonly done: Sen2ReadPerson[] = [];
  private readonly headerValues: Partial<Record<keyof Sen2ReadHeader, string>> = {};
  private failure: Sen2FileError | null = null;
  private rootSeen = false;
  private anything = false;
  private persons = 0;

  constructor() {
    this.parser.on('error', (error) => {
      this.failure ??= new Sen2FileError(`not well-formed XML: ${error.message.replace(/^[^:]*:\d+:\d+: /, '')}`, this.parser.line);
    });
    this.parser.on('doctype', () => {
      this.failure ??= new Sen2FileError('an SEN2 return has no DOCTYPE; a file with one is refused', this.parser.line);
    });
    this.parser.on('opentag', (tag) => {
      const line = this.parser.line;
      if (!this.rootSeen) {
        this.rootSeen = true;
        if (tag.name !== 'Message') this.failure ??= new Sen2FileError(`the file's root element is ${tag.name}, not Message: is it an SEN2 return?`, line);
      }
      const parent = this.stack.at(-1);
      const node: Node = { name: tag.name, line, text: '', children: [] };
      // Inside a Person the elements are kept for the Person; outside, only the header's values are.
      if (parent && this.stack.some((open) => open.name === 'Person')) parent.children.push(node);
      this.stack.push(node);
    });
    this.parser.on('text', (text) => {
      const open = this.stack.at(-1);
      if (open) open.text += text;
    });
    this.parser.on('closetag', () => {
      const node = this.stack.pop();
      if (!node) return;
      if (node.name === 'Person' && !this.stack.some((open) => open.name === 'Person')) {
        this.persons += 1;
        this.done.push(personOf(node));
      } else if (Object.hasOwn(HEADER_FIELDS, node.name) && this.stack.some((open) => open.name === 'Header')) {
        this.headerValues[HEADER_FIELDS[node.name]!] = node.text.trim();
      }
    });
  }

  /** Reads a chunk; the Persons it completed. */
  write(chunk: string): Sen2ReadPerson[] {
    if (!this.failure && chunk.trim() !== '') this.anything = true;
    if (!this.failure) this.parser.write(chunk);
    return this.take();
  }

  /** The end of the file: the last Persons and the header; the file is refused if it is not a whole SEN2 return. */
  end(): { persons: Sen2ReadPerson[]; header: Sen2ReadHeader } {
    if (!this.anything) this.failure ??= new Sen2FileError('the file is empty: there is no XML in it');
    if (!this.failure) this.parser.close();
    if (!this.failure && this.headerValues.collection !== 'SEN2')
      this.failure = new Sen2FileError(this.headerValues.collection ? `the header names the collection ${this.headerValues.collection}, not SEN2` : 'the file has no Header naming the SEN2 collection');
    const persons = this.take();
    const header = Object.fromEntries(Object.values(HEADER_FIELDS).map((key) => [key, this.headerValues[key] ?? null])) as unknown as Sen2ReadHeader;
    return { persons, header };
  }

  /** How many Persons have been read so far. */
  get count(): number {
    return this.persons;
  }

  private take(): Sen2ReadPerson[] {
    if (this.failure) throw this.failure;
    return this.done.splice(0, this.done.length);
  }
}
