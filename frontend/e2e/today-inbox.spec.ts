import { test, expect, screenshot } from './fixtures';

interface Task {
  id: number;
  title: string;
  owner: string;
  trigger: string;
  status: string;
  held_reason?: string;
}
interface List<T> {
  items: T[];
  total: number;
}
interface Account {
  id: number;
  name: string;
  mrr: number;
  health_class: string;
  status: string;
}
interface Firing {
  trigger: string;
  status: string;
  held_reason?: string;
}

const TEXTS = {
  en: { week: 'Next 7 days', held: 'Held', poor: "held while the account's health is poor", tasks: 'Open tasks' },
  ru: { week: 'Ближайшие 7 дней', held: 'Отложено', poor: 'отложено, пока здоровье клиента плохое', tasks: 'Открытые задачи' },
  pl: { week: 'Najbliższe 7 dni', held: 'Wstrzymane', poor: 'wstrzymane, dopóki kondycja klienta jest słaba', tasks: 'Otwarte zadania' },
} as const;

for (const lang of ['en', 'ru', 'pl'] as const) {
  test(`[${lang}] the most at-risk account is in Today's next 7 days and on its page; no celebration while poor; the owner picker reassigns by keyboard`, async ({ page, server, request }) => {
    await server.api('POST', '/api/v1/demo', { accounts: 200, seed: 1 });
    // The sample's most at-risk account: the highest MRR among live accounts in poor health.
    const poor = await server.api<List<Account>>('GET', '/api/v1/accounts?health=poor&sort=-mrr&limit=100');
    const risky = poor.items.filter((a) => a.health_class === 'poor' && a.status !== 'churned').sort((a, b) => b.mrr - a.mrr)[0]!;
    expect(risky.name).toBe('Sonnen Bau');
    const week = await server.api<List<Task>>('GET', `/api/v1/today?group=week&account_id=${risky.id}&limit=100`);
    expect(week.total).toBeGreaterThanOrEqual(4);
    expect(week.items.map((t) => t.trigger)).toEqual(expect.arrayContaining(['no_login', 'health_poor']));

    // No celebration task is open for it: its tier upgrade is held, and says why.
    const all = await server.api<List<Task>>('GET', `/api/v1/tasks?status=all&account_id=${risky.id}&limit=100`);
    const celebrations = all.items.filter((t) => t.trigger === 'tier_upgrade' || t.trigger === 'anniversary');
    expect(celebrations.length).toBeGreaterThan(0);
    for (const c of celebrations) expect([c.status, c.held_reason]).toEqual(['held', 'poor_health']);
    const firings = await server.api<List<Firing>>('GET', `/api/v1/triggers/recent?account_id=${risky.id}`);
    expect(firings.items.find((f) => f.trigger === 'tier_upgrade')).toMatchObject({ status: 'held', held_reason: 'poor_health' });

    await page.goto('/');
    await page.evaluate((l) => localStorage.setItem('churndesk.language', l), lang);
    await page.goto('/#/today');
    await page.reload();
    await page.getByTestId('filter-account').fill(risky.name);
    const group = page.getByTestId('today-group-week');
    await expect(group).toContainText(TEXTS[lang].week);
    await expect(group.getByTestId('group-count')).toHaveText(String(week.total));
    // The titles are the server's, written in the page's language.
    const shown = (await (await request.get(`${server.url}/api/v1/today?group=week&account_id=${risky.id}&limit=100`, { headers: { 'Accept-Language': lang } })).json()) as List<Task>;
    expect(shown.items.map((t) => t.id)).toEqual(week.items.map((t) => t.id));
    for (const t of shown.items) await expect(group.getByTestId(`task-${t.id}`)).toContainText(t.title);
    await expect(page.getByTestId('today-group-overdue').locator('[data-testid^="task-"]')).toHaveCount(0);
    await screenshot(page, `today-inbox-${lang}`);

    // The owner picker, by keyboard: focus on open, Enter picks, Enter submits, Esc closes.
    const first = week.items[0]!;
    const target = first.owner === 'Tomasz Nowak' ? 'Anna Kowalska' : 'Tomasz Nowak';
    await group.getByTestId(`task-${first.id}`).getByTestId('reassign').focus();
    await page.keyboard.press('Enter');
    const picker = page.getByTestId('owner-picker');
    await expect(picker).toBeFocused();
    await page.keyboard.type(target.slice(0, 4));
    await expect(page.getByRole('option', { name: target })).toBeVisible();
    // Typing highlights the first match; Enter picks the highlighted option.
    await expect(page.getByRole('option', { name: target })).toHaveAttribute('data-combobox-selected', 'true');
    await page.keyboard.press('Enter');
    await expect(picker).toHaveValue(target);
    await page.keyboard.press('Enter');
    await expect(picker).toHaveCount(0);
    await expect(group.getByTestId(`task-${first.id}`)).toContainText(target);
    const moved = await server.api<List<Task>>('GET', `/api/v1/tasks?account_id=${risky.id}&limit=100`);
    expect(moved.items.find((t) => t.id === first.id)?.owner).toBe(target);
    await group.getByTestId(`task-${first.id}`).getByTestId('reassign').focus();
    await page.keyboard.press('Enter');
    await expect(picker).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(picker).toHaveCount(0);

    // The account page lists its open tasks and its firings, the held celebration with its reason.
    await page.goto(`/#/accounts/${risky.id}`);
    const tasks = page.getByTestId('account-tasks');
    await expect(tasks).toContainText(TEXTS[lang].tasks);
    for (const t of shown.items) await expect(tasks.getByTestId(`task-${t.id}`)).toContainText(t.title);
    await expect(tasks).not.toContainText('Congratulate');
    const log = page.getByTestId('account-firings');
    await expect(log.getByTestId('held')).toHaveText(TEXTS[lang].held);
    await expect(log).toContainText(TEXTS[lang].poor);
    await log.scrollIntoViewIfNeeded();
    await screenshot(page, `account-tasks-${lang}`);
  });
}
