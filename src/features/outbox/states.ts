/** What a message is, for the pages: its own status, or its job's when that decides. */
export type MessageState = 'queued' | 'failed' | 'dead' | 'sent' | 'held';
export const MESSAGE_STATES: readonly MessageState[] = ['queued', 'failed', 'dead', 'sent', 'held'];
