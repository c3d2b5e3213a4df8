// A child's parents, carers and others: adding, changing and removing them from the record.
export { peopleRoutes } from './routes.ts';
export { PeopleService, type PersonPatch, type PersonView } from './service.ts';
export { peoplePaths } from './paths.ts';
export type { PersonChange, PersonDetails } from './schemas.ts';
// Whom a family's letter goes to, for any feature writing to families in bulk.
export { listParentContacts, type ParentContactRow } from './repository.ts';
export { familyRecipient } from './recipients.ts';
