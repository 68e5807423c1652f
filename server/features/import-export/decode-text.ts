// The text of an import file whatever desktop tool wrote it: UTF-8 (with or without a BOM) or windows-1251, the
// two encodings Russian exports come in. A UTF-8 file with a few broken lines keeps those lines' numbers, so the
// records on them are reported rather than imported with replacement characters.

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'windows-1251';
  /** Physical lines (1-based) that are not valid UTF-8 in a file read as UTF-8. */
  badLines: ReadonlySet<number>;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Whether the bytes are valid UTF-8. */
export function isUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Decodes a whole file: UTF-8 when most lines with non-ASCII bytes are valid UTF-8 (the invalid ones are listed),
 * otherwise windows-1251.
 */
export function decodeText(bytes: Buffer): DecodedText {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (isUtf8(body)) return { text: body.toString('utf8'), encoding: 'utf-8', badLines: new Set() };
  const badLines = new Set<number>();
  let nonAscii = 0;
  let line = 1;
  let start = 0;
  for (let i = 0; i <= body.length; i++) {
    if (i < body.length && body[i] !== 10) continue;
    const slice = body.subarray(start, i);
    if (slice.some((b) => b >= 0x80)) {
      nonAscii++;
      if (!isUtf8(slice)) badLines.add(line);
    }
    line++;
    start = i + 1;
  }
  if (badLines.size * 2 >= nonAscii)
    return { text: new TextDecoder('windows-1251').decode(body), encoding: 'windows-1251', badLines: new Set() };
  return { text: body.toString('utf8'), encoding: 'utf-8', badLines };
}
