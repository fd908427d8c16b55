import { test, expect, screenshot } from './fixtures';

interface Coefficient {
  key: string;
  hazard_ratio: number;
}
interface Backtest {
  auc: number;
  catch_top10: number;
  health: { auc: number; catch_top10: number };
}
interface Model {
  id: number;
  coefficients: Coefficient[];
  backtest: Backtest | null;
}
interface Factor {
  key: string;
  args: Record<string, number>;
  value: string;
  effect: number;
  text: string;
}
interface AccountRisk {
  account_id: number;
  name: string;
  probability: number;
  factors: Factor[];
}
interface Scores {
  currency: string;
  expected_loss: number;
  mean_probability: number;
  items: AccountRisk[];
}

const num = (v: number, lang: string, digits: number) => v.toLocaleString(lang, { maximumFractionDigits: digits });
const pct = (p: number, lang: string) => (p * 100).toLocaleString(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) + ' %';

test('the risk model page, the risk card and the dashboard show the API figures, in English and Russian', async ({ page, server }) => {
  test.setTimeout(120_000);
  await server.api('POST', '/api/v1/demo', { accounts: 800, seed: 7 });
  await page.goto('/#/settings/risk-model');
  await expect(page.getByTestId('risk-not-trained')).toBeVisible();
  await page.getByTestId('risk-retrain').click();
  await expect(page.getByTestId('risk-backtest')).toBeVisible({ timeout: 60_000 });
  const model = (await server.api<{ model: Model }>('GET', '/api/v1/risk/model')).model;
  const bt = model.backtest!;
  const declining = model.coefficients.find((c) => c.key === 'declining')!;

  for (const lang of ['en', 'ru'] as const) {
    await page.evaluate((l) => localStorage.setItem('churndesk.language', l), lang);
    await page.goto('/#/settings/risk-model');
    await page.reload();
    await expect(page.getByTestId('bt-auc')).toHaveText(num(bt.auc, lang, 3));
    await expect(page.getByTestId('bt-health-auc')).toHaveText(num(bt.health.auc, lang, 3));
    await expect(page.getByTestId('bt-catch')).toHaveText(pct(bt.catch_top10, lang));
    await expect(page.getByTestId('bt-health-catch')).toHaveText(pct(bt.health.catch_top10, lang));
    await expect(page.getByTestId('hr-declining')).toHaveText(num(declining.hazard_ratio, lang, 2));
    await expect(page.getByTestId('coef-declining')).toContainText(lang === 'ru' ? 'Вовлечённость падает' : 'Engagement declining');
    await screenshot(page, `risk-model-${lang}`);
    // The ROC and calibration charts: drawn, and described in the page's language with the API's AUCs.
    const roc = page.getByTestId('bt-roc-chart');
    await expect(roc).toHaveAttribute('role', 'img');
    await expect(roc.locator('canvas')).toBeVisible();
    const aucs = [num(bt.auc, lang, 3), num(bt.health.auc, lang, 3)];
    await expect(roc).toHaveAttribute('aria-label', new RegExp(`^${lang === 'ru' ? 'ROC-кривая' : 'ROC curve'}.*${aucs[0]}.*${aucs[1]}`));
    const cal = page.getByTestId('bt-calibration-chart');
    await expect(cal).toHaveAttribute('role', 'img');
    await expect(cal.locator('canvas')).toBeVisible();
    await expect(cal).toHaveAttribute('aria-label', new RegExp(`^${lang === 'ru' ? 'Калибровка' : 'Calibration'}`));
    await roc.scrollIntoViewIfNeeded();
    await screenshot(page, `risk-charts-${lang}`);

    const scores = await server.api<Scores>('GET', `/api/v1/risk/scores?limit=1&lang=${lang}`);
    const top = scores.items[0]!;
    await page.goto(`/#/accounts/${top.account_id}`);
    await expect(page.getByTestId('risk-probability')).toHaveText(pct(top.probability, lang));
    const first = page.getByTestId('risk-factors').locator('li').first();
    // The frontend renders the factor from its key and arguments; the server's own text says the same.
    await expect(first).toHaveText(top.factors[0]!.text);
    await page.getByTestId('risk-card').scrollIntoViewIfNeeded();
    await screenshot(page, `risk-card-${lang}`);

    await page.goto('/#/');
    const loss = scores.currency
      ? new Intl.NumberFormat(lang, { style: 'currency', currency: scores.currency, maximumFractionDigits: 0 }).format(scores.expected_loss)
      : num(scores.expected_loss, lang, 0);
    await expect(page.getByTestId('risk-expected-loss-total')).toHaveText(loss);
    await expect(page.getByTestId('risk-mean')).toHaveText(pct(scores.mean_probability, lang));
  }
});

interface ListedAccount {
  id: number;
  name: string;
  risk: number | null;
}

test('the account list shows each account’s stored risk as the API gives it and sorts by it', async ({ page, server }) => {
  test.setTimeout(120_000);
  await server.api('POST', '/api/v1/demo', { accounts: 800, seed: 7 });
  await server.api('POST', '/api/v1/risk/train', {});
  const desc = (await server.api<{ items: ListedAccount[] }>('GET', '/api/v1/accounts?sort=-risk&limit=3')).items;
  const asc = (await server.api<{ items: ListedAccount[] }>('GET', '/api/v1/accounts?sort=risk&limit=3')).items;
  const scores = await server.api<Scores>('GET', '/api/v1/risk/scores?limit=3');
  expect(desc.map((a) => a.risk)).toEqual(scores.items.map((it) => it.probability));
  const cells = page.getByTestId('accounts-table').locator('[data-testid^="risk-"]');

  for (const lang of ['en', 'ru'] as const) {
    await page.goto('/#/accounts');
    await page.evaluate((l) => localStorage.setItem('churndesk.language', l), lang);
    await page.reload();
    // The sortable header is a button named by its title and its sort state.
    const header = page.getByTestId('accounts-table').getByRole('button', { name: new RegExp(`^${lang === 'ru' ? 'Риск' : 'Risk'} `) });
    await header.click();
    await expect(cells.first()).toHaveAttribute('data-testid', `risk-${asc[0]!.id}`);
    for (const [i, a] of asc.entries()) {
      await expect(cells.nth(i)).toHaveAttribute('data-testid', `risk-${a.id}`);
      await expect(cells.nth(i)).toHaveText(pct(a.risk!, lang));
    }
    await header.click();
    await expect(cells.first()).toHaveAttribute('data-testid', `risk-${desc[0]!.id}`);
    for (const [i, a] of desc.entries()) {
      await expect(cells.nth(i)).toHaveAttribute('data-testid', `risk-${a.id}`);
      await expect(cells.nth(i)).toHaveText(pct(a.risk!, lang));
    }
    await screenshot(page, `accounts-risk-${lang}`);
  }
  // A trial account has no forecast: its cell says so.
  const trial = (await server.api<{ items: ListedAccount[] }>('GET', '/api/v1/accounts?status=trial&limit=1')).items[0]!;
  expect(trial.risk).toBeNull();
  await page.getByTestId('account-search').fill(trial.name);
  await expect(page.getByTestId(`risk-${trial.id}`)).toHaveText('—');
});
