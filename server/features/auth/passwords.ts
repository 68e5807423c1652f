import { randomBytes, scrypt, timingSafeEqual, createHash } from 'node:crypto';

// scrypt (built into Node) with a per-password salt at the OWASP level (N=2^17, r=8, p=1: 128 MiB of memory per
// hash). The stored form names its parameters, so hashes made with weaker ones still verify and are replaced on the
// next successful sign-in (needsRehash).
const PRODUCTION_COST = { N: 2 ** 17, r: 8, p: 1 } as const;
// The test suite's setup (test/setup-file.ts) lowers the cost: hundreds of users are created and sign in there, and
// the OWASP cost would spend minutes of the suite hashing. Nothing else calls setPasswordHashCost.
const TEST_COST = { N: 2 ** 10, r: 8, p: 1 } as const;
let cost: { readonly N: number; readonly r: number; readonly p: number } = PRODUCTION_COST;
const KEYLEN = 32;
const MAX_N = 2 ** 20;

function derive(password: string, salt: Buffer, n: number, rr: number, pp: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem must exceed 128·N·r bytes, or Node refuses the parameters.
    scrypt(password, salt, KEYLEN, { N: n, r: rr, p: pp, maxmem: 256 * n * rr + 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** Tests only: 'test' makes hashing cheap for the suite, 'production' restores the OWASP cost. */
export function setPasswordHashCost(level: 'production' | 'test'): void {
  cost = level === 'test' ? TEST_COST : PRODUCTION_COST;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const { N, r, p } = cost;
  const key = await derive(password, salt, N, r, p);
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** A hash that cannot belong to any password, verified for unknown logins so timing does not reveal them. */
export function noPasswordHash(): string {
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$AAAAAAAAAAAAAAAAAAAAAA==$AAAA`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, rr, pp, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !rr || !pp || !salt || !hash) return false;
  const params = [Number(n), Number(rr), Number(pp)] as const;
  if (!params.every((v) => Number.isInteger(v) && v > 0) || params[0] > MAX_N || params[1] > 32 || params[2] > 16)
    return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(password, Buffer.from(salt, 'base64'), ...params);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** True when a stored hash was made with weaker parameters than today's. */
export function needsRehash(stored: string): boolean {
  const [scheme, n, rr, pp] = stored.split('$');
  return scheme !== 'scrypt' || Number(n) < cost.N || Number(rr) < cost.r || Number(pp) < cost.p;
}

/** Session ids and integration tokens are random; only their SHA-256 is stored. */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(24).toString('base64url')}`;
}
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
