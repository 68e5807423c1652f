import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../lib/errors';

// Request bodies are decoded strictly: a body declared (or defaulting) as UTF-8 that is not valid UTF-8 is refused
// with 400 instead of being stored with U+FFFD in place of the letters; a body that names its charset in
// Content-Type (`charset=windows-1251`, `koi8-r`, anything TextDecoder knows) is decoded with it.

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The `charset` parameter of a Content-Type header, lower case; null when there is none. */
export function charsetOf(contentType: string | undefined): string | null {
  for (const param of (contentType ?? '').split(';').slice(1)) {
    const [name, ...value] = param.split('=');
    if (name?.trim().toLowerCase() === 'charset') {
      return (
        value
          .join('=')
          .trim()
          .replace(/^"(.*)"$/, '$1')
          .toLowerCase() || null
      );
    }
  }
  return null;
}

/** The decoder of the body's declared charset (UTF-8 when none); 415 for a charset nobody knows. */
function decoderOf(contentType: string | undefined): TextDecoder {
  const charset = charsetOf(contentType);
  if (!charset) return UTF8;
  try {
    return new TextDecoder(charset, { fatal: true });
  } catch {
    throw new AppError(
      'unsupported_media_type',
      `Неизвестная кодировка тела запроса «${charset.slice(0, 40)}» в заголовке Content-Type: отправьте тело в UTF-8`,
    );
  }
}

function notInCharset(decoder: TextDecoder, contentType: string | undefined): AppError {
  if (decoder.encoding !== 'utf-8') {
    return new AppError('bad_request', `Тело запроса не в объявленной кодировке ${decoder.encoding}`);
  }
  const mime = (contentType ?? 'application/json').split(';')[0]!.trim() || 'application/json';
  return new AppError(
    'bad_request',
    `Тело запроса не в кодировке UTF-8: отправьте его в UTF-8 или укажите кодировку в заголовке Content-Type (например, ${mime}; charset=windows-1251)`,
  );
}

/** The body as text in its declared charset (UTF-8 when none); 400 when its bytes are not in that charset. */
export function decodeBody(bytes: Uint8Array, contentType: string | undefined): string {
  const decoder = decoderOf(contentType);
  try {
    return decoder.decode(bytes);
  } catch {
    throw notInCharset(decoder, contentType);
  }
}

/**
 * Fastify's JSON parser over strictly decoded text: its own errors for an empty or malformed body (the error
 * handler gives them in Russian), prototype poisoning refused as before.
 */
export function registerJsonBody(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body: Buffer, done) => {
    let text: string;
    try {
      text = decodeBody(body, request.headers['content-type']);
    } catch (error) {
      done(error as AppError, undefined);
      return;
    }
    void parseJson(request, text, done);
  });
}

export type FormFields = Record<string, string | string[]>;

const PLUS = 0x2b;
const PERCENT = 0x25;
const hexValue = (byte: number | undefined): number => {
  if (byte === undefined) return -1;
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
};

/** A name or value of a form body as bytes: `+` is a space, `%XX` a byte, anything else itself. */
function unescapeForm(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    const high = byte === PERCENT ? hexValue(bytes[i + 1]) : -1;
    const low = high >= 0 ? hexValue(bytes[i + 2]) : -1;
    if (low >= 0) {
      out[n++] = high * 16 + low;
      i += 2;
    } else out[n++] = byte === PLUS ? 0x20 : byte;
  }
  return out.subarray(0, n);
}

/**
 * An `application/x-www-form-urlencoded` body, its escaped bytes decoded in the body's charset (UTF-8 when none):
 * 400 when they are not in it. A repeated name gives the list of its values (as @fastify/formbody did).
 */
export function parseFormBody(body: Uint8Array, contentType: string | undefined): FormFields {
  const decoder = decoderOf(contentType);
  const fields: FormFields = Object.create(null) as FormFields;
  const text = (bytes: Uint8Array): string => {
    try {
      return decoder.decode(unescapeForm(bytes));
    } catch {
      throw notInCharset(decoder, contentType);
    }
  };
  let start = 0;
  while (start <= body.length) {
    let end = body.indexOf(0x26, start);
    if (end < 0) end = body.length;
    if (end > start) {
      const pair = body.subarray(start, end);
      const eq = pair.indexOf(0x3d);
      const name = text(eq < 0 ? pair : pair.subarray(0, eq));
      const value = eq < 0 ? '' : text(pair.subarray(eq + 1));
      const seen = fields[name];
      if (seen === undefined) fields[name] = value;
      else if (Array.isArray(seen)) seen.push(value);
      else fields[name] = [seen, value];
    }
    start = end + 1;
  }
  return fields;
}

/** The form body parser of a scope (Open311, the widget), in place of @fastify/formbody's lenient one. */
export function registerFormBody(scope: FastifyInstance, bodyLimit?: number): void {
  scope.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'buffer', ...(bodyLimit ? { bodyLimit } : {}) },
    (request: FastifyRequest, body: Buffer, done) => {
      try {
        done(null, parseFormBody(body, request.headers['content-type']));
      } catch (error) {
        done(error as AppError, undefined);
      }
    },
  );
}
