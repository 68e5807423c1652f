// Vitest's global setup: builds the ready-made databases every test file starts from (server/test/database-templates.ts)
// once per run, and removes them at the end.
import type { TestProject } from 'vitest/node';
import { buildDatabaseTemplates } from '../server/test/database-templates';

export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { templates, remove } = await buildDatabaseTemplates();
  project.provide('otklikDatabaseTemplates', templates);
  return remove;
}
