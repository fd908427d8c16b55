import { test, expect, screenshot, type Server } from './fixtures';
import type { Page } from '@playwright/test';

interface List<T> {
  items: T[];
  total: number;
}
interface Part {
  key: string;
  has_data: boolean;
  measure: number | null;
  score: number;
  weight: number;
  points: number;
  lost: number;
}
interface AccountHealth {
  live: { score: number; class: string; breakdown: Part[] };
  nps: { id: number; score: number }[];
}
interface Settings {
  model: { components: { key: string; weight: number }[]; good_from: number; poor_below: number };
}
interface Account {
  id: number;
  name: string;
  health_class: string;
  health_score: number | null;
}

const round1 = (v: number) => Math.round(v * 10) / 10;
/** The UI writes points lost as "−87.9" (one decimal at most, true minus sign). */
const lostText = (v: number) => (v < 0.05 ? '0' : '−' + new Intl.NumberFormat('en', { maximumFractionDigits: 1 }).format(v));

function day(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * averageWithWeakSpot finds an account in the average band with a component
 * scoring well below the poor cut-off: giving that component all the weight
 * makes the account poor.
 */
async function averageWithWeakSpot(server: Server, poorBelow: number) {
  const avg = await server.api<List<Account>>('GET', '/api/v1/accounts?health=average&limit=200&sort=name');
  for (const acc of avg.items) {
    const h = await server.api<AccountHealth>('GET', `/api/v1/accounts/${acc.id}/health`);
    if (h.live.class !== 'average') continue;
    // Components without data are left out of the score: only those with data can weigh it down.
    const weakest = [...h.live.breakdown].filter((p) => p.has_data).sort((a, b) => a.score - b.score)[0]!;
    if (weakest.score < poorBelow - 5) return { acc, weakest, health: h };
  }
  throw new Error('no average account with a weak component in the demo data');
}

async function setWeights(page: Page, weights: Record<string, number>) {
  for (const [key, w] of Object.entries(weights)) await page.getByTestId(`weight-${key}`).fill(String(w));
}

test('reweighting the health model turns an average account poor, and its breakdown shows what the weak component cost', async ({ page, server }) => {
  await server.api('POST', '/api/v1/demo', { accounts: 60, seed: 1 });
  const before = await server.api<Settings>('GET', '/api/v1/health-model');
  const { acc, weakest } = await averageWithWeakSpot(server, before.model.poor_below);

  // All the weight on the account's weakest component: its score becomes that component's score.
  const weights = Object.fromEntries(before.model.components.map((c) => [c.key, c.key === weakest.key ? 100 : 0]));
  const expectedScore = round1(weakest.score);
  const expectedLost = round1(100 - expectedScore);
  expect(expectedScore).toBeLessThan(before.model.poor_below);

  await page.goto('/#/settings');
  await page.getByTestId('link-health-model').click();
  await expect(page).toHaveURL(/#\/settings\/health-model$/);
  await expect(page.getByTestId('weight-total')).toHaveText('100 / 100');
  await setWeights(page, weights);
  await expect(page.getByTestId('weight-total')).toHaveText('100 / 100');
  await expect(page.getByTestId('weight-error')).toHaveCount(0);
  await screenshot(page, 'health-model');
  await page.getByTestId('model-save').click();
  const result = page.getByTestId('model-result');
  await expect(result).toContainText('accounts rescored');
  await expect(result.getByTestId('model-changed')).toContainText(/\d+ accounts? changed class/);
  await screenshot(page, 'health-model-saved');

  // The server stored the model and rescored the account.
  const after = await server.api<Settings>('GET', '/api/v1/health-model');
  expect(Object.fromEntries(after.model.components.map((c) => [c.key, c.weight]))).toEqual(weights);
  const stored = await server.api<Account>('GET', `/api/v1/accounts/${acc.id}`);
  expect(stored.health_class).toBe('poor');
  expect(stored.health_score).toBe(expectedScore);

  // The account page shows the new band and what the weak component cost.
  await page.goto(`/#/accounts/${acc.id}`);
  const panel = page.getByTestId('health-panel');
  await expect(panel.getByTestId('health-class')).toHaveText('Poor');
  await expect(panel.getByTestId('health-score')).toHaveText(new Intl.NumberFormat('en', { maximumFractionDigits: 1 }).format(expectedScore));
  const row = panel.getByTestId(`breakdown-${weakest.key}`);
  await expect(row.getByTestId(`breakdown-lost-${weakest.key}`)).toHaveText(lostText(expectedLost));
  await expect(row).toContainText(`${new Intl.NumberFormat('en', { maximumFractionDigits: 1 }).format(expectedScore)} / 100`);
  // Components without weight cost nothing.
  const other = before.model.components.find((c) => c.key !== weakest.key)!.key;
  await expect(panel.getByTestId(`breakdown-lost-${other}`)).toHaveText('0');
  await panel.scrollIntoViewIfNeeded();
  await screenshot(page, 'health-panel-poor');

  // The dashboard lists it among the accounts at risk, linking to its page.
  await page.goto('/#/');
  const risk = page.getByTestId('at-risk-table');
  await expect(risk.getByRole('link', { name: acc.name })).toBeVisible();
  const overview = await server.api<{ poor: number }>('GET', '/api/v1/health/overview');
  await expect(page.getByTestId('band-count-poor')).toHaveText(String(overview.poor));
  await page.getByTestId('health-dashboard').scrollIntoViewIfNeeded();
  await screenshot(page, 'health-dashboard');
  await risk.getByRole('link', { name: acc.name }).click();
  await expect(page).toHaveURL(new RegExp(`#/accounts/${acc.id}$`));
});

test('weights that do not add up to 100 are flagged and refused, and nothing is saved', async ({ page, server }) => {
  await server.api('POST', '/api/v1/demo', { accounts: 20, seed: 1 });
  const before = await server.api<Settings>('GET', '/api/v1/health-model');
  const seats = before.model.components.find((c) => c.key === 'seat_utilisation')!;

  await page.goto('/#/settings/health-model');
  await page.getByTestId('weight-seat_utilisation').fill(String(seats.weight + 7));
  await expect(page.getByTestId('weight-total')).toHaveText('107 / 100');
  await expect(page.getByTestId('weight-error')).toHaveText('The weights add up to 107: take away 7 so they add up to 100.');
  await page.getByTestId('model-save').click();
  await expect(page.getByTestId('weight-server-error')).toHaveText('Not saved — the server says: weights must add up to 100; they add up to 107');
  await expect(page.getByTestId('model-result')).toHaveCount(0);
  await screenshot(page, 'health-model-error');

  const after = await server.api<Settings>('GET', '/api/v1/health-model');
  expect(after).toEqual(before);
});

test('an NPS answer added through the form changes the account NPS shown', async ({ page, server }) => {
  await server.api('POST', '/api/v1/demo', { accounts: 60, seed: 1 });
  const list = await server.api<List<Account>>('GET', '/api/v1/accounts?status=active&limit=50&sort=name');
  // An account that already has answers, so the new one moves its NPS.
  let acc: Account | undefined;
  let prior: { promoters: number; detractors: number; responses: number } | undefined;
  for (const a of list.items) {
    const s = await server.api<{ promoters: number; detractors: number; responses: number }>('GET', `/api/v1/nps?account_id=${a.id}`);
    if (s.responses >= 2) {
      acc = a;
      prior = s;
      break;
    }
  }
  if (!acc || !prior) throw new Error('no account with NPS answers in the demo data');
  const expected = round1(((prior.promoters + 1 - prior.detractors) / (prior.responses + 1)) * 100);
  const shown = (expected > 0 ? '+' : expected < 0 ? '−' : '') + new Intl.NumberFormat('en', { maximumFractionDigits: 1 }).format(Math.abs(expected));

  await page.goto(`/#/accounts/${acc.id}`);
  const panel = page.getByTestId('health-panel');
  await panel.getByTestId('health-tab-nps').click();
  const answers = panel.getByTestId('nps-answer');
  await expect(answers).toHaveCount(prior.responses);
  const form = panel.getByTestId('nps-form');
  await form.getByTestId('nps-score').fill('10');
  await form.getByTestId('nps-date').fill(day(new Date()));
  await form.getByTestId('nps-comment').fill('The new reports saved our finance team a day every month.');
  await form.getByTestId('nps-submit').click();

  await expect(answers).toHaveCount(prior.responses + 1);
  await expect(answers.first()).toContainText('The new reports saved our finance team');
  await expect(panel.getByTestId('account-nps')).toHaveText(shown);
  await expect(panel.getByTestId('account-nps-summary')).toHaveText(shown);
  const s = await server.api<{ nps: number; responses: number }>('GET', `/api/v1/nps?account_id=${acc.id}`);
  expect(s.responses).toBe(prior.responses + 1);
  expect(s.nps).toBe(expected);
  await panel.scrollIntoViewIfNeeded();
  await screenshot(page, 'health-panel-nps');

  // One week of usage entered by hand lands on that week's Monday.
  await panel.getByTestId('health-tab-usage').click();
  const usage = panel.getByTestId('usage-form');
  await usage.getByTestId('usage-week').fill('2026-06-10');
  await usage.getByTestId('usage-active').fill('7');
  await usage.getByTestId('usage-logins').fill('31');
  await usage.getByTestId('usage-uses').fill('12');
  await usage.getByTestId('usage-last-login').fill('2026-06-11T09:30');
  await usage.getByTestId('usage-submit').click();
  await expect(page.getByText('Usage for the week of Jun 8, 2026 saved')).toBeVisible();
  const h = await server.api<{ usage: { week: string; active_users: number; logins: number; key_feature_uses: number }[] }>('GET', `/api/v1/accounts/${acc.id}/health`);
  // Every week of the chart carries its state; a week entered by hand is reported.
  expect(h.usage.find((u) => u.week === '2026-06-08')).toEqual({ week: '2026-06-08', status: 'reported', active_users: 7, logins: 31, key_feature_uses: 12 });

  // Charts, dark theme and Russian.
  await panel.getByTestId('health-tab-charts').click();
  await expect(panel.getByTestId('health-history-chart').locator('canvas').first()).toBeVisible();
  await expect(panel.getByTestId('health-usage-chart').locator('canvas').first()).toBeVisible();
  await page.evaluate(() => localStorage.setItem('churndesk.theme', 'dark'));
  await page.reload();
  await page.getByTestId('health-panel').getByTestId('health-tab-charts').click();
  await page.getByTestId('health-panel').scrollIntoViewIfNeeded();
  await page.waitForTimeout(1500); // let the charts finish their entry animation
  await screenshot(page, 'health-panel-charts-dark');
  await page.evaluate(() => {
    localStorage.setItem('churndesk.theme', 'light');
    localStorage.setItem('churndesk.language', 'ru');
  });
  await page.reload();
  await expect(page.getByTestId('health-panel')).toContainText('Здоровье клиента');
  await page.getByTestId('health-panel').scrollIntoViewIfNeeded();
  await screenshot(page, 'health-panel-ru');
  await page.goto('/#/settings/playbooks');
  await expect(page.getByTestId('playbook-no_login')).toContainText('Нет входов');
  await screenshot(page, 'health-playbooks-ru');
  await page.goto('/#/settings/health-model');
  await expect(page.getByTestId('weight-total')).toHaveText('100 / 100');
  await screenshot(page, 'health-model-ru');
  await page.goto('/#/');
  await expect(page.getByTestId('health-dashboard')).toContainText('Здоровье портфеля');
  await page.getByTestId('health-dashboard').scrollIntoViewIfNeeded();
  await screenshot(page, 'health-dashboard-ru');
});

test('a playbook action is added, moved up and saved; the order reaches the API', async ({ page, server }) => {
  await page.goto('/#/settings/playbooks');
  const card = page.getByTestId('playbook-no_login');
  const before = await server.api<{ items: { trigger: string; actions: { title: string }[] }[] }>('GET', '/api/v1/playbooks');
  const n = before.items.find((p) => p.trigger === 'no_login')!.actions.length;
  await card.getByTestId('action-add-no_login').click();
  await card.getByTestId(`action-title-no_login-${n}`).fill('Book a check-in with {account}');
  await card.getByTestId(`action-due-no_login-${n}`).fill('3');
  await card.getByTestId(`action-up-no_login-${n}`).click();
  await expect(card.getByTestId(`action-title-no_login-${n - 1}`)).toHaveValue('Book a check-in with {account}');
  await screenshot(page, 'health-playbooks');
  await card.getByTestId('playbook-save-no_login').click();
  // The button is also disabled while the save is under way: wait for the stored playbook instead.
  type Playbooks = { items: { trigger: string; actions: { title: string; due_in_days: number; owner?: string }[] }[] };
  const stored = async () => (await server.api<Playbooks>('GET', '/api/v1/playbooks')).items.find((p) => p.trigger === 'no_login')!.actions;
  await expect.poll(async () => (await stored()).length).toBe(n + 1);
  await expect(card.getByTestId('playbook-save-no_login')).toBeDisabled();
  const actions = await stored();
  expect(actions[n - 1]).toMatchObject({ title: 'Book a check-in with {account}', due_in_days: 3 });
  expect(actions[n]!.title).toBe(before.items.find((p) => p.trigger === 'no_login')!.actions[n - 1]!.title);
});

/** isoWeeksBack is the Monday n weeks before this week's Monday (UTC), written YYYY-MM-DD. */
function isoWeeksBack(n: number): string {
  const d = new Date();
  const utc = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  utc.setUTCDate(utc.getUTCDate() - ((utc.getUTCDay() + 6) % 7) - 7 * n);
  return utc.toISOString().slice(0, 10);
}

test('the usage chart shows every week of the window: a missing week as zero and the running week as not reported yet', async ({ page, server }) => {
  const acc = await server.api<Account>('POST', '/api/v1/accounts', {
    name: 'Weekly Files', segment: 'smb', mrr: 49900, currency: 'EUR', seats: 10, contract_start: '2025-01-01', status: 'active', owner: 'Sarah Chen',
  });
  // Files arrive on Monday for the week before: nothing for the running week yet, and one week in the middle never came.
  const weeks = [4, 3, 1].map((n) => isoWeeksBack(n));
  await server.api('PUT', '/api/v1/usage', {
    items: weeks.map((w, i) => ({ account_id: acc.id, week_start: w, active_users: 4 + 2 * i, logins: 10, last_login_at: `${w}T10:00:00Z` })),
  });
  const h = await server.api<{ window_end: string; trend: { weekly_active_users: number[] }; usage: { week: string; status: string }[] }>(
    'GET',
    `/api/v1/accounts/${acc.id}/health`,
  );
  expect(h.window_end).toBe(isoWeeksBack(1));
  expect(h.trend.weekly_active_users).toEqual([4, 6, 0, 8]);
  expect(h.usage.map((u) => u.status)).toEqual(['reported', 'reported', 'missing', 'reported', 'pending']);

  await page.goto(`/#/accounts/${acc.id}`);
  const panel = page.getByTestId('health-panel');
  await panel.getByTestId('health-tab-charts').click();
  const chart = panel.getByTestId('health-usage-chart');
  await expect(chart).toHaveAttribute('data-missing', isoWeeksBack(2));
  await expect(chart).toHaveAttribute('data-pending', isoWeeksBack(0));
  const note = chart.getByTestId('usage-window-note');
  await expect(note).toContainText('the latest complete reported week');
  await expect(note).toContainText('1 week after it is not reported yet and is left out.');
  await expect(note).toContainText('1 complete week without a snapshot counts as zero.');
  await expect(chart.locator('canvas')).toBeVisible();
  await chart.scrollIntoViewIfNeeded();
  await screenshot(page, 'health-usage-window');
});
