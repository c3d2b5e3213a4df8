import { z } from 'zod';
import { REQUEST_SOURCES } from '../../domain/children/stages.ts';
import { childNameField, dateField, postcodeField, preferredNameField, sexField } from '../children/index.ts';

export const newChildSchema = z.object({
  forename: childNameField('first name'),
  surname: childNameField('last name'),
  preferredName: preferredNameField,
  dateOfBirth: dateField('the date of birth'),
  sex: sexField,
  upn: z.string().trim().optional(),
  postcode: postcodeField,
  schoolId: z.uuid().optional(),
});
export type NewChild = z.infer<typeof newChildSchema>;

export const newRequestSchema = z.object({
  childId: z.uuid({ message: 'Choose a child' }).optional(),
  child: newChildSchema.optional(),
  receivedOn: dateField('the date the request was received'),
  source: z.coerce.number().int().refine((value) => value in REQUEST_SOURCES, { message: 'Select who made the request' }),
  /** Why a request is recorded late; needed once it was received more than a year ago. */
  recordedLateReason: z.string().trim().min(1, 'Say why the request is being recorded late').max(1000, 'The reason must be 1,000 characters or fewer').optional(),
  /**
   * The officer or client has seen that a child with the same names and date of birth is held, and
   * says this is a different child. It never allows a second record with a UPN already held.
   */
  confirmedNewChild: z.boolean().optional(),
});
export type NewRequest = z.input<typeof newRequestSchema>;
