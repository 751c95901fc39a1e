#!/usr/bin/env node
/**
 * The shape of the code between slices, counted by dependency-cruiser (`npm run deps`):
 * imports from one slice into another, the slice→slice edges they form, the pairs of slices that
 * import each other, file cycles, and imports into another slice's repository or table module.
 * Test files are left out. A "slice" is a folder of src/features, or one of src/lib, src/db,
 * src/policy, src/web, src/cli (with its entry file src/cli.ts); src/config.ts counts as "config",
 * and the server's files at the top of src (app.ts, app.errors.tsx, main.ts) as "app".
 * db/database.ts importing every slice's table types (the schema) is counted apart.
 *
 *   npm run deps            the figures and the mutual pairs
 *   npm run deps -- --edges every slice→slice edge with its import count
 *   npm run deps -- --files every import behind each mutual pair, file by file
 *   npm run deps -- --check exit 1 if two slices import each other, or a file cycle or a foreign
 *                           repository or table import appears (npm run lint runs it)
 */
import { execFileSync } from 'node:child_process';

const raw = execFileSync('npx', ['depcruise', 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
const { modules } = JSON.parse(raw);

const sliceOf = (p) => {
  const f = /^src\/features\/([^/]+)\//.exec(p);
  if (f) return f[1];
  const d = /^src\/([^/]+)\//.exec(p);
  if (d) return d[1];
  if (p === 'src/config.ts') return 'config';
  // the `kheo` command's entry file belongs to the command (it only runs cli/commands.ts)
  if (p === 'src/cli.ts') return 'cli';
  return p.startsWith('src/') ? 'app' : null;
};
const isTest = (p) => /\.test\.tsx?$/.test(p);

const edges = new Map();
let imports = 0;
let typeOnly = 0;
let foreignRepo = 0;
let foreignTable = 0;
const cycles = new Set();
let files = 0;
let schema = 0;
const byEdge = new Map();
for (const m of modules) {
  if (!m.source.startsWith('src/') || isTest(m.source)) continue;
  files++;
  const a = sliceOf(m.source);
  for (const d of m.dependencies) {
    if (d.circular) cycles.add([m.source, d.resolved].sort().join(' ↔ '));
    const b = sliceOf(d.resolved);
    if (!b || a === b || !d.resolved.startsWith('src/')) continue;
    // the schema aggregate: db/database.ts gathers every slice's table types (docs/architecture.md)
    if (m.source === 'src/db/database.ts' && /\.table\.ts$/.test(d.resolved)) {
      schema++;
      continue;
    }
    imports++;
    if ((d.dependencyTypes ?? []).includes('type-only')) typeOnly++;
    if (/\.repository\.ts$/.test(d.resolved)) foreignRepo++;
    if (/\.table\.ts$/.test(d.resolved) && m.source !== 'src/db/database.ts') foreignTable++;
    const k = `${a} → ${b}`;
    edges.set(k, (edges.get(k) ?? 0) + 1);
    if (!byEdge.has(k)) byEdge.set(k, []);
    byEdge.get(k).push(`${m.source} → ${d.resolved}`);
  }
}
const mutual = [...edges.keys()]
  .map((k) => k.split(' → '))
  .filter(([a, b]) => a < b && edges.has(`${b} → ${a}`))
  .map(([a, b]) => `${a} ↔ ${b} (${edges.get(`${a} → ${b}`)} / ${edges.get(`${b} → ${a}`)})`);

const featureEdges = [...edges.keys()].filter((k) => k.split(' → ').every((s) => !['lib', 'db', 'policy', 'web', 'cli', 'app', 'config'].includes(s)));
console.log(`Tệp mã nguồn (không kể kiểm thử): ${files}`);
console.log(`Import giữa các lát: ${imports} (trong đó chỉ kiểu: ${typeOnly}); cạnh lát→lát: ${edges.size} (giữa các lát của src/features: ${featureEdges.length})`);
console.log(`Kiểu bảng gom vào lược đồ (db/database.ts → *.table.ts, không tính ở trên): ${schema}`);
console.log(`Cặp lát import lẫn nhau: ${mutual.length}`);
for (const m of mutual) {
  console.log(`  ${m}`);
  if (process.argv.includes('--files')) {
    const [a, b] = m.split(' (')[0].split(' ↔ ');
    for (const k of [`${a} → ${b}`, `${b} → ${a}`]) for (const f of byEdge.get(k)) console.log(`      ${f}`);
  }
}
console.log(`Vòng import giữa các tệp: ${cycles.size}`);
for (const c of cycles) console.log(`  ${c}`);
console.log(`Import vào repository của lát khác: ${foreignRepo}; vào tệp bảng (.table.ts) của lát khác, ngoài db/database.ts: ${foreignTable}`);
if (process.argv.includes('--edges')) for (const [k, n] of [...edges].sort()) console.log(`  ${k}: ${n}`);
if (process.argv.includes('--check') && (mutual.length || cycles.size || foreignRepo || foreignTable)) {
  console.error('Lỗi: hai lát import lẫn nhau, vòng import giữa các tệp, hoặc import vào repository/bảng của lát khác (docs/architecture.md, "Tầng").');
  process.exitCode = 1;
}
