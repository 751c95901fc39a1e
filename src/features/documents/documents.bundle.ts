import type { Db, Tx } from '../../db/index.js';
import { inSubtree, type Actor } from '../../policy/policy.js';
import { upsertEach, type BundleSection } from '../bundle/bundle.service.js';
import * as repo from './documents.repository.js';
import { ZDocument, type TDocument } from './documents.schemas.js';
import { createDocument, presentDocument, updateDocument } from './documents.service.js';

export const documentsBundle: BundleSection<TDocument> = {
  key: 'documents',
  label: 'Văn bản',
  record: ZDocument,
  importRecords: (trx: Tx, actor: Actor, records: TDocument[]) =>
    upsertEach('documents', records, {
      exists: async (r) => (await repo.findDocument(trx, r.number, r.date)) !== undefined,
      create: (r) => createDocument(trx, { actor, input: r }),
      update: async (r) => updateDocument(trx, { actor, id: (await repo.findDocument(trx, r.number, r.date))!.id, input: r }),
    }),
  async exportRecords(db: Db, actor: Actor) {
    const rows = await repo.listAllDocuments(db);
    return rows
      .filter((r) => !r.unit_path || inSubtree(actor, r.unit_path))
      .map((r) => presentDocument(r))
      .map((d) => ({
        number: d.number,
        kind: d.kind,
        issuer: d.issuer,
        unit: d.unit,
        date: d.date,
        effectiveDate: d.effectiveDate,
        title: d.title,
        signer: d.signer,
        field: d.field,
        public: d.public,
        recipients: d.recipients.map((u) => u.code),
      }));
  },
};
