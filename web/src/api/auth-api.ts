import { apiRequest } from './client';
import { dropEarly } from './early-requests';
import { enrolmentSchema, meSchema, okSchema, recoveryCodesSchema, sessionSchema, type Me } from './contract';

/** Who is signed in, or null: the session probe answers 200 either way, so the sign-in screen logs no error. */
export async function fetchSession(signal?: AbortSignal): Promise<Me | null> {
  const session = await apiRequest('/auth/session', sessionSchema, { quiet401: true, ...(signal ? { signal } : {}) });
  return session.user;
}

/** Signs in; a user with a second factor gets a 401 with details.secondFactor = 'required' until a code is given. */
export function signIn(login: string, password: string, code?: string): Promise<Me> {
  dropEarly();
  return apiRequest('/auth/login', meSchema, { body: { login, password, ...(code ? { code } : {}) }, quiet401: true });
}

export function signOut(): Promise<unknown> {
  dropEarly();
  return apiRequest('/auth/logout', okSchema, { method: 'POST', body: {}, quiet401: true });
}

export function changePassword(current: string, next: string): Promise<unknown> {
  return apiRequest('/auth/password', okSchema, { body: { current, next } });
}

export function startEnrolment() {
  return apiRequest('/auth/totp/setup', enrolmentSchema, { method: 'POST', body: {} });
}

export function confirmEnrolment(code: string) {
  return apiRequest('/auth/totp/confirm', recoveryCodesSchema, { body: { code } });
}

export function disableSecondFactor(): Promise<unknown> {
  return apiRequest('/auth/totp/disable', okSchema, { method: 'POST', body: {} });
}
