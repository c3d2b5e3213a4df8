// Letters' PDFs are made in a worker thread (pdf-worker.ts), one at a time, so that making them
// never holds up the pages being served (ADR 0016). The thread starts with the first letter and
// ends after a minute with none.
import { workerPool, type WorkerPool } from '../../lib/worker-pool.ts';
import type { PrintableLetter } from './pdf.ts';
import type { PdfTask } from './pdf-worker.ts';

let pool: WorkerPool<PdfTask, Uint8Array> | undefined;

/** The letter's tagged PDF, made off the event loop; a signal that aborts ends the making. */
export async function letterPdf(letter: PrintableLetter, moment: Date, options: { signal?: AbortSignal } = {}): Promise<Buffer> {
  pool ??= workerPool<PdfTask, Uint8Array>(new URL('./pdf-worker.ts', import.meta.url), { maxThreads: 1 });
  const bytes = await pool.run({ letter, moment: moment.getTime() }, options);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Ends the thread, as the server stops. */
export async function closeLetterPdfs(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.close();
}
