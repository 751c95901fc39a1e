/**
 * `npm run bench [name…] [--households N --projects N --runs N --pg --keep]`: runs the named benchmarks
 * (all when none is named) and prints their figures. Needs `npm run build` first (npm install
 * does it). The flags size the clearance benchmark (default 1 000 000 households, 10 000
 * projects, 20 runs; `--pg` also measures PostgreSQL at DATABASE_URL, `--keep` keeps the SQLite file).
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { benchClearance } from './clearance.js';
import { benchImport } from './import.js';
import { benchStartup } from './startup.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { households: { type: 'string' }, projects: { type: 'string' }, runs: { type: 'string' }, pg: { type: 'boolean' }, keep: { type: 'boolean' } },
});
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v.replace(/[._\s]/g, '')));

const BENCHES: Record<string, () => Promise<void>> = {
  startup: benchStartup,
  import: () => benchImport(),
  clearance: () => benchClearance({ households: num(values.households), projects: num(values.projects), runs: num(values.runs), pg: values.pg, keep: values.keep }),
};

if (!existsSync('dist/cli.js')) {
  console.error('Chưa có dist/: hãy chạy "npm run build" trước.');
  process.exit(1);
}
const names = positionals;
for (const name of names.length ? names : Object.keys(BENCHES)) {
  const run = BENCHES[name];
  if (!run) {
    console.error(`Không có phép đo "${name}". Có: ${Object.keys(BENCHES).join(', ')}`);
    process.exit(1);
  }
  await run();
}
