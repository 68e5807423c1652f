// Security headers on every answer (@fastify/helmet): a Content-Security-Policy, nosniff, Referrer-Policy,
// X-Frame-Options, HSTS when the public URL is https. The staff app's page may run only the platform's own scripts
// and the inline ones the server marks with this answer's nonce (web-page.ts); it may not be framed. The widget's
// pages allow their own inline code by hash and may be framed by the platform and the sites configured in
// OTKLIK_WIDGET_FRAME_ANCESTORS. API answers carry personal data: `Cache-Control: no-store`.
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from '@fastify/helmet';
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
const isWidget = (req: IncomingMessage): boolean => (req.url ?? '').startsWith(`${WIDGET_PREFIX}/`);

export async function registerSecurityHeaders(app: FastifyInstance, config: Config): Promise<void> {
  const https = servedOverHttps(config);
  const widgetScripts = WIDGET_INLINE_CODE.scripts.map(hashOf).join(' ');
  const widgetStyles = WIDGET_INLINE_CODE.styles.map(hashOf).join(' ');
  const widgetFramers = ["'self'", ...config.widgetFrameAncestors].join(' ');
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", (req, res) => (isWidget(req) ? widgetScripts : `'nonce-${cspNonce(res)}'`)],
        // React and ECharts set style attributes (ECharts' tooltips through innerHTML): inline styles stay allowed
        // in the app; scripts never are.
        styleSrc: ["'self'", (req) => (isWidget(req) ? widgetStyles : "'unsafe-inline'")],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: [(req) => (isWidget(req) ? widgetFramers : "'none'")],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    referrerPolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
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
