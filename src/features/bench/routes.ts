import type { FastifyInstance } from 'fastify';
import type { Actor } from '../auth/index.ts';
import { worklistPaths, worklistTable } from '../worklist/index.ts';
import { paginationParams } from '../../web/pagination.ts';

// The benchmark's ceiling: the My cases page rendered by the same app, plugins and template from
// constant rows, with no database. A page's throughput divided by this one's shows what its data
// access and rules cost on top of rendering. Registered only when BENCH_ROUTES is set.

const BENCH_ACTOR: Actor = { kind: 'user', id: '00000000-0000-7000-8000-000000000000', authorityId: '00000000-0000-7000-8000-000000000001', roles: ['case_officer'], name: 'Bench Officer' };

const STATUSES = ['overdue', 'due-soon', 'on-track'] as const;
export const WORKLIST_FOR_BENCH = {
  page: 1,
  pageCount: 6,
  total: 300,
  cases: Array.from({ length: 50 }, (_, index) => ({
    caseId: `00000000-0000-7000-8000-${String(index).padStart(12, '0')}`,
    reference: `330-EHC-2026-${String(index + 1).padStart(5, '0')}`,
    stage: 'plan',
    childId: `00000000-0000-7000-9000-${String(index).padStart(12, '0')}`,
    childName: `Child ${index + 1} Surname`,
    dateOfBirth: '2014-03-27',
    stageName: 'EHC plan maintained',
    nextAction: 'Hold the annual review',
    deadline: { title: 'Review the EHC plan', dueOn: '2026-12-01', status: STATUSES[index % 3]!, daysRemaining: index % 3 === 0 ? -3 : index % 3 === 1 ? 5 : 40, daysLate: null },
  })),
};

export async function benchRoutes(app: FastifyInstance) {
  app.get('/bench/bare', { config: { public: true } }, async () => ({ ok: true }));
  app.get(
    '/bench/ceiling',
    {
      config: { public: true },
      preHandler: async (request) => {
        request.actor = BENCH_ACTOR;
      },
    },
    async (_request, reply) => reply.page('worklist/templates/my-cases.njk', {
        worklist: WORKLIST_FOR_BENCH,
        worklistTable: worklistTable(WORKLIST_FOR_BENCH.cases),
        pagination: paginationParams(WORKLIST_FOR_BENCH.page, WORKLIST_FOR_BENCH.pageCount, worklistPaths.page),
      }),
  );
}
