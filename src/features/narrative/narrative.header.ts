/**
 * Where a campaign's unit stands in the Party's hierarchy, and so the header, "Nơi nhận" and
 * signature of its report (Hướng dẫn 36-HD/VPTW):
 *
 * - a province or a centrally-run city (Tỉnh ủy, Thành ủy — under the Central Committee): no
 *   superior line; reports to the Central Committee's bodies; Ban Thường vụ signs;
 * - a district-level unit — quận, huyện, thị xã, provincial city (a `city` under a `province`):
 *   "ĐẢNG BỘ TỈNH …" or "ĐẢNG BỘ THÀNH PHỐ …" above "HUYỆN ỦY …"; reports to the Thường trực of the
 *   Tỉnh ủy or Thành ủy; Ban Thường vụ signs;
 * - a commune-level unit — phường, xã, thị trấn: "ĐẢNG BỘ HUYỆN …" (or "ĐẢNG BỘ TỈNH …" since the
 *   two-tier local government of 1/7/2025) above "ĐẢNG ỦY XÃ …"; reports to the Thường trực of the
 *   body above; the Đảng ủy signs.
 *
 * The superior is the nearest territorial ancestor that existed on the report's date (its
 * `valid_to` not before it): a commune whose district was dissolved on 30/06/2025 reports to the
 * district before that date and to the province after, whether the data keeps the commune under
 * its old district or moved it under the province.
 */
import type { UnitRow } from '../units/units.service.js';
import { formatNumber } from '../../lib/vi.js';
import { placeOf } from '../../lib/docx.js';

type U = Pick<UnitRow, 'name' | 'kind'> & Partial<Pick<UnitRow, 'valid_from' | 'valid_to'>>;

type PartyLevel = 'central' | 'district' | 'grassroots' | 'other';

export interface Committee {
  /** "HUYỆN ỦY GIA LÂM" */
  body: string;
  /** as named in running text: "Huyện ủy" */
  short: string;
  /** the kind and issuer part of the number: "BC/HU" */
  symbol: string;
  /** the Party organisation of the place: "ĐẢNG BỘ HUYỆN GIA LÂM" */
  organisation: string;
  level: PartyLevel;
}

const TERRITORIAL = new Set(['province', 'city', 'district', 'town', 'ward', 'commune', 'township']);
const upper = (s: string) => s.toUpperCase();

/** The Party committee of a unit; `parent` tells a provincial city from a centrally-run one. */
function committeeOf(u: U, parent?: U): Committee {
  const p = placeOf(u.name);
  const organisation = upper(`Đảng bộ ${u.name}`);
  switch (u.kind) {
    case 'province':
      return { body: upper(`Tỉnh ủy ${p}`), short: 'Tỉnh ủy', symbol: 'BC/TU', organisation, level: 'central' };
    case 'city':
      return { body: upper(`Thành ủy ${p}`), short: 'Thành ủy', symbol: 'BC/TU', organisation, level: parent?.kind === 'province' ? 'district' : 'central' };
    case 'town':
      return { body: upper(`Thị ủy ${p}`), short: 'Thị ủy', symbol: 'BC/TU', organisation, level: 'district' };
    case 'district': {
      const rural = /^Huyện\b/u.test(u.name);
      return { body: upper(`${rural ? 'Huyện' : 'Quận'} ủy ${p}`), short: rural ? 'Huyện ủy' : 'Quận ủy', symbol: rural ? 'BC/HU' : 'BC/QU', organisation, level: 'district' };
    }
    case 'ward':
    case 'commune':
    case 'township':
      return { body: upper(`Đảng ủy ${u.name}`), short: 'Đảng ủy', symbol: 'BC/ĐU', organisation, level: 'grassroots' };
    case 'partyCommittee':
      return { body: upper(u.name), short: u.name, symbol: 'BC', organisation: '', level: 'other' };
    default:
      return { body: upper(`Đảng ủy ${u.name}`), short: 'Đảng ủy', symbol: 'BC/ĐU', organisation, level: 'other' };
  }
}

/**
 * The unit's superior territorial unit on a date, from its ancestors nearest first: the first
 * that is territorial and existed then. Organisations in between (a Party committee holding a
 * ward in a test tree) are passed over.
 */
function superiorOn<T extends U>(ancestors: T[], on: string): T | undefined {
  return ancestors.find((a) => TERRITORIAL.has(a.kind) && (!a.valid_to || a.valid_to >= on) && (!a.valid_from || a.valid_from <= on));
}

interface HeaderParts {
  superior: string;
  body: string;
  committee: string;
  symbol: string;
  place: string;
  signFor: string;
  signTitle: string;
  recipients: string[];
}

/**
 * The header of a unit's report: `ancestors` nearest first (parent, grandparent, …), `on` the
 * report's date. A unit with no superior on record keeps a neutral "Cấp ủy cấp trên".
 */
export function headerFor(unit: U, ancestors: U[], on: string): HeaderParts {
  const sup = superiorOn(ancestors, on);
  const supParent = sup ? ancestors[ancestors.indexOf(sup) + 1] : undefined;
  const c = committeeOf(unit, sup);
  const above = sup ? committeeOf(sup, supParent) : undefined;
  const place = placeOf(unit.name);
  if (c.level === 'central') {
    return {
      superior: '',
      body: c.body,
      committee: c.short,
      symbol: c.symbol,
      place,
      signFor: 'T/M BAN THƯỜNG VỤ',
      signTitle: 'PHÓ BÍ THƯ THƯỜNG TRỰC',
      recipients: ['Ban Bí thư Trung ương Đảng (để báo cáo),', 'Ban Dân vận Trung ương (để báo cáo),', `Các đồng chí Ủy viên Ban Thường vụ ${c.short},`, `Các đảng bộ trực thuộc ${c.short},`, `Lưu Văn phòng ${c.short}.`],
    };
  }
  const toAbove = above ? [`Thường trực ${above.short} (để báo cáo),`, `Ban Dân vận ${above.short} (để báo cáo),`] : ['Cấp ủy cấp trên (để báo cáo),'];
  if (c.level === 'district') {
    return {
      superior: sup ? above!.organisation : '',
      body: c.body,
      committee: c.short,
      symbol: c.symbol,
      place,
      signFor: 'T/M BAN THƯỜNG VỤ',
      signTitle: 'PHÓ BÍ THƯ THƯỜNG TRỰC',
      recipients: [...toAbove, `Các đồng chí Ủy viên Ban Thường vụ ${c.short},`, `Các chi, đảng bộ trực thuộc ${c.short},`, `Lưu Văn phòng ${c.short}.`],
    };
  }
  return {
    superior: sup ? above!.organisation : '',
    body: c.body,
    committee: c.short,
    symbol: c.symbol,
    place,
    signFor: 'T/M ĐẢNG ỦY',
    signTitle: 'BÍ THƯ',
    recipients: [...toAbove, 'Các đồng chí Đảng ủy viên,', 'Các chi bộ trực thuộc,', 'Lưu Văn phòng Đảng ủy.'],
  };
}

/**
 * The territory in words, from the units directly under the campaign's unit that existed on
 * the date: "14 phường", "20 xã và 1 thị trấn", "7 huyện, 1 thị xã và 1 thành phố" (`dia_ban`),
 * and the same as a plural for "Khối vận các xã, thị trấn" (`co_so`). A commune-level unit has
 * villages and residential groups below it: "12 thôn, tổ dân phố".
 */
export function territoryOf(children: U[], on: string): { count: string; plural: string; grassroots: string; rural: boolean } {
  const live = children.filter((u) => (!u.valid_from || u.valid_from <= on) && (!u.valid_to || u.valid_to >= on));
  const word = (u: U): string | null => {
    switch (u.kind) {
      case 'district':
        return /^Huyện\b/u.test(u.name) ? 'huyện' : 'quận';
      case 'town':
        return 'thị xã';
      case 'city':
        return 'thành phố';
      case 'ward':
        return 'phường';
      case 'commune':
        return 'xã';
      case 'township':
        return 'thị trấn';
      default:
        return null;
    }
  };
  const ORDER = ['quận', 'huyện', 'thị xã', 'thành phố', 'phường', 'xã', 'thị trấn'];
  const counts = new Map<string, number>();
  for (const u of live) {
    const w = word(u);
    if (w) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  const words = ORDER.filter((w) => counts.has(w));
  const rural = live.some((u) => u.kind === 'commune' || u.kind === 'township' || (u.kind === 'district' && /^Huyện\b/u.test(u.name)) || (u.kind === 'residentialGroup' && /^(Thôn|Xóm|Bản|Ấp|Làng)\b/u.test(u.name)));
  if (words.length) {
    const parts = words.map((w) => `${formatNumber(counts.get(w)!)} ${w}`);
    const count = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} và ${parts.at(-1)!}`;
    return { count, plural: `các ${words.join(', ')}`, grassroots: rural ? 'thôn, tổ dân phố' : 'tổ dân phố', rural };
  }
  const groups = live.filter((u) => u.kind === 'residentialGroup');
  if (!groups.length) return { count: '', plural: '', grassroots: 'tổ dân phố', rural: false };
  const villages = groups.filter((u) => /^(Thôn|Xóm|Bản|Ấp|Làng)\b/u.test(u.name)).length;
  const label = villages === groups.length ? 'thôn' : villages === 0 ? 'tổ dân phố' : 'thôn, tổ dân phố';
  return { count: `${formatNumber(groups.length)} ${label}`, plural: '', grassroots: label, rural: villages > 0 };
}
