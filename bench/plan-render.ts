// How long the PDF and the Word document of a full EHC plan take (issue 17's measure: a plan with
// 40 items of provision in section F, p95 under 500 ms each), in-process and without HTTP. Each
// run asks for them as the service does: on the shared document thread (ADR 0018), one at a time,
// so a figure includes handing the document to the thread and the bytes back. The first of each
// (the thread starting, the fonts parsed) is reported on its own and left out of the percentiles.
// The same renderings made in the calling thread follow, for the processor time alone.
//   npm run bench:plan-render                 (RUNS=50 by default)
import { renderPlanDocx } from '../src/features/plans/rendering/docx.ts';
import { planDocx, planPdf } from '../src/features/plans/rendering/index.ts';
import { renderPlanPdf } from '../src/features/plans/rendering/pdf.ts';
import { FULL_PLAN } from '../src/features/plans/rendering/fixtures.ts';
import { closeWorkers } from '../src/lib/worker-pool.ts';

const RUNS = Number(process.env.RUNS ?? 50);
const TARGET_MS = 500;

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function measure(name: string, render: () => Promise<Buffer>) {
  let at = performance.now();
  const first = await render();
  const cold = performance.now() - at;
  const times: number[] = [];
  // The process's processor time (every thread's, the document thread's included): on a busy
  // machine it says what a rendering costs, which the wall-clock figures cannot.
  const cpu = process.cpuUsage();
  for (let run = 0; run < RUNS; run += 1) {
    at = performance.now();
    await render();
    times.push(performance.now() - at);
  }
  const used = process.cpuUsage(cpu);
  times.sort((a, b) => a - b);
  const p95 = percentile(times, 95);
  console.log(
    `${name}: ${(first.length / 1024).toFixed(0)} KiB; first ${cold.toFixed(0)} ms; over ${RUNS} runs p50 ${percentile(times, 50).toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, worst ${times.at(-1)!.toFixed(0)} ms, processor ${((used.user + used.system) / 1000 / RUNS).toFixed(0)} ms a run (target p95 < ${TARGET_MS} ms: ${p95 < TARGET_MS ? 'met' : 'NOT met'})`,
  );
}

const rows = FULL_PLAN.sections.flatMap((section) => section.blocks).find((block) => block.kind === 'table')?.rows.length;
console.log(`A full plan: ${FULL_PLAN.sections.length} sections, ${rows} items of provision in section F`);
await measure('PDF', () => planPdf(FULL_PLAN));
await measure('DOCX', () => planDocx(FULL_PLAN));
await closeWorkers();
// For comparison, the processor time alone: made in this thread, at normal priority.
await measure('PDF in this thread', () => renderPlanPdf(FULL_PLAN));
await measure('DOCX in this thread', () => renderPlanDocx(FULL_PLAN));
