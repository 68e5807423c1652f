// Counts hashed features of one text: an open-addressing table reused between texts (no sorting, no Map).
import type { FeatureBag } from './features';

const EMPTY = -1;

export class FeatureAccumulator {
  private keys = new Int32Array(1024).fill(EMPTY);
  private counts = new Uint16Array(1024);
  private slots = new Int32Array(512);
  private size = 0;

  add(bucket: number): void {
    if (this.size * 2 >= this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let slot = bucket & mask;
    for (;;) {
      const key = this.keys[slot];
      if (key === bucket) {
        const c = this.counts[slot] ?? 0;
        if (c < 65535) this.counts[slot] = c + 1;
        return;
      }
      if (key === EMPTY) break;
      slot = (slot + 1) & mask;
    }
    this.keys[slot] = bucket;
    this.counts[slot] = 1;
    this.slots[this.size] = slot;
    this.size += 1;
  }

  /** The distinct features counted so far (in first-seen order); resets the accumulator. */
  take(): FeatureBag {
    const buckets = new Uint32Array(this.size);
    const counts = new Uint16Array(this.size);
    for (let i = 0; i < this.size; i += 1) {
      const slot = this.slots[i] ?? 0;
      buckets[i] = this.keys[slot] ?? 0;
      counts[i] = this.counts[slot] ?? 0;
      this.keys[slot] = EMPTY;
    }
    this.size = 0;
    return { buckets, counts };
  }

  private grow(): void {
    const { keys, counts, size, slots } = this;
    this.keys = new Int32Array(keys.length * 2).fill(EMPTY);
    this.counts = new Uint16Array(keys.length * 2);
    this.slots = new Int32Array(keys.length);
    this.size = 0;
    for (let i = 0; i < size; i += 1) {
      const slot = slots[i] ?? 0;
      const bucket = keys[slot] ?? 0;
      this.add(bucket);
      const mask = this.keys.length - 1;
      let s = bucket & mask;
      while (this.keys[s] !== bucket) s = (s + 1) & mask;
      this.counts[s] = counts[slot] ?? 1;
    }
  }
}
