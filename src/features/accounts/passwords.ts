/**
 * Password hashing with scrypt (node:crypto, no dependency) and the password policy:
 * 8…128 characters (15 recommended), not a common password, not the username.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { fold } from '../../lib/vi.js';
import { COMMON_PASSWORDS } from './common-passwords.js';

const N = 2 ** 15;
const R = 8;
const P = 1;
const KEYLEN = 32;

function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCb(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64url. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFC'), salt, KEYLEN, { N, r: R, p: P, maxmem: 128 * N * R * 2 });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Constant-time check of a password against a stored hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const expected = Buffer.from(parts[5] ?? '', 'base64url');
  const key = await scrypt(password.normalize('NFC'), salt, expected.length, { N: n, r, p, maxmem: 128 * n * r * 2 });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash to compare against when the user does not exist, so timing does not tell. */
let dummyHash: Promise<string> | undefined;
export const dummyPasswordHash = (): Promise<string> => (dummyHash ??= hashPassword('không-có-người-dùng-này'));

/** Vietnamese reason why `password` is refused, or null when it is acceptable. */
export function passwordProblem(password: string, username?: string): string | null {
  const pw = password.normalize('NFC');
  const length = [...pw].length;
  if (length < 8) return 'Mật khẩu phải có ít nhất 8 ký tự (nên dùng từ 15 ký tự trở lên).';
  if (length > 128) return 'Mật khẩu không được dài quá 128 ký tự.';
  const folded = fold(pw).replace(/\s+/g, '');
  if (COMMON_PASSWORDS.has(folded) || COMMON_PASSWORDS.has(pw.toLowerCase())) {
    return 'Mật khẩu này quá phổ biến, dễ bị đoán. Hãy chọn mật khẩu khác.';
  }
  if (/^(.)\1+$/u.test(pw)) return 'Mật khẩu không được chỉ lặp lại một ký tự.';
  if (username && fold(username) === folded) return 'Mật khẩu không được trùng tên đăng nhập.';
  return null;
}
