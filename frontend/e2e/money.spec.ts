import { test, expect, screenshot } from './fixtures';

const eur = (minor: number) => new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2 }).format(minor / 100);

test('the dashboard shows one MRR total in the home currency, equal to the API, with the rates used and a per-currency toggle', async ({ page, server }) => {
  await server.api('PUT', '/api/v1/settings/currency', { currency: 'EUR' });
  await server.api('POST', '/api/v1/exchange-rates', { currency: 'PLN', date: '2026-01-01', rate: 0.23 });
  await server.api('POST', '/api/v1/exchange-rates', { currency: 'USD', date: '2026-01-01', rate: 0.9 });
  const account = (name: string, currency: string, mrr: number, status = 'active') =>
    server.api('POST', '/api/v1/accounts', { name, segment: 'smb', mrr, currency, contract_start: '2025-06-01', status, owner: 'Anna' });
  await account('Euro GmbH', 'EUR', 100000);
  await account('Złoty sp. z o.o.', 'PLN', 227000);
  await account('Dollar Inc', 'USD', 50000);
  await account('Trial Ltd', 'EUR', 30000, 'trial');

  // €1,000.00 + PLN 2,270.00 × 0.23 + $500.00 × 0.90 = €1,972.10; the trial's €300.00 is not revenue.
  const sum = await server.api<{ mrr_home: number | null }>('GET', '/api/v1/summary');
  expect(sum.mrr_home).toBe(197210);
  await page.goto('/');
  await expect(page.getByTestId('summary-mrr-home')).toHaveText(eur(sum.mrr_home!));
  await expect(page.getByTestId('summary-mrr').getByTestId('rates-used')).toContainText('1 PLN = 0.23 EUR');
  await expect(page.getByTestId('summary-mrr').getByTestId('rates-used')).toContainText('1 USD = 0.9 EUR');
  await expect(page.getByTestId('conversion-alert')).toHaveCount(0);
  await screenshot(page, 'dashboard-home-currency');

  await page.getByTestId('summary-mrr').getByText('Per currency').click();
  await expect(page.getByTestId('summary-mrr-PLN')).toContainText('2,270.00');
  await expect(page.getByTestId('summary-mrr-EUR')).toHaveText(eur(100000));
  await page.getByTestId('summary-mrr').getByText('In EUR').click();
  await expect(page.getByTestId('summary-mrr-home')).toBeVisible();

  // A currency without a rate: no single total, and a warning that names it.
  await account('Sterling plc', 'GBP', 40000);
  await page.reload();
  await expect(page.getByTestId('conversion-alert')).toContainText('No GBP → EUR rate');
  await expect(page.getByTestId('summary-mrr-home')).toHaveCount(0);
  await expect(page.getByTestId('summary-mrr-GBP')).toContainText('400.00');
});

test('rates are set and imported in Settings; a CSV with a bad row names it and stores nothing', async ({ page, server }) => {
  await page.goto('/#/settings');
  const card = page.getByTestId('currency-card');
  await card.getByTestId('home-currency').fill('EUR');
  await card.getByTestId('home-currency-save').click();
  await expect(card.getByText('No rates yet.')).toBeVisible();

  const file = (text: string) => ({ name: 'rates.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await card.locator('input[type=file]').setInputFiles(file('currency,date,rate\nPLN,2026-10-01,0.24\nUSD,2026-13-01,0.9\n'));
  await expect(card.getByTestId('rates-import-errors')).toContainText('Row 3, date: must be a date written YYYY-MM-DD');
  const none = await server.api<{ rates: unknown[] }>('GET', '/api/v1/settings/currency');
  expect(none.rates).toHaveLength(0);

  await card.locator('input[type=file]').setInputFiles(file('currency,date,rate\nPLN,2026-10-01,0.24\nUSD,2026-10-01,0.9\n'));
  await expect(card.getByTestId('rates-table').locator('[data-rate="PLN-2026-10-01"]')).toContainText('0.24');
  await expect(card.getByTestId('rates-import-errors')).toHaveCount(0);

  await card.getByTestId('rate-currency').fill('GBP');
  await card.getByTestId('rate-date').fill('2026-11-01');
  await card.getByTestId('rate-value').fill('1.15');
  await card.getByTestId('rate-add').click();
  await expect(card.getByTestId('rates-table').locator('[data-rate="GBP-2026-11-01"]')).toContainText('1.15');
  const table = await server.api<{ home: string; rates: { currency: string; date: string; rate: number }[] }>('GET', '/api/v1/settings/currency');
  expect(table.home).toBe('EUR');
  expect(table.rates.map((r) => `${r.currency} ${r.date} ${r.rate}`)).toEqual(['GBP 2026-11-01 1.15', 'PLN 2026-10-01 0.24', 'USD 2026-10-01 0.9']);
});
