/**
 * `npm run bench [name…]`: runs the named benchmarks (all when none is named) and prints
 * their figures. Needs `npm run build` first (npm install does it).
 */
import { existsSync } from 'node:fs';
import { benchImport } from './import.js';
import { benchStartup } from './startup.js';

const BENCHES: Record<string, () => Promise<void>> = {
  startup: benchStartup,
  import: () => benchImport(),
};

if (!existsSync('dist/cli.js')) {
  console.error('Chưa có dist/: hãy chạy "npm run build" trước.');
  process.exit(1);
}
const names = process.argv.slice(2);
for (const name of names.length ? names : Object.keys(BENCHES)) {
  const run = BENCHES[name];
  if (!run) {
    console.error(`Không có phép đo "${name}". Có: ${Object.keys(BENCHES).join(', ')}`);
    process.exit(1);
  }
  await run();
}
