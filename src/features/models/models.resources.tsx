/** @jsxImportSource hono/jsx */
/**
 * What the models mobilised (issue #23), as big numbers: one way of saying each figure, used by
 * the campaign's page for officers, the first screen and the portal, so they read alike (the
 * report says them in a sentence, narrative.facts.ts, with the same words for money). A figure no
 * result recorded is left out (unknown, not 0); money only where `money` (officers; the portal
 * when the campaign publishes it).
 */
import { formatMoneyWords, formatNumber } from '../../lib/vi.js';
import type { Resources } from './models.service.js';

/** The figures to show, in order, each as its number and its words; nothing when none is known. */
export function resourceItems(r: Resources, opts: { money: boolean }): { key: keyof Resources; figure: string; words: string }[] {
  const out: { key: keyof Resources; figure: string; words: string }[] = [];
  if (opts.money && r.moneyVnd) out.push({ key: 'moneyVnd', figure: formatMoneyWords(r.moneyVnd), words: 'Nhân dân đóng góp qua các mô hình' });
  if (r.workDays) out.push({ key: 'workDays', figure: formatNumber(r.workDays), words: 'ngày công' });
  if (r.landDonatedM2) out.push({ key: 'landDonatedM2', figure: `${formatNumber(r.landDonatedM2)} m²`, words: `đất Nhân dân hiến${r.householdsDonating ? ` (${formatNumber(r.householdsDonating)} hộ)` : ''}` });
  else if (r.householdsDonating) out.push({ key: 'householdsDonating', figure: formatNumber(r.householdsDonating), words: 'hộ hiến đất' });
  if (r.householdsPersuaded) out.push({ key: 'householdsPersuaded', figure: formatNumber(r.householdsPersuaded), words: 'hộ được vận động bàn giao mặt bằng' });
  if (r.beneficiaries) out.push({ key: 'beneficiaries', figure: formatNumber(r.beneficiaries), words: 'người dân hưởng lợi' });
  return out;
}

/** The figures as `.stat` boxes, for a `.big-numbers` or `.stats` row. */
export function ResourceStats({ r, money }: { r: Resources; money: boolean }) {
  return (
    <>
      {resourceItems(r, { money }).map((i) => (
        <div class="stat" data-figure={i.key}>
          <b>{i.figure}</b> {i.words}
        </div>
      ))}
    </>
  );
}
