import { freePort, pgDatabase, Server, setup, sqliteDataDir, HOUSEHOLDS } from './harness.js';
const target = process.argv[2] === 'pg' ? await pgDatabase('rate') : sqliteDataDir('rate');
try {
  const tokens = setup(target);
  const port = await freePort();
  const server = new Server(target, port);
  await server.start();
  const post = async (p: string, body: unknown) => { const r = await fetch(`http://127.0.0.1:${port}${p}`, { method: 'POST', headers: { authorization: `Bearer ${tokens.writer}`, 'content-type': 'application/json' }, body: JSON.stringify(body) }); await r.text(); return r.status; };
  const kinds: Record<string, (i: number) => [string, unknown]> = {
    unit: (i) => ['/api/v1/units', { code: `CRU-x${i}`, name: `T ${i}`, kind: 'residentialGroup', parent: 'CR-W1' }],
    model: (i) => ['/api/v1/models', { code: `CRM-x${i}`, campaign: 'CR-2026', unit: 'CR-W1', field: 'GPMB', holder: 'collective', name: `M ${i}`, registeredOn: '2026-03-01' }],
    team: (i) => ['/api/v1/teams', { code: `CRT-x${i}`, unit: 'CR-W1', kind: 'massMobilisation', name: `T ${i}`, members: 3 }],
    payment: (i) => [`/api/v1/households/${HOUSEHOLDS[i % 300]}/payments`, { amount: 1000, paidOn: '2026-02-01', receiptNo: `PT-x${i}` }],
    health: () => ['/healthz', {}],
  };
  for (const [k, f] of Object.entries(kinds)) {
    const t = performance.now(); let st = 0;
    for (let i = 0; i < 100; i++) { const [p, b] = f(i); st = await post(p, b); }
    console.log(k, st, ((performance.now() - t) / 100).toFixed(2), 'ms');
  }
  await server.kill('SIGTERM');
} finally { await target.drop(); }
