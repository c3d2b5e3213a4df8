// Messages to portal accounts: each case event people act on becomes a message saying what
// happened, what to do and by when, with the link to the page; kept in the portal's inbox and
// e-mailed through the outbox (nothing sensitive in the e-mail) as each person prefers, a legal
// notice always; and the officer's page of a child's messages and whether their e-mails went.
export { messageLinks, portalMessagesPaths } from './paths.ts';
export { portalMessagesRoutes } from './routes.ts';
export { PortalMessagesService, type ChildMessageView, type PortalMessageView } from './service.ts';
