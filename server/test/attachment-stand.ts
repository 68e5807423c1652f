import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { createToken } from '../features/auth/tokens';
import { buildApp } from '../http/app';
import { rootContext, SYSTEM_ACTOR } from '../lib/context';
import { createTestAnalyzer } from './test-analyzer';
import { createTestServices, type TestServices } from './test-services';

export interface AttachmentStand {
  services: TestServices;
  app: FastifyInstance;
  token: string;
  photo: Buffer;
}

/** Services keeping files in memory (200 KB a file, 300 KB a request), the HTTP app, an intake token and a 640×480 JPEG. */
export async function startAttachmentStand(): Promise<AttachmentStand> {
  const services = await createTestServices({
    analyzer: createTestAnalyzer(),
    config: {
      attachments: {
        storage: { kind: 'memory' },
        maxFileBytes: 200_000,
        maxRequestBytes: 300_000,
        fetchPrivateAddresses: true,
      },
    },
  });
  const app = await buildApp(services);
  const token = (await createToken(rootContext(services, SYSTEM_ACTOR), 'вложения')).token;
  const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 200, g: 80, b: 20 } } })
    .jpeg()
    .toBuffer();
  return { services, app, token, photo };
}
