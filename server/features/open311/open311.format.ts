import type { FastifyReply } from 'fastify';
import { XMLBuilder } from 'fast-xml-parser';
import { parseMoscowTimestamp } from '../../../shared/api/messages';

// GeoReport v2 speaks XML and JSON; the format is the extension of the last path segment
// (`requests.json`, `services/roads-potholes.xml`). XML lists wrap repeated elements in a plural root
// (<services><service>…), JSON is a bare array; errors are an error list in either format.

export type Open311Format = 'json' | 'xml';

export type XmlValue = string | number | boolean | null | undefined | XmlObject | XmlValue[];
export interface XmlObject {
  [key: string]: XmlValue;
}

const builder = new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: true, processEntities: true });

/** Splits `name.json` into the name and the format; null when the extension is missing or unknown. */
export function splitFormat(segment: string): { name: string; format: Open311Format } | null {
  const match = /^(.+)\.(json|xml)$/i.exec(segment);
  if (!match?.[1] || !match[2]) return null;
  return { name: match[1], format: match[2].toLowerCase() as Open311Format };
}

/** An error the spec expects as `[{"code":403,"description":"…"}]` or `<errors><error>…`. */
export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 503,
    readonly description: string,
  ) {
    super(description);
    this.name = 'Open311Error';
  }
}

export function toXml(root: string, body: XmlValue): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build({ [root]: xmlReady(body) })}`;
}

/** Booleans and numbers as text, nulls as empty elements: the builder then writes exactly what the spec shows. */
function xmlReady(value: XmlValue): XmlValue {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(xmlReady);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, xmlReady(v)]));
  return String(value);
}

/**
 * Sends a list: JSON as an array of objects; XML as <root><item>…</item></root>.
 * `xmlItem` may reshape an item for XML (nested lists need their own wrapper elements there).
 */
export function sendList<T extends object>(
  reply: FastifyReply,
  format: Open311Format,
  root: string,
  item: string,
  items: readonly T[],
  status = 200,
  xmlItem: (value: T) => XmlObject = (value) => value as unknown as XmlObject,
): FastifyReply {
  if (format === 'json')
    return reply.status(status).type('application/json; charset=utf-8').send(JSON.stringify(items));
  return reply
    .status(status)
    .type('text/xml; charset=utf-8')
    .send(toXml(root, { [item]: items.map(xmlItem) }));
}

/** Sends one object: JSON as the object itself, XML as <root>…</root>. */
export function sendObject(
  reply: FastifyReply,
  format: Open311Format,
  root: string,
  json: object,
  xml: XmlObject,
): FastifyReply {
  if (format === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(json));
  return reply.type('text/xml; charset=utf-8').send(toXml(root, xml));
}

export function sendError(reply: FastifyReply, format: Open311Format, error: Open311Error): FastifyReply {
  const errors = [{ code: error.status, description: error.description }];
  return sendList(reply, format, 'errors', 'error', errors, error.status);
}

/** W3C datetime with the Moscow offset, as the spec's examples show: 2026-11-23T09:00:00+03:00. */
export function w3cMoscow(date: Date | null | undefined): string | null {
  if (!date) return null;
  const shifted = new Date(date.getTime() + 3 * 3600_000).toISOString();
  return `${shifted.slice(0, 19)}+03:00`;
}

/** Parses a W3C/ISO datetime filter; a value without an offset is Moscow time. */
export function parseW3c(value: string, field: string): Date {
  const trimmed = value.trim();
  const date = parseMoscowTimestamp(trimmed);
  if (!/^\d{4}-\d\d-\d\d/.test(trimmed) || Number.isNaN(date.getTime())) {
    throw new Open311Error(
      400,
      `${field}: ожидается дата и время в формате W3C (ISO 8601), например 2026-11-23T09:00:00+03:00`,
    );
  }
  return date;
}
