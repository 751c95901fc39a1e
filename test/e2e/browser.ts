/** Debian's chromium through playwright-core (no browser download). Skips only outside CI. */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.KHEO_CHROMIUM ?? '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);

if (!haveChromium && process.env.CI) {
  throw new Error(`Không tìm thấy chromium tại ${CHROMIUM}: trong CI các kiểm thử trình duyệt không được bỏ qua.`);
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
