/**
 * The portal version across instances (issue #11). A write the portal shows calls
 * `portalChanged(trx)`: this instance's caches go stale at once (`bumpPortalVersion`) and the
 * shared version in `portal_state` moves in the same transaction. `watchPortalVersion` (started
 * by `kheo serve`) reads the shared version every `intervalMs`; when it moved, this instance's
 * caches go stale too. So a write on one instance shows on every other within about a second;
 * if the database cannot be read, the caches' own TTLs (15 s pages, 30 s articles and menu) bound it.
 */
import type { Db, Tx } from '../../db/index.js';
import { bumpPortalVersion } from '../../web/pagecache.js';
import { bumpStoredPortalVersion, storedPortalVersion } from './settings.repository.js';

const PORTAL_POLL_MS = 1000;

/** Marks every cached portal page stale, here and (after commit) on every other instance. */
export async function portalChanged(trx: Tx): Promise<void> {
  bumpPortalVersion();
  await bumpStoredPortalVersion(trx);
}

/** Polls the shared version; returns a function that stops polling. */
export function watchPortalVersion(db: Db, intervalMs = PORTAL_POLL_MS): () => void {
  let seen: number | undefined;
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    storedPortalVersion(db)
      .then((v) => {
        // a commit elsewhere (or our own, whose render may have raced it): render again
        if (seen !== undefined && v !== seen) bumpPortalVersion();
        seen = v;
      })
      .catch(() => undefined)
      .finally(() => (busy = false));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
