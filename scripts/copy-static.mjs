// Copies static assets next to the compiled code (dist/web/static), as src/web/static is beside src.
import { cpSync, mkdirSync } from 'node:fs';
mkdirSync('dist/web', { recursive: true });
cpSync('src/web/static', 'dist/web/static', { recursive: true });
