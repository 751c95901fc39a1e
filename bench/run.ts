/**
 * `npm run bench [name…] [--households N --projects N --entries N --runs N --pg --keep]`: runs the named benchmarks
 * (all when none is named) and prints their figures. Needs `npm run build` first (npm install
 * does it). The flags size the clearance benchmark (default 1 000 000 households, 10 000
 * projects, 20 runs; `--pg` also measures PostgreSQL at DATABASE_URL, `--keep` keeps the SQLite file);
 * `--entries` sizes the search benchmark (default 100 000 index entries, 30 runs per query);
 * `portal` compares the article page with nginx and node:http (`--duration 10 --connections 50`, `--pg`).
 * `narrative` times the report preview on the demo (p50/p95; `--runs`, `--pg`).
 * `resources` adds `--models` (20 000) models with results to the demo and times the stats API, campaign page, phase report (`--runs`, `--pg`).
 * `reminders` times the daily sweep of reminders and digests on the demo with `--runs` more officers (500).
 * `mail` sends the e-mail outbox to a local SMTP server: e-mails/s, delay from commit to arrival (`--runs`, 1 000).
 * `writes` times small committed writes under SQLite's synchronous=FULL and NORMAL (`--runs`, 2 000);
 * `import` runs under both too. `scale` measures the DESIGN §6 scale bars on the city `npm run bench:data` generated
 * (`--data-dir ./data-scale` or `--pg` with KHEO_SCALE_PG_URL; `--no-import`); it is not run by default.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { benchClearance } from './clearance.js';
import { benchImport } from './import.js';
import { benchMail } from './mail.js';
import { benchNarrative } from './narrative.js';
import { benchReminders } from './reminders.js';
import { benchResources } from './resources.js';
import { benchPortal } from './portal.js';
import { benchScale } from './scale.js';
import { benchSearch } from './search.js';
import { benchStartup } from './startup.js';
import { benchWrites } from './writes.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { models: { type: 'string' }, households: { type: 'string' }, projects: { type: 'string' }, entries: { type: 'string' }, runs: { type: 'string' }, duration: { type: 'string' }, connections: { type: 'string' }, pg: { type: 'boolean' }, keep: { type: 'boolean' }, 'data-dir': { type: 'string' }, 'no-import': { type: 'boolean' } },
});
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v.replace(/[._\s]/g, '')));

const BENCHES: Record<string, () => Promise<void>> = {
  startup: benchStartup,
  import: async () => {
    await benchImport(10_000, 'full');
    await benchImport(10_000, 'normal');
  },
  writes: () => benchWrites(num(values.runs)),
  clearance: () => benchClearance({ households: num(values.households), projects: num(values.projects), runs: num(values.runs), pg: values.pg, keep: values.keep }),
  portal: () => benchPortal({ pg: values.pg, duration: num(values.duration), connections: num(values.connections) }),
  scale: () => benchScale({ dataDir: values['data-dir'], pg: values.pg, runs: num(values.runs), duration: num(values.duration), noImport: values['no-import'] }),
  narrative: () => benchNarrative({ runs: num(values.runs), pg: values.pg }),
  mail: () => benchMail(num(values.runs)),
  reminders: () => benchReminders(num(values.runs)),
  resources: () => benchResources({ models: num(values.models), runs: num(values.runs), pg: values.pg }),
  search: () => benchSearch({ entries: num(values.entries), runs: num(values.runs), pg: values.pg, keep: values.keep }),
};

if (!existsSync('dist/cli.js')) {
  console.error('Chưa có dist/: hãy chạy "npm run build" trước.');
  process.exit(1);
}
const names = positionals;
for (const name of names.length ? names : Object.keys(BENCHES).filter((n) => n !== 'scale')) {
  const run = BENCHES[name];
  if (!run) {
    console.error(`Không có phép đo "${name}". Có: ${Object.keys(BENCHES).join(', ')}`);
    process.exit(1);
  }
  await run();
}
