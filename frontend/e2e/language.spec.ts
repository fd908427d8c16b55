import { execFileSync } from 'node:child_process';
import { test, expect, type Server } from './fixtures';
import type { APIRequestContext } from '@playwright/test';

interface List<T> {
  items: T[];
  total: number;
}
interface Task {
  id: number;
  account_id: number;
  title: string;
  reason: string;
}
interface Move {
  account_id: number;
  reason: string;
}
interface Checklist {
  id: number;
  items: { title: string }[];
}

/** readIn calls the API as the app does in lang: the server writes its texts in that language. */
async function readIn<T>(request: APIRequestContext, server: Server, lang: string, path: string): Promise<T> {
  const res = await request.get(server.url + path, { headers: { 'Accept-Language': lang, 'X-ChurnDesk-Client': 'app' } });
  expect(res.ok(), `${path}: ${res.status()}`).toBe(true);
  return (await res.json()) as T;
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** noneOf fails when text holds any of the English server texts. */
function expectNoneOf(text: string, english: string[], where: string) {
  const found = english.filter((e) => e.length > 0 && text.includes(e));
  expect(found, `English server text on ${where}`).toEqual([]);
}

for (const lang of ['ru', 'pl'] as const) {
  test(`in ${lang}, Today, an account page, an offboarding checklist and its PDF carry no English server text`, async ({ page, server, request }) => {
    await server.api('POST', '/api/v1/demo', { accounts: 60, seed: 1 });
    await page.addInitScript((l) => localStorage.setItem('churndesk.language', l), lang);

    // Today: every task title and reason, and the recent firings, in the app's language.
    const q = `/api/v1/tasks?due_by=${today()}&limit=500`;
    const en = await readIn<List<Task>>(request, server, 'en', q);
    const local = await readIn<List<Task>>(request, server, lang, q);
    expect(en.items.length).toBeGreaterThan(0);
    await page.goto('/#/today');
    await expect(page.getByTestId(`task-${local.items[0]!.id}`)).toContainText(local.items[0]!.title);
    const firings = await readIn<{ items: { reason: string }[] }>(request, server, 'en', '/api/v1/triggers/recent');
    const todayText = await page.locator('body').innerText();
    expectNoneOf(todayText, [...en.items.map((t) => t.title), ...en.items.map((t) => t.reason), ...firings.items.map((f) => f.reason)], 'Today');
    for (const t of local.items.slice(0, 5)) expect(todayText).toContain(t.title);

    // An account page: its tier moves give their reasons in the app's language, its dates in the app's style.
    const moves = await readIn<List<Move>>(request, server, 'en', '/api/v1/tiers/moves?limit=1');
    const accountID = moves.items[0]!.account_id;
    const loyaltyEn = await readIn<{ moves: Move[] }>(request, server, 'en', `/api/v1/accounts/${accountID}/loyalty`);
    const loyaltyLocal = await readIn<{ moves: Move[] }>(request, server, lang, `/api/v1/accounts/${accountID}/loyalty`);
    await page.goto(`/#/accounts/${accountID}`);
    await expect(page.getByText(loyaltyLocal.moves[0]!.reason).first()).toBeVisible();
    const accountText = await page.locator('body').innerText();
    expectNoneOf(accountText, loyaltyEn.moves.map((m) => m.reason), 'the account page');
    expect(accountText).not.toMatch(/\b20\d\d-\d\d-\d\d\b/); // no ISO days: the app's date style everywhere
    expect(accountText).not.toMatch(/\b(months?|mo) [≥<]/);

    // An offboarding checklist created for an English-speaking customer reads in the app's language.
    const active = await server.api<List<{ id: number }>>('GET', '/api/v1/accounts?status=active&limit=1&sort=-mrr');
    await server.api('POST', `/api/v1/accounts/${active.items[0]!.id}/churn`, { churn_date: today(), reason: 'competitor', competitor: 'Rivalsoft', language: 'en' });
    const board = await server.api<List<{ id: number; account_id: number }>>('GET', '/api/v1/offboarding');
    const id = board.items.find((c) => c.account_id === active.items[0]!.id)!.id;
    const stepsEn = (await readIn<Checklist>(request, server, 'en', `/api/v1/offboarding/${id}`)).items.map((i) => i.title);
    const stepsLocal = (await readIn<Checklist>(request, server, lang, `/api/v1/offboarding/${id}`)).items.map((i) => i.title);
    await page.goto(`/#/offboarding/${id}`);
    await expect(page.getByText(stepsLocal[0]!).first()).toBeVisible();
    const checklistText = await page.locator('body').innerText();
    expectNoneOf(checklistText, stepsEn, 'the checklist');
    for (const s of stepsLocal) expect(checklistText).toContain(s);

    // Its PDF, downloaded from the page, read back with pdftotext.
    const dl = page.waitForEvent('download');
    await page.getByTestId('export-pdf').click();
    const pdfText = execFileSync('pdftotext', ['-layout', (await (await dl).path())!, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expectNoneOf(pdfText, ['Offboarding checklist', 'Owner', 'Due', 'Started by', 'Progress', 'required'], 'the PDF');
    expect(pdfText).not.toMatch(/\b20\d\d-\d\d-\d\d\b/);
    expect(pdfText).toContain(lang === 'ru' ? 'Чек-лист offboarding' : 'Lista kontrolna offboardingu');
    // pdftotext may break a long step over two lines: compare the first words.
    for (const s of stepsLocal) expect(pdfText).toContain(s.split(' ').slice(0, 3).join(' '));
  });
}
