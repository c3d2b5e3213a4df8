/** What a message is, for the pages: its own status, or its job's when that decides. */
export type MessageState = 'queued' | 'failed' | 'dead' | 'sent' | 'held';
export const MESSAGE_STATES: readonly MessageState[] = ['queued', 'failed', 'dead', 'sent', 'held'];

/**
 * The SQL that works out a message's state from the message (alias `message`) and its job (alias
 * `job`): for every read that shows a message's state, here and in the features that list
 * messages of their own (a case's letters), so they all say the same.
 */
export function messageStateSql(message: string, job: string): string {
  return `CASE WHEN ${job}."status" = 'dead' THEN 'dead'
            WHEN ${message}."status" IN ('sent', 'held') THEN ${message}."status"
            WHEN ${job}."status" = 'queued' AND ${job}."attempts" > 0 THEN 'failed'
            ELSE 'queued' END`;
}
