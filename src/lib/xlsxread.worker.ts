/** The worker thread of `readSheets` (xlsxread.ts): reads one workbook, answers once. */
import { parentPort } from 'node:worker_threads';
import { readSheetsHere, type ReadAnswer, type ReadRequest } from './xlsxread.js';
import { ZipRefused } from './zipguard.js';

parentPort?.once('message', (req: ReadRequest) => {
  const buf = Buffer.from(req.buf.buffer, req.buf.byteOffset, req.buf.byteLength);
  readSheetsHere(buf, req.wanted, req.limits).then(
    (sheets) => parentPort!.postMessage({ ok: true, sheets } satisfies ReadAnswer),
    (e: unknown) => parentPort!.postMessage({ ok: false, refused: e instanceof ZipRefused, message: e instanceof Error ? e.message : String(e) } satisfies ReadAnswer),
  );
});
