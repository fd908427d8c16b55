import { test, expect, screenshot } from './fixtures';

test('create, find, edit and delete an account', async ({ page, server }) => {
  await page.goto('/#/accounts');
  await page.getByTestId('new-account').click();
  const form = page.getByTestId('account-form');
  await form.getByTestId('field-name').fill('Zażółć Analytics');
  await form.getByTestId('field-domain').fill('zazolc.pl');
  await form.getByTestId('field-mrr').fill('499.00');
  await form.getByTestId('field-owner').fill('Anna Kowalska');
  await page.getByTestId('account-submit').click();
  await expect(page.getByTestId('account-name')).toHaveText('Zażółć Analytics');
  await expect(page.getByTestId('account-mrr')).toContainText('499.00');

  await page.goto('/#/accounts');
  await page.getByTestId('account-search').fill('zażółć');
  await expect(page.getByTestId('accounts-table').getByText('Zażółć Analytics')).toBeVisible();
  await expect(page.getByTestId('account-total')).toHaveText('1 account');
  await page.getByTestId('accounts-table').getByText('Zażółć Analytics').click();

  await page.getByTestId('edit-account').click();
  await page.getByTestId('account-form').getByTestId('field-mrr').fill('650');
  await page.getByTestId('account-submit').click();
  await expect(page.getByTestId('account-mrr')).toContainText('650.00');
  const list = await server.api<{ items: { mrr: number }[]; total: number }>('GET', '/api/v1/accounts');
  expect(list.total).toBe(1);
  expect(list.items[0]!.mrr).toBe(65000);

  await page.getByTestId('delete-account').click();
  await page.getByTestId('confirm-ok').click();
  await expect(page).toHaveURL(/#\/accounts$/);
  const after = await server.api<{ total: number }>('GET', '/api/v1/accounts');
  expect(after.total).toBe(0);
});

test('a negative MRR shows the server message under the MRR input and creates nothing', async ({ page, server }) => {
  await page.goto('/#/accounts');
  await page.getByTestId('new-account').click();
  const form = page.getByTestId('account-form');
  await form.getByTestId('field-name').fill('Negative Co');
  await form.getByTestId('field-mrr').fill('-5');
  await page.getByTestId('account-submit').click();
  // The message belongs to the MRR input: it is one of the ids the input is described by.
  const mrr = form.getByTestId('field-mrr');
  await expect(mrr).toHaveAttribute('aria-invalid', 'true');
  const message = form.getByText('must be ≥ 0');
  await expect(message).toBeVisible();
  const messageId = await message.getAttribute('id');
  expect((await mrr.getAttribute('aria-describedby'))?.split(' ')).toContain(messageId);
  await screenshot(page, 'account-form-error');
  const list = await server.api<{ total: number }>('GET', '/api/v1/accounts');
  expect(list.total).toBe(0);
});

test('the empty dashboard loads the sample portfolio, and the shell speaks Polish', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('first-run')).toBeVisible();
  await page.getByTestId('load-demo').click();
  await expect(page.getByTestId('summary-accounts')).toHaveText('200', { timeout: 60_000 });
  await screenshot(page, 'dashboard');
  await page.getByTestId('nav-accounts').click();
  await expect(page.getByTestId('account-total')).toHaveText('200 accounts');
  await screenshot(page, 'accounts');

  await page.getByTestId('language-select').click();
  await page.getByRole('option', { name: 'Polski' }).click();
  await expect(page.getByTestId('nav-accounts')).toContainText('Klienci');
  await page.getByTestId('theme-toggle').click();
  await screenshot(page, 'accounts-pl-dark');
});

test('an account name holding markup is shown as text, never run', async ({ page, server }) => {
  const name = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
  await server.api('POST', '/api/v1/accounts', { name, segment: 'smb', mrr: 100, currency: 'EUR', contract_start: '2025-01-01', status: 'active' });
  await page.goto('/#/accounts');
  await expect(page.getByTestId('accounts-table').getByText(name)).toBeVisible();
  await page.getByTestId('accounts-table').getByText(name).click();
  await expect(page.getByTestId('account-name')).toHaveText(name);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
});

test('settings turn on the daily backup and make one now', async ({ page, server }) => {
  await page.goto('/#/settings');
  await page.getByTestId('backup-enabled').check();
  await page.getByTestId('backup-save').click();
  await expect(page.getByText('Backup settings saved')).toBeVisible();
  const saved = await server.api<{ enabled: boolean; keep: number }>('GET', '/api/v1/settings/backup');
  expect(saved.enabled).toBe(true);
  expect(saved.keep).toBe(14);
  await page.getByTestId('backup-now').click();
  await expect(page.getByText(/Backed up to .*churndesk-.*\.db/)).toBeVisible();
  await screenshot(page, 'settings');
});
