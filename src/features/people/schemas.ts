import { z } from 'zod';
import { RELATIONSHIP_CODES } from '../../domain/children/relationships.ts';
import { postcodeField } from '../children/index.ts';

const nameField = (label: string) =>
  z
    .string({ message: `Enter the person’s ${label}` })
    .trim()
    .min(1, `Enter the person’s ${label}`)
    .max(100, `The person’s ${label} must be 100 characters or fewer`);

/** Empty is none; otherwise digits with the spaces, brackets, hyphens and + people write them with. */
const phoneField = z
  .string()
  .trim()
  .max(30, 'Enter a phone number, like 0121 496 0000 or 07700 900 982')
  .refine((value) => value === '' || (/^[0-9 +()-]+$/.test(value) && /^(\D*\d){7,15}\D*$/.test(value)), 'Enter a phone number, like 0121 496 0000 or 07700 900 982')
  .optional();

const emailField = z
  .string()
  .trim()
  .max(254, 'The email address must be 254 characters or fewer')
  .refine((value) => value === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value), 'Enter an email address in the correct format, like name@example.com')
  .optional();

/** A parent, carer or other person linked to a child, and how they are linked. */
export const personDetailsSchema = z.object({
  forename: nameField('first name'),
  surname: nameField('last name'),
  relationship: z.enum(RELATIONSHIP_CODES, { message: 'Select how the person is related to the child' }),
  parentalResponsibility: z.boolean({ message: 'Select whether the person has parental responsibility' }),
  mainContact: z.boolean().default(false),
  phone: phoneField,
  email: emailField,
  address: z.string().trim().max(500, 'The address must be 500 characters or fewer').optional(),
  postcode: postcodeField,
  doNotDiscloseAddress: z.boolean().default(false),
});
export type PersonDetails = z.input<typeof personDetailsSchema>;

export const personChangeSchema = personDetailsSchema.extend({
  version: z.coerce.number({ message: 'Open the record again and make your change there' }).int().min(1).max(2_147_483_647, 'Someone else changed this person’s details since you opened the page: open the record again'),
});
export type PersonChange = z.input<typeof personChangeSchema>;
