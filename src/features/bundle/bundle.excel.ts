/**
 * Excel workbooks ↔ bundle sections. Each slice describes its sheet (a SheetSpec of lib/sheets:
 * Vietnamese column headers ↔ bundle keys); a workbook is read into a bundle and imported through
 * the same all-or-nothing path as JSON, and errors come back as "Trang …, dòng …, cột …".
 */
import type { Db, Tx } from '../../db/index.js';
import { AppError } from '../../lib/errors.js';
import { readWorkbook, where, type Origin, type SheetContext, type SheetSpec } from '../../lib/sheets.js';
import { ForbiddenError, type Actor } from '../../policy/policy.js';
import { BundleRegistry, type BundleSection, type ImportCounts } from './bundle.service.js';

/** Rewrites bundle paths (`models[12].registeredOn`) as sheet, row and column. */
function locate(e: AppError, specs: SheetSpec[], origins: Map<string, Origin[]>): AppError {
  if (e instanceof ForbiddenError) {
    // a refusal stays a refusal (audited by the error handler), now naming the sheet and row
    const m = /^(\w+)\[(\d+)\]:\s*/.exec(e.message);
    const o = m ? origins.get(m[1]!)?.[Number(m[2])] : undefined;
    return new ForbiddenError(e.action, e.resource, o ? `${where(o)}: ${e.message.slice(m![0].length)}` : e.message);
  }
  const issues = e.issues.map((i) => {
    const m = /^(\w+)\[(\d+)\](?:\.(\w+))?/.exec(i.field);
    if (!m) return i;
    const spec = specs.find((s) => s.section === m[1]);
    const o = origins.get(m[1]!)?.[Number(m[2])];
    if (!spec || !o) return i;
    const header = spec.columns.find((c) => c.key === m[3])?.header;
    // the column already names the field: drop a leading "Nhãn: " from the message
    const msg = header ? i.message.replace(/^[^:"]{1,60}:\s+(?=\S)/, '') : i.message;
    return { field: i.field, message: `${where(o, header)}: ${msg}` };
  });
  return new AppError(e.status === 403 ? 403 : 422, e.id, issues.map((i) => i.message).join('; ') || e.message, issues.length ? issues : [{ field: '', message: e.message }]);
}

class DryRun extends Error {
  constructor(readonly counts: ImportCounts) {
    super('dry run');
  }
}

/**
 * Imports a workbook all-or-nothing. With `dryRun` the whole import runs and is rolled back:
 * the preview shows exactly what committing would do, or every error it would meet.
 */
export async function importWorkbook(
  db: Db,
  actor: Actor,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  opts: { buf: Buffer; fileName: string; specs: SheetSpec[]; sections: BundleSection<any>[]; ctx: SheetContext; dryRun: boolean; inTransaction?: (trx: Tx) => Promise<void> },
): Promise<{ counts: ImportCounts; rows: number }> {
  const { doc, origins } = await readWorkbook(opts.buf, opts.fileName, opts.specs, opts.ctx);
  const rows = [...origins.values()].reduce((s, o) => s + o.length, 0);
  // the sections the sheets fill, in the order given (a section may refer to the ones before it)
  const registry = opts.sections.reduce((r, s) => r.add(s), new BundleRegistry());
  try {
    const counts = await db.transaction().execute(async (trx: Tx) => {
      const c = await registry.importBundle(trx, actor, doc, { onlySections: opts.specs.map((s) => s.section) });
      if (opts.dryRun) throw new DryRun(c);
      await opts.inTransaction?.(trx);
      return c;
    });
    return { counts, rows };
  } catch (e) {
    if (e instanceof DryRun) return { counts: e.counts, rows };
    if (e instanceof AppError && e.status !== 401) throw locate(e, opts.specs, origins);
    throw e;
  }
}
