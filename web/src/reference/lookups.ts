import type { Municipality, Organisation, Reference } from '../api/contract';

export interface Lookups {
  ref: Reference;
  blockName: (code: string | null | undefined) => string;
  categoriesOf: (block: string | null | undefined) => Reference['categories'];
  /** The category's name; with `at`, the name it had then (a renamed category keeps its old label in old history). */
  categoryName: (block: string | null | undefined, code: string | null | undefined, at?: string) => string;
  municipality: (code: string | null | undefined) => Municipality | undefined;
  /** List items carry the municipality's short name, not its code. */
  municipalityByShortName: (shortName: string | null | undefined) => Municipality | undefined;
  organisation: (id: number | null | undefined) => Organisation | undefined;
  organisationName: (id: number | null | undefined) => string;
}

export function buildLookups(ref: Reference): Lookups {
  const blocks = new Map(ref.blocks.map((b) => [b.code, b]));
  const cats = new Map(ref.categories.map((c) => [`${c.blockCode}.${c.code}`, c]));
  const munis = new Map(ref.municipalities.map((m) => [m.code, m]));
  const muniByShort = new Map(
    ref.municipalities.flatMap(
      (m) =>
        [
          [m.shortName, m],
          [m.name, m],
        ] as const,
    ),
  );
  const orgs = new Map(ref.organisations.map((o) => [o.id, o]));
  return {
    ref,
    blockName: (code) => (code ? (blocks.get(code)?.name ?? code) : '—'),
    categoriesOf: (block) => (block ? ref.categories.filter((c) => c.blockCode === block) : []),
    categoryName: (block, code, at) => {
      if (!block || !code) return '—';
      const earlier = ref.categoryHistory.filter((v) => v.blockCode === block && v.code === code);
      const then = at ? earlier.find((v) => (v.validFrom === null || v.validFrom <= at) && at < v.validTo) : undefined;
      // a retired or moved category is no longer in the list: its last name before that
      return then?.name ?? cats.get(`${block}.${code}`)?.name ?? earlier.at(-1)?.name ?? code;
    },
    municipality: (code) => (code ? munis.get(code) : undefined),
    municipalityByShortName: (name) => (name ? muniByShort.get(name) : undefined),
    organisation: (id) => (id === null || id === undefined ? undefined : orgs.get(id)),
    organisationName: (id) => (id === null || id === undefined ? '—' : (orgs.get(id)?.name ?? `Организация №${id}`)),
  };
}
