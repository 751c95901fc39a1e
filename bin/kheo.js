#!/usr/bin/env node
// Runs the built CLI (npm install builds it through the "prepare" script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(built))) {
  process.stderr.write('Khéo chưa được biên dịch: hãy chạy "npm install" (hoặc "npm run build") trong thư mục dự án.\n');
  process.exit(1);
}
await import(built.href);
