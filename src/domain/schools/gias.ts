// The Get Information About Schools (GIAS) establishment extract, one row at a time: which columns
// are read, what each must hold, and the school a row describes, or why the row is refused. GIAS
// publishes dates as dd/mm/yyyy and names the coded fields "Field (name)" and "Field (code)".
import { parseFileDate, type IsoDate } from '../calendar/dates.ts';

/** The columns read, by their heading in the extract. */
export const GIAS_COLUMNS = {
  urn: 'URN',
  ukprn: 'UKPRN',
  name: 'EstablishmentName',
  type: 'TypeOfEstablishment (name)',
  phase: 'PhaseOfEducation (name)',
  status: 'EstablishmentStatus (name)',
  laCode: 'LA (code)',
  street: 'Street',
  locality: 'Locality',
  address3: 'Address3',
  town: 'Town',
  county: 'County (name)',
  postcode: 'Postcode',
  openDate: 'OpenDate',
  closeDate: 'CloseDate',
} as const;

export type GiasField = keyof typeof GIAS_COLUMNS;

/** Without these a row says nothing usable: a file lacking one is refused whole. */
export const GIAS_REQUIRED: readonly GiasField[] = ['urn', 'name', 'type', 'phase', 'status', 'laCode'];
/** Read when the file has them; a file without one leaves that detail of every school as it was. */
export const GIAS_OPTIONAL: readonly GiasField[] = ['ukprn', 'street', 'locality', 'address3', 'town', 'county', 'postcode', 'openDate', 'closeDate'];

/** The statuses GIAS gives an establishment. */
export const GIAS_STATUSES = ['Open', 'Closed', 'Open, but proposed to close', 'Proposed to open'] as const;
export const GIAS_CLOSED = 'Closed';

export interface GiasHeader {
  /** Each field read and its position in a row; an optional field absent from the file is missing. */
  positions: Partial<Record<GiasField, number>>;
  missingRequired: string[];
  missingOptional: string[];
}

/** Where each column read is, by heading (case and surrounding spaces ignored). */
export function readGiasHeader(headings: readonly string[]): GiasHeader {
  const index = new Map<string, number>();
  headings.forEach((heading, position) => {
    const key = heading.trim().toLowerCase();
    if (!index.has(key)) index.set(key, position);
  });
  const positions: Partial<Record<GiasField, number>> = {};
  const missingRequired: string[] = [];
  const missingOptional: string[] = [];
  for (const field of Object.keys(GIAS_COLUMNS) as GiasField[]) {
    const position = index.get(GIAS_COLUMNS[field].toLowerCase());
    if (position !== undefined) positions[field] = position;
    else if (GIAS_REQUIRED.includes(field)) missingRequired.push(GIAS_COLUMNS[field]);
    else missingOptional.push(GIAS_COLUMNS[field]);
  }
  return { positions, missingRequired, missingOptional };
}

/** A school as a row of the extract describes it; an optional field the file lacks is undefined. */
export interface GiasSchool {
  urn: number;
  ukprn?: number | null;
  name: string;
  type: string;
  phase: string;
  status: string;
  laCode: string;
  street?: string | null;
  locality?: string | null;
  address3?: string | null;
  town?: string | null;
  county?: string | null;
  postcode?: string | null;
  openDate?: IsoDate | null;
  closeDate?: IsoDate | null;
}

export interface GiasRefusal {
  line: number;
  field: string;
  value: string;
  why: string;
}

export type GiasRow = { ok: true; school: GiasSchool } | { ok: false; refusals: GiasRefusal[] };

/** A date as GIAS writes it (dd/mm/yyyy), or as ISO (yyyy-mm-dd); empty is none; anything else undefined. */
export const parseGiasDate = parseFileDate;

/** A postcode in capitals with single spaces, as the register means it. */
export function normalisePostcode(value: string): string | null {
  const text = value.trim().replace(/\s+/g, ' ').toUpperCase();
  return text === '' ? null : text;
}

function text(value: string): string | null {
  const trimmed = value.trim().replace(/\s+/g, ' ');
  return trimmed === '' ? null : trimmed;
}

/** The school a row of the extract describes, or every reason it cannot be taken. `line` is the file's line. */
export function mapGiasRow(header: GiasHeader, cells: readonly string[], line: number): GiasRow {
  const refusals: GiasRefusal[] = [];
  const cell = (field: GiasField): string | undefined => {
    const position = header.positions[field];
    return position === undefined ? undefined : (cells[position] ?? '');
  };
  const refuse = (field: GiasField, value: string, why: string) => refusals.push({ line, field: GIAS_COLUMNS[field], value, why });
  const required = (field: GiasField): string => {
    const value = text(cell(field) ?? '');
    if (value === null) refuse(field, '', 'is empty');
    return value ?? '';
  };

  const urnText = (cell('urn') ?? '').trim();
  const urn = /^\d{6}$/.test(urnText) ? Number(urnText) : undefined;
  if (urn === undefined) refuse('urn', urnText, urnText === '' ? 'is empty' : 'is not a URN (six digits)');

  let ukprn: number | null | undefined;
  const ukprnText = cell('ukprn');
  if (ukprnText !== undefined) {
    const trimmed = ukprnText.trim();
    if (trimmed === '') ukprn = null;
    else if (/^1\d{7}$/.test(trimmed)) ukprn = Number(trimmed);
    else refuse('ukprn', trimmed, 'is not a UKPRN (eight digits starting 1)');
  }

  const name = required('name');
  const type = required('type');
  const phase = required('phase');
  const status = required('status');
  if (status !== '' && !(GIAS_STATUSES as readonly string[]).includes(status)) {
    refuse('status', status, `is not a GIAS status (${GIAS_STATUSES.join('; ')})`);
  }
  const laCode = (cell('laCode') ?? '').trim();
  if (!/^\d{3}$/.test(laCode)) refuse('laCode', laCode, laCode === '' ? 'is empty' : 'is not an LA code (three digits)');

  const dateOf = (field: 'openDate' | 'closeDate'): IsoDate | null | undefined => {
    const value = cell(field);
    if (value === undefined) return undefined;
    const parsed = parseGiasDate(value);
    if (parsed === undefined) refuse(field, value.trim(), 'is not a date (dd/mm/yyyy)');
    return parsed ?? null;
  };
  const openDate = dateOf('openDate');
  const closeDate = dateOf('closeDate');
  if (openDate && closeDate && closeDate < openDate) refuse('closeDate', cell('closeDate')!.trim(), 'is before the OpenDate');

  if (refusals.length > 0 || urn === undefined) return { ok: false, refusals };
  const optional = (field: GiasField, map: (value: string) => string | null = text): string | null | undefined => {
    const value = cell(field);
    return value === undefined ? undefined : map(value);
  };
  const school: GiasSchool = {
    urn,
    name,
    type,
    phase,
    status,
    laCode,
    ukprn,
    street: optional('street'),
    locality: optional('locality'),
    address3: optional('address3'),
    town: optional('town'),
    county: optional('county'),
    postcode: optional('postcode', normalisePostcode),
    openDate,
    closeDate,
  };
  for (const key of Object.keys(school) as (keyof GiasSchool)[]) if (school[key] === undefined) delete school[key];
  return { ok: true, school };
}

/** The details of a school a re-import may change, as held. */
export type HeldSchool = Required<Omit<GiasSchool, 'urn'>> & { urn: number };

export type SchoolChange =
  | { kind: 'unchanged' }
  | { kind: 'updated' | 'closed'; fields: (keyof GiasSchool)[]; renamedFrom?: string; next: HeldSchool };

/**
 * What a row of a re-import does to the school held: nothing when every detail the file gives is as
 * held; otherwise the details given replace those held (those the file lacks stay). A school whose
 * status becomes Closed is closed, never removed; a new name keeps the old one in the history.
 */
export function compareSchool(held: HeldSchool, row: GiasSchool): SchoolChange {
  const next: HeldSchool = { ...held };
  const fields: (keyof GiasSchool)[] = [];
  for (const key of Object.keys(row) as (keyof GiasSchool)[]) {
    const value = row[key];
    if (value === undefined || value === held[key]) continue;
    fields.push(key);
    (next as Record<string, unknown>)[key] = value;
  }
  if (fields.length === 0) return { kind: 'unchanged' };
  const kind = next.status === GIAS_CLOSED && held.status !== GIAS_CLOSED ? 'closed' : 'updated';
  return { kind, fields, next, ...(fields.includes('name') ? { renamedFrom: held.name } : {}) };
}
