/**
 * Periodic reporting from every unit (after DHIS2's data sets): a form says which units report,
 * how often and by when; each unit enters its figures for a period, saves, submits; a unit above
 * returns it with a comment or approves it (only once the units below it are approved), and
 * approval locks it. Values are checked by type and by the form's rules between indicators; each
 * change is kept. Completeness and timeliness per period; figures roll up the hierarchy; a closed
 * period keeps a snapshot that later edits cannot change.
 *
 * The slice's public service: other slices import from here. The rules live in
 * reporting.forms.ts (forms, who sees them, their periods), reporting.entries.ts (a unit's report,
 * its checks and decisions, the reports waiting on a user) and reporting.analysis.ts
 * (completeness, the pivot, closing a period, comparisons).
 */
export { formatValue, formDefinition, getForm, listForms, parseValue, periodChoices, reportedPeriods, reportingUnits, requireForm, saveForm } from './reporting.forms.js';
export { approveReport, EXPLANATION_MAX, getEntry, myReportWork, returnReport, ruleCheckText, saveEntry, type Entry } from './reporting.entries.js';
export { campaignReportingFacts, changeText, closePeriod, compareTotals, completeness, pivot, pivotPeriod, type Comparison, type Pivot } from './reporting.analysis.js';
export type { PeriodType } from './reporting.table.js';
