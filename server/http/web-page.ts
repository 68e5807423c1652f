// The web app's page. index.html is sent with the answer of GET /api/auth/session written into it, so the boot
// script (web/src/boot/first-screen.ts) knows who is signed in at once and asks for the first screen's data
// before the app's code is evaluated, instead of waiting for a session request first. The page is therefore
// personal: private, revalidated on every visit, never stored by a shared cache.
import fs from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sessionOf } from '../features/auth/auth.routes';
import type { Services } from '../lib/context';
import { cspNonce } from './security-headers';

export const PAGE_CACHE_CONTROL = 'private, no-cache';

/** JSON that is safe inside a <script> element: no "</script>", no line separators JavaScript rejects. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * index.html with `window.__otklikSession = …` before its first script, every script marked with the answer's
 * CSP nonce (the page's own scripts: the session JSON cannot contain `<script`, see scriptJson).
 */
export function pageWithSession(html: string, session: unknown, nonce: string): string {
  const at = html.indexOf('<script');
  const inject = `<script>window.__otklikSession = ${scriptJson(session)};</script>\n    `;
  const page = at < 0 ? html.replace('</head>', `${inject}</head>`) : html.slice(0, at) + inject + html.slice(at);
  return page.replace(/<script\b/g, `<script nonce="${nonce}"`);
}

/** Sends the app's page for `request` (index.html is read once: a new build means a new server process). */
export function webPage(
  services: Services,
  indexPath: string,
): (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply> {
  const html = fs.readFileSync(indexPath, 'utf8');
  return async (request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('Cache-Control', PAGE_CACHE_CONTROL)
      .header('Vary', 'Cookie')
      .send(pageWithSession(html, await sessionOf(services, request), cspNonce(reply.raw)));
}
