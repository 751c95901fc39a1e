import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export const UNIT_KINDS = [
  'city',
  'province',
  'district',
  'ward',
  'commune',
  'residentialGroup',
  'partyCommittee',
  'agency',
  'massOrganisation',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  city: 'Thành phố',
  province: 'Tỉnh',
  district: 'Quận/Huyện',
  ward: 'Phường',
  commune: 'Xã',
  residentialGroup: 'Tổ dân phố/Thôn',
  partyCommittee: 'Cấp ủy Đảng',
  agency: 'Cơ quan',
  massOrganisation: 'Tổ chức chính trị - xã hội',
};

/**
 * A unit's name as a sentence names it: a residential group is not unique on its own, so its
 * ward comes after it ("Tổ dân phố số 9, phường Phúc Đồng").
 */
export function unitLabel(name: string, kind: string, parentName: string | null): string {
  if (kind !== 'residentialGroup' || !parentName) return name;
  const parent = /^(Phường|Xã|Thị trấn) /.test(parentName) ? parentName.charAt(0).toLowerCase() + parentName.slice(1) : parentName;
  return `${name}, ${parent}`;
}

export interface UnitTable {
  id: Generated<number>;
  code: string;
  name: string;
  name_folded: string;
  kind: string;
  parent_id: number | null;
  /** materialised path of ids, "/1/5/23/": a subtree is a prefix */
  path: string;
  depth: number;
  admin_code: string | null;
  sort_order: number;
  valid_from: string | null;
  valid_to: string | null;
  address: string | null;
  deactivated_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface UnitSuccessorTable {
  unit_id: number;
  successor_id: number;
}

export type UnitRow = Selectable<UnitTable>;
export type NewUnitRow = Insertable<UnitTable>;
export type UnitUpdate = Updateable<UnitTable>;
