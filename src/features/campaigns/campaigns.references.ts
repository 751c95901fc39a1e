/**
 * What uses a phase (giai đoạn): each slice declares the columns of its own tables that hold a
 * phase id, in its repository beside the SQL that writes them (as units.references.ts does for
 * units), so the campaigns slice counts them without naming another slice's tables. A phase in use
 * is not deleted; one used by rows that chose among its years (`choseUpTo`: an appraisal round, a
 * reward decision, each choosing among the years up to its own campaign's) keeps its unit and years,
 * no campaign leaves them, and none is added for a year up to the latest one they chose among.
 * `appraisal.phase.test.ts` reads every foreign key to `phases` from the migrated schema and fails
 * on any column not declared here.
 */

interface PhaseReference {
  table: string;
  column: string;
  /** what the rows are, in Vietnamese, as counted: "đợt thẩm định", "tờ trình đề nghị khen thưởng" */
  label: string;
  /** the rows chose among the models of the phase's years up to the year of the campaign this column holds: its unit and those years stay as they were */
  choseUpTo?: string;
}

const declared = new Map<string, PhaseReference>();

/** Declares columns that hold a phase id (call at module level in the slice's repository). */
export function declarePhaseReferences(...refs: PhaseReference[]): void {
  for (const r of refs) declared.set(`${r.table}.${r.column}`, r);
}

export const phaseReferences = (): readonly PhaseReference[] => [...declared.values()];
