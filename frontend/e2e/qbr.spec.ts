import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import type { Page } from '@playwright/test';
import { test, expect, screenshot } from './fixtures';

interface DueList {
  quarter: string;
  items: { account_id: number; name: string; status: string }[];
  total: number;
}
interface Report {
  status: string;
  edited: { executive_summary: string; risks: string[]; drafted: string[]; value: { kpis: { name: string; unit: string; direction: string }[] } };
}

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const wait = page.waitForEvent('download');
  await click();
  const d = await wait;
  return { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
}

test('write a QBR from the account page, save it, see it after a reload, and export it as PowerPoint and PDF', async ({ page, server }) => {
  await server.api('POST', '/api/v1/demo', { accounts: 60, seed: 1 });
  const due = await server.api<DueList>('GET', '/api/v1/qbr');
  const acc = due.items[0]!;
  const summary = 'Finance moved its monthly close into the product; sales adoption fell after the reorganisation.';

  // The account page's panel links to this quarter's QBR.
  await page.goto(`/#/accounts/${acc.account_id}`);
  await expect(page.getByTestId('qbr-panel').getByTestId('qbr-status')).toHaveText('Not started');
  await page.getByTestId('qbr-panel-open').click();
  await expect(page).toHaveURL(new RegExp(`#/qbr/${acc.account_id}/${due.quarter}$`));
  await expect(page.getByTestId('qbr-account-name')).toHaveText(acc.name);
  // Computed sections are shown read-only next to the form.
  await expect(page.getByTestId('qbr-usage-logins')).toBeVisible();
  await expect(page.getByTestId('qbr-health').locator('canvas').first()).toBeVisible();

  // An untouched report comes drafted from the data; the summary is marked until edited.
  await expect(page.getByTestId('qbr-section-summary-drafted')).toBeVisible();
  await expect(page.getByTestId('qbr-summary')).not.toHaveValue('');
  await page.getByTestId('qbr-summary').fill(summary);
  await expect(page.getByTestId('qbr-section-summary-drafted')).toHaveCount(0);
  const n = await page.locator('[data-testid^="qbr-kpi-name-"]').count();
  await page.getByTestId('qbr-kpi-add').click();
  await page.getByTestId(`qbr-kpi-name-${n}`).fill('Hours on monthly close');
  const kpi = page.getByTestId(`qbr-kpi-${n}`);
  // The name gives the defaults: hours, lower is better; a fall is an improvement.
  await expect(page.getByTestId(`qbr-kpi-${n}-direction`)).toHaveValue('Lower is better');
  await expect(page.getByTestId(`qbr-kpi-${n}-unit`)).toHaveValue('Hours');
  await page.getByTestId(`qbr-kpi-before-${n}`).fill('64');
  await page.getByTestId(`qbr-kpi-after-${n}`).fill('41');
  await expect(kpi).toContainText('Improved · −23 h');
  // Risk inputs are qbr-risk-0, -1, …; the add button is qbr-risk-add.
  const r = await page.locator('input[data-testid^="qbr-risk-"]').count();
  await page.getByTestId('qbr-risk-add').click();
  await page.getByTestId(`qbr-risk-${r}`).fill('Champion moves to another team');
  await expect(page.getByTestId('qbr-dirty')).toBeVisible();
  await screenshot(page, 'qbr-editor');
  await page.getByTestId('qbr-save-draft').click();
  await expect(page.getByRole('heading').getByTestId('qbr-status')).toHaveText('Draft');
  await expect(page.getByTestId('qbr-dirty')).toHaveCount(0);

  const saved = await server.api<Report>('GET', `/api/v1/accounts/${acc.account_id}/qbr?quarter=${due.quarter}`);
  expect(saved.status).toBe('draft');
  expect(saved.edited.executive_summary).toBe(summary);
  expect(saved.edited.risks.at(-1)).toBe('Champion moves to another team');
  expect(saved.edited.value.kpis.at(-1)).toMatchObject({ name: 'Hours on monthly close', unit: 'hours', direction: 'lower' });
  expect(saved.edited.drafted).not.toContain('executive_summary');

  await page.reload();
  await expect(page.getByTestId('qbr-summary')).toHaveValue(summary);
  await expect(page.getByTestId(`qbr-risk-${r}`)).toHaveValue('Champion moves to another team');
  await expect(page.getByTestId('qbr-saved-line')).toContainText('Saved by');

  // The deck is built in the browser: a .pptx (a zip) of 8–12 slides with native charts.
  // A draft is exported only after the dialog has listed what is empty or still drafted.
  await page.getByTestId('qbr-export').click();
  await page.getByTestId('qbr-export-pptx').click();
  await expect(page.getByTestId('qbr-export-confirm')).toBeVisible();
  // Last quarter's finished sample QBR set this quarter's goals; nobody has set the next ones yet.
  await expect(page.getByTestId('qbr-export-empty')).toContainText('Next quarter: goals and next steps');
  await expect(page.getByTestId('qbr-export-internal')).not.toBeChecked();
  const pptx = await download(page, () => page.getByTestId('qbr-export-confirm').click());
  expect(pptx.name).toMatch(/^qbr-[a-z0-9-]+-\d{4}-Q[1-4]\.pptx$/);
  expect(pptx.bytes.subarray(0, 2).toString()).toBe('PK');
  const zip = await JSZip.loadAsync(pptx.bytes);
  const slides = Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
  expect(slides.length).toBeGreaterThanOrEqual(8);
  expect(slides.length).toBeLessThanOrEqual(12);
  expect(Object.keys(zip.files).filter((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n)).length).toBeGreaterThanOrEqual(3);
  const allText = (await Promise.all(slides.map((s) => zip.file(s)!.async('string')))).join('\n');
  expect(allText).toContain(summary);
  expect(allText).toContain('Hours on monthly close');

  // The PDF comes from the server.
  await page.getByTestId('qbr-export').click();
  await page.getByTestId('qbr-export-pdf').click();
  const pdf = await download(page, () => page.getByTestId('qbr-export-confirm').click());
  // One file-name rule for every format.
  expect(pdf.name).toBe(pptx.name.replace(/\.pptx$/, '.pdf'));
  expect(pdf.bytes.subarray(0, 4).toString()).toBe('%PDF');

  // Final, and the panel says so.
  await page.getByTestId('qbr-save-final').click();
  await expect(page.getByRole('heading').getByTestId('qbr-status')).toHaveText('Final');
  await page.goto(`/#/accounts/${acc.account_id}`);
  await expect(page.getByTestId('qbr-panel').getByTestId('qbr-status')).toHaveText('Final');
  await page.getByTestId('qbr-panel').scrollIntoViewIfNeeded();
  await screenshot(page, 'qbr-panel');
});

test('the quarter’s QBR list exports every report in one ZIP with a result per account; brand, dark mode and Russian', async ({ page, server }) => {
  await server.api('POST', '/api/v1/demo', { accounts: 60, seed: 1 });
  const due = await server.api<DueList>('GET', '/api/v1/qbr');
  expect(due.total).toBeGreaterThan(0);

  // The brand card on the settings page stores the colour used by decks.
  await page.goto('/#/settings');
  const card = page.getByTestId('qbr-brand-card');
  await card.getByTestId('qbr-brand-company').fill('Northwind Success');
  await card.getByTestId('qbr-brand-color').fill('#1f5fa8');
  await card.getByTestId('qbr-brand-save').click();
  await expect.poll(async () => (await server.api<{ color: string; company_name: string }>('GET', '/api/v1/settings/brand')).color).toBe('#1f5fa8');
  await card.scrollIntoViewIfNeeded();
  await screenshot(page, 'qbr-brand-card');

  await page.goto('/#/qbr');
  const table = page.getByTestId('qbr-table');
  await expect(table.locator('tbody tr')).toHaveCount(Math.min(due.total, 25));
  await expect(table.locator('tbody tr').first()).toContainText(due.items[0]!.name);
  await page.waitForTimeout(300);
  await screenshot(page, 'qbr-list');

  const zipFile = await download(page, () => page.getByTestId('qbr-export-all').click());
  expect(zipFile.name).toBe(`qbr-${due.quarter}.zip`);
  const zip = await JSZip.loadAsync(zipFile.bytes);
  expect(Object.keys(zip.files).filter((n) => n.endsWith('.pdf'))).toHaveLength(due.total);
  await expect(page.getByTestId('qbr-batch-line')).toHaveCount(due.total);
  await expect(page.getByTestId('qbr-batch-label')).toHaveText(`${due.total} of ${due.total} reports exported`);
  await screenshot(page, 'qbr-batch');
  await page.getByTestId('qbr-batch-close').click();

  // The same quarter as decks built in the app: one PPTX per account, ASCII names, each a deck.
  const decksFile = await download(page, () => page.getByTestId('qbr-export-all-decks').click());
  expect(decksFile.name).toBe(`qbr-decks-${due.quarter}.zip`);
  const decks = await JSZip.loadAsync(decksFile.bytes);
  const pptxNames = Object.keys(decks.files).filter((n) => n.endsWith('.pptx'));
  expect(pptxNames).toHaveLength(due.total);
  for (const n of pptxNames) {
    expect(n).toMatch(/^qbr-[a-z0-9-]+-\d{4}-Q\d\.pptx$/);
    const deck = await JSZip.loadAsync(await decks.file(n)!.async('uint8array'));
    expect(deck.file('ppt/presentation.xml')).not.toBeNull();
  }
  await expect(page.getByTestId('qbr-batch-label')).toHaveText(`${due.total} of ${due.total} reports exported`);
  await page.getByTestId('qbr-batch-close').click();

  // Dark mode, then Russian.
  const id = due.items[0]!.account_id;
  await page.evaluate(() => localStorage.setItem('churndesk.theme', 'dark'));
  await page.goto(`/#/qbr/${id}/${due.quarter}`);
  await page.reload();
  await expect(page.getByTestId('qbr-health').locator('canvas').first()).toBeVisible();
  await page.waitForTimeout(400);
  await screenshot(page, 'qbr-editor-dark');

  await page.evaluate(() => {
    localStorage.setItem('churndesk.theme', 'light');
    localStorage.setItem('churndesk.language', 'ru');
  });
  await page.reload();
  await expect(page.getByTestId('qbr-save-final')).toHaveText('Сохранить как готовый');
  await expect(page.getByTestId('qbr-usage')).toContainText('Использование и внедрение');
  await page.waitForTimeout(400);
  await screenshot(page, 'qbr-editor-ru');
  await page.goto('/#/qbr');
  await expect(page.getByTestId('qbr-table').locator('tbody tr').first()).toContainText('Не начат');
  await page.waitForTimeout(300);
  await screenshot(page, 'qbr-list-ru');
});
