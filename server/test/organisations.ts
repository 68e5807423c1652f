import type { TestServices } from './test-services';

/**
 * Adds organisations to the reference for a test that imports histories naming them: an import matches the
 * reference's organisations and never creates one (import-robustness.test.ts).
 */
export async function addOrganisations(services: TestServices, names: readonly string[]): Promise<void> {
  await services.database.db
    .insertInto('organisations')
    .values(names.map((name) => ({ name, kind: 'municipal_admin' })))
    .execute();
  services.reference.invalidate();
}
