/* The migration list, in order. Add a new file here; never edit a migration that has shipped. */
import type { Migration } from 'kysely';
import * as m20261126_01 from './2026-11-26-01-foundation.js';

export const migrations: Record<string, Migration> = {
  '2026-11-26-01-foundation': m20261126_01,
};
