// The blob storage adapters: the data folder keeps exact bytes and refuses keys that leave it; the S3 adapter sends
// the requests an S3-compatible store expects (bucket, prefixed key, content type) and reads a missing key as null.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { folderStorage, s3Storage } from './blob-storage';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => fs.rm(d, { recursive: true, force: true })));
});

describe('folder storage', () => {
  it('writes and reads exact bytes, answers null for a missing key and refuses keys outside the folder', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'otklik-blobs-'));
    dirs.push(dir);
    const store = folderStorage(dir);
    const bytes = Buffer.from([0, 1, 2, 255, 254]);
    await store.put('files/ab/abcdef', bytes, 'application/octet-stream');
    expect(await store.get('files/ab/abcdef')).toEqual(bytes);
    expect(await fs.readFile(path.join(dir, 'files/ab/abcdef'))).toEqual(bytes);
    expect(await store.get('files/ab/missing')).toBeNull();
    await expect(store.put('../escape', bytes, 'text/plain')).rejects.toThrow(/invalid blob key/);
    await expect(store.get('/etc/passwd')).rejects.toThrow(/invalid blob key/);
    expect((await fs.readdir(path.join(dir, 'files/ab'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    await store.delete('files/ab/abcdef');
    expect(await store.get('files/ab/abcdef')).toBeNull();
    await store.delete('files/ab/abcdef');
    await expect(store.delete('../escape')).rejects.toThrow(/invalid blob key/);
  });
});

describe('S3 storage', () => {
  it('puts and gets objects under the prefix in the bucket', async () => {
    const objects = new Map<string, { body: Buffer; type: string | undefined }>();
    const sent: { command: string; bucket: string; key: string }[] = [];
    const client = {
      async send(command: PutObjectCommand | GetObjectCommand | DeleteObjectCommand) {
        const input = command.input as { Bucket: string; Key: string; Body?: Buffer; ContentType?: string };
        sent.push({ command: command.constructor.name, bucket: input.Bucket, key: input.Key });
        if (command instanceof PutObjectCommand) {
          objects.set(input.Key, { body: input.Body as Buffer, type: input.ContentType });
          return {};
        }
        if (command instanceof DeleteObjectCommand) {
          objects.delete(input.Key);
          return {};
        }
        const found = objects.get(input.Key);
        if (!found) throw new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} });
        return { Body: { transformToByteArray: async () => new Uint8Array(found.body) } };
      },
    } as unknown as S3Client;
    const store = s3Storage(client, 'otklik', 'prod/');
    const bytes = Buffer.from('%PDF-1.4 акт');
    await store.put('files/aa/aa11', bytes, 'application/pdf');
    expect(objects.get('prod/files/aa/aa11')).toEqual({ body: bytes, type: 'application/pdf' });
    expect(await store.get('files/aa/aa11')).toEqual(bytes);
    expect(await store.get('files/aa/none')).toBeNull();
    await store.delete('files/aa/aa11');
    expect(objects.has('prod/files/aa/aa11')).toBe(false);
    expect(sent).toEqual([
      { command: 'PutObjectCommand', bucket: 'otklik', key: 'prod/files/aa/aa11' },
      { command: 'GetObjectCommand', bucket: 'otklik', key: 'prod/files/aa/aa11' },
      { command: 'GetObjectCommand', bucket: 'otklik', key: 'prod/files/aa/none' },
      { command: 'DeleteObjectCommand', bucket: 'otklik', key: 'prod/files/aa/aa11' },
    ]);
  });
});
