// The "Check EHC deadlines" page: what each process asks for, in words a family can follow, and
// the reading of GOV.UK date inputs (day, month and year boxes) into the ISO dates the
// calculator takes. Every problem on the form is found at once, as the GOV.UK pattern asks.
import { dateFromParts } from '../../domain/calendar/dates.ts';
import { DATE_PARTS, enteredDate, singleValue, type DatePart } from '../../web/date-input.ts';
import { PHASE_TRANSFER_TYPES, type PhaseTransferType } from '../../domain/clocks/phase-transfer.ts';
import {
  EARLIEST_INPUT_DATE,
  LATEST_INPUT_DATE,
  TIMESCALE_PROCESSES,
  type TimescaleProcess,
} from '../../domain/clocks/timescales.ts';
import { TRIBUNAL_ORDERS, type TribunalOrder } from '../../domain/clocks/tribunal-orders.ts';

export interface DateField {
  readonly kind: 'date';
  /** The API's parameter name; the page's inputs are NAME-day, NAME-month and NAME-year. */
  readonly name: string;
  readonly legend: string;
  readonly hint: string;
  /** Completes "Enter ..." and starts "... must be a real date" (capitalised there). */
  readonly errorName: string;
  readonly required: boolean;
}

export interface ChoiceField {
  readonly kind: 'choice';
  readonly name: string;
  readonly legend: string;
  readonly hint?: string;
  /** The whole message when nothing (or an unknown value) is chosen. */
  readonly errorText: string;
  readonly options: ReadonlyArray<{ readonly value: string; readonly text: string; readonly hint?: string }>;
}

export type FormField = DateField | ChoiceField;

export interface ProcessForm {
  readonly process: TimescaleProcess;
  readonly name: string;
  readonly hint: string;
  readonly fields: readonly FormField[];
}

const date = (
  name: string,
  legend: string,
  hint: string,
  errorName: string,
  required = true,
): DateField => ({ kind: 'date', name, legend, hint, errorName, required });

const PHASE_TRANSFER_OPTIONS: Record<PhaseTransferType, { text: string; hint: string }> = {
  school: {
    text: 'Between school phases',
    hint: 'For example, from early years to school, infant to junior, or primary to secondary school',
  },
  post16: {
    text: 'From secondary school to a post-16 institution',
    hint: 'For example, to a sixth-form college or a further education college',
  },
  'post16-to-post16': {
    text: 'From one post-16 institution to another',
    hint: 'For example, from one further education college to another',
  },
};

const TRIBUNAL_ORDER_OPTIONS: Record<TribunalOrder, { text: string; hint?: string }> = {
  assess: { text: 'The council must carry out an EHC needs assessment' },
  'make-plan': { text: 'The council must make an EHC plan' },
  'amend-plan': {
    text: 'The council must change the needs or provision in the plan',
    hint: 'Sections B and F, with or without the school or college in section I',
  },
  'name-placement': {
    text: 'The council must change only the school or college named in the plan',
    hint: 'Section I only',
  },
  cease: { text: 'The appeal against ending the plan was dismissed: the plan ends' },
  continue: { text: 'The appeal against ending the plan was allowed: the plan continues' },
};

const FORMS: Readonly<Record<TimescaleProcess, Omit<ProcessForm, 'process'>>> = {
  assessment: {
    name: 'EHC needs assessment',
    hint: 'From a request for an assessment to the final EHC plan',
    fields: [
      date(
        'requestReceived',
        'When did the council receive the request for an assessment?',
        'For example, 5 1 2026',
        'the date the council received the request',
      ),
      date(
        'adviceRequested',
        'When was advice asked for? (optional)',
        'The day a person or service asked for advice, such as an educational psychologist or the health service, received the request',
        'the date advice was asked for',
        false,
      ),
      date(
        'draftServed',
        'When was the draft EHC plan sent to the family? (optional)',
        'For example, 20 4 2026',
        'the date the draft plan was sent',
        false,
      ),
      date(
        'consultationSent',
        'When did the council consult the school or college? (optional)',
        'The day the council sent the draft plan to the school or college the family asked for',
        'the date the consultation was sent',
        false,
      ),
    ],
  },
  'annual-review': {
    name: 'Annual review of an EHC plan',
    hint: 'The plan must be reviewed at least every 12 months',
    fields: [
      date(
        'lastReview',
        'When was the EHC plan made, or last reviewed?',
        'The date of the plan, or of the previous review. An amended plan’s date does not count.',
        'the date the plan was made or last reviewed',
      ),
      date(
        'meeting',
        'When is the review meeting? (optional)',
        'For example, 20 1 2027',
        'the date of the review meeting',
        false,
      ),
    ],
  },
  amendment: {
    name: 'Amending an EHC plan',
    hint: 'After the council sends the family a notice of proposed amendments',
    fields: [
      date(
        'noticeSent',
        'When did the council send the amendment notice?',
        'For example, 1 6 2026',
        'the date the amendment notice was sent',
      ),
    ],
  },
  'phase-transfer': {
    name: 'Moving school or college (phase transfer)',
    hint: 'Naming the new school or college before a move between phases',
    fields: [
      date(
        'transferDate',
        'When will the child or young person move?',
        'The day they start at the new school or college, for example 1 9 2026',
        'the date of the move',
      ),
      {
        kind: 'choice',
        name: 'transferType',
        legend: 'What kind of move is it?',
        errorText: 'Select what kind of move it is',
        options: PHASE_TRANSFER_TYPES.map((value) => ({ value, ...PHASE_TRANSFER_OPTIONS[value] })),
      },
    ],
  },
  reassessment: {
    name: 'Re-assessment of a child or young person with a plan',
    hint: 'When the council decides to carry out a new EHC needs assessment',
    fields: [
      date(
        'decision',
        'When was the decision to re-assess made?',
        'The day the council told the family it would re-assess, or the day it decided to re-assess on its own',
        'the date of the decision to re-assess',
      ),
    ],
  },
  mediation: {
    name: 'Mediation',
    hint: 'Arranging mediation after a parent or young person asks for it',
    fields: [
      date(
        'requested',
        'When was the council told that mediation is wanted?',
        'For example, 5 1 2026',
        'the date the council was told mediation is wanted',
      ),
    ],
  },
  'mediation-certificate': {
    name: 'Mediation certificate',
    hint: 'The certificate needed before an appeal to the tribunal',
    fields: [
      date(
        'from',
        'When did the duty to issue the certificate arise?',
        'The day the mediation adviser was told mediation is not wanted, the day mediation ended, or the day the adviser learnt it could not be arranged in time',
        'the date the duty arose',
      ),
    ],
  },
  appeal: {
    name: 'Appealing to the tribunal',
    hint: 'The last day to appeal to the First-tier Tribunal (SEND)',
    fields: [
      date(
        'decisionNotice',
        'When was the council’s decision letter sent?',
        'The date the written notice of the decision you want to appeal against was sent',
        'the date the decision letter was sent',
      ),
      date(
        'certificateIssued',
        'When was the mediation certificate issued? (optional)',
        'Leave this blank if there was no certificate',
        'the date the mediation certificate was issued',
        false,
      ),
    ],
  },
  'tribunal-order': {
    name: 'Carrying out a tribunal order',
    hint: 'What the council must do, and by when, after the tribunal decides an appeal',
    fields: [
      date('orderDate', 'When was the order made?', 'For example, 2 3 2026', 'the date of the order'),
      {
        kind: 'choice',
        name: 'order',
        legend: 'What did the tribunal order?',
        errorText: 'Select what the tribunal ordered',
        options: TRIBUNAL_ORDERS.map((value) => ({ value, ...TRIBUNAL_ORDER_OPTIONS[value] })),
      },
    ],
  },
};

export const PROCESS_FORMS: readonly ProcessForm[] = TIMESCALE_PROCESSES.map((process) => ({
  process,
  ...FORMS[process],
}));

export function processForm(value: unknown): ProcessForm | undefined {
  return typeof value === 'string' ? PROCESS_FORMS.find((form) => form.process === value) : undefined;
}

export { DATE_PARTS, type DatePart };

export interface FieldError {
  /** The API field the error is about. */
  readonly field: string;
  readonly text: string;
  /** The id of the input the error summary links to. */
  readonly href: string;
  /** For a date, the boxes to highlight. */
  readonly parts?: readonly DatePart[];
}

/** What the person typed, as typed, to put back in the form. */
export type EnteredValues = Record<string, string | Partial<Record<DatePart, string>>>;

export interface ReadForm {
  /** The query for computeTimescales, with ISO dates. */
  readonly query: Record<string, string>;
  readonly values: EnteredValues;
  readonly errors: readonly FieldError[];
}

/** True when the query carries any of the process's own inputs: the form was submitted. */
export function wasSubmitted(form: ProcessForm, query: Readonly<Record<string, unknown>>): boolean {
  return form.fields.some((field) =>
    field.kind === 'date'
      ? DATE_PARTS.some((part) => Object.hasOwn(query, `${field.name}-${part}`))
      : Object.hasOwn(query, field.name),
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function listParts(parts: readonly DatePart[]): string {
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]!}`;
}

const EARLIEST_YEAR = Number(EARLIEST_INPUT_DATE.slice(0, 4));
const LATEST_YEAR = Number(LATEST_INPUT_DATE.slice(0, 4));

function readDateField(
  field: DateField,
  entered: Record<DatePart, string>,
): { ok: true; value: string } | { ok: false; error: FieldError } {
  const fail = (text: string, parts: readonly DatePart[]) => ({
    ok: false as const,
    error: { field: field.name, text, href: `${field.name}-${parts[0] ?? 'day'}`, parts },
  });
  const missing = DATE_PARTS.filter((part) => entered[part] === '');
  if (missing.length === 3) {
    return field.required ? fail(`Enter ${field.errorName}`, DATE_PARTS) : { ok: true, value: '' };
  }
  if (missing.length > 0) {
    return fail(`${capitalise(field.errorName)} must include a ${listParts(missing)}`, missing);
  }
  const notNumbers = DATE_PARTS.filter((part) => !/^\d{1,4}$/.test(entered[part]));
  if (notNumbers.length > 0) return fail(`${capitalise(field.errorName)} must be a real date`, notNumbers);
  if (!/^\d{4}$/.test(entered.year)) {
    return fail(`${capitalise(field.errorName)} must include a year with 4 numbers, for example 2026`, ['year']);
  }
  const year = Number(entered.year);
  const month = Number(entered.month);
  const day = Number(entered.day);
  const iso = dateFromParts(year, month, day);
  if (iso === undefined) {
    const wrong: DatePart[] = month < 1 || month > 12 ? ['month'] : ['day'];
    return fail(`${capitalise(field.errorName)} must be a real date`, wrong);
  }
  if (year < EARLIEST_YEAR || year > LATEST_YEAR) {
    return fail(`${capitalise(field.errorName)} must be between ${EARLIEST_YEAR} and ${LATEST_YEAR}`, ['year']);
  }
  return { ok: true, value: iso };
}

/** Reads the page's inputs for one process into a calculator query, collecting every problem. */
export function readForm(form: ProcessForm, query: Readonly<Record<string, unknown>>): ReadForm {
  const calculatorQuery: Record<string, string> = { process: form.process };
  const values: EnteredValues = {};
  const errors: FieldError[] = [];
  for (const field of form.fields) {
    if (field.kind === 'date') {
      const entered = enteredDate(query, field.name);
      values[field.name] = entered;
      const read = readDateField(field, entered);
      if (read.ok) calculatorQuery[field.name] = read.value;
      else errors.push(read.error);
    } else {
      const chosen = singleValue(query, field.name);
      values[field.name] = chosen;
      if (field.options.some((option) => option.value === chosen)) calculatorQuery[field.name] = chosen;
      else errors.push({ field: field.name, text: field.errorText, href: fieldHref(field) });
    }
  }
  return { query: calculatorQuery, values, errors };
}

/**
 * The page's message for a problem the calculator found that the form's own checks did not
 * (there should be none; this keeps the page honest if the two ever disagree).
 */
export function errorForCalculatorProblem(form: ProcessForm, field: string, detail: string): FieldError {
  const known = form.fields.find((candidate) => candidate.name === field);
  if (known?.kind === 'date') {
    return {
      field,
      text: `${capitalise(known.errorName)} must be a real date`,
      href: `${field}-day`,
      parts: DATE_PARTS,
    };
  }
  if (known?.kind === 'choice') return { field, text: known.errorText, href: field };
  const first = form.fields[0];
  return { field, text: detail, href: first === undefined ? 'main-content' : fieldHref(first) };
}

/** The id of a field's first input: the day box of a date, the first radio of a choice. */
export function fieldHref(field: FormField): string {
  return field.kind === 'date' ? `${field.name}-day` : field.name;
}
