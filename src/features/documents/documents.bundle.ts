import type { Db, Tx } from '../../db/index.js';
import type { Actor } from '../accounts/policy.js';
import { atRecord, type BundleSection } from '../bundle/bundle.service.js';
import * as repo from './documents.repository.js';
import { ZDocument, type TDocument } from './documents.schemas.js';
import { createDocument, presentDocument, updateDocument } from './documents.service.js';

export const documentsBundle: BundleSection<TDocument> = {
  key: 'documents',
  label: 'Văn bản',
  record: ZDocument,
  async importRecords(trx: Tx, actor: Actor, records: TDocument[]) {
    let created = 0;
    let updated = 0;
    for (const [i, r] of records.entries()) {
      try {
        const existing = await repo.findDocument(trx, r.number, r.date);
        if (existing) {
          await updateDocument(trx, { actor, id: existing.id, input: r });
          updated++;
        } else {
          await createDocument(trx, { actor, input: r });
          created++;
        }
      } catch (e) {
        throw atRecord('documents', i, e);
      }
    }
    return { created, updated };
  },
  async exportRecords(db: Db, actor: Actor) {
    const rows = await repo.listAllDocuments(db);
    return rows
      .filter((r) => actor.kind === 'system' || !r.unit_path || r.unit_path.startsWith(actor.unitPath))
      .map(presentDocument)
      .map((d) => ({ number: d.number, kind: d.kind, issuer: d.issuer, unit: d.unit, date: d.date, effectiveDate: d.effectiveDate, title: d.title }));
  },
};
