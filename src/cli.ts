#!/usr/bin/env node
/** The `kheo` command (bin/kheo.js, `node dist/cli.js`). */
import { runCli, CliError } from './cli/commands.js';
import { ConfigError } from './config.js';
import { AppError } from './lib/errors.js';

try {
  const code = await runCli(process.argv.slice(2));
  if (code >= 0) process.exitCode = code;
} catch (e) {
  if (e instanceof CliError || e instanceof ConfigError) {
    process.stderr.write(`${e.message}\n`);
  } else if (e instanceof AppError) {
    const detail = e.issues.length ? `\n${e.issues.map((i) => `  - ${i.message}`).join('\n')}` : '';
    process.stderr.write(`${e.message}${detail}\n`);
  } else {
    process.stderr.write(`Lỗi không mong đợi: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  }
  process.exitCode = 1;
}
