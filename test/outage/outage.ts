/**
 * `npm run test:outage [-- --pg]`: the database going away (issue #20). Without `--pg`, the
 * SQLite file's disk fills up (disk-full.ts); with it, PostgreSQL is stopped abruptly and started
 * again (pg-outage.ts). See each file for its options.
 */
if (process.argv.includes('--pg')) await import('./pg-outage.js');
else await import('./disk-full.js');
