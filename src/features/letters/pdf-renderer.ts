// Letters' PDFs are made on the service's shared document thread (lib/worker-pool.ts), one at a
// time, so that making them never holds up the pages being served (ADR 0016, ADR 0018). The thread
// starts with the first document and ends after a minute with none.
import { closeWorkers, runInWorker } from '../../lib/worker-pool.ts';
import type { PrintableLetter } from './pdf.ts';
import type { PdfTask } from './pdf-worker.ts';

const WORKER = new URL('./pdf-worker.ts', import.meta.url);

/** The letter's tagged PDF, made off the event loop; a signal that aborts ends the making. */
export async function letterPdf(letter: PrintableLetter, moment: Date, options: { signal?: AbortSignal } = {}): Promise<Buffer> {
  const bytes = await runInWorker<PdfTask, Uint8Array>(WORKER, { letter, moment: moment.getTime() }, options);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Ends the shared document thread, as the server stops (it serves plans' documents too). */
export async function closeLetterPdfs(): Promise<void> {
  await closeWorkers();
}
