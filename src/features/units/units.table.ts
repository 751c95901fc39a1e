import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Unit kinds cover every level that existed in the years the data covers: before 1/7/2025 a
 * province or centrally-run city held districts (quận, huyện), towns (thị xã) and provincial
 * cities, which held wards, communes and townships (thị trấn); since then a province or city
 * holds wards and communes directly. A provincial city (thành phố thuộc tỉnh) is a `city` whose
 * parent is a province. Kinds are stored as text (no check constraint): a new kind needs no
 * migration.
 */
export const UNIT_KINDS = [
  'city',
  'province',
  'district',
  'town',
  'ward',
  'commune',
  'township',
  'residentialGroup',
  'partyCommittee',
  'agency',
  'massOrganisation',
  'police',
  'military',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  city: 'Thành phố',
  province: 'Tỉnh',
  district: 'Quận/Huyện',
  town: 'Thị xã',
  ward: 'Phường',
  commune: 'Xã',
  township: 'Thị trấn',
  residentialGroup: 'Tổ dân phố/Thôn',
  partyCommittee: 'Cấp ủy Đảng',
  agency: 'Cơ quan',
  massOrganisation: 'Tổ chức chính trị - xã hội',
  police: 'Công an',
  military: 'Cơ quan quân sự',
};

/**
 * The sectors (khối) of the political system a unit belongs to (issue #23): models and rewards are
 * counted by them. Set on a unit or inherited from the nearest unit above that has one.
 */
export const UNIT_SECTORS = ['party', 'government', 'front', 'armedForces'] as const;
export type UnitSector = (typeof UNIT_SECTORS)[number];

export const UNIT_SECTOR_LABELS: Record<UnitSector, string> = {
  party: 'Khối Đảng',
  government: 'Khối chính quyền',
  front: 'Khối Mặt trận Tổ quốc và các đoàn thể',
  armedForces: 'Lực lượng vũ trang',
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
  /** the sector set on this unit (null: the nearest unit above decides) */
  sector: string | null;
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
