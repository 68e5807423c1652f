// Saved inbox views (named filter sets) per user in localStorage.
export interface SavedView {
  id: string;
  name: string;
  search: string;
}

const key = (userId: number) => `otklik.views.${userId}`;

export function loadViews(userId: number): SavedView[] {
  try {
    const raw = window.localStorage.getItem(key(userId));
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (v): v is SavedView =>
        typeof v === 'object' &&
        v !== null &&
        typeof (v as SavedView).id === 'string' &&
        typeof (v as SavedView).name === 'string' &&
        typeof (v as SavedView).search === 'string',
    );
  } catch {
    return [];
  }
}

export function storeViews(userId: number, views: SavedView[]): boolean {
  try {
    window.localStorage.setItem(key(userId), JSON.stringify(views));
    return true;
  } catch {
    return false;
  }
}
