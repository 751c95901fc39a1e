/**
 * The batched import of models (ModelBatch, through the bundle's models section) must write
 * exactly what registering and editing the same records one by one writes: the same codes, rows,
 * search entries, audit rows and numbering, in the same order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/support/db.js';
import { actorOf, seedWorld, system } from '../../../test/support/fixtures.js';
import { ForbiddenError } from '../../policy/policy.js';
import { bundle } from '../exchange/registry.js';
import { createCampaign } from '../campaigns/campaigns.service.js';
import { findModelByCode } from './models.repository.js';
import { editModel, ModelBatch, registerModel, submitModel } from './models.service.js';

let batched: TestDb;
let oneByOne: TestDb;

async function world(db: TestDb) {
  await seedWorld(db.db);
  await db.db.transaction().execute(async (trx) => {
    await createCampaign(trx, { actor: system, input: { code: 'HN-2021', unit: 'HN', year: 2021, theme: 'Năm Dân vận khéo', fields: [{ code: 'GPMB', name: 'Giải phóng mặt bằng' }, { code: 'MT', name: 'Bảo vệ môi trường' }] } });
    await createCampaign(trx, { actor: system, input: { code: 'HN-2022', unit: 'HN', year: 2022, theme: 'Năm Dân vận khéo', fields: [{ code: 'GPMB', name: 'Giải phóng mặt bằng' }] } });
    // a model already recorded under a code that automatic numbering reaches: it must be skipped
    await registerModel(trx, { actor: system, input: { code: 'HN-2021-0003', campaign: 'HN-2021', unit: 'A', field: 'MT', holder: 'collective', name: 'Mô hình có sẵn', registeredOn: '2021-02-01' } });
  });
}

const base = { campaign: 'HN-2021', holder: 'collective', unit: 'A-1', field: 'GPMB' };
/** Records a workbook brings: numbered and coded ones, every status, a code numbering hands out earlier in the same file, and enough rows to cross a batch. */
const records: Record<string, unknown>[] = [
  { ...base, name: 'Bản nháp tự đánh mã' },
  { ...base, name: 'Đã đăng ký, tự đánh mã', registeredOn: '2021-03-15', problem: 'Hộ dân chưa đồng thuận', goals: '100% hộ bàn giao' },
  { ...base, code: 'HN-2021-0004', name: 'Cùng mã với dòng trên: sửa mô hình đó', unit: 'B-1', field: 'MT' },
  { ...base, code: 'HN-2021-0003', name: 'Mô hình có sẵn, sửa lại', unit: 'A' },
  { ...base, code: 'RIENG-01', holder: 'individual', holderName: 'Trần Thị Hòa', name: 'Mã riêng, cá nhân', registeredOn: '2021-04-20', exemplary: true },
  { ...base, code: 'RIENG-02', name: 'Mã riêng thứ hai: số thứ tự vẫn tăng' },
  // a code in another campaign's numbering, then that campaign's first numbered model
  { ...base, code: 'HN-2022-0001', name: 'Mã theo số thứ tự của chủ đề năm khác' },
  { ...base, campaign: 'HN-2022', name: 'Mô hình đầu tiên của năm 2022' },
  { ...base, name: 'Đã dừng', status: 'stopped', registeredOn: '2021-01-10', stoppedOn: '2021-06-30', stopReason: 'Hết nguồn lực' },
  { ...base, name: 'Bị trả lại', status: 'returned', returnReason: 'Thiếu tiêu chí đo được' },
  { ...base, name: 'Chờ duyệt', status: 'submitted', unit: 'B' },
  ...Array.from({ length: 1050 }, (_, i) => ({ ...base, name: `Mô hình số ${i + 1}`, unit: i % 2 ? 'A-1' : 'B-1', ...(i % 3 ? { registeredOn: '2021-05-01' } : {}) })),
  { ...base, code: 'HN-2021-0900', name: 'Mã đã được đánh trong tệp: sửa', field: 'MT' },
];

beforeAll(async () => {
  batched = await createTestDb();
  oneByOne = await createTestDb();
  await world(batched);
  await world(oneByOne);
});
afterAll(async () => {
  await batched.destroy();
  await oneByOne.destroy();
});

/** Every row a model import writes, timestamps left out. */
async function written(db: TestDb) {
  const models = await db.db.selectFrom('models').selectAll().orderBy('id').execute();
  const search = await db.db.selectFrom('search_entries').select(['id', 'kind', 'ref_id', 'title', 'url', 'summary', 'dated', 'visible_from', 'folded_title', 'folded_body']).orderBy('id').execute();
  // in order, without ids: a bundle import adds its own row (bundle.import) after each section's
  const audit = await db.db.selectFrom('audit_log').select(['actor_name', 'action', 'entity_type', 'entity_id', 'outcome', 'before_json', 'after_json']).where('entity_type', '=', 'model').orderBy('id').execute();
  const campaign = await db.db.selectFrom('campaigns').select(['code', 'model_seq']).orderBy('code').execute();
  return {
    models: models.map(({ created_at: _c, updated_at: _u, submitted_at, decided_at, ...m }) => ({ ...m, submitted: submitted_at !== null, decided: decided_at !== null })),
    search,
    audit,
    campaign,
  };
}

describe('batched model import', () => {
  it('writes exactly what registering and editing the records one by one writes', async () => {
    const counts = await batched.db.transaction().execute((trx) => bundle.importBundle(trx, system, { version: 1, models: records }, { onlySections: ['models'] }));
    expect(counts.models).toEqual({ created: records.length - 3, updated: 3 });
    // the reference: each record through the services, in order, as forms and the API write them
    await oneByOne.db.transaction().execute(async (trx) => {
      for (const r of records) {
        if (typeof r.code === 'string' && (await findModelByCode(trx, r.code))) await editModel(trx, { actor: system, code: r.code, input: r });
        else await registerModel(trx, { actor: system, input: r });
      }
    });
    const a = await written(batched);
    const b = await written(oneByOne);
    expect(a.models.length).toBe(records.length - 3 + 1);
    // numbering skipped the code recorded before and the ones the file brings
    expect(a.models.slice(1, 8).map((m) => m.code)).toEqual(['HN-2021-0002', 'HN-2021-0004', 'RIENG-01', 'RIENG-02', 'HN-2022-0001', 'HN-2022-0002', 'HN-2021-0007']);
    expect(a.models.find((m) => m.name === 'Mô hình đầu tiên của năm 2022')?.code).toBe('HN-2022-0002');
    expect(a.models.find((m) => m.code === 'HN-2021-0004')).toMatchObject({ name: 'Cùng mã với dòng trên: sửa mô hình đó', registered_on: '2021-03-15' });
    expect(a.search.length).toBeGreaterThan(700);
    expect(a.models).toEqual(b.models);
    expect(a.search).toEqual(b.search);
    expect(a.audit).toEqual(b.audit);
    expect(a.campaign).toEqual(b.campaign);
  });

  it('edits recorded models exactly as editing them one by one does (a workbook imported again)', async () => {
    const recorded = await batched.db.selectFrom('models').select(['code', 'name', 'status']).where('code', 'like', 'HN-2021-%').orderBy('id').limit(400).execute();
    expect(new Set(recorded.map((m) => m.status))).toEqual(new Set(['draft', 'registered', 'stopped', 'returned', 'submitted']));
    const again = recorded.map((m, i) => ({ ...base, code: m.code, name: `${m.name} (sửa)`, unit: i % 3 ? 'B-1' : 'A', field: i % 2 ? 'MT' : 'GPMB', problem: `Vấn đề ${i}` }));
    const edits: Record<string, unknown>[] = [
      ...again.slice(0, 200),
      // one model edited twice, then a new model among the edits
      { ...again[5]!, name: 'Sửa lần hai' },
      { ...base, name: 'Mô hình mới giữa các dòng sửa' },
      ...again.slice(200),
    ];
    const counts = await batched.db.transaction().execute((trx) => bundle.importBundle(trx, system, { version: 1, models: edits }, { onlySections: ['models'] }));
    expect(counts.models).toEqual({ created: 1, updated: edits.length - 1 });
    await oneByOne.db.transaction().execute(async (trx) => {
      for (const r of edits) {
        if (typeof r.code === 'string') await editModel(trx, { actor: system, code: r.code, input: r });
        else await registerModel(trx, { actor: system, input: r });
      }
    });
    const a = await written(batched);
    const b = await written(oneByOne);
    expect(a.models.find((m) => m.code === recorded[5]!.code)?.name).toBe('Sửa lần hai');
    expect(a.models).toEqual(b.models);
    expect(a.search).toEqual(b.search);
    expect(a.audit).toEqual(b.audit);
    expect(a.campaign).toEqual(b.campaign);
  });

  it('authorises every record as a form would, naming the refused record, and writes nothing', async () => {
    const officer = await actorOf(batched.db, 'officer-a');
    const before = await written(batched);
    const attempt = (models: Record<string, unknown>[]) =>
      batched.db
        .transaction()
        .execute((trx) => bundle.importBundle(trx, officer, { version: 1, models }, { onlySections: ['models'] }))
        .then(
          () => null,
          (x: unknown) => x,
        );
    const own = { ...base, unit: 'A-1', name: 'Mô hình của phường mình' };
    // another ward's unit
    const outside = await attempt([own, own, { ...base, unit: 'B-1', name: 'Mô hình của phường khác' }]);
    expect(outside).toBeInstanceOf(ForbiddenError);
    expect((outside as Error).message).toMatch(/^models\[2\]: /);
    // recording a model as registered needs the right to accept it in the campaign's scope
    const decided = await attempt([own, { ...own, name: 'Tự ghi nhận đăng ký', registeredOn: '2021-05-01' }]);
    expect(decided).toBeInstanceOf(ForbiddenError);
    expect((decided as Error).message).toMatch(/^models\[1\]: /);
    // editing a registered model is a correction only those who may accept it may make
    const inWard = await batched.db.selectFrom('models').innerJoin('units', 'units.id', 'models.unit_id').select('models.code').where('units.code', 'in', ['A', 'A-1']).where('models.status', '=', 'registered').executeTakeFirstOrThrow();
    const registered = await attempt([own, { ...base, code: inWard.code, name: 'Sửa mô hình đã đăng ký' }]);
    expect(registered).toBeInstanceOf(ForbiddenError);
    expect((registered as Error).message).toMatch(/^models\[1\]: /);
    expect(await written(batched)).toEqual(before);
  });

  it('names the record of an error met while checking, and writes nothing', async () => {
    const before = await written(batched);
    const bad = [...records.slice(8, 20).map((r) => ({ ...r, name: `${String(r.name)} (lần hai)` })), { ...base, name: 'Đơn vị ngoài', unit: 'KHONG-CO' }];
    const e = await batched.db
      .transaction()
      .execute((trx) => bundle.importBundle(trx, system, { version: 1, models: bad }, { onlySections: ['models'] }))
      .then(
        () => null,
        (x: unknown) => x as { status: number; issues: { field: string; message: string }[] },
      );
    expect(e?.status).toBe(422);
    expect(e?.issues).toEqual([{ field: 'models[12].unit', message: 'Đơn vị: không tìm thấy đơn vị "KHONG-CO"' }]);
    expect(await written(batched)).toEqual(before);
  });
  it('holds the models it checked until it commits: a concurrent status change waits', async () => {
    const officer = await actorOf(batched.db, 'officer-a');
    const draft = await batched.db.transaction().execute((trx) => registerModel(trx, { actor: system, input: { ...base, name: 'Bản nháp đang được sửa qua tệp' } }));
    let committed = 0;
    let read!: () => void;
    const hasRead = new Promise<void>((resolve) => (read = resolve));
    const importing = batched.db.transaction().execute(async (trx) => {
      const batch = new ModelBatch(trx, officer);
      await batch.knowCodes([draft.code]);
      read();
      // the import checks the draft (an officer may edit a draft) and writes it a little later
      await new Promise((resolve) => setTimeout(resolve, 300));
      await batch.edit(draft.code, { ...base, name: 'Bản nháp đã sửa qua tệp' });
      await batch.flush();
      committed = performance.now();
    });
    await hasRead;
    // sent for acceptance meanwhile: a submitted model is edited only by those who may accept it
    await batched.db.transaction().execute((trx) => submitModel(trx, { actor: system, code: draft.code }));
    const submitted = performance.now();
    await importing;
    expect(submitted).toBeGreaterThan(committed);
    expect(await findModelByCode(batched.db, draft.code)).toMatchObject({ status: 'submitted', name: 'Bản nháp đã sửa qua tệp' });
  });
});

