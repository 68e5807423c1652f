// 32-bit hashing for feature hashing: FNV-1a steps and the murmur3 finaliser.
export const FNV_OFFSET = 0x811c9dc5;

export const fnvStep = (hash: number, code: number): number => Math.imul(hash ^ code, 0x01000193);

export const fmix32 = (value: number): number => {
  let h = value ^ (value >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
};

export const hashString = (text: string, seed: number): number => {
  let h = FNV_OFFSET ^ seed;
  for (let i = 0; i < text.length; i += 1) h = fnvStep(h, text.charCodeAt(i));
  return fmix32(h);
};

export const combineHashes = (a: number, b: number): number => fmix32(Math.imul(a, 0x9e3779b1) ^ b);
