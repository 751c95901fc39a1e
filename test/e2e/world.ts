/**
 * One chromium and one demo server for a test file, with the accounts it needs: `demoWorld()`
 * registers the file's beforeAll/afterAll; `as(username)` opens a page signed in through the
 * login form, whose script errors and CSP violations go to `errors`.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { createUser } from '../../src/features/accounts/accounts.service.js';
import type { Role } from '../../src/policy/policy.js';
import { systemActor } from '../../src/policy/policy.js';
import { launch, signIn } from './browser.js';
import { startDemoServer } from './server.js';

export const E2E_PASSWORD = 'mật khẩu thử nghiệm đủ dài';

export interface DemoWorld {
  browser: Browser;
  server: Awaited<ReturnType<typeof startDemoServer>>;
  errors: string[];
  as: (username: string) => Promise<Page>;
}

export function demoWorld(users: { username: string; fullName: string; unit: string; roles: Role[] }[]): DemoWorld {
  const w = {
    errors: [] as string[],
    as: (username: string) => signIn(w.browser, w.server.url, username, E2E_PASSWORD, w.errors),
  } as DemoWorld;
  beforeAll(async () => {
    [w.browser, w.server] = await Promise.all([launch(), startDemoServer()]);
    await w.server.db.db.transaction().execute(async (trx) => {
      for (const u of users) await createUser(trx, { actor: systemActor('kiểm thử'), input: { ...u, password: E2E_PASSWORD } });
    });
  });
  afterAll(async () => {
    await w.browser?.close();
    await w.server?.cleanup();
  });
  return w;
}
