import type { ReferenceSnapshot } from '../reference/reference.repository';
import type { XmlObject } from './open311.format';

// Open311 services are the categories of the taxonomy (reference data in the database), grouped by block.
// A service code joins block and category with a hyphen (`roads-potholes`): category codes repeat across blocks.

export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string;
  group: string;
}

export interface ServiceRef {
  code: string;
  blockCode: string;
  categoryCode: string;
  name: string;
  blockName: string;
}

export const serviceCodeOf = (blockCode: string, categoryCode: string): string => `${blockCode}-${categoryCode}`;

export function listServiceRefs(ref: ReferenceSnapshot): ServiceRef[] {
  const blocks = new Map(ref.blocks.map((b) => [b.code, b]));
  return ref.categories.flatMap((c) => {
    const block = blocks.get(c.blockCode);
    return block
      ? [
          {
            code: serviceCodeOf(c.blockCode, c.code),
            blockCode: c.blockCode,
            categoryCode: c.code,
            name: c.name,
            blockName: block.name,
          },
        ]
      : [];
  });
}

export function findServiceRef(ref: ReferenceSnapshot, code: string): ServiceRef | undefined {
  return listServiceRefs(ref).find((s) => s.code === code);
}

/** Every service takes the optional municipality attribute (service definition), so metadata is true. */
export function presentService(s: ServiceRef): Open311Service {
  return {
    service_code: s.code,
    service_name: s.name,
    description: `${s.blockName}: ${s.name}`,
    metadata: true,
    type: 'realtime',
    keywords: [s.name, s.blockName].join(', '),
    group: s.blockName,
  };
}

/** The code of the one attribute every service accepts: which municipality the problem is in. */
export const MUNICIPALITY_ATTRIBUTE = 'municipality';

export interface ServiceDefinition {
  service_code: string;
  attributes: {
    variable: boolean;
    code: string;
    datatype: string;
    required: boolean;
    datatype_description: string;
    order: number;
    description: string;
    values: { key: string; name: string }[];
  }[];
}

export function presentDefinition(s: ServiceRef, ref: ReferenceSnapshot): ServiceDefinition {
  return {
    service_code: s.code,
    attributes: [
      {
        variable: true,
        code: MUNICIPALITY_ATTRIBUTE,
        datatype: 'singlevaluelist',
        required: false,
        datatype_description:
          'Код муниципального образования из списка; если не указан, он определяется по адресу и тексту',
        order: 1,
        description: 'Муниципальное образование',
        values: ref.municipalities.map((m) => ({ key: m.code, name: m.name })),
      },
    ],
  };
}

/** XML nests lists in their own wrappers: <attributes><attribute>…<values><value>… */
export function definitionXml(d: ServiceDefinition): XmlObject {
  return {
    service_code: d.service_code,
    attributes: { attribute: d.attributes.map((a) => ({ ...a, values: { value: a.values } })) },
  };
}
