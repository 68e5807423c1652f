// The analyzer of a worker thread: built from what the parent analyzer hands over (`threadFactory`: a module, its
// exported factory and data such as the serialised classifier), so the thread neither trains nor loads a model.
import type { MessageAnalyzer } from './message-analyzer';

export type ThreadFactory = NonNullable<MessageAnalyzer['threadFactory']>;

export async function buildThreadAnalyzer(factory: ThreadFactory): Promise<MessageAnalyzer> {
  const module = (await import(factory.module)) as Record<string, unknown>;
  const create = module[factory.name];
  if (typeof create !== 'function') throw new Error(`${factory.module} exports no function ${factory.name}`);
  return (create as (data?: unknown) => MessageAnalyzer)(factory.data);
}

/** The entry of every analysis worker thread: it loads TypeScript through tsx, then runs `workerData.entry`. */
export const ANALYSIS_THREAD = new URL('./analysis-thread.mjs', import.meta.url);

/** What the entry runs: a module URL. */
export interface ThreadEntry {
  entry: string;
}
