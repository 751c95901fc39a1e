/**
 * The bundle (DESIGN §5): one JSON document, version 1, references by code. Each slice adds a
 * section (`units.bundle.ts`, …); this file runs them in order, all-or-nothing, and names the
 * record of any error (`units[3].parent: không tìm thấy đơn vị "XYZ"`).
 */
import type { z } from 'zod';
import type { Db, Tx } from '../../db/index.js';
import { AppError, badInput, type FieldIssue } from '../../lib/errors.js';
import { assertNoControlChars, checkJsonShape, deepNfc, toIssues } from '../../lib/validation.js';
import { authorize, ForbiddenError, type Actor } from '../../policy/policy.js';
import { audit } from '../audit/audit.service.js';

interface SectionResult {
  created: number;
  updated: number;
}

export interface BundleSection<T> {
  /** key in the bundle, e.g. "units" */
  key: string;
  /** Vietnamese name for messages */
  label: string;
  record: z.ZodType<T>;
  /** Imports the (validated) records; errors must be AppErrors naming `${key}[i].field`. */
  importRecords(trx: Tx, actor: Actor, records: T[]): Promise<SectionResult>;
  /** Exports what the actor may see, in an order that imports back (parents first). */
  exportRecords(db: Db, actor: Actor): Promise<unknown[]>;
}

/** Prefixes the fields of an AppError raised while handling `${key}[index]`. */
export function atRecord(key: string, index: number, e: unknown): unknown {
  const where = `${key}[${index}]`;
  // a refusal stays a refusal (the error handler audits it), now naming the record
  if (e instanceof ForbiddenError) return new ForbiddenError(e.action, e.resource, `${where}: ${e.message}`);
  if (!(e instanceof AppError)) return e;
  const issues: FieldIssue[] = e.issues.length
    ? e.issues.map((i) => ({ field: i.field ? `${where}.${i.field}` : where, message: i.message }))
    : [{ field: where, message: e.message }];
  const status = e.status === 404 ? 422 : e.status;
  return new AppError(status, e.id === 'not_found' ? 'validation_error' : e.id, issues.map((i) => `${i.field}: ${i.message}`).join('; '), issues);
}

export type ImportCounts = Record<string, SectionResult>;

/**
 * The usual way a section imports: each record updates the one with its key, or is created;
 * an error names the record (`teams[4].unit: …`).
 */
export async function upsertEach<T>(
  key: string,
  records: T[],
  ops: { exists(r: T): Promise<boolean>; create(r: T): Promise<unknown>; update(r: T): Promise<unknown> },
): Promise<SectionResult> {
  let created = 0;
  let updated = 0;
  for (const [i, r] of records.entries()) {
    try {
      if (await ops.exists(r)) {
        await ops.update(r);
        updated++;
      } else {
        await ops.create(r);
        created++;
      }
    } catch (e) {
      throw atRecord(key, i, e);
    }
  }
  return { created, updated };
}

export class BundleRegistry {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private readonly sections: BundleSection<any>[] = [];

  add<T>(section: BundleSection<T>): this {
    this.sections.push(section);
    return this;
  }

  keys(): string[] {
    return this.sections.map((s) => s.key);
  }

  /**
   * Validates the whole document first (every bad field listed), then imports section by
   * section inside `trx`. Throws a 422 AppError; the caller's transaction rolls back.
   */
  async importBundle(trx: Tx, actor: Actor, raw: unknown, opts: { onlySections?: string[] } = {}): Promise<ImportCounts> {
    // A whole bundle is an admin's tool; a workbook of some sections (models, teams) is an
    // officer's too — each record is then authorised by its own service, as if typed in a form.
    if (!opts.onlySections) authorize(actor, 'bundle.import');
    if (opts.onlySections && raw && typeof raw === 'object') {
      const extra = Object.keys(raw).filter((k) => k !== 'version' && !opts.onlySections!.includes(k));
      if (extra.length) throw badInput(extra.map((k) => ({ field: k, message: 'không được nhập theo cách này' })));
    }
    // deep or wide JSON is refused before anything walks it (issue #20 item 3)
    checkJsonShape(raw);
    assertNoControlChars(raw);
    const doc = deepNfc(raw);
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw badInput([{ field: '', message: 'Tệp phải là một đối tượng JSON có khóa "version".' }]);
    const obj = doc as Record<string, unknown>;
    if (obj.version !== 1) throw badInput([{ field: 'version', message: 'phải là 1 (định dạng gói dữ liệu Khéo phiên bản 1)' }]);
    const known = new Set(['version', 'exportedAt', ...this.keys()]);
    const issues: FieldIssue[] = [];
    const parsed = new Map<string, unknown[]>();
    for (const s of this.sections) {
      const value = obj[s.key];
      if (value === undefined || value === null) continue;
      if (!Array.isArray(value)) {
        issues.push({ field: s.key, message: 'phải là một danh sách' });
        continue;
      }
      const records: unknown[] = [];
      value.forEach((rec, i) => {
        const r = s.record.safeParse(rec);
        if (r.success) records.push(r.data);
        else issues.push(...toIssues(r.error, {}, `${s.key}[${i}]`));
      });
      parsed.set(s.key, records);
    }
    for (const k of Object.keys(obj)) {
      if (!known.has(k)) issues.push({ field: k, message: 'phần dữ liệu chưa được hỗ trợ' });
    }
    if (issues.length) {
      const shown = issues.slice(0, 5).map((i) => (i.field ? `${i.field}: ${i.message}` : i.message));
      throw badInput(issues.slice(0, 200), `Gói dữ liệu có ${issues.length} lỗi; không có gì được ghi. ${shown.join('; ')}`);
    }
    const counts: ImportCounts = {};
    for (const s of this.sections) {
      const records = parsed.get(s.key);
      if (!records) continue;
      counts[s.key] = await s.importRecords(trx, actor, records);
    }
    await audit(trx, actor, { action: 'bundle.import', entityType: 'bundle', after: counts });
    return counts;
  }

  /** The bundle of everything the actor may see. */
  async exportBundle(db: Db, actor: Actor): Promise<Record<string, unknown>> {
    authorize(actor, 'bundle.export');
    const out: Record<string, unknown> = { version: 1, exportedAt: new Date().toISOString() };
    for (const s of this.sections) out[s.key] = await s.exportRecords(db, actor);
    return out;
  }
}
