// What an integration token may do. `messages` posts messages of any channel to POST /api/messages,
// `messages:<channel>` only of that channel; `open311` creates Open311 requests; `monitoring` posts batches of
// public posts to the monitoring intake. A token used outside its scopes gets 403.
import { CHANNELS, type Channel } from '../deadlines/channels';

export const BASE_SCOPES = ['messages', 'open311', 'monitoring'] as const;
export type TokenScope = (typeof BASE_SCOPES)[number] | `messages:${Channel}`;

/** The scopes of tokens made before scopes existed, and of `otklik tokens create` without --scope. */
export const LEGACY_SCOPES: readonly TokenScope[] = [...BASE_SCOPES];

export const ALL_SCOPES: readonly TokenScope[] = [...BASE_SCOPES, ...CHANNELS.map((c) => `messages:${c}` as const)];

export function isTokenScope(value: string): value is TokenScope {
  return (ALL_SCOPES as readonly string[]).includes(value);
}

/** Whether a token's scopes allow posting a message of this channel to POST /api/messages. */
export function scopesAllowChannel(scopes: readonly string[], channel: string): boolean {
  return scopes.includes('messages') || scopes.includes(`messages:${channel}`);
}
