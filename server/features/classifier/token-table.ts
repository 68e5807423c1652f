// A hash table from token text to per-token data that is probed with a slice of a larger string
// (no substring allocated on a hit). Exact: a hit compares the stored token with the slice.

export class TokenTable<T> {
  private slots: Int32Array;
  private hashes: Int32Array;
  private tokens: string[] = [];
  private values: T[] = [];

  constructor(private readonly limit: number) {
    this.slots = new Int32Array(TokenTable.capacityFor(limit)).fill(-1);
    this.hashes = new Int32Array(this.slots.length);
  }

  private static capacityFor(limit: number): number {
    let capacity = 1024;
    while (capacity < limit * 2) capacity *= 2;
    return capacity;
  }

  /** The value for text[start, end), computing and storing it with `make` on a miss. */
  get(text: string, start: number, end: number, make: (token: string) => T): T {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    const mask = this.slots.length - 1;
    let slot = (h ^ (h >>> 15)) & mask;
    for (;;) {
      const entry = this.slots[slot] ?? -1;
      if (entry < 0) break;
      if (this.hashes[slot] === h) {
        const token = this.tokens[entry] ?? '';
        if (token.length === end - start && text.startsWith(token, start)) return this.values[entry] as T;
      }
      slot = (slot + 1) & mask;
    }
    const token = text.slice(start, end);
    const value = make(token);
    if (this.tokens.length >= this.limit) {
      this.clear();
      return this.get(text, start, end, () => value);
    }
    this.slots[slot] = this.tokens.length;
    this.hashes[slot] = h;
    this.tokens.push(token);
    this.values.push(value);
    return value;
  }

  clear(): void {
    this.slots.fill(-1);
    this.tokens = [];
    this.values = [];
  }
}
