/**
 * The signed links of Khéo's e-mail, signed with the installation's key (made by the migration,
 * kept in mail_keys), so that nobody can forge one by guessing, and nothing is stored per e-mail:
 * the one-click unsubscribe (RFC 8058), naming the person and the kind of e-mail; and the
 * confirmation of an address a user set themselves, naming the person, the address and when the
 * link runs out.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const UNSUBSCRIBE_PATH = '/thu/huy-nhan';

const sign = (key: string, ...parts: (string | number)[]): string => createHmac('sha256', key).update(parts.join('\n')).digest('base64url').slice(0, 32);
const signature = (key: string, userId: number, kind: string): string => sign(key, 'unsubscribe', userId, kind);

const same = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The path (with its query) that stops one kind of e-mail for one person. */
export const unsubscribePath = (key: string, userId: number, kind: string): string =>
  `${UNSUBSCRIBE_PATH}?u=${userId}&k=${encodeURIComponent(kind)}&s=${signature(key, userId, kind)}`;

/** Whether `sig` is the signature of (userId, kind) under `key`. */
export const validSignature = (key: string, userId: number, kind: string, sig: string): boolean => same(sig, signature(key, userId, kind));

export const CONFIRM_PATH = '/thu/xac-nhan';

/** The path that confirms `address` for one person, valid until `expires` (seconds since 1970). */
export const confirmPath = (key: string, userId: number, address: string, expires: number): string =>
  `${CONFIRM_PATH}?u=${userId}&a=${encodeURIComponent(address)}&e=${expires}&s=${sign(key, 'confirm', userId, address, expires)}`;

/** Whether `sig` signs (userId, address, expires) under `key`. */
export const validConfirmation = (key: string, userId: number, address: string, expires: number, sig: string): boolean => same(sig, sign(key, 'confirm', userId, address, expires));
