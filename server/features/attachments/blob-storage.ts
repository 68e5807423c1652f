import fs from 'node:fs/promises';
import path from 'node:path';
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { BlobStorageConfig } from '../../config';

/**
 * Where attachment bytes live. Keys are content-addressed (derived from the SHA-256 of the bytes), so writing the
 * same key twice writes the same bytes and a retried upload or fetch is harmless.
 */
export interface BlobStorage {
  readonly kind: BlobStorageConfig['kind'];
  put(key: string, bytes: Buffer, mimeType: string): Promise<void>;
  /** The bytes, or null when nothing is stored under the key. */
  get(key: string): Promise<Buffer | null>;
  /** Removes the bytes under the key; a key with nothing stored is not an error. */
  delete(key: string): Promise<void>;
}

const KEY = /^[a-z0-9][a-z0-9/._-]{0,200}$/;
function checkKey(key: string): string {
  if (!KEY.test(key) || key.includes('..')) throw new Error(`invalid blob key: ${key}`);
  return key;
}

export function createBlobStorage(config: BlobStorageConfig): BlobStorage {
  if (config.kind === 'folder') return folderStorage(config.dir);
  if (config.kind === 's3') {
    const client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.forcePathStyle,
      ...(config.accessKeyId && config.secretAccessKey
        ? { credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } }
        : {}),
    });
    return s3Storage(client, config.bucket, config.prefix);
  }
  return memoryStorage();
}

/** Files under the data folder: written to a temporary name and renamed, so a reader never sees half a file. */
export function folderStorage(dir: string): BlobStorage {
  return {
    kind: 'folder',
    async put(key, bytes) {
      const file = path.join(dir, checkKey(key));
      await fs.mkdir(path.dirname(file), { recursive: true });
      const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
      await fs.writeFile(temp, bytes);
      await fs.rename(temp, file);
    },
    async get(key) {
      try {
        return await fs.readFile(path.join(dir, checkKey(key)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async delete(key) {
      await fs.rm(path.join(dir, checkKey(key)), { force: true });
    },
  };
}

/** Any S3-compatible store (AWS, MinIO, Yandex Object Storage…) through the AWS SDK client. */
export function s3Storage(client: S3Client, bucket: string, prefix: string): BlobStorage {
  return {
    kind: 's3',
    async put(key, bytes, mimeType) {
      await client.send(
        new PutObjectCommand({ Bucket: bucket, Key: prefix + checkKey(key), Body: bytes, ContentType: mimeType }),
      );
    },
    async get(key) {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: prefix + checkKey(key) }));
        return out.Body ? Buffer.from(await out.Body.transformToByteArray()) : null;
      } catch (error) {
        if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return null;
        throw error;
      }
    },
    async delete(key) {
      // S3 answers a delete of a missing key with success as well.
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: prefix + checkKey(key) }));
    },
  };
}

/** For tests and `memory://` data folders: bytes live as long as the process. */
export function memoryStorage(): BlobStorage {
  const blobs = new Map<string, Buffer>();
  return {
    kind: 'memory',
    async put(key, bytes) {
      blobs.set(checkKey(key), Buffer.from(bytes));
    },
    async get(key) {
      return blobs.get(checkKey(key)) ?? null;
    },
    async delete(key) {
      blobs.delete(checkKey(key));
    },
  };
}
