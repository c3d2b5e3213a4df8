// A plan's renderings: the page (templates/rendering/document.njk), the PDF and the Word document,
// all made from one RenderedDocument. The PDF and the Word document are made off the event loop,
// on the service's shared document thread (ADR 0018).
import { runInWorker } from '../../../lib/worker-pool.ts';
import type { RenderedDocument } from './model.ts';
import type { RenderTask } from './worker.ts';

export { documentWords, type DocumentBlock, type DocumentFact, type DocumentSection, type RenderedDocument } from './model.ts';
export { documentHtml, PLAN_DOCUMENT_TEMPLATE } from './html.ts';

const WORKER = new URL('./worker.ts', import.meta.url);

async function render(task: RenderTask, signal: AbortSignal | undefined): Promise<Buffer> {
  const bytes = await runInWorker<RenderTask, Uint8Array>(WORKER, task, signal ? { signal } : {});
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The plan's tagged PDF, made off the event loop; a signal that aborts ends the making. */
export function planPdf(document: RenderedDocument, options: { signal?: AbortSignal; moment?: Date } = {}): Promise<Buffer> {
  return render({ format: 'pdf', document, moment: (options.moment ?? new Date()).getTime() }, options.signal);
}

/** The plan as a Word document (DOCX), made off the event loop like the PDF. */
export function planDocx(document: RenderedDocument, options: { signal?: AbortSignal; moment?: Date } = {}): Promise<Buffer> {
  return render({ format: 'docx', document, moment: (options.moment ?? new Date()).getTime() }, options.signal);
}
