/**
 * The demo data set (DESIGN §7): Quận Long Biên in 2021, its 14 wards, the district's
 * organisations and the ward-level ones the seed article names, a few residential groups per
 * ward. Later slices add their parts (campaign, models, teams, projects…).
 */
import { slugify } from '../../lib/vi.js';

export const DEMO_ROOT = 'LB';

export const WARDS = [
  'Bồ Đề',
  'Cự Khối',
  'Đức Giang',
  'Gia Thụy',
  'Giang Biên',
  'Long Biên',
  'Ngọc Lâm',
  'Ngọc Thụy',
  'Phúc Đồng',
  'Phúc Lợi',
  'Sài Đồng',
  'Thạch Bàn',
  'Thượng Thanh',
  'Việt Hưng',
] as const;

export const wardCode = (ward: string): string => `LB-${slugify(ward).replace(/-/g, '').toUpperCase()}`;

/** Residential groups per ward: 220 in all, one Tổ Covid cộng đồng each (the seed's 220 teams). */
export const GROUPS: Record<(typeof WARDS)[number], number> = {
  'Bồ Đề': 18,
  'Cự Khối': 11,
  'Đức Giang': 17,
  'Gia Thụy': 14,
  'Giang Biên': 15,
  'Long Biên': 16,
  'Ngọc Lâm': 17,
  'Ngọc Thụy': 19,
  'Phúc Đồng': 14,
  'Phúc Lợi': 15,
  'Sài Đồng': 14,
  'Thạch Bàn': 17,
  'Thượng Thanh': 18,
  'Việt Hưng': 15,
};

export const groupCode = (ward: string, n: number): string => `${wardCode(ward)}-TDP${String(n).padStart(2, '0')}`;

interface DemoUnit {
  code: string;
  name: string;
  kind: string;
  parent: string | null;
  adminCode?: string;
  sortOrder?: number;
  address?: string;
  /** the khối (issue #23): set on the bodies, inherited by what lies under them */
  sector?: 'party' | 'government' | 'front' | 'armedForces';
}

export const DISTRICT_ORGS = ['LB-QU', 'LB-BDV', 'LB-UBND', 'LB-MTTQ', 'LB-QD', 'LB-HLHPN', 'LB-HCCB', 'LB-HND', 'LB-LDLD'] as const;

export function demoUnits(): DemoUnit[] {
  const out: DemoUnit[] = [
    { code: DEMO_ROOT, name: 'Quận Long Biên', kind: 'district', parent: null, adminCode: '004', address: 'Số 01, Vạn Hạnh, Quận Long Biên, TP Hà Nội' },
    { code: 'LB-QU', name: 'Quận ủy Long Biên', kind: 'partyCommittee', parent: DEMO_ROOT, sortOrder: 1, sector: 'party' },
    { code: 'LB-BDV', name: 'Ban Dân vận Quận ủy Long Biên', kind: 'agency', parent: 'LB-QU', sortOrder: 1 },
    { code: 'LB-UBND', name: 'UBND quận Long Biên', kind: 'agency', parent: DEMO_ROOT, sortOrder: 2, sector: 'government' },
    { code: 'LB-MTTQ', name: 'Ủy ban MTTQ Việt Nam quận Long Biên', kind: 'massOrganisation', parent: DEMO_ROOT, sortOrder: 3, sector: 'front' },
    { code: 'LB-QD', name: 'Quận đoàn Long Biên', kind: 'massOrganisation', parent: DEMO_ROOT, sortOrder: 4, sector: 'front' },
    { code: 'LB-HLHPN', name: 'Hội Liên hiệp Phụ nữ quận Long Biên', kind: 'massOrganisation', parent: DEMO_ROOT, sortOrder: 5, sector: 'front' },
    { code: 'LB-HCCB', name: 'Hội Cựu chiến binh quận Long Biên', kind: 'massOrganisation', parent: DEMO_ROOT, sortOrder: 6, sector: 'front' },
    { code: 'LB-HND', name: 'Hội Nông dân quận Long Biên', kind: 'massOrganisation', parent: DEMO_ROOT, sortOrder: 7, sector: 'front' },
    { code: 'LB-LDLD', name: 'Liên đoàn Lao động quận Long Biên', kind: 'massOrganisation', parent: DEMO_ROOT, sortOrder: 8, sector: 'front' },
  ];
  for (const ward of WARDS) {
    const code = wardCode(ward);
    // a ward's residential groups come under its government; its Front and organisations under the Front
    out.push({ code, name: `Phường ${ward}`, kind: 'ward', parent: DEMO_ROOT, sector: 'government' });
    out.push({ code: `${code}-UBND`, name: `UBND phường ${ward}`, kind: 'agency', parent: code, sortOrder: 1 });
    out.push({ code: `${code}-MTTQ`, name: `Ủy ban MTTQ phường ${ward}`, kind: 'massOrganisation', parent: code, sortOrder: 2, sector: 'front' });
    out.push({ code: `${code}-DTN`, name: `Đoàn thanh niên phường ${ward}`, kind: 'massOrganisation', parent: code, sortOrder: 3, sector: 'front' });
    out.push({ code: `${code}-HLHPN`, name: `Hội LHPN phường ${ward}`, kind: 'massOrganisation', parent: code, sortOrder: 4, sector: 'front' });
    for (let n = 1; n <= GROUPS[ward]; n++) out.push({ code: groupCode(ward, n), name: `Tổ dân phố số ${n}`, kind: 'residentialGroup', parent: code });
  }
  return out;
}

export const DEMO_SITE = {
  siteName: 'Quận Long Biên',
  owner: 'Cổng TTĐT: Quận Long Biên - TP Hà Nội',
  address: 'Số 01, Vạn Hạnh, Quận Long Biên, TP Hà Nội.',
  phone: '(024) 38724033',
  fax: '38724618',
  email: 'ubnd_longbien@hanoi.gov.vn',
  intro: 'Năm 2021, Quận ủy Long Biên chọn chủ đề "Năm Dân vận khéo, trọng tâm công tác giải phóng mặt bằng" (Kế hoạch số 18-KH/QU ngày 30/12/2020).',
};
