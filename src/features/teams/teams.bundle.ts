import type { Db, Tx } from '../../db/index.js';
import type { Actor } from '../accounts/policy.js';
import { atRecord, type BundleSection } from '../bundle/bundle.service.js';
import * as repo from './teams.repository.js';
import { ZTeam, type TTeam } from './teams.schemas.js';
import { createTeam, presentTeam, updateTeam } from './teams.service.js';

export const teamsBundle: BundleSection<TTeam> = {
  key: 'teams',
  label: 'Tổ, đội',
  record: ZTeam,
  async importRecords(trx: Tx, actor: Actor, records: TTeam[]) {
    let created = 0;
    let updated = 0;
    for (const [i, r] of records.entries()) {
      try {
        if (r.code && (await repo.findTeamByCode(trx, r.code))) {
          await updateTeam(trx, { actor, code: r.code, input: r });
          updated++;
        } else {
          await createTeam(trx, { actor, input: r });
          created++;
        }
      } catch (e) {
        throw atRecord('teams', i, e);
      }
    }
    return { created, updated };
  },
  async exportRecords(db: Db, actor: Actor) {
    const rows = (await repo.allTeams(db)).filter((t) => actor.kind === 'system' || t.unit_path.startsWith(actor.unitPath));
    return rows.map(presentTeam).map((t) => ({ code: t.code, unit: t.unit, kind: t.kind, name: t.name, members: t.members, establishedOn: t.establishedOn, dissolvedOn: t.dissolvedOn }));
  },
};
