/**
 * Rendered-page caching for the public portal (DESIGN §4: rendering, not the database, is the
 * cost). Any write to what the portal shows bumps `portalVersion`; cached pages of an older
 * version are rendered again. Other app instances see a write after at most `ttlMs`.
 */
let version = 0;

/** Marks every cached portal page stale (call from any write the portal shows). */
export function bumpPortalVersion(): void {
  version++;
}
export const portalVersion = (): number => version;

export interface Cached<T> {
  value: T;
  version: number;
  at: number;
}

/** A small LRU of rendered values keyed by string, stale after a write or after `ttlMs`. */
export class PageCache<T> {
  private readonly map = new Map<string, Cached<T>>();
  constructor(
    private readonly max = 500,
    private readonly ttlMs = 15_000,
  ) {}

  get(key: string, now = Date.now()): T | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    if (e.version !== version || now - e.at > this.ttlMs) {
      this.map.delete(key);
      return undefined;
    }
    // refresh its place in the LRU order
    this.map.delete(key);
    this.map.set(key, e);
    return e.value;
  }

  /** Stores a value rendered when the portal was at `renderedAt` (its version before rendering). */
  set(key: string, value: T, renderedAt: number, now = Date.now()): void {
    if (renderedAt !== version) return;
    this.map.set(key, { value, version: renderedAt, at: now });
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }

  clear(): void {
    this.map.clear();
  }
}
