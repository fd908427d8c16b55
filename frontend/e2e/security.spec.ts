import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect } from './fixtures';

// A page on another origin (another port of 127.0.0.1) tries what a hostile
// web site would: "simple" requests that need no preflight (no-cors fetch
// with text/plain, a form post, a multipart upload). The server must refuse
// them all and nothing may change. Chromium maps rebind.test to 127.0.0.1,
// which is what DNS rebinding achieves: a foreign name reaching the server.
test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--host-resolver-rules=MAP rebind.test 127.0.0.1'],
  },
});

function hostilePage(target: string): string {
  const account = JSON.stringify({ name: 'Planted', segment: 'smb', mrr: 100, currency: 'EUR', contract_start: '2025-01-01', status: 'active' });
  const token = JSON.stringify({ name: 'attacker', scope: 'admin' });
  return `<!doctype html><html><body>
<form id="f" method="POST" action="${target}/api/v1/tokens" enctype="text/plain" target="sink">
  <input name='{"name":"form","scope":"admin","x":"' value='"}'>
</form>
<form id="g" method="POST" action="${target}/api/v1/import/accounts" enctype="multipart/form-data" target="sink2">
  <textarea name="options">{"mapping":{"name":"Name","domain":"Domain","external_id":"ID"}}</textarea>
</form>
<iframe name="sink"></iframe><iframe name="sink2"></iframe>
<script>
window.results = [];
async function attack() {
  const t = ${JSON.stringify(target)};
  const tries = [
    () => fetch(t + '/api/v1/accounts', { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: ${JSON.stringify(account)} }),
    () => fetch(t + '/api/v1/tokens', { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: ${JSON.stringify(token)} }),
    () => fetch(t + '/api/v1/settings/webhooks', { method: 'PUT', mode: 'no-cors', body: '{"generic":"attacker-secret-0123456789"}' }),
    () => { const fd = new FormData(); fd.append('file', new Blob(['Name,Domain,ID\\nPlanted Import,planted.io,p1\\n']), 'a.csv'); fd.append('options', '{"mapping":{"name":"Name","domain":"Domain","external_id":"ID"}}'); return fetch(t + '/api/v1/import/accounts', { method: 'POST', mode: 'no-cors', body: fd }); },
    () => fetch(t + '/api/v1/accounts', { mode: 'cors' }).then((r) => r.text()),
  ];
  for (const run of tries) {
    try { await run(); window.results.push('sent'); } catch (e) { window.results.push('blocked: ' + e); }
  }
  document.getElementById('f').submit();
  await new Promise((r) => setTimeout(r, 500));
  const g = document.getElementById('g');
  const file = new DataTransfer();
  file.items.add(new File(['Name,Domain,ID\\nPlanted Form,form.io,f1\\n'], 'a.csv'));
  const input = document.createElement('input'); input.type = 'file'; input.name = 'file'; input.files = file.files; g.appendChild(input);
  g.submit();
  await new Promise((r) => setTimeout(r, 1000));
  window.done = true;
}
attack();
</script></body></html>`;
}

function listen(server: HttpServer): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

test('a page on another origin cannot write, mint a token or upload', async ({ page, server }) => {
  const hostile = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(hostilePage(server.url));
  });
  const port = await listen(hostile);
  const answers: number[] = [];
  page.on('response', (r) => {
    if (r.url().startsWith(server.url + '/api/')) answers.push(r.status());
  });
  try {
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => (window as unknown as { done?: boolean }).done === true, undefined, { timeout: 20_000 });
  } finally {
    hostile.close();
  }
  // Every request that reached the API was refused (403 or 415), none accepted.
  expect(answers.length).toBeGreaterThanOrEqual(5);
  for (const s of answers) expect([403, 415]).toContain(s);

  const accounts = await server.api<{ total: number }>('GET', '/api/v1/accounts');
  expect(accounts.total).toBe(0);
  const tokens = await server.api<{ items: unknown[] }>('GET', '/api/v1/tokens');
  expect(tokens.items).toEqual([]);
  const imports = await server.api<{ items: unknown[] }>('GET', '/api/v1/imports');
  expect(imports.items).toEqual([]);
  const secrets = await server.api<{ generic_set: boolean }>('GET', '/api/v1/settings/webhooks');
  expect(secrets.generic_set).toBe(false);
});

test('after DNS rebinding the page still cannot read data', async ({ page, server }) => {
  await server.api('POST', '/api/v1/accounts', { name: 'Secret Corp', segment: 'smb', mrr: 100, currency: 'EUR', contract_start: '2025-01-01', status: 'active' });
  const port = new URL(server.url).port;
  // The attacker's name now resolves to 127.0.0.1: same origin as far as the browser knows.
  const first = await page.goto(`http://rebind.test:${port}/`);
  expect(first?.status()).toBe(421);
  const read = await page.evaluate(async () => {
    const r = await fetch('/api/v1/accounts');
    return { status: r.status, body: await r.text() };
  });
  expect(read.status).toBe(421);
  expect(read.body).not.toContain('Secret Corp');
  const mint = await page.evaluate(async () => {
    const r = await fetch('/api/v1/tokens', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'rebound', scope: 'admin' }) });
    return r.status;
  });
  expect(mint).toBe(421);
  const tokens = await server.api<{ items: unknown[] }>('GET', '/api/v1/tokens');
  expect(tokens.items).toEqual([]);
});
