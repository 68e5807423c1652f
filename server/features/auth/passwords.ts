import { randomBytes, scrypt, timingSafeEqual, createHash } from 'node:crypto';

// scrypt (built into Node) with a per-password salt; the stored form names its parameters so they can be raised later.
const N = 16384, r = 8, p = 1, KEYLEN = 32;

function derive(password: string, salt: Buffer, n: number, rr: number, pp: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEYLEN, { N: n, r: rr, p: pp, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, r, p);
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, rr, pp, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !rr || !pp || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(password, Buffer.from(salt, 'base64'), Number(n), Number(rr), Number(pp));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Session ids and integration tokens are random; only their SHA-256 is stored. */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(24).toString('base64url')}`;
}
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function validatePasswordStrength(password: string): string | null {
  if (password.length < 8) return 'Пароль должен быть не короче 8 символов';
  if (!/[A-Za-zА-Яа-яЁё]/.test(password) || !/\d/.test(password)) return 'Пароль должен содержать буквы и цифры';
  return null;
}
