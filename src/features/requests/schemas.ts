import { z } from 'zod';
import { REQUEST_SOURCES } from '../../domain/children/stages.ts';
import { childNameField, dateField, postcodeField, preferredNameField } from '../children/index.ts';

export const newChildSchema = z.object({
  forename: childNameField('first name'),
  surname: childNameField('last name'),
  preferredName: preferredNameField,
  dateOfBirth: dateField('the date of birth'),
  sex: z.enum(['M', 'F', 'U'], { message: 'Select the child’s sex' }),
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
});
export type NewRequest = z.input<typeof newRequestSchema>;
