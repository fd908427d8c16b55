import { createServer, type Server as HttpServer } from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { test, expect, screenshot } from './fixtures';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Receiver is a local HTTP endpoint that records what it gets; answer decides the n-th reply (from 1). */
class Receiver {
  got: Received[] = [];
  private srv: HttpServer;
  constructor(private answer: (n: number) => number) {
    this.srv = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        this.got.push({ headers: req.headers, body });
        const status = this.answer(this.got.length);
        res.writeHead(status, { 'Content-Type': 'text/plain' });
        res.end(status === 200 ? 'thanks' : 'receiver is down');
      });
    });
  }
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.srv.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.srv.address() as AddressInfo).port}/hook`;
  }
  stop() {
    this.srv.close();
  }
}

/** validSignature checks X-ChurnDesk-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">. */
function validSignature(r: Received, secret: string): boolean {
  const header = String(r.headers['x-churndesk-signature'] ?? '');
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
  if (!parts.t || !parts.v1) return false;
  const want = createHmac('sha256', secret).update(`${parts.t}.${r.body}`).digest();
  const got = Buffer.from(parts.v1, 'hex');
  return got.length === want.length && timingSafeEqual(got, want) && Math.abs(Date.now() / 1000 - Number(parts.t)) < 300;
}

interface Account {
  id: number;
  name: string;
}

const account = { name: 'Sonnen Bau', segment: 'smb', mrr: 7600000, currency: 'EUR', contract_start: '2024-03-01', status: 'active', owner: 'Anna' };

test.beforeAll(() => {
  // Retries wait 2 s, 4 s… here instead of 30 s, 1 min…
  process.env.CHURNDESK_NOTIFY_RETRY = '2s';
});
test.afterAll(() => {
  delete process.env.CHURNDESK_NOTIFY_RETRY;
});

test('an endpoint set in Settings receives a signed churn event and the delivery shows in the log', async ({ page, server }) => {
  const receiver = new Receiver(() => 200);
  const url = await receiver.start();
  try {
    await page.goto('/#/settings');
    const card = page.getByTestId('notifications-card');
    await card.getByTestId('endpoint-add').click();
    await page.getByTestId('endpoint-name').fill('CRM workflow');
    await page.getByTestId('endpoint-url').fill(url);
    await expect(page.getByTestId('endpoint-event-churn.logged')).toBeChecked();
    await page.getByTestId('endpoint-save').click();
    const secret = (await card.getByTestId('endpoint-secret-value').textContent())!.trim();
    expect(secret).toMatch(/^[0-9a-f]{48}$/);
    await expect(card.getByTestId('endpoint-row')).toContainText('CRM workflow');
    await expect(card.getByTestId('endpoint-row')).toContainText(`…${secret.slice(-4)}`);

    // Log a churn: the event reaches the receiver, signed with the endpoint's secret.
    const acc = await server.api<Account>('POST', '/api/v1/accounts', account);
    await server.api('POST', `/api/v1/accounts/${acc.id}/churn`, { churn_date: '2026-11-02', reason: 'price_budget' });
    await expect.poll(() => receiver.got.length, { timeout: 15_000 }).toBe(1);
    const got = receiver.got[0]!;
    expect(validSignature(got, secret)).toBe(true);
    expect(validSignature(got, 'not-the-secret-at-all')).toBe(false);
    expect(got.headers['x-churndesk-event']).toBe('churn.logged');
    const event = JSON.parse(got.body);
    expect(event.type).toBe('churn.logged');
    expect(event.data).toMatchObject({ account_id: acc.id, account_name: 'Sonnen Bau', mrr_lost: 7600000, currency: 'EUR', churn_date: '2026-11-02' });
    expect(event.text).toBe('Sonnen Bau churned on November 2, 2026: Price or budget; MRR lost €76,000.00');

    // The log in Settings shows the delivery with the receiver's answer.
    const log = page.getByTestId('delivery-log');
    await log.getByTestId('delivery-log-refresh').click();
    const row = log.getByTestId('delivery-row').first();
    await expect(row).toHaveAttribute('data-status', 'delivered');
    await expect(row).toContainText('Churn logged');
    await expect(row).toContainText('HTTP 200');
    await row.getByTestId('delivery-expand').click();
    await expect(log.getByTestId('delivery-attempt')).toHaveCount(1);
    await expect(log.getByTestId('delivery-attempt').first()).toContainText('thanks');
    await screenshot(page, 'notifications-settings');
  } finally {
    receiver.stop();
  }
});

test('a failing receiver is retried with backoff, and the retries show in the Russian log', async ({ page, server }) => {
  // Fails twice with 500, then recovers.
  const receiver = new Receiver((n) => (n <= 2 ? 500 : 200));
  const url = await receiver.start();
  try {
    await server.api('PUT', '/api/v1/settings/notifications', { language: 'ru', digest_enabled: false, digest_hour: 8 });
    const ep = await server.api<{ id: number; secret: string }>('POST', '/api/v1/settings/notifications/endpoints', {
      name: 'Slack #cs',
      url,
      format: 'slack',
      events: ['churn.logged'],
      enabled: true,
    });
    const acc = await server.api<Account>('POST', '/api/v1/accounts', account);
    await server.api('POST', `/api/v1/accounts/${acc.id}/churn`, { churn_date: '2026-11-02', reason: 'price_budget' });

    await expect.poll(() => receiver.got.length, { timeout: 30_000 }).toBe(3);
    for (const r of receiver.got) expect(validSignature(r, ep.secret)).toBe(true);
    // One event, sent three times: the same body each time, Slack's shape, in Russian.
    expect(new Set(receiver.got.map((r) => r.headers['x-churndesk-event-id'])).size).toBe(1);
    expect(JSON.parse(receiver.got[2]!.body)).toEqual({ text: 'Sonnen Bau ушёл 2 ноября 2026 г.: Цена или бюджет; потерянный MRR 76\u00a0000,00\u00a0€' });
    await page.waitForTimeout(3000);
    expect(receiver.got.length).toBe(3); // delivered once: no more tries

    await page.addInitScript(() => localStorage.setItem('churndesk.language', 'ru'));
    await page.goto('/#/settings');
    const log = page.getByTestId('delivery-log');
    await expect(log).toContainText('Журнал доставок');
    const row = log.getByTestId('delivery-row').first();
    await expect(row).toHaveAttribute('data-status', 'delivered');
    await expect(row.getByTestId('delivery-attempts')).toHaveText('3');
    await expect(row).toContainText('Доставлено');
    await row.getByTestId('delivery-expand').click();
    const attempts = log.getByTestId('delivery-attempt');
    await expect(attempts).toHaveCount(3);
    await expect(attempts.nth(0)).toContainText('HTTP 500');
    await expect(attempts.nth(0)).toContainText('receiver is down');
    await expect(attempts.nth(1)).toContainText('HTTP 500');
    await expect(attempts.nth(2)).toContainText('HTTP 200');
    await expect(page.getByTestId('notifications-card')).toContainText('Исходящие уведомления');
    await screenshot(page, 'notifications-log-ru');
  } finally {
    receiver.stop();
  }
});

test('the notification settings read in Polish and the test button reaches the receiver', async ({ page }) => {
  const receiver = new Receiver(() => 200);
  const url = await receiver.start();
  try {
    await page.addInitScript(() => localStorage.setItem('churndesk.language', 'pl'));
    await page.goto('/#/settings');
    const card = page.getByTestId('notifications-card');
    await expect(card).toContainText('Powiadomienia wychodzące');
    await card.getByTestId('endpoint-add').click();
    await page.getByTestId('endpoint-name').fill('Skrypt');
    await page.getByTestId('endpoint-url').fill(url);
    await page.getByTestId('endpoint-save').click();
    const secret = (await card.getByTestId('endpoint-secret-value').textContent())!.trim();
    await card.getByTestId('endpoint-test').click();
    await expect.poll(() => receiver.got.length).toBe(1);
    expect(validSignature(receiver.got[0]!, secret)).toBe(true);
    expect(JSON.parse(receiver.got[0]!.body).type).toBe('test');
    const log = page.getByTestId('delivery-log');
    await log.getByTestId('delivery-log-refresh').click();
    await expect(log.getByTestId('delivery-row').first()).toContainText('Doręczono');
  } finally {
    receiver.stop();
  }
});
