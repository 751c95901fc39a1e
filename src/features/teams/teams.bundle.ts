import type { Db, Tx } from '../../db/index.js';
import { inSubtree, type Actor } from '../../policy/policy.js';
import { upsertEach, type BundleSection } from '../bundle/bundle.service.js';
import * as repo from './teams.repository.js';
import { ZTeam, type TTeam } from './teams.schemas.js';
import { createTeam, presentTeam, updateTeam } from './teams.service.js';

export const teamsBundle: BundleSection<TTeam> = {
  key: 'teams',
  label: 'Tổ, đội',
  record: ZTeam,
  importRecords: (trx: Tx, actor: Actor, records: TTeam[]) =>
    upsertEach('teams', records, {
      exists: async (r) => Boolean(r.code && (await repo.findTeamByCode(trx, r.code))),
      create: (r) => createTeam(trx, { actor, input: r }),
      update: (r) => updateTeam(trx, { actor, code: r.code!, input: r }),
    }),
  async exportRecords(db: Db, actor: Actor) {
    const rows = (await repo.allTeams(db)).filter((t) => inSubtree(actor, t.unit_path));
    return rows.map(presentTeam).map((t) => ({ code: t.code, unit: t.unit, kind: t.kind, name: t.name, members: t.members, establishedOn: t.establishedOn, dissolvedOn: t.dissolvedOn }));
  },
};
