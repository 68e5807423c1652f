// Unsent text (answers, reasons) lives in sessionStorage under the user's id, so a 401 in the middle of
// typing — the session expired — loses nothing: after signing in again the form comes back filled in.
// Explicit sign-out clears the drafts; sessionStorage is per tab and disappears with it.
const PREFIX = 'otklik.draft.';
let owner = 'anon';

export function setDraftOwner(userId: number | null): void {
  if (userId !== null) owner = String(userId);
}

function key(name: string): string {
  return `${PREFIX}${owner}.${name}`;
}

export function readDraft(name: string): string {
  try {
    return window.sessionStorage.getItem(key(name)) ?? '';
  } catch {
    return '';
  }
}

export function writeDraft(name: string, value: string): void {
  try {
    if (value.trim() === '') window.sessionStorage.removeItem(key(name));
    else window.sessionStorage.setItem(key(name), value);
  } catch {
    // storage full or disabled: the draft simply is not kept
  }
}

export function clearDraft(name: string): void {
  writeDraft(name, '');
}

export function clearAllDrafts(): void {
  try {
    const keys: string[] = [];
    for (let i = 0; i < window.sessionStorage.length; i += 1) {
      const k = window.sessionStorage.key(i);
      if (k?.startsWith(PREFIX)) keys.push(k);
    }
    for (const k of keys) window.sessionStorage.removeItem(k);
  } catch {
    // nothing to clear
  }
}
