/** A real HTTP server (the one `kheo serve` runs: hot path, Host check, limits) around a test app, on a free port. */
import type { AddressInfo } from 'node:net';
import { createHttpServer } from '../../src/main.js';
import type { Config } from '../../src/config.js';
import type { TestApp } from './http.js';

export interface TestServer {
  port: number;
  close(): Promise<void>;
}

export async function serve(t: TestApp, limits: Partial<Pick<Config, 'headersTimeoutMs' | 'requestTimeoutMs' | 'maxConnections'>> = {}): Promise<TestServer> {
  const { server } = createHttpServer(t.app, { ...t.config, ...limits });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
