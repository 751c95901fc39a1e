/* The bundle sections, in import order: a section may refer to the ones before it. */
import { usersBundle } from '../accounts/accounts.bundle.js';
import { rewardDecisionsBundle } from '../appraisal/appraisal.bundle.js';
import { campaignsBundle, phasesBundle } from '../campaigns/campaigns.bundle.js';
import { clearanceProjectsBundle, householdsBundle } from '../landClearance/landClearance.bundle.js';
import { documentsBundle } from '../documents/documents.bundle.js';
import { awardFormsBundle, awardProposalsBundle } from '../emulation/emulation.bundle.js';
import { modelsBundle } from '../models/models.bundle.js';
import { articlesBundle, categoriesBundle } from '../portal/portal.bundle.js';
import { reportFormsBundle, reportsBundle } from '../reporting/reporting.bundle.js';
import { assignmentsBundle, meetingsBundle, personsBundle, raisedIssuesBundle, visitsBundle } from '../supervision/supervision.bundle.js';
import { teamsBundle } from '../teams/teams.bundle.js';
import { unitsBundle } from '../units/units.bundle.js';
import { BundleRegistry } from '../bundle/bundle.service.js';

export const bundle = new BundleRegistry()
  .add(unitsBundle)
  .add(usersBundle)
  .add(documentsBundle)
  .add(campaignsBundle)
  .add(phasesBundle)
  .add(teamsBundle)
  .add(modelsBundle)
  .add(rewardDecisionsBundle)
  .add(awardFormsBundle)
  .add(awardProposalsBundle)
  .add(clearanceProjectsBundle)
  .add(householdsBundle)
  .add(categoriesBundle)
  .add(articlesBundle)
  .add(reportFormsBundle)
  .add(reportsBundle)
  .add(assignmentsBundle)
  .add(visitsBundle)
  .add(meetingsBundle)
  .add(raisedIssuesBundle)
  .add(personsBundle);
