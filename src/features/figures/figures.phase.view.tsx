/** @jsxImportSource hono/jsx */
/**
 * A phase's report on screen (sơ kết, tổng kết giai đoạn): each year's figures side by side, the
 * change from the year before, the phase added up, and the phase's own rewards.
 */
import { formatDate, formatMoneyWords, formatNumber } from '../../lib/vi.js';
import { RECOGNITION_LEVEL_LABELS, type Resources } from '../models/models.service.js';
import type { PhaseFigures, PhaseYear } from './figures.service.js';

type Row = { label: string; of: (y: PhaseYear) => number | null; total: number | null | undefined; money?: boolean; m2?: boolean };

const show = (n: number | null, r: Row) => (n === null ? '—' : r.money ? formatMoneyWords(n) : r.m2 ? `${formatNumber(n)} m²` : formatNumber(n));

/** "+276 so với 2021" / "−12 so với 2021" / "không đổi so với 2021" against the year before it in the table; nothing when either is unknown */
function change(now: number | null, before: number | null | undefined, year: number, r: Row) {
  if (now === null || before === null || before === undefined) return null;
  if (now === before) return <span class="delta">{`không đổi so với ${year}`}</span>;
  const d = Math.abs(now - before);
  return <span class="delta">{`${now > before ? '+' : '−'}${r.money ? formatMoneyWords(d) : formatNumber(Math.round(d * 100) / 100)} so với ${year}`}</span>;
}

export function PhaseTable({ f, money }: { f: PhaseFigures; money: boolean }) {
  const levels = f.total.models.byRecognitionLevel.map((l) => l.level);
  const res = (k: keyof Resources, label: string, extra: Partial<Row> = {}): Row => ({ label, of: (y) => y.resources[k], total: f.total.resources[k], ...extra });
  const rows: Row[] = [
    { label: 'Mô hình đăng ký', of: (y) => y.models.total, total: f.total.models.total },
    { label: '— của tập thể', of: (y) => y.models.collective, total: f.total.models.collective },
    { label: '— của cá nhân', of: (y) => y.models.individual, total: f.total.models.individual },
    { label: 'Được đánh giá triển khai hiệu quả', of: (y) => y.models.effective, total: f.total.models.effective },
    ...levels.map((level): Row => ({ label: `Được công nhận ${RECOGNITION_LEVEL_LABELS[level].toLowerCase()}`, of: (y) => y.models.byRecognitionLevel.find((l) => l.level === level)?.count ?? 0, total: f.total.models.byRecognitionLevel.find((l) => l.level === level)?.count ?? 0 })),
    { label: 'Công trình "Dân vận khéo" được gắn biển', of: (y) => y.models.works, total: f.total.models.works },
    { label: 'Mô hình được khen thưởng trong năm', of: (y) => y.rewarded, total: f.total.rewarded },
    ...(money ? [res('moneyVnd', 'Nhân dân đóng góp', { money: true })] : []),
    res('workDays', 'Ngày công'),
    res('landDonatedM2', 'Đất Nhân dân hiến', { m2: true }),
    res('householdsDonating', 'Hộ hiến đất'),
    res('householdsPersuaded', 'Hộ được vận động bàn giao mặt bằng'),
    res('beneficiaries', 'Người dân hưởng lợi'),
    { label: 'Tổ, đội tự quản (cuối năm)', of: (y) => y.teams.teams, total: undefined },
  ];
  return (
    <div class="table-scroll">
      <table class="phase-years">
        <thead>
          <tr>
            <th>Chỉ tiêu</th>
            {f.years.map((y) => (
              <th class="num">
                <a href={`/quan-tri/chu-de/${encodeURIComponent(y.campaign)}?den=${encodeURIComponent(formatDate(y.through))}`}>Năm {y.year}</a>
                <br />
                <span class="muted">đến {formatDate(y.through)}</span>
              </th>
            ))}
            <th class="num">Cả giai đoạn</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <th scope="row">{r.label}</th>
              {f.years.map((y, i) => (
                <td class="num">
                  {show(r.of(y), r)}
                  {i > 0 ? change(r.of(y), r.of(f.years[i - 1]!), f.years[i - 1]!.year, r) : null}
                </td>
              ))}
              <td class="num">{r.total === undefined ? '' : <b>{show(r.total, r)}</b>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
