// Runs in a thread of the shared pool (worker-pool.ts): loads the module a task names, once per
// thread, and runs its default export on the task's input.
import type { ModuleTask } from './worker-pool.ts';

export default async function runModule(task: ModuleTask): Promise<unknown> {
  const module = (await import(task.module)) as { default: (input: unknown) => unknown };
  return module.default(task.input);
}
