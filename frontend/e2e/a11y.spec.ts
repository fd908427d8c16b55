import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { appendFileSync } from 'node:fs';
import { test, expect, screenshot, type Server } from './fixtures';

// Every screen of the app's router, in light and dark mode, must pass axe's
// WCAG 2.1 A and AA rules with no violation at all.

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface List<T> {
  items: T[];
  total: number;
}

/** Screen is one route to check, with what shows it has finished loading. */
interface Screen {
  name: string;
  path: string;
  ready: (page: Page) => Promise<void>;
}

const visible = (testId: string) => async (page: Page) => {
  await expect(page.getByTestId(testId).first()).toBeVisible();
};

async function screens(server: Server): Promise<Screen[]> {
  const accounts = await server.api<List<{ id: number }>>('GET', '/api/v1/accounts?status=active&limit=2&sort=-mrr');
  const [account, leaving] = accounts.items.map((a) => a.id) as [number, number];
  // A churn with an exit interview, which also opens an offboarding checklist.
  const churn = await server.api<{ id: number }>('POST', `/api/v1/accounts/${leaving}/churn`, {
    churn_date: new Date().toISOString().slice(0, 10),
    reason: 'competitor',
    competitor: 'Rivalsoft',
    quotes: ['Your support was the best we had.'],
    lessons: 'Build SSO.',
  });
  const board = await server.api<List<{ id: number }>>('GET', '/api/v1/offboarding?limit=1');
  const due = await server.api<List<{ account_id: number }> & { quarter: string }>('GET', '/api/v1/qbr');
  return [
    { name: 'dashboard', path: '/', ready: visible('health-dashboard') },
    { name: 'accounts', path: '/accounts', ready: visible('accounts-table') },
    { name: 'account', path: `/accounts/${account}`, ready: visible('account-name') },
    { name: 'today', path: '/today', ready: visible('today-group-week') },
    { name: 'churn-log', path: '/churn', ready: visible('churn-table') },
    { name: 'churn-analytics', path: '/churn/analytics', ready: visible('kpi-grid') },
    { name: 'health-model', path: '/settings/health-model', ready: visible('model-save') },
    { name: 'playbooks', path: '/settings/playbooks', ready: visible('playbook-no_login') },
    { name: 'loyalty', path: '/loyalty', ready: visible('distribution') },
    {
      name: 'loyalty-tiers',
      path: '/loyalty/tiers',
      ready: async (page) => {
        // The preview is veiled while it recomputes; check it once it is current.
        await expect(page.getByTestId('tier-preview')).toBeVisible();
        await expect(page.getByTestId('tier-preview').locator('.mantine-Loader-root')).toHaveCount(0);
      },
    },
    { name: 'referrals', path: '/referrals', ready: visible('referral-board') },
    { name: 'offboarding', path: '/offboarding', ready: visible('board-table') },
    { name: 'offboarding-templates', path: '/settings/offboarding', ready: visible('templates-save') },
    { name: 'qbr-list', path: '/qbr', ready: visible('qbr-table') },
    { name: 'qbr-editor', path: `/qbr/${due.items[0]!.account_id}/${due.quarter}`, ready: visible('qbr-health') },
    { name: 'import', path: '/import', ready: visible('import-drop') },
    { name: 'settings', path: '/settings', ready: visible('qbr-brand-card') },
    { name: 'risk-model', path: '/settings/risk-model', ready: visible('risk-retrain') },
    { name: 'churn-record', path: `/churn/${churn.id}`, ready: visible('churn-quote') },
    { name: 'offboarding-checklist', path: `/offboarding/${board.items[0]!.id}`, ready: visible('checklist-account') },
  ];
}

/** violations runs axe on the page and describes each failing rule with its first targets. */
async function violations(page: Page, name: string): Promise<{ count: number; lines: string[] }> {
  await page.waitForTimeout(500); // loading veils and chart entry animations settle
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  if (process.env.A11Y_DUMP) appendFileSync(process.env.A11Y_DUMP, JSON.stringify({ name, violations: result.violations }) + '\n');
  let count = 0;
  const lines = result.violations.map((v) => {
    count += v.nodes.length;
    const targets = v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1, 2).join('').trim() ?? ''}`);
    return `  ${v.id} (${v.impact}, ${v.nodes.length} elements): ${v.help}\n${targets.join('\n')}`;
  });
  return { count, lines };
}

async function setScheme(page: Page, scheme: 'light' | 'dark') {
  await page.addInitScript((s) => localStorage.setItem('churndesk.theme', s), scheme);
}

/** CHUNKS splits the screens (by their place in the list) so each test stays short; the welcome screen comes first. */
const CHUNKS = [
  [0, 7],
  [7, 14],
  [14, 99],
] as const;

for (const scheme of ['light', 'dark'] as const) {
  for (const [part, [from, to]] of CHUNKS.entries()) {
    test(`every screen passes axe's WCAG 2.1 AA rules in ${scheme} mode (part ${part + 1} of ${CHUNKS.length})`, async ({ page, server }) => {
      test.setTimeout(180_000);
      await setScheme(page, scheme);
      const failures: string[] = [];
      const counts: string[] = [];
      const check = async (name: string) => {
        const v = await violations(page, `${name}-${scheme}`);
        counts.push(`${name}: ${v.count}`);
        if (v.count > 0) failures.push(`${name} (${scheme}): ${v.count} elements\n${v.lines.join('\n')}`);
        if (process.env.A11Y_SHOTS) await screenshot(page, `a11y-${name}-${scheme}`);
      };

      if (from === 0) {
        // The welcome screen of an empty database.
        await page.goto('/');
        await expect(page.getByTestId('load-demo')).toBeVisible();
        await check('welcome');
      }

      await server.api('POST', '/api/v1/demo', { accounts: 60, seed: 1 });
      for (const s of (await screens(server)).slice(from, to)) {
        await page.goto(`/#${s.path}`);
        if (s.path === '/') await page.reload(); // the welcome screen was showing at this address
        await s.ready(page);
        await check(s.name);
      }
      console.log(`axe ${scheme}: ${counts.join(', ')}`);
      expect(failures, failures.join('\n\n')).toEqual([]);
    });
  }
}
