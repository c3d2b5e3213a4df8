// A task for worker-pool.test.ts: says which thread ran it, fails when asked, or works until stopped.
import { threadId } from 'node:worker_threads';

export default function task(input: { kind: 'thread' | 'fail' | 'forever' }): number {
  if (input.kind === 'fail') throw new Error('The task failed as asked');
  if (input.kind === 'forever') for (;;);
  return threadId;
}
