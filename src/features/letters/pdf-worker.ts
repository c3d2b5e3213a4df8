// Runs on the shared document thread (lib/worker-pool.ts): one letter's PDF per task. The thread keeps the
// parsed fonts between tasks, so only the first letter it makes pays for reading them.
import { renderLetterPdf, type PrintableLetter } from './pdf.ts';

export interface PdfTask {
  letter: PrintableLetter;
  /** When the letter was made, in milliseconds since the epoch: the PDF's creation date. */
  moment: number;
}

export default async function makeLetterPdf(task: PdfTask): Promise<Uint8Array> {
  return new Uint8Array(await renderLetterPdf(task.letter, new Date(task.moment)));
}
