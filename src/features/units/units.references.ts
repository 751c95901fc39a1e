/**
 * What points at a unit (issue #20 item 9): each slice declares the columns of its own tables that
 * hold a unit id, in its repository beside the SQL that writes them; deleting a unit counts each
 * and refuses with a 409 naming what still refers to it. `units.references.test.ts` reads every
 * foreign key to `units` from the migrated schema (SQLite and PostgreSQL) and fails on any column
 * not declared here — a new table with a unit column cannot be forgotten.
 */

interface UnitReference {
  table: string;
  column: string;
  /** what the rows are, in Vietnamese, as counted: "dự án GPMB", "báo cáo định kỳ" */
  label: string;
}

const declared = new Map<string, UnitReference>();

/** Declares columns that hold a unit id (call at module level in the slice's repository). */
export function declareUnitReferences(...refs: UnitReference[]): void {
  for (const r of refs) declared.set(`${r.table}.${r.column}`, r);
}

export const unitReferences = (): readonly UnitReference[] => [...declared.values()];

/** The Vietnamese name of what a table holds, when some slice declared it (for foreign-key errors). */
export const tableLabel = (table: string): string | undefined => [...declared.values()].find((r) => r.table === table)?.label;

// the units slice's own: children and successor links
declareUnitReferences(
  { table: 'units', column: 'parent_id', label: 'đơn vị trực thuộc' },
  { table: 'unit_successors', column: 'unit_id', label: 'liên kết đơn vị kế thừa' },
  { table: 'unit_successors', column: 'successor_id', label: 'liên kết đơn vị kế thừa' },
);
