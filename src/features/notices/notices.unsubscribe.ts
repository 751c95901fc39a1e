/**
 * The one-click unsubscribe of an e-mail (RFC 8058): a link that names the person and the kind of
 * e-mail, signed with the installation's key (made by the migration, kept in mail_keys), so that
 * nobody can stop another's e-mail by guessing it, and nothing needs to be stored per e-mail.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const UNSUBSCRIBE_PATH = '/thu/huy-nhan';

const signature = (key: string, userId: number, kind: string): string => createHmac('sha256', key).update(`unsubscribe\n${userId}\n${kind}`).digest('base64url').slice(0, 32);

/** The path (with its query) that stops one kind of e-mail for one person. */
export const unsubscribePath = (key: string, userId: number, kind: string): string =>
  `${UNSUBSCRIBE_PATH}?u=${userId}&k=${encodeURIComponent(kind)}&s=${signature(key, userId, kind)}`;

/** Whether `sig` is the signature of (userId, kind) under `key`. */
export function validSignature(key: string, userId: number, kind: string, sig: string): boolean {
  const want = Buffer.from(signature(key, userId, kind));
  const got = Buffer.from(sig);
  return got.length === want.length && timingSafeEqual(got, want);
}
