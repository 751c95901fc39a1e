import type { SheetSpec } from '../../lib/sheets.js';
import { TEAM_KINDS } from './teams.table.js';

export const TEAM_SHEET: SheetSpec = {
  sheet: 'Tổ, đội',
  section: 'teams',
  columns: [
    { header: 'Mã tổ, đội', key: 'code', width: 22, hint: 'Để trống: Khéo tự đặt mã.' },
    { header: 'Tên tổ, đội', key: 'name', required: true, width: 40 },
    { header: 'Loại', key: 'kind', required: true, values: Object.fromEntries(Object.entries(TEAM_KINDS).map(([k, v]) => [v, k])), width: 26 },
    { header: 'Mã đơn vị', key: 'unit', required: true, width: 22 },
    { header: 'Số thành viên', key: 'members', kind: 'int', width: 14 },
    { header: 'Ngày thành lập', key: 'establishedOn', kind: 'date', width: 14 },
  ],
};
