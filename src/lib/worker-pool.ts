// Work that holds a processor for a long time (a letter's PDF takes a few hundred milliseconds)
// runs in worker threads, away from the event loop that answers requests: done in line, each
// render would stop every page being served meanwhile (ADR 0016).
import { Piscina } from 'piscina';

/** Node 20 cannot load TypeScript by itself: its workers register the loader the server does. */
const TYPESCRIPT_LOADER = new URL('../../scripts/typescript.mjs', import.meta.url).href;

export interface WorkerPoolOptions {
  /** At most this many threads: each takes a processor while it works. */
  maxThreads: number;
  /** An idle thread ends after this long; the next task starts one again. */
  idleTimeoutMs?: number;
}

/**
 * A pool of worker threads running the default export of `moduleUrl` (a module of its own, with
 * nothing of the app's state: it is given what it needs in each task). The threads run below the
 * web's in the scheduler's order (nice 10), so requests come first when both want a processor.
 */
export function workerPool<Task, Result>(moduleUrl: URL, options: WorkerPoolOptions): WorkerPool<Task, Result> {
  const pool = piscina<Task, Result>(moduleUrl, options);
  return {
    run: (task, runOptions = {}) => pool.run(task, runOptions.signal ? { signal: runOptions.signal } : {}),
    close: () => pool.close({ force: true }),
  };
}

function piscina<Task, Result>(moduleUrl: URL | null, options: WorkerPoolOptions): Piscina<Task, Result> {
  return new Piscina<Task, Result>({
    filename: moduleUrl?.href ?? null,
    minThreads: 0,
    maxThreads: options.maxThreads,
    idleTimeout: options.idleTimeoutMs ?? 60_000,
    niceIncrement: 10,
    execArgv: (process.features as { typescript?: string | false }).typescript ? [] : ['--import', TYPESCRIPT_LOADER],
  });
}

export interface WorkerPool<Task, Result> {
  /** Runs a task on the next free thread; a signal that aborts ends the thread running it. */
  run(task: Task, options?: { signal?: AbortSignal }): Promise<Result>;
  /** Ends the threads; tasks not yet begun are refused. */
  close(): Promise<void>;
}

let shared: Piscina<unknown, unknown> | undefined;

/**
 * Runs `input` through the default export of `moduleUrl` on the service's one pool of document
 * threads, shared by every feature that makes documents (plans' PDFs and Word documents): one
 * thread, since such work is occasional and short and the processors are the web's first (ADR 0016,
 * ADR 0018). A thread loads each module once, so what a module keeps (parsed fonts) outlives the
 * task. A signal that aborts ends the thread running the task.
 */
export function runInWorker<Input, Result>(moduleUrl: URL, input: Input, options: { signal?: AbortSignal } = {}): Promise<Result> {
  shared ??= piscina<unknown, unknown>(null, { maxThreads: 1 });
  return shared.run(input, { filename: moduleUrl.href, ...(options.signal ? { signal: options.signal } : {}) }) as Promise<Result>;
}

/** Ends the shared pool's thread, as the server stops; the next task starts one again. */
export async function closeWorkers(): Promise<void> {
  const closing = shared;
  shared = undefined;
  await closing?.close({ force: true });
}
