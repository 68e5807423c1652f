// Seed organisations that answer messages, and seed routing rules. Municipal administrations are named after the
// 19 municipal formations. Regional bodies, the ТКО operator and utilities are DEMO names (is_demo = true):
// a region replaces them with its real structure in the admin screens before going live.
import { YAROSLAVL_MUNICIPALITIES, type MunicipalityDef } from '../../../shared/reference/municipalities';

export interface OrganisationSeed {
  key: string;
  name: string;
  shortName: string;
  kind: 'regional_body' | 'municipal_admin' | 'operator' | 'utility';
  municipalityCode?: string;
  demo: boolean;
}

export const REGIONAL_ORGANISATIONS: readonly OrganisationSeed[] = [
  {
    key: 'min_zhkh',
    name: 'Министерство ЖКХ Ярославской области (демо)',
    shortName: 'МинЖКХ',
    kind: 'regional_body',
    demo: true,
  },
  {
    key: 'min_energy',
    name: 'Министерство энергетики Ярославской области (демо)',
    shortName: 'Минэнерго',
    kind: 'regional_body',
    demo: true,
  },
  {
    key: 'min_education',
    name: 'Министерство образования Ярославской области (демо)',
    shortName: 'Минобр',
    kind: 'regional_body',
    demo: true,
  },
  {
    key: 'min_health',
    name: 'Министерство здравоохранения Ярославской области (демо)',
    shortName: 'Минздрав',
    kind: 'regional_body',
    demo: true,
  },
  {
    key: 'min_roads',
    name: 'Министерство дорожного хозяйства Ярославской области (демо)',
    shortName: 'Миндор',
    kind: 'regional_body',
    demo: true,
  },
  {
    key: 'min_transport',
    name: 'Министерство транспорта Ярославской области (демо)',
    shortName: 'Минтранс',
    kind: 'regional_body',
    demo: true,
  },
  {
    key: 'min_social',
    name: 'Министерство социальной защиты Ярославской области (демо)',
    shortName: 'Минсоцзащиты',
    kind: 'regional_body',
    demo: true,
  },
  {
    key: 'min_ecology',
    name: 'Министерство экологии Ярославской области (демо)',
    shortName: 'Минэкологии',
    kind: 'regional_body',
    demo: true,
  },
  {
    key: 'tko_operator',
    name: 'Региональный оператор по обращению с ТКО (демо)',
    shortName: 'Регоператор ТКО',
    kind: 'operator',
    demo: true,
  },
  {
    key: 'capital_fund',
    name: 'Региональный фонд капитального ремонта МКД (демо)',
    shortName: 'Фонд капремонта',
    kind: 'operator',
    demo: true,
  },
  {
    key: 'power_grid',
    name: 'Электросетевая компания региона (демо)',
    shortName: 'Электросети',
    kind: 'utility',
    demo: true,
  },
  {
    key: 'gas_utility',
    name: 'Газораспределительная организация региона (демо)',
    shortName: 'Газораспределение',
    kind: 'utility',
    demo: true,
  },
];

function adminName(m: MunicipalityDef): string {
  if (m.code === 'yaroslavl') return 'Мэрия города Ярославля';
  if (m.kind === 'городской округ') return `Администрация городского округа город ${m.short}`;
  return `Администрация ${m.short.replace(/ий$/, 'ого')} муниципального округа`;
}

export const MUNICIPAL_ADMINISTRATIONS: readonly OrganisationSeed[] = YAROSLAVL_MUNICIPALITIES.map((m) => ({
  key: `admin_${m.code}`,
  name: adminName(m),
  shortName: `Адм. ${m.short}`,
  kind: 'municipal_admin',
  municipalityCode: m.code,
  demo: false,
}));

export interface RoutingSeed {
  block: string;
  category?: string;
  /** organisation key, or 'municipal_admin' for the administration of the case's municipality */
  target: string;
}

// Less specific rules first for readability; the routing function picks the most specific match.
export const DEFAULT_ROUTING: readonly RoutingSeed[] = [
  { block: 'zhkh', target: 'municipal_admin' },
  { block: 'zhkh', category: 'capital_repair', target: 'capital_fund' },
  { block: 'zhkh', category: 'bills', target: 'min_zhkh' },
  { block: 'tko', target: 'tko_operator' },
  { block: 'tko', category: 'dumps', target: 'municipal_admin' },
  { block: 'energy', target: 'min_energy' },
  { block: 'energy', category: 'outage', target: 'power_grid' },
  { block: 'energy', category: 'power_quality', target: 'power_grid' },
  { block: 'energy', category: 'gas', target: 'gas_utility' },
  { block: 'energy', category: 'gasification', target: 'gas_utility' },
  { block: 'energy', category: 'street_light', target: 'municipal_admin' },
  { block: 'education', target: 'min_education' },
  { block: 'education', category: 'kindergarten', target: 'municipal_admin' },
  { block: 'education', category: 'school_conditions', target: 'municipal_admin' },
  { block: 'education', category: 'school_transport', target: 'municipal_admin' },
  { block: 'health', target: 'min_health' },
  { block: 'roads', target: 'municipal_admin' },
  { block: 'transport', target: 'min_transport' },
  { block: 'social', target: 'min_social' },
  { block: 'social', category: 'housing', target: 'municipal_admin' },
  { block: 'improvement', target: 'municipal_admin' },
  { block: 'other', target: 'municipal_admin' },
  { block: 'other', category: 'ecology', target: 'min_ecology' },
];

/** Where a municipal_admin rule goes when the municipality is unknown: the block's regional body. */
export const REGIONAL_FALLBACK: Readonly<Record<string, string>> = {
  zhkh: 'min_zhkh',
  tko: 'tko_operator',
  energy: 'min_energy',
  education: 'min_education',
  health: 'min_health',
  roads: 'min_roads',
  transport: 'min_transport',
  social: 'min_social',
  improvement: 'min_zhkh',
};
