// A second module for worker-pool.test.ts: the shared pool runs tasks of different modules.
import { threadId } from 'node:worker_threads';

export default function task(input: { text: string }): { threadId: number; shouted: string } {
  return { threadId, shouted: input.text.toUpperCase() };
}
