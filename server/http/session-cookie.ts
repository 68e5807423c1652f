// The staff session cookie. Over HTTPS (OTKLIK_PUBLIC_URL https://… or OTKLIK_COOKIE_SECURE) it is
// `__Host-otklik_session`: the browser keeps it only with Secure, Path=/ and no Domain, so neither plain HTTP nor a
// sibling subdomain can set or overwrite it. Plain http (a local demo) keeps `otklik_session` without Secure.
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import { servedOverHttps, type Config } from '../config';

export const PLAIN_SESSION_COOKIE = 'otklik_session';
export const SECURE_SESSION_COOKIE = '__Host-otklik_session';

export interface SessionCookie {
  name: string;
  options: CookieSerializeOptions;
}

export function sessionCookie(config: Pick<Config, 'publicUrl' | 'cookieSecure' | 'sessionTtlHours'>): SessionCookie {
  const secure = config.cookieSecure || servedOverHttps(config);
  return {
    name: secure ? SECURE_SESSION_COOKIE : PLAIN_SESSION_COOKIE,
    options: { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: config.sessionTtlHours * 3600 },
  };
}

/** The session secret the request carries under the configured cookie name, if any. */
export function sessionFromRequest(request: FastifyRequest, config: Config): string | undefined {
  return request.cookies[sessionCookie(config).name];
}
