// A gazetteer is data: the municipalities of one region, each with the places that resolve to it and
// the written forms of their names. `loadGazetteer` validates any region's file (shape with zod, then
// consistency), so a region other than Ярославская область only has to write its own JSON.
import { z } from 'zod';
import { nameWords } from './inflect';

/**
 * What must surround a form for it to count:
 * - `any`: nothing (Рыбинск, Пошехонье);
 * - `preposition`: a preposition of place or a locality marker before it («в Дубках», «пос. Дубки»);
 * - `marker`: a locality marker before it («п. Заволжье», «посёлок Лесная Поляна»);
 * - `district`: a district noun after it («Рыбинского района», «Дзержинский район»).
 */
export const FORM_CONTEXTS = ['any', 'preposition', 'marker', 'district'] as const;
export type FormContext = (typeof FORM_CONTEXTS)[number];

/** From the least to the most specific; a more specific match wins over a broader one. */
export const PLACE_TYPES = [
  'municipality',
  'city',
  'town',
  'settlement',
  'village',
  'city_district',
  'microdistrict',
] as const;
export type PlaceType = (typeof PLACE_TYPES)[number];

const formObjectSchema = z.object({
  text: z.string().trim().min(2),
  context: z.enum(FORM_CONTEXTS).optional(),
  /** Case forms that are also ordinary words (любим, Данилова): they count only after a locality marker. */
  ambiguous: z.array(z.string().trim().min(2)).optional(),
  /** Irregular case forms the paradigm table cannot produce (Борок → Борке). */
  inflections: z.array(z.string().trim().min(2)).optional(),
  /** A name of the inhabitants (ярославцы): weaker evidence than a place name. */
  demonym: z.boolean().optional(),
  /** Every word must be written with a capital (Лесная Поляна, not «на лесной поляне»). */
  capitalized: z.boolean().optional(),
});

const placeSchema = z.object({
  name: z.string().trim().min(2),
  type: z.enum(PLACE_TYPES),
  forms: z.array(z.union([z.string().trim().min(2), formObjectSchema])).min(1),
});

const municipalitySchema = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]*$/, 'code: lower-case latin, digits and _'),
  name: z.string().trim().min(2),
  places: z.array(placeSchema).min(1),
});

const gazetteerSchema = z.object({
  region: z.string().trim().min(2),
  /** Phrases masked before matching, `*` = any letters: «ростов*-на-дону». */
  exclusions: z.array(z.string().trim().min(2)).default([]),
  municipalities: z.array(municipalitySchema).min(1),
});

export interface NameForm {
  readonly text: string;
  readonly context: FormContext;
  readonly ambiguous: readonly string[];
  readonly inflections: readonly string[];
  readonly demonym: boolean;
  readonly capitalized: boolean;
}
export interface GazetteerPlace {
  readonly name: string;
  readonly type: PlaceType;
  readonly forms: readonly NameForm[];
}
export interface GazetteerMunicipality {
  readonly code: string;
  readonly name: string;
  readonly places: readonly GazetteerPlace[];
}
export interface Gazetteer {
  readonly region: string;
  readonly exclusions: readonly string[];
  readonly municipalities: readonly GazetteerMunicipality[];
}

export class GazetteerError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(`Invalid gazetteer:\n- ${issues.join('\n- ')}`);
    this.name = 'GazetteerError';
  }
}

type RawForm = z.infer<typeof placeSchema>['forms'][number];

function toNameForm(raw: RawForm): NameForm {
  const f = typeof raw === 'string' ? { text: raw } : raw;
  return {
    text: f.text,
    context: f.context ?? 'any',
    ambiguous: (f.ambiguous ?? []).map((a) => nameWords(a).join(' ')),
    inflections: f.inflections ?? [],
    demonym: f.demonym ?? false,
    capitalized: f.capitalized ?? false,
  };
}

/** Issues that the shape cannot express: duplicate codes, one form claimed by two municipalities. */
function consistencyIssues(g: Gazetteer): string[] {
  const issues: string[] = [];
  const codes = new Set<string>();
  const owners = new Map<string, string>();
  for (const m of g.municipalities) {
    if (codes.has(m.code)) issues.push(`duplicate municipality code "${m.code}"`);
    codes.add(m.code);
    for (const p of m.places) {
      for (const f of p.forms) {
        const key = `${nameWords(f.text).join(' ')}|${f.context}`;
        const owner = owners.get(key);
        if (owner !== undefined && owner !== m.code)
          issues.push(`form "${f.text}" (${f.context}) is claimed by "${owner}" and "${m.code}"`);
        owners.set(key, m.code);
      }
    }
  }
  return issues;
}

/** Validates a parsed JSON gazetteer; throws `GazetteerError` listing every problem found. */
export function loadGazetteer(raw: unknown): Gazetteer {
  const parsed = gazetteerSchema.safeParse(raw);
  if (!parsed.success) {
    throw new GazetteerError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  const g: Gazetteer = {
    region: parsed.data.region,
    exclusions: parsed.data.exclusions,
    municipalities: parsed.data.municipalities.map((m) => ({
      code: m.code,
      name: m.name,
      places: m.places.map((p) => ({ name: p.name, type: p.type, forms: p.forms.map(toNameForm) })),
    })),
  };
  const issues = consistencyIssues(g);
  if (issues.length > 0) throw new GazetteerError(issues);
  return g;
}
