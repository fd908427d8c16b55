import { test, expect, screenshot } from './fixtures';
import type { Page } from '@playwright/test';

interface List<T> {
  items: T[];
  total?: number;
}
interface Tier {
  id: number;
  name: string;
  rank: number;
  min_tenure_months: number;
  min_mrr: number;
  min_lifetime_revenue: number;
  min_health?: string;
  color?: string;
  benefits: { kind: string; description: string }[];
  accounts: number;
}
interface DistRow {
  tier: string;
  accounts: number;
  churned_12m: number;
  retention_pct: number | null;
}
interface Referral {
  id: number;
  status: string;
  referred_company: string;
  referrer_account_id: number;
  referrer_reward_status: string;
  converted_account_id: number | null;
}
interface Account {
  id: number;
  name: string;
  mrr: number;
  currency: string;
  status: string;
}

const inputOf = (t: Tier) => ({
  name: t.name,
  rank: t.rank,
  color: t.color,
  min_tenure_months: t.min_tenure_months,
  min_mrr: t.min_mrr,
  min_lifetime_revenue: t.min_lifetime_revenue,
  min_health: t.min_health || undefined,
  benefits: t.benefits,
});

async function pick(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('tier editor: new tiers previewed live, saved, evaluated; the distribution shown equals the API; an override from the account panel', async ({ page, server }) => {
  await server.api('POST', '/api/v1/demo', { accounts: 60, seed: 1 });
  const before = await server.api<List<Tier>>('GET', '/api/v1/tiers');
  const [platinum, gold, silver] = before.items;
  expect(before.items.map((t) => t.name)).toEqual(['Platinum', 'Gold', 'Silver']);

  await page.goto('/#/loyalty/tiers');
  for (let i = 0; i < 3; i++) await expect(page.getByTestId(`tier-name-${i}`)).toHaveValue(before.items[i]!.name);

  // A new best tier "Diamond": added at the bottom, moved to the top, with rules and a benefit.
  await page.getByTestId('add-tier').click();
  await expect(page.getByTestId('tier-name-3')).toBeFocused();
  await page.keyboard.type('Diamond');
  await page.getByTestId('tier-mrr-3').fill('3000');
  await page.getByTestId('tier-tenure-3').fill('18');
  await page.getByTestId('tier-add-benefit-3').click();
  await pick(page, 'tier-benefit-kind-3-0', 'Exclusive events');
  await page.getByTestId('tier-benefit-desc-3-0').fill('Dinner with the founders');
  for (let i = 3; i > 0; i--) await page.getByTestId(`tier-up-${i}`).click();
  await expect(page.getByTestId('tier-name-0')).toHaveValue('Diamond');
  // A new entry tier "Bronze" at the bottom with a health rule only.
  await page.getByTestId('add-tier').click();
  await page.getByTestId('tier-name-4').fill('Bronze');
  await pick(page, 'tier-health-4', 'Average or better');

  // The preview equals what the API counts for the same proposed tiers.
  const proposed = [
    { name: 'Diamond', rank: 5, min_tenure_months: 18, min_mrr: 300000, min_lifetime_revenue: 0, benefits: [{ kind: 'exclusive_events', description: 'Dinner with the founders' }] },
    { ...inputOf(platinum!), rank: 4 },
    { ...inputOf(gold!), rank: 3 },
    { ...inputOf(silver!), rank: 2 },
    { name: 'Bronze', rank: 1, min_tenure_months: 0, min_mrr: 0, min_lifetime_revenue: 0, min_health: 'average', benefits: [] },
  ];
  const expected = await server.api<{ counts: Record<string, number> }>('POST', '/api/v1/tiers/preview', { tiers: proposed });
  expect(expected.counts.Diamond).toBeGreaterThan(0);
  const names = ['Diamond', 'Platinum', 'Gold', 'Silver', 'Bronze'];
  for (const [i, name] of names.entries()) await expect(page.getByTestId(`preview-count-${i}`)).toHaveText(String(expected.counts[name] ?? 0));
  await expect(page.getByTestId('preview-count-none')).toHaveText(String(expected.counts[''] ?? 0));
  await screenshot(page, 'loyalty-tier-editor');

  await page.getByTestId('save-tiers').click();
  await expect(page.getByTestId('unsaved')).toBeHidden();
  await expect(page.getByTestId('tier-name-0')).toHaveValue('Diamond');
  const after = await server.api<List<Tier>>('GET', '/api/v1/tiers');
  expect(after.items.map((t) => [t.name, t.rank])).toEqual(names.map((n, i) => [n, 5 - i]));
  expect(after.items[0]).toMatchObject({ min_mrr: 300000, min_tenure_months: 18, benefits: [{ kind: 'exclusive_events', description: 'Dinner with the founders' }] });
  expect(after.items[4]).toMatchObject({ min_health: 'average' });

  // Evaluate: the result counts the moves, and the distribution on screen equals the API's.
  await page.goto('/#/loyalty');
  await page.getByTestId('evaluate').click();
  await expect(page.getByTestId('evaluate-result')).toBeVisible();
  const moves = await server.api<{ items: { account_name: string; to: string; reason: string }[]; total: number }>('GET', '/api/v1/tiers/moves?limit=200');
  const toDiamond = moves.items.filter((m) => m.to === 'Diamond').length;
  expect(toDiamond).toBe(expected.counts.Diamond);
  const dist = await server.api<List<DistRow>>('GET', '/api/v1/tiers/distribution');
  for (const row of dist.items) {
    const tr = page.getByTestId(`dist-row-${row.tier || 'none'}`);
    await expect(tr.getByTestId('dist-accounts')).toHaveText(String(row.accounts));
    await expect(tr.getByTestId('dist-retention')).toHaveText(row.retention_pct === null ? '—' : `${row.retention_pct.toFixed(1)} %`);
  }
  expect(dist.items.find((r) => r.tier === 'Diamond')!.accounts).toBe(expected.counts.Diamond);
  await expect(page.getByTestId('moves').getByText('Diamond').first()).toBeVisible();
  await page.waitForTimeout(600);
  await screenshot(page, 'loyalty-overview');

  // Override from the account panel: pin an account with no Diamond to Diamond.
  const acc = (await server.api<List<Account>>('GET', '/api/v1/accounts?status=active&sort=mrr&limit=1')).items[0]!;
  await page.goto(`/#/accounts/${acc.id}`);
  const panel = page.getByTestId('loyalty-panel');
  await panel.getByTestId('override-open').click();
  await pick(page, 'override-tier', 'Diamond');
  await panel.getByTestId('override-reason').fill('Strategic logo for the case study');
  await panel.getByTestId('override-save').click();
  await expect(panel.getByTestId('override-info')).toContainText('Strategic logo for the case study');
  const loyal = await server.api<{ tier: string; override: { tier_name: string; reason: string } | null; moves: { to: string; reason: string }[] }>('GET', `/api/v1/accounts/${acc.id}/loyalty`);
  expect(loyal.tier).toBe('Diamond');
  expect(loyal.override).toMatchObject({ tier_name: 'Diamond', reason: 'Strategic logo for the case study' });
  expect(loyal.moves[0]).toMatchObject({ to: 'Diamond', reason: 'override: Strategic logo for the case study' });
  // Record a benefit used.
  await panel.getByTestId('benefit-open').click();
  await panel.getByTestId('benefit-note').fill('Invited to the spring dinner');
  await panel.getByTestId('benefit-save').click();
  await expect(panel.getByTestId('benefits-used')).toContainText('Invited to the spring dinner');
  const withUse = await server.api<{ used: { kind: string; tier: string; note: string }[] }>('GET', `/api/v1/accounts/${acc.id}/loyalty`);
  expect(withUse.used[0]).toMatchObject({ kind: 'exclusive_events', tier: 'Diamond', note: 'Invited to the spring dinner' });
  await panel.scrollIntoViewIfNeeded();
  await screenshot(page, 'loyalty-account-panel');

  // Dark and Russian.
  await page.evaluate(() => localStorage.setItem('churndesk.theme', 'dark'));
  await page.goto('/#/loyalty');
  await page.reload();
  await expect(page.getByTestId('dist-row-Diamond')).toBeVisible();
  await page.waitForTimeout(600); // let the chart's bars finish growing
  await screenshot(page, 'loyalty-overview-dark');
  await page.evaluate(() => {
    localStorage.setItem('churndesk.theme', 'light');
    localStorage.setItem('churndesk.language', 'ru');
  });
  await page.goto(`/#/accounts/${acc.id}`);
  await page.reload();
  await expect(page.getByTestId('loyalty-panel')).toContainText('Лояльность');
  await page.getByTestId('loyalty-panel').scrollIntoViewIfNeeded();
  await screenshot(page, 'loyalty-account-panel-ru');
});

test('referrals: record one through the form, drag it to trial, convert it into a new account, approve the reward', async ({ page, server }) => {
  await server.api('POST', '/api/v1/demo', { accounts: 60, seed: 1 });
  const referrer = (await server.api<List<Account>>('GET', '/api/v1/accounts?status=active&sort=-mrr&limit=1')).items[0]!;

  await page.goto('/#/referrals');
  await expect(page.getByTestId('referral-board')).toBeVisible();
  await page.getByTestId('new-referral').click();
  const form = page.getByTestId('referral-form');
  await form.getByTestId('referrer-account').fill(referrer.name);
  await page.getByRole('option', { name: referrer.name, exact: true }).click();
  await form.getByTestId('referred-company').fill('Nordlicht Analytics');
  await form.getByTestId('referred-contact').fill('Ingrid Berg');
  await form.getByTestId('referred-email').fill('ingrid@nordlicht.example');
  await pick(page, 'referral-channel', 'Event');
  await form.getByTestId('referrer-reward').fill('One free month');
  await form.getByTestId('newcomer-reward').fill('10 % off the first year');
  await screenshot(page, 'loyalty-referral-form');
  await form.getByTestId('referral-save').click();
  await expect(form).toBeHidden();

  const found = await server.api<List<Referral>>('GET', '/api/v1/referrals?q=Nordlicht');
  expect(found.items).toHaveLength(1);
  const ref = found.items[0]!;
  expect(ref).toMatchObject({ status: 'invited', referrer_account_id: referrer.id });
  const card = page.getByTestId(`referral-card-${ref.id}`);
  await expect(page.getByTestId('column-invited').getByTestId(`referral-card-${ref.id}`)).toBeVisible();

  // Drag the card to the trial column.
  await card.dragTo(page.getByTestId('column-trial'));
  await expect(page.getByTestId('column-trial').getByTestId(`referral-card-${ref.id}`)).toBeVisible();
  await expect.poll(async () => (await server.api<Referral>('GET', `/api/v1/referrals/${ref.id}`)).status).toBe('trial');

  // The keyboard way: the card's menu moves it to lead and back to trial.
  await card.getByTestId('referral-menu').click();
  await page.getByTestId('move-lead').click();
  await expect(page.getByTestId('column-lead').getByTestId(`referral-card-${ref.id}`)).toBeVisible();
  await expect.poll(async () => (await server.api<Referral>('GET', `/api/v1/referrals/${ref.id}`)).status).toBe('lead');
  await card.getByTestId('referral-menu').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('move-trial').click();
  await expect.poll(async () => (await server.api<Referral>('GET', `/api/v1/referrals/${ref.id}`)).status).toBe('trial');
  await screenshot(page, 'loyalty-referrals');

  // Dropping on "converted" asks for the account; a new one is created.
  await card.dragTo(page.getByTestId('column-converted'));
  const convert = page.getByTestId('convert-modal');
  await expect(convert.getByTestId('convert-name')).toHaveValue('Nordlicht Analytics');
  await convert.getByTestId('convert-mrr').fill('420');
  await screenshot(page, 'loyalty-convert');
  await convert.getByTestId('convert-submit').click();
  await expect(convert).toBeHidden();
  await expect(page.getByTestId('column-converted').getByTestId(`referral-card-${ref.id}`)).toBeVisible();
  const converted = await server.api<Referral>('GET', `/api/v1/referrals/${ref.id}`);
  expect(converted.status).toBe('converted');
  expect(converted.converted_account_id).not.toBeNull();
  const account = await server.api<Account>('GET', `/api/v1/accounts/${converted.converted_account_id}`);
  expect(account).toMatchObject({ name: 'Nordlicht Analytics', mrr: 42000, currency: 'EUR', status: 'trial' });

  // The referrer's reward is now outstanding; approve it.
  const reward = page.getByTestId(`reward-${ref.id}-referrer`);
  await expect(reward).toContainText('One free month');
  await reward.getByTestId('reward-approve').click();
  await expect(reward.getByTestId('reward-issue')).toBeVisible();
  expect((await server.api<Referral>('GET', `/api/v1/referrals/${ref.id}`)).referrer_reward_status).toBe('approved');

  // Figures match the API.
  const figures = await server.api<{ referrals: number; converted: number }>('GET', '/api/v1/referrals/figures');
  await expect(page.getByTestId('figure-referrals')).toHaveText(String(figures.referrals));
  await expect(page.getByTestId('referral-figures')).toContainText(`${figures.converted} of ${figures.referrals} referrals converted`);

  // The referrer's account page lists the referral it made.
  await page.goto(`/#/accounts/${referrer.id}`);
  await expect(page.getByTestId('panel-referrals')).toContainText('Nordlicht Analytics');

  // An advocate suggestion opens the form with the referrer filled in.
  const sugg = await server.api<List<{ account_id: number; name: string }>>('GET', '/api/v1/referrals/suggestions');
  if (sugg.items.length) {
    await page.goto('/#/referrals');
    await page.getByTestId(`suggestion-${sugg.items[0]!.account_id}`).getByTestId('suggestion-invite').click();
    await expect(page.getByTestId('referral-form').getByTestId('referrer-account')).toHaveValue(sugg.items[0]!.name);
    await expect(page.getByTestId('referral-form').getByTestId('referred-company')).toBeFocused();
    await page.keyboard.press('Escape');
  }
  await page.evaluate(() => localStorage.setItem('churndesk.theme', 'dark'));
  await page.goto('/#/referrals');
  await page.reload();
  await expect(page.getByTestId(`referral-card-${ref.id}`)).toBeVisible();
  await screenshot(page, 'loyalty-referrals-dark');
  await page.evaluate(() => {
    localStorage.setItem('churndesk.theme', 'light');
    localStorage.setItem('churndesk.language', 'pl');
  });
  await page.reload();
  await expect(page.getByTestId('column-trial')).toContainText('Okres próbny');
  await screenshot(page, 'loyalty-referrals-pl');
  await page.goto('/#/loyalty/tiers');
  await expect(page.getByTestId('tier-name-0')).toHaveValue('Platinum');
  await screenshot(page, 'loyalty-tier-editor-pl');
});
