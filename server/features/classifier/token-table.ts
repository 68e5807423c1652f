// A hash table from token text to per-token data that is probed with a slice of a larger string
// (no substring allocated on a hit). Keys are folded tokens (`tokenText`): a slice matches a key
// when it is equal once its token characters are folded (upper case, ё), compared in full.
// It grows as needed and is cleared when it reaches its limit.
import { sameToken, tokenHash, tokenText } from './text/tokenize';

const INITIAL_CAPACITY = 4096;

export class TokenTable<T> {
  private slots = new Int32Array(INITIAL_CAPACITY).fill(-1);
  private hashes = new Int32Array(INITIAL_CAPACITY);
  private tokens: string[] = [];
  private tokenHashes: number[] = [];
  private values: T[] = [];

  /** `onClear` runs when the table drops its entries on reaching `limit`. */
  constructor(
    private readonly limit: number,
    private readonly onClear: () => void = () => undefined,
  ) {}

  /** The value for the folded text[start, end), computing and storing it with `make` on a miss. */
  get(text: string, start: number, end: number, make: (token: string) => T): T {
    return this.getHashed(text, start, end, tokenHash(text, start, end), make);
  }

  /** `get` with the slice's `tokenHash` already known (as `scanTokens` gives it). */
  getHashed(text: string, start: number, end: number, h: number, make: (token: string) => T): T {
    const mask = this.slots.length - 1;
    let slot = (h ^ (h >>> 15)) & mask;
    for (;;) {
      const entry = this.slots[slot] ?? -1;
      if (entry < 0) break;
      if (this.hashes[slot] === h) {
        if (sameToken(this.tokens[entry] ?? '', text, start, end)) return this.values[entry] as T;
      }
      slot = (slot + 1) & mask;
    }
    const token = tokenText(text, start, end);
    // cleared before `make`, so that what `make` stores on the side (the encoder's records) outlives the clearing
    if (this.tokens.length >= this.limit) this.reset(INITIAL_CAPACITY);
    else if (2 * (this.tokens.length + 1) > this.slots.length) this.reset(this.slots.length * 2);
    const value = make(token);
    this.insert(h, token, value);
    return value;
  }

  private insert(h: number, token: string, value: T): void {
    const mask = this.slots.length - 1;
    let slot = (h ^ (h >>> 15)) & mask;
    while ((this.slots[slot] ?? -1) >= 0) slot = (slot + 1) & mask;
    this.slots[slot] = this.tokens.length;
    this.hashes[slot] = h;
    this.tokens.push(token);
    this.tokenHashes.push(h);
    this.values.push(value);
  }

  /** Re-creates the slot arrays at `capacity`, keeping the entries unless the limit was reached. */
  private reset(capacity: number): void {
    const keep = this.tokens.length < this.limit;
    const { tokens, tokenHashes, values } = this;
    this.slots = new Int32Array(capacity).fill(-1);
    this.hashes = new Int32Array(capacity);
    this.tokens = [];
    this.tokenHashes = [];
    this.values = [];
    if (!keep) {
      this.onClear();
      return;
    }
    tokens.forEach((token, i) => this.insert(tokenHashes[i] ?? 0, token, values[i] as T));
  }
}
