import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.host).toBe('127.0.0.1');
    expect(c.dataDir.endsWith('/data')).toBe(true);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.demo).toBe(false);
    expect(c.session).toEqual({ idleMinutes: 30, maxHours: 12 });
  });

  it('reads the environment', () => {
    const c = loadConfig({ PORT: '8080', KHEO_DEMO: '1', DATABASE_URL: 'postgres://u:p@h:5432/d', KHEO_SESSION_IDLE_MINUTES: '15' });
    expect(c.port).toBe(8080);
    expect(c.demo).toBe(true);
    expect(c.databaseUrl).toBe('postgres://u:p@h:5432/d');
    expect(c.session.idleMinutes).toBe(15);
  });

  it('stops on a bad value with one Vietnamese line naming the variable', () => {
    expect(() => loadConfig({ PORT: 'tám nghìn' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'tám nghìn' })).toThrow(/^Cấu hình sai: biến môi trường PORT="tám nghìn" — cổng phải là số nguyên/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ KHEO_DEMO: 'có' })).toThrow(/KHEO_DEMO/);
  });

  it('sends e-mail only with a mail server and the public address its links need', () => {
    expect(loadConfig({}).smtpUrl).toBeUndefined();
    expect(() => loadConfig({ KHEO_SMTP_URL: 'mail.example.vn' })).toThrow(/^Cấu hình sai: biến môi trường KHEO_SMTP_URL="mail.example.vn" — phải có dạng smtp:\/\//);
    expect(() => loadConfig({ KHEO_SMTP_URL: 'smtp://mail.example.vn:587' })).toThrow(/thiếu KHEO_PUBLIC_URL/);
    // a mistyped URL is named, its password is not
    expect(() => loadConfig({ KHEO_SMTP_URL: 'smpt://kheo:mat-khau-bi-mat@mail.example.vn:587' })).toThrow('KHEO_SMTP_URL="smpt://***@mail.example.vn:587"');
    expect(() => loadConfig({ DATABASE_URL: 'mysql://kheo:mat-khau-bi-mat@db' })).toThrow('DATABASE_URL="mysql://***@db"');
    expect(loadConfig({ KHEO_SMTP_URL: 'SMTPS://kheo:x@mail.example.vn:465', KHEO_PUBLIC_URL: 'https://kheo.example.vn' }).smtpUrl).toBe('SMTPS://kheo:x@mail.example.vn:465');
    const c = loadConfig({ KHEO_SMTP_URL: 'smtp://mail.example.vn:587', KHEO_PUBLIC_URL: 'https://kheo.example.vn' });
    expect(c).toMatchObject({ smtpUrl: 'smtp://mail.example.vn:587', mailFrom: 'Khéo <khong-tra-loi@kheo.example.vn>', mailIntervalMs: 5000 });
  });
});
