// The front door for contacts, complaints and information requests: each with a reference, an
// owner and a response deadline from the council's policy, tied to the child when there is one.
export { contactsRoutes } from './routes.ts';
export { ContactsService, type ContactView, type ContactsReport } from './service.ts';
export { contactsPaths } from './paths.ts';
