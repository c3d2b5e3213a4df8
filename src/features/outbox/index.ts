// The outbox: every letter and e-mail, queued in the transaction of the casework that causes it and
// sent by a job (GOV.UK Notify when configured; otherwise held here for printing). The SEND team's
// outbox page and the administrators' page of messages that could not be sent.
export { OUTBOX_ROLES, SEND_TEAM_ROLES, isSendTeam } from './access.ts';
export { notifyAdapter, outboxOnlyAdapter, type Delivery, type DeliveryAdapter, type OutgoingMessage } from './adapters.ts';
export { outboxPaths } from './paths.ts';
export { outboxRoutes } from './routes.ts';
export { moment, STATE_NAMES, stateTag } from './presenters.ts';
export { messageStateSql, type MessageState } from './states.ts';
export { OutboxService, personRecipient, queueMessage, queueMessages, recipientOf, SEND_MESSAGE_JOB, type MessageView, type NewMessage } from './service.ts';
export type { PersonContactRow as PersonContact } from './repository.ts';
