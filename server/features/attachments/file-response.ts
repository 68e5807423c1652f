import type { FastifyReply } from 'fastify';

// How a stored file goes to the browser: exact bytes, no sniffing, sandboxed, and anything a browser could run is
// sent as opaque bytes for download.
export function sendFile(
  reply: FastifyReply,
  bytes: Buffer,
  type: string,
  etag: string,
  disposition: string,
): FastifyReply {
  return reply
    .header('content-type', type)
    .header('content-disposition', disposition)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, max-age=300')
    .header('etag', `"${etag}"`)
    .header('x-content-sha256', etag.replace(/-thumbnail$/, ''))
    .send(bytes);
}

/** Text, markup and anything a browser could run are sent as opaque bytes: the file is saved, never rendered. */
export function downloadType(mime: string): string {
  return /^text\/|html|xml|javascript|svg/i.test(mime) ? 'application/octet-stream' : mime;
}

export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
