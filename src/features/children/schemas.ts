import { z } from 'zod';
import { checkIsoDate } from '../../domain/calendar/index.ts';

/** A child's name part (first, last), as a form or the API sends it. */
export const childNameField = (label: string) =>
  z
    .string({ message: `Enter the child’s ${label}` })
    .trim()
    .min(1, `Enter the child’s ${label}`)
    .max(100, `The child’s ${label} must be 100 characters or fewer`);

export const preferredNameField = z.string().trim().max(100, 'The preferred name must be 100 characters or fewer').optional();

export const postcodeField = z
  .string()
  .trim()
  .toUpperCase()
  .max(8, 'Enter a real postcode')
  .regex(/^([A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})?$/, 'Enter a real postcode, like B1 1AA')
  .optional();

/** A date as YYYY-MM-DD, with the GOV.UK messages for a missing, malformed or impossible one. */
export const dateField = (label: string) =>
  z.string({ message: `Enter ${label}` }).superRefine((value, context) => {
    const check = checkIsoDate(value);
    if (!check.ok) context.addIssue({ code: 'custom', message: check.problem === 'impossible' ? `${label[0]!.toUpperCase()}${label.slice(1)} must be a real date` : `Enter ${label} as a date` });
  });

export const childDetailsSchema = z.object({
  // A version is a PostgreSQL integer: anything larger cannot be a version this record had.
  version: z.coerce.number({ message: 'Open the record again and make your change there' }).int().min(1).max(2_147_483_647, 'Someone else changed this child’s details since you opened the page: open the record again'),
  forename: childNameField('first name'),
  surname: childNameField('last name'),
  preferredName: preferredNameField,
  upn: z.string().trim().optional(),
  postcode: postcodeField,
});
export type ChildDetailsChange = z.input<typeof childDetailsSchema>;
