/** The real server on a random port, on a fresh SQLite file with the demo loaded. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config.js';
import { startServer, type Running } from '../../src/main.js';

export const ADMIN_PASSWORD = 'mật khẩu quản trị thử nghiệm';

export async function startDemoServer(over: Partial<Config> = {}): Promise<Running & { url: string; cleanup(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kheo-e2e-'));
  const config = { ...loadConfig({ KHEO_LOG_LEVEL: 'silent' }), dataDir: dir, port: 0, demo: true, adminPassword: ADMIN_PASSWORD, databaseUrl: undefined, reminders: false, ...over };
  const running = await startServer(config);
  return {
    ...running,
    url: `http://127.0.0.1:${running.port}`,
    async cleanup() {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
