/**
 * Exact view counting, cheap under load: each page load adds one to an in-memory tally at once
 * (so the page it serves already shows its own view), and the tallies are written every second
 * as relative increments (`views = views + n`) — one UPDATE per article per second instead of
 * one per load, and several app instances never overwrite each other. A failed write puts its
 * tallies back; stopping the server flushes what is pending. N loads add exactly N views.
 */
import type { AppDb } from '../../db/index.js';
import { addViews } from './portal.repository.js';

export class ViewCounter {
  private pending = new Map<number, number>();
  /** views this instance counted per article since it started (shown on top of the stored count) */
  private counted = new Map<number, number>();
  /** views this instance has written to the database per article */
  private written = new Map<number, number>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly db: AppDb,
    private readonly intervalMs = 1000,
  ) {}

  /** Counts one view; returns how many this instance has counted for the article so far. */
  add(articleId: number): number {
    this.pending.set(articleId, (this.pending.get(articleId) ?? 0) + 1);
    const n = (this.counted.get(articleId) ?? 0) + 1;
    this.counted.set(articleId, n);
    this.schedule();
    return n;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // a failed write keeps its tallies: try again on the next tick
      this.flush().catch(() => this.schedule());
    }, this.intervalMs);
    this.timer.unref();
  }

  /** Views this instance has counted for the article since it started. */
  countedBy(articleId: number): number {
    return this.counted.get(articleId) ?? 0;
  }

  /** Views of the article this instance has already written to the database. */
  writtenBy(articleId: number): number {
    return this.written.get(articleId) ?? 0;
  }

  /** Writes the pending tallies (one transaction); resolves when they are stored. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (!this.pending.size) return;
    const batch = this.pending;
    this.pending = new Map();
    this.flushing = (async () => {
      try {
        await this.db.db.transaction().execute(async (trx) => {
          for (const [id, n] of [...batch].sort((a, b) => a[0] - b[0])) await addViews(trx, id, n);
        });
        for (const [id, n] of batch) this.written.set(id, (this.written.get(id) ?? 0) + n);
      } catch (err) {
        for (const [id, n] of batch) this.pending.set(id, (this.pending.get(id) ?? 0) + n);
        throw err;
      } finally {
        this.flushing = undefined;
      }
    })();
    await this.flushing;
  }

  /** Flushes and stops (graceful shutdown). */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
  }
}
