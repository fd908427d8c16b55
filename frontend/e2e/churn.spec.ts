import { test, expect, screenshot } from './fixtures';
import type { Page } from '@playwright/test';

interface List<T> {
  items: T[];
  total: number;
}
interface Metrics {
  breakdowns: { reason: { key: string; count: number }[] };
}

function day(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
const today = day(new Date());
const yearAgo = (() => {
  const d = new Date();
  return new Date(Date.UTC(d.getFullYear(), d.getMonth() - 12, d.getDate())).toISOString().slice(0, 10);
})();
const period = `from=${yearAgo}&to=${today}&as_of=${today}`;

async function reasonCount(api: <T>(m: string, p: string) => Promise<T>, key: string): Promise<number> {
  const m = await api<Metrics>('GET', `/api/v1/metrics?${period}`);
  return m.breakdowns.reason.find((r) => r.key === key)?.count ?? 0;
}

async function pick(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('log an exit interview from the account page, find it in the log and the reasons chart, and see an edit in the audit trail', async ({ page, server }) => {
  await server.api('POST', '/api/v1/demo', { accounts: 60, seed: 1 });
  const active = await server.api<List<{ id: number; name: string; mrr: number }>>('GET', '/api/v1/accounts?status=active&limit=1&sort=-mrr');
  const acc = active.items[0]!;
  const before = await reasonCount(server.api, 'missing_feature');

  // The account panel offers to log the churn; the form is driven from the keyboard.
  await page.goto(`/#/accounts/${acc.id}`);
  await page.getByTestId('log-churn').click();
  const form = page.getByTestId('churn-form');
  await expect(form.getByTestId('churn-reason')).toBeFocused();
  await page.keyboard.type('Missing feature');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(form.getByTestId('churn-reason')).toHaveValue('Missing feature or integration');
  await expect(form.getByTestId('churn-preventable')).toBeChecked();
  await expect(form.getByTestId('churn-voluntary')).toBeChecked();
  await screenshot(page, 'churn-form-top');
  await form.getByTestId('answer-main_reason').fill('Your product has no DATEV export, and our accountants need it.');
  await form.getByTestId('churn-quote-0').fill('We loved the dashboards, but without DATEV we cannot close the month.');
  await form.getByTestId('add-quote').click();
  await expect(form.getByTestId('churn-quote-1')).toBeFocused();
  await page.keyboard.type('We would come back the day you ship it.');
  await form.getByTestId('churn-lessons').fill('Ship the DATEV export before the Q1 renewals; ask accounting-heavy customers early.');
  await screenshot(page, 'churn-form');
  await page.keyboard.press('Control+Enter');

  // After saving, the record page shows the interview.
  await expect(page).toHaveURL(/#\/churn\/\d+$/);
  const recordId = Number(page.url().split('/').pop());
  await expect(page.getByTestId('churn-account')).toHaveText(acc.name);
  await expect(page.getByTestId('churn-record-reason')).toHaveText('Missing feature or integration');
  await expect(page.getByTestId('churn-quote')).toHaveCount(2);
  await expect(page.getByTestId('churn-quote').first()).toHaveText('We loved the dashboards, but without DATEV we cannot close the month.');
  await expect(page.getByTestId('churn-lessons-view')).toContainText('DATEV export before the Q1 renewals');
  await expect(page.getByTestId('qa-main_reason')).toContainText('no DATEV export');
  await expect(page.getByTestId('engagement-sparkline')).toBeVisible();
  await screenshot(page, 'churn-record');

  // The churn log filtered by that reason lists it.
  await page.goto('/#/churn');
  await pick(page, 'filter-reason', 'Missing feature or integration');
  const table = page.getByTestId('churn-table');
  await expect(table.getByText(acc.name)).toBeVisible();
  await expect(table.locator('tbody tr').filter({ hasText: acc.name }).getByTitle('Preventable')).toHaveText('Yes');
  await screenshot(page, 'churn-log');

  // The export carries the same filter.
  const download = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('churn-log.csv');
  const csv = (await import('node:fs')).readFileSync((await file.path())!, 'utf8');
  expect(csv).toContain(acc.name);
  expect(csv).toContain('Missing feature or integration');
  expect(csv).not.toContain('Price or budget');

  // The reasons chart and its table count one more for the reason, as the API does.
  await page.getByTestId('churn-tabs').getByText('Analytics').click();
  await expect(page).toHaveURL(/#\/churn\/analytics$/);
  expect(await reasonCount(server.api, 'missing_feature')).toBe(before + 1);
  await expect(page.getByTestId('reason-count-missing_feature')).toHaveText(String(before + 1));
  await expect(page.getByTestId('reasons-chart')).toHaveAttribute('aria-label', new RegExp(`Missing feature or integration: ${before + 1}(;|$)`));
  await expect(page.getByTestId('reasons-chart').locator('canvas').first()).toBeVisible();
  await expect(page.getByTestId('retention-curve').locator('canvas').first()).toBeVisible();
  await expect(page.getByTestId('cohort-table')).toBeVisible();
  await screenshot(page, 'churn-analytics');
  await page.waitForTimeout(400);
  await page.screenshot({ path: 'e2e/screens/churn-analytics-full.png', fullPage: true });

  // A figure shows its formula with the inputs, and the accounts it counts.
  await page.getByTestId('formula-logo_churn').click();
  await expect(page.getByText('Logo churn = customers lost ÷ S × 100')).toBeVisible();
  await page.waitForTimeout(300); // the popover fades in
  await screenshot(page, 'churn-analytics-formula');
  await page.keyboard.press('Escape');
  await page.getByTestId('members-logo_churn').click();
  const members = page.getByTestId('members-modal');
  await expect(members.getByRole('link', { name: acc.name })).toBeVisible();
  await page.keyboard.press('Escape');

  // Editing the reason is kept in the audit trail as old → new.
  await page.goto(`/#/churn/${recordId}`);
  await page.getByTestId('edit-churn').click();
  await pick(page, 'churn-reason', 'Price or budget');
  await expect(page.getByTestId('churn-form').getByTestId('churn-preventable')).not.toBeChecked();
  await page.getByTestId('churn-form').getByTestId('churn-submit').click();
  await expect(page.getByTestId('churn-record-reason')).toHaveText('Price or budget');
  const change = page.getByTestId('audit-trail').getByTestId('audit-change-reason');
  await expect(change).toContainText('Missing feature or integration');
  await expect(change).toContainText('→ Price or budget');
  await expect(page.getByTestId('audit-trail').getByTestId('audit-change-preventable')).toContainText('Yes → No');
  await page.getByTestId('audit-trail').scrollIntoViewIfNeeded();
  await screenshot(page, 'churn-record-audit');
});

test('the churn screens in dark mode and in Russian; a churned account can be reactivated', async ({ page, server }) => {
  await server.api('POST', '/api/v1/demo', { accounts: 60, seed: 1 });
  const active = await server.api<List<{ id: number; name: string; mrr: number }>>('GET', '/api/v1/accounts?status=active&limit=1&sort=-mrr');
  const acc = active.items[0]!;
  const rec = await server.api<{ id: number }>('POST', `/api/v1/accounts/${acc.id}/churn`, {
    churn_date: today,
    reason: 'competitor',
    competitor: 'Rivalsoft',
    reason_detail: 'Their CFO standardised on one suite.',
    exit_interview_date: today,
    interviewer: 'Anna Kowalska',
    answers: { main_reason: 'Consolidation on one vendor.', could_have_done: 'An SSO integration a year ago.' },
    quotes: ['Honestly, your support was the best we had.'],
    lessons: 'Build SSO; talk to finance before renewal.',
    would_return: 'maybe',
    follow_up_on: today,
    offer_made: 'Two months free',
  });

  const shoot = async (suffix: string, lang: 'en' | 'ru') => {
    await page.goto('/#/churn');
    await expect(page.getByTestId('churn-table').getByText(acc.name)).toBeVisible();
    await page.waitForTimeout(300); // the table's loading veil fades out
    await screenshot(page, `churn-log-${suffix}`);
    await page.goto(`/#/churn/${rec.id}`);
    await expect(page.getByTestId('churn-quote')).toBeVisible();
    await screenshot(page, `churn-record-${suffix}`);
    await page.getByTestId('edit-churn').click();
    await expect(page.getByTestId('churn-form').getByTestId('churn-submit')).toBeVisible();
    await screenshot(page, `churn-form-${suffix}`);
    await page.keyboard.press('Escape');
    await page.goto('/#/churn/analytics');
    await expect(page.getByTestId('reasons-chart').locator('canvas').first()).toBeVisible();
    await expect(page.getByTestId('kpi-grid')).toContainText(lang === 'ru' ? 'Удержание клиентов (CRR)' : 'Customer retention (CRR)');
    await page.waitForTimeout(400); // let the charts finish their entry animation
    await screenshot(page, `churn-analytics-${suffix}`);
  };

  await page.goto('/');
  await page.evaluate(() => localStorage.setItem('churndesk.theme', 'dark'));
  await page.reload();
  await shoot('dark', 'en');

  await page.evaluate(() => {
    localStorage.setItem('churndesk.theme', 'light');
    localStorage.setItem('churndesk.language', 'ru');
  });
  await page.reload();
  await shoot('ru', 'ru');
  await expect(page.getByTestId('reasons-table')).toContainText('Ушли к конкуренту');

  // The churned account's panel offers reactivation instead of a new churn.
  await page.goto(`/#/accounts/${acc.id}`);
  await expect(page.getByTestId('log-churn')).toHaveCount(0);
  await expect(page.getByTestId('churn-panel-records')).toContainText('Ушли к конкуренту');
  await page.getByTestId('reactivate-open').click();
  await page.getByTestId('churn-panel').scrollIntoViewIfNeeded();
  await screenshot(page, 'churn-panel-ru');
  await page.getByTestId('reactivate-submit').click();
  await expect(page.getByTestId('log-churn')).toBeVisible();
  const after = await server.api<{ status: string }>('GET', `/api/v1/accounts/${acc.id}`);
  expect(after.status).toBe('active');
});
