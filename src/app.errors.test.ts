import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../test/support/db.js';
import { isUniqueViolation } from './db/dialect.js';
import type { AppEnv } from './web/context.js';
import { errorHandler } from './app.errors.js';

let db: TestDb;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(() => db.destroy());

const insertTwice = async () => {
  const row = { day: '2030-01-01', kind: 'holiday' as const, name: 'Tết Dương lịch' };
  await db.db.insertInto('calendar_days').values(row).execute();
  await db.db.insertInto('calendar_days').values(row).execute();
};

describe('a unique violation (two writes racing for one code)', () => {
  it('is recognised on this database', async () => {
    const e = await insertTwice().then(() => null, (x: unknown) => x);
    expect(isUniqueViolation(e)).toBe(true);
    expect(isUniqueViolation(new Error('other'))).toBe(false);
  });

  it('answers 409 in Vietnamese, not 500', async () => {
    const app = new Hono<AppEnv>();
    app.post('/api/v1/x', async () => {
      await db.db.insertInto('calendar_days').values({ day: '2030-01-01', kind: 'holiday', name: 'Trùng' }).execute();
      return new Response('ok');
    });
    app.onError(errorHandler);
    const res = await app.request('/api/v1/x', { method: 'POST' });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: 'conflict', message: expect.stringContaining('Vui lòng thử lại') as string } });
  });
});
