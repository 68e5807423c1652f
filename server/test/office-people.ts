import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { sessionCookie } from '../features/reports/test-fixture';
import { makeUser, type TestServices } from './test-services';

// People of the centre for role-by-role workflow tests over HTTP: each signs in with a cookie of its own; `call`
// acts as one of them, `ok` expects 200 and returns the body.
export interface OfficePeople {
  person(name: string, role: Parameters<typeof makeUser>[1], block?: string | null): Promise<number>;
  call(who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object): Promise<LightMyRequestResponse>;
  ok<T>(res: Promise<LightMyRequestResponse>): Promise<T>;
  status(res: Promise<LightMyRequestResponse>): Promise<number>;
  /** New sessions for everyone (after the test clock moved past the idle limit). */
  signInAgain(): Promise<void>;
}

export function officePeople(services: TestServices, app: () => FastifyInstance): OfficePeople {
  const cookies = new Map<string, string>();
  const users = new Map<string, number>();
  return {
    async person(name, role, block = null) {
      const user = await makeUser(services, role);
      await services.database.db
        .updateTable('users')
        .set({ block_code: block, full_name: name })
        .where('id', '=', user.userId)
        .execute();
      cookies.set(name, await sessionCookie(services, user.userId));
      users.set(name, user.userId);
      return user.userId;
    },
    call: (who, method, url, payload) =>
      app().inject({
        method,
        url: `/api${url}`,
        headers: { cookie: cookies.get(who) ?? '' },
        ...(payload ? { payload } : {}),
      }),
    async ok<T>(res: Promise<LightMyRequestResponse>): Promise<T> {
      const r = await res;
      expect(r.statusCode, r.body).toBe(200);
      return r.json<T>();
    },
    status: async (res) => (await res).statusCode,
    async signInAgain() {
      for (const [name, id] of users) cookies.set(name, await sessionCookie(services, id));
    },
  };
}
