import { test, expect, screenshot } from './fixtures';

interface Page<T> {
  items: T[];
  total: number;
}

test('log an exit interview, find it in the log and the reasons chart, and see an edit in the audit trail', async ({ page, server }) => {
  await server.api('POST', '/api/v1/demo', { accounts: 60, seed: 1 });
  const accounts = await server.api<Page<{ id: number; name: string }>>('GET', '/api/v1/accounts?status=active&limit=1&sort=-mrr');
  const acc = accounts.items[0]!;
  const today = new Date().toISOString().slice(0, 10);
  const period = `from=${new Date(Date.now() - 365 * 864e5).toISOString().slice(0, 10)}&to=${today}&as_of=${today}`;
  const before = await server.api<{ breakdowns: { reason: { key: string; count: number }[] } }>('GET', `/api/v1/metrics?${period}`);
  const countBefore = before.breakdowns.reason.find((r) => r.key === 'missing_feature')?.count ?? 0;

  await page.goto(`/#/accounts/${acc.id}`);
  await page.getByTestId('log-churn').click();
  const form = page.getByTestId('churn-form');
  await form.getByTestId('churn-reason').click();
  await page.getByRole('option', { name: 'Missing feature or integration' }).click();
  await expect(form.getByTestId('churn-preventable')).toBeChecked();
  await form.getByTestId('churn-quotes').fill('We needed a DATEV export and you did not have it.');
  await form.getByTestId('churn-lessons').fill('Ship the DATEV export before Q1 renewals.');
  await screenshot(page, 'churn-form');
  await form.getByTestId('churn-submit').click();
  await expect(page.getByTestId('churn-account')).toHaveText(acc.name);
  await expect(page.getByTestId('churn-quote')).toHaveText('We needed a DATEV export and you did not have it.');

  await page.goto('/#/churn');
  await page.getByTestId('filter-reason').click();
  await page.getByRole('option', { name: 'Missing feature or integration' }).click();
  await expect(page.getByTestId('churn-table').getByText(acc.name)).toBeVisible();
  await screenshot(page, 'churn-log');

  await page.getByTestId('open-analytics').click();
  await expect(page.getByTestId(`reason-count-missing_feature`)).toHaveText(String(countBefore + 1));
  await expect(page.getByTestId('reasons-chart').locator('canvas')).toBeVisible();
  await screenshot(page, 'churn-analytics');

  await page.goto('/#/churn');
  await page.getByTestId('churn-table').getByText(acc.name).click();
  await page.getByTestId('edit-churn').click();
  await page.getByTestId('churn-form').getByTestId('churn-reason').click();
  await page.getByRole('option', { name: 'Price or budget' }).click();
  await page.getByTestId('churn-form').getByTestId('churn-submit').click();
  await expect(page.getByTestId('churn-record-reason')).toHaveText('Price or budget');
  const trail = page.getByTestId('audit-trail');
  await expect(trail.getByText('missing_feature')).toBeVisible();
  await expect(trail.getByText('→ price_budget')).toBeVisible();
  await screenshot(page, 'churn-record');
});
