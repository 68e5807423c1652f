import { apiRequest } from './client';
import { dropEarly } from './early-requests';
import { meSchema, okSchema, sessionSchema, type Me } from './contract';

/** Who is signed in, or null: the session probe answers 200 either way, so the sign-in screen logs no error. */
export async function fetchSession(signal?: AbortSignal): Promise<Me | null> {
  const session = await apiRequest('/auth/session', sessionSchema, { quiet401: true, ...(signal ? { signal } : {}) });
  return session.user;
}

export function signIn(login: string, password: string): Promise<Me> {
  dropEarly();
  return apiRequest('/auth/login', meSchema, { body: { login, password }, quiet401: true });
}

export function signOut(): Promise<unknown> {
  dropEarly();
  return apiRequest('/auth/logout', okSchema, { method: 'POST', body: {}, quiet401: true });
}
