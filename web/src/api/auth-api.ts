import { apiRequest } from './client';
import { meSchema, okSchema, type Me } from './contract';

export function fetchMe(signal?: AbortSignal): Promise<Me> {
  return apiRequest('/auth/me', meSchema, { quiet401: true, ...(signal ? { signal } : {}) });
}

export function signIn(login: string, password: string): Promise<Me> {
  return apiRequest('/auth/login', meSchema, { body: { login, password }, quiet401: true });
}

export function signOut(): Promise<unknown> {
  return apiRequest('/auth/logout', okSchema, { method: 'POST', body: {}, quiet401: true });
}
