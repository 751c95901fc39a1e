/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import type { FieldIssue } from '../../lib/errors.js';
import { formatDate } from '../../lib/vi.js';
import { inTx, type AppEnv, type Ctx } from '../../web/context.js';
import { formData, list, pageActor, str, submitForm, type FormValues } from '../../web/forms.js';
import { AdminLayout, Csrf, ErrorSummary, Field, fieldErrorOf, fieldId, render, SelectField } from '../../web/layout.js';
import { authorize, can } from '../../policy/policy.js';
import type { PresentedUnit } from './units.schemas.js';
import * as units from './units.service.js';
import { UNIT_KIND_LABELS, UNIT_KINDS, UNIT_SECTOR_LABELS, UNIT_SECTORS, type UnitSector } from './units.table.js';

const kindOptions = UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }));
const sectorOptions = UNIT_SECTORS.map((v) => ({ value: v, label: UNIT_SECTOR_LABELS[v] }));
const indent = (u: PresentedUnit, base: number) => '\u00a0\u00a0'.repeat(Math.max(0, u.depth - base)) + u.name;

function TreeNodes({ nodes, c }: { nodes: units.UnitTreeNode[]; c: Ctx }) {
  return (
    <ul>
      {nodes.map((n) => (
        <li>
          <span class="node">
            <a href={`/quan-tri/don-vi/${encodeURIComponent(n.code)}`}>{n.name}</a>
            <span class="kind">
              {n.kindLabel} · {n.code}
            </span>
            {n.active ? null : <span class="badge off">Ngừng hoạt động{n.validTo ? ` từ ${formatDate(n.validTo)}` : ''}</span>}
          </span>
          {n.children.length ? <TreeNodes nodes={n.children} c={c} /> : null}
        </li>
      ))}
    </ul>
  );
}

/** Form values → service input (the service's schema does the checking). */
function unitInput(f: FormValues) {
  return {
    code: str(f.code),
    parent: str(f.parent) || null,
    name: str(f.name),
    kind: str(f.kind),
    adminCode: str(f.adminCode),
    sortOrder: str(f.sortOrder) || '0',
    validFrom: str(f.validFrom) || null,
    validTo: str(f.validTo) || null,
    address: str(f.address),
    sector: str(f.sector) || null,
    successors: list(f.successors).filter(Boolean),
  };
}

function UnitFields({ values, issues, isNew, scope }: { values: FormValues; issues: FieldIssue[]; isNew: boolean; scope: PresentedUnit[] }) {
  const base = Math.min(...scope.map((u) => u.depth), 0);
  return (
    <>
      {isNew ? (
        <>
          <Field name="code" label="Mã đơn vị" value={str(values.code)} issues={issues} required hint="Chữ, số, dấu chấm, gạch ngang; ví dụ LB-NGOCLAM. Không đổi được sau khi tạo." maxChars={64} />
          <SelectField name="parent" label="Đơn vị cấp trên" value={str(values.parent)} issues={issues} options={scope.filter((u) => u.active).map((u) => ({ value: u.code, label: indent(u, base) }))} empty="— (đơn vị gốc)" />
        </>
      ) : null}
      <Field name="name" label="Tên đơn vị" value={str(values.name)} issues={issues} required maxChars={200} />
      <SelectField name="kind" label="Loại đơn vị" value={str(values.kind)} issues={issues} options={kindOptions} required />
      <Field name="adminCode" label="Mã hành chính (theo danh mục nhà nước)" value={str(values.adminCode)} issues={issues} inputmode="numeric" maxChars={20} />
      <Field name="sortOrder" label="Thứ tự hiển thị" value={str(values.sortOrder) || '0'} issues={issues} type="number" />
      <Field name="validFrom" label="Hiệu lực từ ngày" value={str(values.validFrom)} issues={issues} hint="dd/mm/yyyy" inputmode="numeric" />
      <Field name="validTo" label="Hiệu lực đến ngày" value={str(values.validTo)} issues={issues} hint="dd/mm/yyyy — để trống nếu vẫn còn hiệu lực" inputmode="numeric" />
      <Field name="address" label="Địa chỉ" value={str(values.address)} issues={issues} maxChars={300} />
      <SelectField name="sector" label="Khối" value={str(values.sector)} issues={issues} options={sectorOptions} empty="— (theo đơn vị cấp trên)" hint="Để trống: đơn vị thuộc khối của đơn vị cấp trên. Mô hình, khen thưởng được thống kê theo khối." />
      {!isNew ? <SuccessorSelect values={values} issues={issues} scope={scope} /> : null}
    </>
  );
}

function SuccessorSelect({ values, issues, scope }: { values: FormValues; issues: FieldIssue[]; scope: PresentedUnit[] }) {
  const chosen = new Set(list(values.successors));
  const err = fieldErrorOf(issues, 'successors');
  return (
    <div class={err ? 'field has-error' : 'field'}>
      <label for={fieldId('successors')}>Đơn vị kế thừa (khi sáp nhập, giải thể)</label>
      <p class="hint">Giữ phím Ctrl để chọn nhiều đơn vị.</p>
      {err ? <p class="field-error">{err}</p> : null}
      <select id={fieldId('successors')} name="successors" multiple size={5}>
        {scope.filter((u) => u.code !== str(values.code)).map((u) => (
          <option value={u.code} selected={chosen.has(u.code)}>
            {u.name} ({u.code})
          </option>
        ))}
      </select>
    </div>
  );
}

const presentedToValues = (u: PresentedUnit): FormValues => ({
  code: u.code,
  parent: u.parent ?? '',
  name: u.name,
  kind: u.kind,
  adminCode: u.adminCode ?? '',
  sortOrder: String(u.sortOrder),
  validFrom: formatDate(u.validFrom),
  validTo: formatDate(u.validTo),
  address: u.address ?? '',
  sector: u.sector ?? '',
  successors: u.successors,
});

async function newPage(c: Ctx, values: FormValues, issues: FieldIssue[], message?: string, status: 200 | 409 | 422 = 200) {
  const actor = pageActor(c);
  authorize(actor, 'unit.create');
  const scope = await units.listUnitsFlat(c.var.deps.db.db, actor);
  return render(
    c,
    <AdminLayout c={c} title="Thêm đơn vị" active="don-vi">
      <ErrorSummary issues={issues} message={message} />
      <form method="post" action="/quan-tri/don-vi/moi" class="card" novalidate>
        <Csrf c={c} />
        <UnitFields values={values} issues={issues} isNew scope={scope} />
        <div class="actions">
          <button type="submit">Tạo đơn vị</button>
          <a href="/quan-tri/don-vi">Hủy</a>
        </div>
      </form>
    </AdminLayout>,
    status,
  );
}

async function editPage(c: Ctx, code: string, values: FormValues | null, issues: FieldIssue[], message?: string, status: 200 | 409 | 422 = 200) {
  const actor = pageActor(c);
  const db = c.var.deps.db.db;
  const unit = await units.getUnit(db, actor, code);
  const scope = await units.listUnitsFlat(db, actor, { includeInactive: true });
  const children = scope.filter((u) => u.parent === unit.code);
  const moveTargets = scope.filter((u) => u.active && u.code !== unit.code && !isDescendant(scope, u, unit.code));
  const v = values ?? presentedToValues(unit);
  const base = Math.min(...scope.map((u) => u.depth), 0);
  const parentName = scope.find((u) => u.code === unit.parent)?.name ?? unit.parent;
  return render(
    c,
    <AdminLayout c={c} title={unit.name} active="don-vi">
      <p class="muted">
        {unit.kindLabel} · mã {unit.code}
        {unit.parent ? <> · trực thuộc {parentName}</> : ' · đơn vị gốc'}{' '}
        {unit.active ? <span class="badge ok">Đang hoạt động</span> : <span class="badge off">Ngừng hoạt động</span>}
        {' · '}
        {unit.effectiveSector ? `${UNIT_SECTOR_LABELS[unit.effectiveSector as UnitSector]}${unit.sector ? '' : ' (theo đơn vị cấp trên)'}` : 'chưa xếp khối'}
      </p>
      <ErrorSummary issues={issues} message={message} />
      {can(actor, 'unit.update') ? (
        <form method="post" action={`/quan-tri/don-vi/${encodeURIComponent(unit.code)}`} class="card" novalidate>
          <h2>Thông tin đơn vị</h2>
          <Csrf c={c} />
          <UnitFields values={{ ...v, code: unit.code }} issues={issues} isNew={false} scope={scope} />
          <div class="actions">
            <button type="submit">Lưu thay đổi</button>
            <a href="/quan-tri/don-vi">Về cây đơn vị</a>
          </div>
        </form>
      ) : null}
      <section class="card">
        <h2>Đơn vị trực thuộc ({children.length})</h2>
        {children.length ? (
          <ul>
            {children.map((u) => (
              <li>
                <a href={`/quan-tri/don-vi/${encodeURIComponent(u.code)}`}>{u.name}</a> <span class="muted">{u.kindLabel}</span>
                {u.active ? null : <span class="badge off"> Ngừng hoạt động</span>}
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">Chưa có đơn vị trực thuộc.</p>
        )}
        {unit.active && can(actor, 'unit.create') ? (
          <a class="button secondary" href={`/quan-tri/don-vi/moi?cha=${encodeURIComponent(unit.code)}`}>
            Thêm đơn vị trực thuộc
          </a>
        ) : null}
      </section>
      {can(actor, 'unit.move') && unit.parent ? (
        <form method="post" action={`/quan-tri/don-vi/${encodeURIComponent(unit.code)}/chuyen`} class="card">
          <h2>Chuyển sang đơn vị cấp trên khác</h2>
          <Csrf c={c} />
          <SelectField name="parent" label="Đơn vị cấp trên mới" value={unit.parent} issues={[]} options={moveTargets.map((u) => ({ value: u.code, label: indent(u, base) }))} />
          <button type="submit" class="secondary">
            Chuyển đơn vị
          </button>
        </form>
      ) : null}
      {can(actor, 'unit.deactivate') ? (
        <section class="card">
          <h2>Ngừng hoạt động, xóa</h2>
          {unit.active ? (
            <form method="post" action={`/quan-tri/don-vi/${encodeURIComponent(unit.code)}/ngung`} data-confirm={`Ngừng hoạt động đơn vị "${unit.name}"?`}>
              <Csrf c={c} />
              <p class="hint">Dùng khi đơn vị sáp nhập, giải thể. Dữ liệu lịch sử vẫn được giữ và thống kê được.</p>
              <Field name="validTo" label="Ngày thôi hiệu lực" value="" issues={[]} hint="dd/mm/yyyy" inputmode="numeric" />
              <button type="submit" class="danger">
                Ngừng hoạt động
              </button>
            </form>
          ) : (
            <form method="post" action={`/quan-tri/don-vi/${encodeURIComponent(unit.code)}/kich-hoat`}>
              <Csrf c={c} />
              <button type="submit" class="secondary">
                Cho hoạt động trở lại
              </button>
            </form>
          )}
          <form method="post" action={`/quan-tri/don-vi/${encodeURIComponent(unit.code)}/xoa`} data-confirm={`Xóa hẳn đơn vị "${unit.name}"? Chỉ xóa được đơn vị tạo nhầm, chưa được dùng ở đâu.`}>
            <Csrf c={c} />
            <p class="hint">Chỉ xóa được đơn vị tạo nhầm, chưa có đơn vị trực thuộc, tài khoản hay dữ liệu nào gắn với nó.</p>
            <button type="submit" class="danger">
              Xóa đơn vị
            </button>
          </form>
        </section>
      ) : null}
    </AdminLayout>,
    status,
  );
}

function isDescendant(all: PresentedUnit[], u: PresentedUnit, ancestorCode: string): boolean {
  const byCode = new Map(all.map((x) => [x.code, x]));
  let p = u.parent;
  for (let guard = 0; p && guard < 100; guard++) {
    if (p === ancestorCode) return true;
    p = byCode.get(p)?.parent ?? null;
  }
  return false;
}

/** Runs a unit action from a form; on a form problem re-renders the edit page with it. */
async function unitAction(c: Ctx, code: string, run: () => Promise<unknown>, flash: string, redirectTo?: string) {
  return submitForm(c, run, `${redirectTo ?? `/quan-tri/don-vi/${encodeURIComponent(code)}`}?thongbao=${flash}`, (p) => editPage(c, code, null, p.issues, p.message, p.status));
}

export const unitsAdmin = new Hono<AppEnv>()
  .get('/don-vi', async (c) => {
    const actor = pageActor(c);
    const showInactive = c.req.query('ngung') === '1';
    const tree = await units.listUnitTree(c.var.deps.db.db, actor, { includeInactive: showInactive });
    return render(
      c,
      <AdminLayout c={c} title="Đơn vị" active="don-vi">
        <div class="toolbar">
          {can(actor, 'unit.create') ? (
            <a class="button" href="/quan-tri/don-vi/moi">
              Thêm đơn vị
            </a>
          ) : null}
          <form method="get" action="/quan-tri/don-vi" class="checks">
            <label>
              <input type="checkbox" name="ngung" value="1" checked={showInactive} /> Hiện cả đơn vị đã ngừng hoạt động
            </label>
            <button type="submit" class="secondary">
              Lọc
            </button>
          </form>
        </div>
        <div class="card">{tree.length ? <nav aria-label="Cây đơn vị" class="tree"><TreeNodes nodes={tree} c={c} /></nav> : <p>Chưa có đơn vị nào.</p>}</div>
      </AdminLayout>,
    );
  })
  .get('/don-vi/moi', async (c) => newPage(c, { parent: c.req.query('cha') ?? '', kind: 'residentialGroup', sortOrder: '0' }, []))
  .post('/don-vi/moi', async (c) => {
    const actor = pageActor(c);
    const values = await formData(c);
    return submitForm(c, () => inTx(c, (trx) => units.createUnit(trx, { actor, input: unitInput(values) })), (u) => `/quan-tri/don-vi/${encodeURIComponent(u.code)}?thongbao=da-tao`, (p) =>
      newPage(c, values, p.issues, p.message, p.status),
    );
  })
  .get('/don-vi/:code', async (c) => editPage(c, c.req.param('code'), null, []))
  .post('/don-vi/:code', async (c) => {
    const actor = pageActor(c);
    const code = c.req.param('code');
    const values = await formData(c);
    return submitForm(c, () => inTx(c, (trx) => units.updateUnit(trx, { actor, code, input: unitInput(values) })), `/quan-tri/don-vi/${encodeURIComponent(code)}?thongbao=da-luu`, (p) =>
      editPage(c, code, values, p.issues, p.message, p.status),
    );
  })
  .post('/don-vi/:code/chuyen', async (c) => {
    const actor = pageActor(c);
    const code = c.req.param('code');
    const values = await formData(c);
    return unitAction(c, code, () => inTx(c, (trx) => units.moveUnit(trx, { actor, code, input: { parent: str(values.parent) } })), 'da-chuyen');
  })
  .post('/don-vi/:code/ngung', async (c) => {
    const actor = pageActor(c);
    const code = c.req.param('code');
    const values = await formData(c);
    return unitAction(c, code, () => inTx(c, (trx) => units.deactivateUnit(trx, { actor, code, input: { validTo: str(values.validTo) || null } })), 'da-ngung');
  })
  .post('/don-vi/:code/kich-hoat', async (c) => {
    const actor = pageActor(c);
    const code = c.req.param('code');
    return unitAction(c, code, () => inTx(c, (trx) => units.reactivateUnit(trx, { actor, code })), 'da-kich-hoat');
  })
  .post('/don-vi/:code/xoa', async (c) => {
    const actor = pageActor(c);
    const code = c.req.param('code');
    return unitAction(c, code, () => inTx(c, (trx) => units.deleteUnit(trx, { actor, code })), 'da-xoa', '/quan-tri/don-vi');
  });
