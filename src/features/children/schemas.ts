import { z } from 'zod';
import { checkIsoDate } from '../../domain/calendar/index.ts';
import { standardPostcode } from '../../domain/children/postcode.ts';
import { ETHNICITY_CODES, isCode, UPN_UNKNOWN_CODES } from '../../domain/sen2/codes.ts';

/** A child's name part (first, last), as a form or the API sends it. */
export const childNameField = (label: string) =>
  z
    .string({ message: `Enter the child’s ${label}` })
    .trim()
    .min(1, `Enter the child’s ${label}`)
    .max(100, `The child’s ${label} must be 100 characters or fewer`);

export const preferredNameField = z.string().trim().max(100, 'The preferred name must be 100 characters or fewer').optional();

/**
 * A postcode, held in its standard form ('DC1 2AB') however it was spaced or cased; empty is none.
 * Every form and API field that takes a postcode (a child's, a parent's) reads it through this.
 */
export const postcodeField = z
  .string()
  .max(20, 'Enter a real postcode, like DC1 2AB')
  .transform((value, context) => {
    if (!value.trim()) return undefined;
    const standard = standardPostcode(value);
    if (!standard) context.addIssue({ code: 'custom', message: 'Enter a real postcode, like DC1 2AB' });
    return standard;
  })
  .optional();

/** A date as YYYY-MM-DD, with the GOV.UK messages for a missing, malformed or impossible one. */
export const dateField = (label: string) =>
  z.string({ message: `Enter ${label}` }).superRefine((value, context) => {
    const check = checkIsoDate(value);
    if (!check.ok) context.addIssue({ code: 'custom', message: check.problem === 'impossible' ? `${label[0]!.toUpperCase()}${label.slice(1)} must be a real date` : `Enter ${label} as a date` });
  });

/** The child's sex as SEN2 records it: M, F, or U where not known. */
export const sexField = z.enum(['M', 'F', 'U'], { message: 'Select the child’s sex' });

/** A school's URN (GIAS): six digits, 100000 to 999999. */
export const schoolUrnField = z
  .string()
  .trim()
  .regex(/^(\d{6})?$/, 'A school’s URN is 6 digits: find it on Get Information About Schools')
  .optional();

/** A code from a list, as a select sends it: empty is none, anything not on the list is refused. */
const codeField = <T extends string>(codes: readonly T[], message: string) =>
  z
    .string()
    .trim()
    .refine((value) => value === '' || isCode(codes, value), message)
    .transform((value) => (value === '' ? null : (value as T)))
    .optional();

/** The child's ethnicity: a DfE main ethnicity code (SEN2 Person/Ethnicity). Left as it is when not given. */
export const ethnicityField = codeField(ETHNICITY_CODES, 'Select the child’s ethnicity from the list');

/** Why a child has no UPN: a SEN2 UPNunknown code, UN1 to UN10. Left as it is when not given. */
export const upnUnknownField = codeField(UPN_UNKNOWN_CODES, 'Select why the UPN is not known from the list');

export const childDetailsSchema = z.object({
  // A version is a PostgreSQL integer: anything larger cannot be a version this record had.
  version: z.coerce.number({ message: 'Open the record again and make your change there' }).int().min(1).max(2_147_483_647, 'Someone else changed this child’s details since you opened the page: open the record again'),
  forename: childNameField('first name'),
  surname: childNameField('last name'),
  preferredName: preferredNameField,
  /** Left as it is when not given. */
  dateOfBirth: dateField('the date of birth').optional(),
  sex: sexField.optional(),
  upn: z.string().trim().optional(),
  upnUnknown: upnUnknownField,
  ethnicity: ethnicityField,
  postcode: postcodeField,
  /** The school or setting's URN; empty when the child is at none. Left as it is when not given. */
  schoolUrn: schoolUrnField,
});
export type ChildDetailsChange = z.input<typeof childDetailsSchema>;
