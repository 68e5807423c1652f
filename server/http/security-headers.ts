// Security headers on every answer (helmet, its middleware built once at start — @fastify/helmet builds it again for
// every answer, parsing the whole policy each time): a Content-Security-Policy, nosniff, Referrer-Policy,
// X-Frame-Options, HSTS when the public URL is https. The staff app's page may run only the platform's own scripts
// and the inline ones the server marks with this answer's nonce (web-page.ts); it may not be framed. The widget's
// pages allow their own inline code by hash and may be framed by the platform and the sites configured in
// OTKLIK_WIDGET_FRAME_ANCESTORS. API answers carry personal data: `Cache-Control: no-store`.
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import type { FastifyInstance } from 'fastify';
import { servedOverHttps, type Config } from '../config';
import { WIDGET_INLINE_CODE } from '../features/widget/widget.page';
import { WIDGET_PREFIX } from '../features/widget/widget.adapter';

const nonces = new WeakMap<ServerResponse, string>();

/** The nonce of this answer's inline scripts (one per answer, made on first use). */
export function cspNonce(res: ServerResponse): string {
  let nonce = nonces.get(res);
  if (!nonce) {
    nonce = randomBytes(16).toString('base64');
    nonces.set(res, nonce);
  }
  return nonce;
}

const hashOf = (code: string): string => `'sha256-${createHash('sha256').update(code, 'utf8').digest('base64')}'`;
const isWidget = (url: string): boolean => url.startsWith(`${WIDGET_PREFIX}/`);
/** Answers that are data, never a page: their policy needs no nonce (no inline script of theirs ever runs). */
const isData = (url: string): boolean => url.startsWith('/api/') || url.startsWith('/webhooks/');

type Middleware = ReturnType<typeof helmet>;

export async function registerSecurityHeaders(app: FastifyInstance, config: Config): Promise<void> {
  const https = servedOverHttps(config);
  const widgetFramers = ["'self'", ...config.widgetFrameAncestors];
  // One helmet per kind of answer, each built once: the data's and the widget's policies are fixed strings
  // (helmet serialises a policy without functions once), only the staff page's carries this answer's nonce.
  const headersFor = (policy: {
    scriptSrc: (string | ((req: IncomingMessage, res: ServerResponse) => string))[];
    styleSrc: string[];
    frameAncestors: string[];
  }): Middleware =>
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: policy.scriptSrc,
          styleSrc: policy.styleSrc,
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: policy.frameAncestors,
          ...(https ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
      referrerPolicy: { policy: 'same-origin' },
      xFrameOptions: { action: 'deny' },
    });
  // React and ECharts set style attributes (ECharts' tooltips through innerHTML): inline styles stay allowed in the
  // app; scripts never are.
  const page = headersFor({
    scriptSrc: ["'self'", (_req, res) => `'nonce-${cspNonce(res)}'`],
    styleSrc: ["'self'", "'unsafe-inline'"],
    frameAncestors: ["'none'"],
  });
  const data = headersFor({
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    frameAncestors: ["'none'"],
  });
  const widget = headersFor({
    scriptSrc: ["'self'", ...WIDGET_INLINE_CODE.scripts.map(hashOf)],
    styleSrc: ["'self'", ...WIDGET_INLINE_CODE.styles.map(hashOf)],
    frameAncestors: widgetFramers,
  });
  app.addHook('onRequest', (request, reply, done) => {
    const url = request.raw.url ?? '';
    const apply = isData(url) ? data : isWidget(url) ? widget : page;
    apply(request.raw, reply.raw, (error) => done(error as Error | undefined));
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    else if (request.url.startsWith(`${WIDGET_PREFIX}/`)) {
      // frame-ancestors above decides who may frame the widget; X-Frame-Options cannot name other sites
      reply.raw.removeHeader('x-frame-options');
      // the embed script is loaded by the sites that show the widget
      if (request.url.split('?')[0] === `${WIDGET_PREFIX}/embed.js`)
        reply.header('cross-origin-resource-policy', 'cross-origin');
    }
  });
}
