import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import type { Services } from '../../lib/context';
import { AppError } from '../../lib/errors';

// Every file, whatever channel brought it, passes here before its bytes are kept: the type is decided by the content
// (the declared type and the name are not trusted), the size is checked, images get a thumbnail.

export interface StoredFile {
  name: string;
  mimeType: string;
  size: number;
  sha256: string;
  storageKey: string;
  thumbnailKey: string | null;
}

/** Images the browser may show inline (thumbnails and previews); everything else downloads as an attachment. */
export const INLINE_IMAGE_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);
/** Types sharp decodes for a thumbnail (prebuilt libvips: no HEVC, so HEIC photos keep no thumbnail). */
const THUMBNAIL_SOURCES: ReadonlySet<string> = new Set([
  ...INLINE_IMAGE_TYPES,
  'image/tiff',
  'image/avif',
  'image/heic',
  'image/heif',
  'image/bmp',
]);
/** Programs are never kept, whatever they are called. */
const REFUSED_TYPES: ReadonlySet<string> = new Set([
  'application/x-msdownload',
  'application/vnd.microsoft.portable-executable',
  'application/x-elf',
  'application/x-mach-binary',
  'application/x-sharedlib',
  'application/x-executable',
  'application/java-archive',
  'application/x-msi',
  'application/x-apple-diskimage',
]);
const THUMBNAIL_SIZE = 320;

/** Decides the type by the bytes. Text without a signature stays text only if it is UTF-8 and the client said text. */
export async function detectType(bytes: Buffer, declared: string | null | undefined): Promise<string> {
  const found = await fileTypeFromBuffer(bytes);
  if (found) {
    if (REFUSED_TYPES.has(found.mime)) throw new AppError('unsupported_media_type', 'Исполняемые файлы не принимаются');
    return found.mime;
  }
  const declaredBase = declared?.split(';')[0]?.trim().toLowerCase();
  if ((declaredBase === 'text/plain' || declaredBase === 'text/csv') && isUtf8(bytes)) return declaredBase;
  return 'application/octet-stream';
}

/** A file name safe to show and to put in Content-Disposition: no folders, no control characters, 200 characters. */
export function safeFileName(name: string | null | undefined, fallback: string): string {
  const base =
    (name ?? '')
      .split(/[\\/]/)
      .pop()
      // eslint-disable-next-line no-control-regex
      ?.replace(/[\u0000-\u001f\u007f"]/g, '')
      .trim()
      .slice(0, 200) ?? '';
  return base || fallback;
}

export const blobKey = (sha256: string): string => `files/${sha256.slice(0, 2)}/${sha256}`;
const thumbnailKeyOf = (sha256: string): string => `thumbnails/${sha256.slice(0, 2)}/${sha256}.webp`;

/** Checks the file and writes its bytes (and a thumbnail for an image) to the blob storage. */
export async function storeFile(
  services: Pick<Services, 'blobs' | 'config' | 'log'>,
  file: { name: string | null | undefined; declaredType?: string | null; bytes: Buffer },
): Promise<StoredFile> {
  const { maxFileBytes } = services.config.attachments;
  if (file.bytes.length > maxFileBytes) {
    throw new AppError(
      'payload_too_large',
      `Файл «${safeFileName(file.name, 'без имени')}» больше ${Math.round(maxFileBytes / 1024 / 1024)} МБ`,
    );
  }
  if (file.bytes.length === 0)
    throw new AppError('validation_failed', `Файл «${safeFileName(file.name, 'без имени')}» пуст`);
  const mimeType = await detectType(file.bytes, file.declaredType);
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const storageKey = blobKey(sha256);
  await services.blobs.put(storageKey, file.bytes, mimeType);
  let thumbnailKey: string | null = null;
  if (THUMBNAIL_SOURCES.has(mimeType)) {
    try {
      const thumbnail = await sharp(file.bytes, { limitInputPixels: 100_000_000 })
        .rotate()
        .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 75 })
        .toBuffer();
      thumbnailKey = thumbnailKeyOf(sha256);
      await services.blobs.put(thumbnailKey, thumbnail, 'image/webp');
    } catch (error) {
      // A damaged or unsupported image is still kept and downloadable, only without a preview.
      services.log.warn({ sha256, mimeType, error: String(error) }, 'no thumbnail for an image');
      thumbnailKey = null;
    }
  }
  const ext = extensionFor(mimeType);
  return {
    name: safeFileName(file.name, `file-${sha256.slice(0, 8)}${ext}`),
    mimeType,
    size: file.bytes.length,
    sha256,
    storageKey,
    thumbnailKey,
  };
}

function extensionFor(mime: string): string {
  const known: Record<string, string> = {
    'image/jpeg': '.jpg',
    'image/png': '.png',
    'image/webp': '.webp',
    'image/gif': '.gif',
    'application/pdf': '.pdf',
  };
  return known[mime] ?? '';
}
