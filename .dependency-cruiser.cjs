/**
 * The tiers of docs/architecture.md ("Tầng"), kept by `npm run lint` (dependency-cruiser).
 *
 *   base      core: src/lib, src/db, src/policy, src/web, src/config.ts — imports no slice;
 *             then the slices every other one stands on (units, accounts, audit, …)
 *   domain    one slice per module of DESIGN §2
 *   composers readers and writers that span domains, and the entry points
 *
 * A file imports its own slice, base, and (through the other's public service, never its
 * repository or table) another domain slice; composers import anything below them. Import cycles
 * between files are refused everywhere. There is no list of tolerated violations: the one
 * exception (db/database.ts gathering the table types) is a rule of its own below.
 */
const BASE_SLICES = ['units', 'accounts', 'audit', 'settings', 'files', 'calendar', 'bundle', 'notices'];
const DOMAIN_SLICES = ['campaigns', 'models', 'teams', 'appraisal', 'emulation', 'landClearance', 'reporting', 'supervision', 'documents', 'portal', 'search'];
const COMPOSER_SLICES = ['figures', 'dashboard', 'narrative', 'demo', 'exchange'];

const slices = (names) => `^src/features/(${names.join('|')})/`;
const CORE = [`^src/(lib|db|policy|web)/`, '^src/config\\.ts$'];
const BASE = [`^src/(lib|db|policy|web)/`, '^src/config\\.ts$', slices(BASE_SLICES)];
const DOMAIN = slices(DOMAIN_SLICES);
const COMPOSERS = [slices(COMPOSER_SLICES), '^src/cli/', '^src/(app|main|cli)\\.ts$'];
const TESTS = '\\.test\\.tsx?$';

module.exports = {
  forbidden: [
    {
      name: 'slice-in-a-tier',
      severity: 'error',
      comment: 'Every slice of src/features is listed in one tier above (BASE_SLICES, DOMAIN_SLICES or COMPOSER_SLICES), so that the rules reach it.',
      from: { path: '^src/features/', pathNot: [slices([...BASE_SLICES, ...DOMAIN_SLICES, ...COMPOSER_SLICES])] },
      to: {},
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle between files: split out what both need.',
      from: { path: '^src/', pathNot: TESTS },
      to: { circular: true },
    },
    {
      name: 'base-imports-only-base',
      severity: 'error',
      comment: 'Base (lib, db, web, and the slices everything stands on) imports nothing above it.',
      from: { path: BASE, pathNot: [TESTS, '^src/db/database\\.ts$'] },
      to: { path: [DOMAIN, ...COMPOSERS] },
    },
    {
      name: 'core-imports-no-slice',
      severity: 'error',
      comment: 'The core of base (lib, db, policy, web, config) imports no slice: a page frame or middleware that needs a slice declares what it needs in web/context.ts and createApp supplies it.',
      from: { path: CORE, pathNot: [TESTS, '^src/db/database\\.ts$'] },
      to: { path: '^src/features/' },
    },
    {
      name: 'schema-imports-only-tables',
      severity: 'error',
      comment: 'db/database.ts gathers the table types of every slice into the one schema Kysely checks queries against; it imports nothing else from above base.',
      from: { path: '^src/db/database\\.ts$' },
      to: { path: [DOMAIN, ...COMPOSERS], pathNot: '/[^/]+\\.table\\.ts$' },
    },
    {
      name: 'domain-imports-no-composer',
      severity: 'error',
      comment: 'A domain slice never imports a composer (dashboards, the report, the demo, the bundle registry).',
      from: { path: DOMAIN, pathNot: TESTS },
      to: { path: COMPOSERS },
    },
    {
      name: 'no-foreign-repository',
      severity: 'error',
      comment: "Another slice's SQL is its own: call its service.",
      from: { path: '^src/features/([^/]+)/', pathNot: TESTS },
      to: { path: '^src/features/[^/]+/[^/]+\\.repository\\.ts$', pathNot: '^src/features/$1/' },
    },
    {
      name: 'no-foreign-table',
      severity: 'error',
      comment: "Another slice's table definitions are its own: use what its service exports.",
      from: { path: '^src/features/([^/]+)/', pathNot: TESTS },
      to: { path: '^src/features/[^/]+/[^/]+\\.table\\.ts$', pathNot: '^src/features/$1/' },
    },
    {
      name: 'no-foreign-repository-outside-features',
      severity: 'error',
      comment: "Only a slice reads its own repository.",
      from: { path: '^src/', pathNot: ['^src/features/', TESTS] },
      to: { path: '^src/features/[^/]+/[^/]+\\.repository\\.ts$' },
    },
    {
      name: 'no-foreign-table-outside-features',
      severity: 'error',
      comment: "The entry points, the CLI and core use what a slice's service exports, not its table module (db/database.ts, the schema, excepted).",
      from: { path: '^src/', pathNot: ['^src/features/', '^src/db/database\\.ts$', TESTS] },
      to: { path: '^src/features/[^/]+/[^/]+\\.table\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '^dist/'] },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
  },
};
