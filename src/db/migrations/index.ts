/* The migration list, in order. Add a new file here; never edit a migration that has shipped. */
import type { Migration } from 'kysely';
import * as m20261126_01 from './2026-11-26-01-foundation.js';
import * as m20261126_02 from './2026-11-26-02-campaigns-models-teams.js';
import * as m20261126_03 from './2026-11-26-03-files.js';
import * as m20261126_04 from './2026-11-26-04-appraisal.js';
import * as m20261126_05 from './2026-11-26-05-land-clearance.js';
import * as m20261126_06 from './2026-11-26-06-clearance-indexes.js';
import * as m20261126_07 from './2026-11-26-07-narrative.js';
import * as m20261126_08 from './2026-11-26-08-clearance-figures.js';
import * as m20261126_09 from './2026-11-26-09-portal.js';
import * as m20261126_10 from './2026-11-26-10-reporting.js';
import * as m20261126_11 from './2026-11-26-11-meetings.js';
import * as m20261126_12 from './2026-11-26-12-assignments-visits.js';
import * as m20261126_13 from './2026-11-26-13-issues-persons.js';
import * as m20261126_14 from './2026-11-26-14-portal-version.js';
import * as m20261126_15 from './2026-11-26-15-scale-indexes.js';
import * as m20261126_16 from './2026-11-26-16-clearance-versions.js';
import * as m20261126_17 from './2026-11-26-17-clearance-version-once.js';
import * as m20261204_01 from './2026-12-04-01-notices.js';
import * as m20261204_20 from './2026-12-04-20-report-rule-severity.js';
import * as m20261205_01 from './2026-12-05-01-document-recipients.js';
import * as m20261206_01 from './2026-12-06-01-mail-outbox.js';
import * as m20261206_02 from './2026-12-06-02-notice-prefs.js';
import * as m20261207_01 from './2026-12-07-01-unit-sectors.js';
import * as m20261207_02 from './2026-12-07-02-model-results.js';
import * as m20261207_03 from './2026-12-07-03-model-recognitions.js';
import * as m20261207_04 from './2026-12-07-04-campaign-publish-money.js';
import * as m20261207_05 from './2026-12-07-05-model-assessments-works.js';
import * as m20261207_06 from './2026-12-07-06-phases.js';
import * as m20261207_07 from './2026-12-07-07-emulation.js';
import * as m20261207_08 from './2026-12-07-08-award-recipient-indexes.js';

export const migrations: Record<string, Migration> = {
  '2026-11-26-01-foundation': m20261126_01,
  '2026-11-26-02-campaigns-models-teams': m20261126_02,
  '2026-11-26-03-files': m20261126_03,
  '2026-11-26-04-appraisal': m20261126_04,
  '2026-11-26-05-land-clearance': m20261126_05,
  '2026-11-26-06-clearance-indexes': m20261126_06,
  '2026-11-26-07-narrative': m20261126_07,
  '2026-11-26-08-clearance-figures': m20261126_08,
  '2026-11-26-09-portal': m20261126_09,
  '2026-11-26-10-reporting': m20261126_10,
  '2026-11-26-11-meetings': m20261126_11,
  '2026-11-26-12-assignments-visits': m20261126_12,
  '2026-11-26-13-issues-persons': m20261126_13,
  '2026-11-26-14-portal-version': m20261126_14,
  '2026-11-26-15-scale-indexes': m20261126_15,
  '2026-11-26-16-clearance-versions': m20261126_16,
  '2026-11-26-17-clearance-version-once': m20261126_17,
  '2026-12-04-01-notices': m20261204_01,
  '2026-12-04-20-report-rule-severity': m20261204_20,
  '2026-12-05-01-document-recipients': m20261205_01,
  '2026-12-06-01-mail-outbox': m20261206_01,
  '2026-12-06-02-notice-prefs': m20261206_02,
  '2026-12-07-01-unit-sectors': m20261207_01,
  '2026-12-07-02-model-results': m20261207_02,
  '2026-12-07-03-model-recognitions': m20261207_03,
  '2026-12-07-04-campaign-publish-money': m20261207_04,
  '2026-12-07-05-model-assessments-works': m20261207_05,
  '2026-12-07-06-phases': m20261207_06,
  '2026-12-07-07-emulation': m20261207_07,
  '2026-12-07-08-award-recipient-indexes': m20261207_08,
};
