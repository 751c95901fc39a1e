// Copies static assets next to the compiled code (dist/web/static, dist/features/demo/files), as they are beside src.
import { cpSync, mkdirSync } from 'node:fs';
mkdirSync('dist/web', { recursive: true });
cpSync('src/web/static', 'dist/web/static', { recursive: true });
// the demo documents' PDFs, read by the demo loader beside its code
cpSync('src/features/demo/files', 'dist/features/demo/files', { recursive: true });
