// Runs in a thread of the shared pool (lib/worker-pool.ts): one plan's PDF or Word document per
// task. The thread keeps the parsed fonts between tasks, so only its first PDF pays for them.
import { renderPlanDocx } from './docx.ts';
import type { RenderedDocument } from './model.ts';
import { renderPlanPdf } from './pdf.ts';

export interface RenderTask {
  format: 'pdf' | 'docx';
  document: RenderedDocument;
  /** When the rendering was asked for, in milliseconds since the epoch: the PDF's creation date. */
  moment: number;
}

export default async function renderPlan(task: RenderTask): Promise<Uint8Array> {
  const bytes = task.format === 'pdf' ? await renderPlanPdf(task.document, { moment: new Date(task.moment) }) : await renderPlanDocx(task.document);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
