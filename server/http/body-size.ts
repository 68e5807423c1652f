import { Transform } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../lib/errors';

declare module 'fastify' {
  interface FastifyRequest {
    bodyBytes: number;
  }
  interface FastifyContextConfig {
    /** A route's own body limit (e.g. messages with files), at most HARD_BODY_LIMIT. */
    maxBodyBytes?: number;
  }
}

/** Fastify's own limit aborts the upload mid-stream and clients see a broken pipe instead of the answer. */
export const HARD_BODY_LIMIT = 32 * 1024 * 1024;

/**
 * Enforces the configured request size with a proper 413: bodies up to the hard limit are read to the end
 * (so the client always receives the answer), counted, and refused before validation when over the limit.
 */
export function registerBodySizeLimit(app: FastifyInstance, maxBytes: number): void {
  app.decorateRequest('bodyBytes', 0);
  app.addHook('preParsing', async (request, _reply, payload) => {
    // Multipart bodies are read from the raw request by @fastify/multipart, which enforces its own per-part limits.
    if (request.headers['content-type']?.toLowerCase().startsWith('multipart/form-data')) return payload;
    const limit = limitOf(request, maxBytes);
    // A declared length within the limit needs no counting: Fastify refuses a body that differs from its
    // Content-Length, so the stream goes to the parser as it is (the usual request, without a stream of ours).
    const declared = Number(request.headers['content-length']);
    if (!request.headers['content-encoding'] && Number.isSafeInteger(declared) && declared >= 0 && declared <= limit) {
      request.bodyBytes = declared;
      return payload;
    }
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        request.bodyBytes += chunk.length;
        done(null, request.bodyBytes > limit ? Buffer.alloc(0) : chunk);
      },
      // Fails only once everything has been read, so the client is not cut off mid-upload.
      flush(done) {
        done(request.bodyBytes > limit ? tooLarge(limit) : null);
      },
    });
    return payload.pipe(counter);
  });
  app.addHook('preValidation', async (request) => {
    const limit = limitOf(request, maxBytes);
    if (request.bodyBytes > limit) throw tooLarge(limit);
  });
}

const limitOf = (request: FastifyRequest, maxBytes: number): number =>
  Math.min(HARD_BODY_LIMIT, request.routeOptions.config?.maxBodyBytes ?? maxBytes);

const tooLarge = (maxBytes: number): AppError =>
  new AppError('payload_too_large', `Тело запроса больше ${Math.round(maxBytes / 1024)} КБ`);
