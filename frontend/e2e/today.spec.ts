import { test, expect, screenshot } from './fixtures';

interface Task {
  id: number;
  title: string;
  owner: string;
  status: string;
  snoozed_until: string | null;
}
interface List<T> {
  items: T[];
  total: number;
}
interface TodayPage extends List<Task> {
  groups: { key: string; count: number }[];
}

function day(offset = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

test('the Today inbox counts its groups and pages them; done, snooze and reassign change tasks; triggers never duplicate tasks', async ({ page, server }) => {
  await server.api('POST', '/api/v1/demo', { accounts: 60, seed: 1 });
  const all = await server.api<TodayPage>('GET', '/api/v1/today?limit=100');
  const week = await server.api<TodayPage>('GET', '/api/v1/today?group=week&limit=10');
  expect(week.items.length).toBeGreaterThanOrEqual(3);

  await page.goto('/#/today');
  for (const g of all.groups) await expect(page.getByTestId(`today-group-${g.key}`).getByTestId('group-count')).toHaveText(String(g.count));
  await expect(page.getByTestId('today-total')).toHaveText(`${all.total} open tasks in the inbox`);
  const weekCard = page.getByTestId('today-group-week');
  await expect(weekCard.locator('[data-testid^="task-"]')).toHaveCount(Math.min(10, week.total));
  if (week.total > 10) await expect(weekCard).toContainText(`1–10 of ${week.total}`);
  await screenshot(page, 'today');

  const [first, second, third] = week.items as [Task, Task, Task];

  // Done: the row leaves the inbox and the task is stored as done.
  await page.getByTestId(`done-${first.id}`).click();
  await expect(page.getByTestId(`task-${first.id}`)).toHaveCount(0);
  const done = await server.api<List<Task>>('GET', '/api/v1/tasks?status=done&limit=500');
  expect(done.items.map((t) => t.id)).toContain(first.id);

  // Snooze for a week.
  await page.getByTestId(`task-${second.id}`).getByRole('button', { name: 'Snooze' }).click();
  await page.getByRole('menuitem', { name: 'For a week' }).click();
  await expect(page.getByTestId(`task-${second.id}`)).toHaveCount(0);
  const snoozed = await server.api<List<Task>>('GET', '/api/v1/tasks?status=snoozed&limit=500');
  expect(snoozed.items.find((t) => t.id === second.id)?.snoozed_until).toBe(day(7));

  // A new team member added in Settings is offered by the owner picker.
  const newOwner = 'Ada Lovelace';
  await page.goto('/#/settings');
  await page.getByTestId('team-members').fill(newOwner);
  await page.keyboard.press('Enter');
  await page.getByTestId('team-save').click();
  await expect(page.getByText('Team saved')).toBeVisible();
  expect(await server.api<{ members: string[] }>('GET', '/api/v1/settings/team')).toEqual({ members: [newOwner] });
  await page.goto('/#/today');

  // Reassign to a known owner picked from the list; the owner filter then finds it.
  await page.getByTestId(`task-${third.id}`).getByTestId('reassign').click();
  await page.getByTestId('owner-picker').click();
  await page.getByRole('option', { name: newOwner }).click();
  await page.getByTestId('reassign-submit').click();
  await expect(page.getByTestId(`task-${third.id}`)).toContainText(newOwner);
  const open = await server.api<TodayPage>('GET', `/api/v1/today?owner=${encodeURIComponent(newOwner)}&limit=100`);
  expect(open.items.map((t) => t.id)).toContain(third.id);
  await page.getByTestId('filter-owner').click();
  await page.getByRole('option', { name: newOwner }).click();
  await expect(page.getByTestId('today-total')).toHaveText(new RegExp(`^${open.total} open tasks?`));
  await expect(page.getByTestId(`task-${third.id}`)).toBeVisible();

  // The demo has already evaluated today's triggers: running them again creates nothing.
  await page.getByTestId('run-triggers').click();
  await expect(page.getByText('0 new tasks')).toBeVisible();
  const after = await server.api<TodayPage>('GET', '/api/v1/today?limit=100');
  expect(after.total).toBe(all.total - 2);

  await page.getByTestId('language-select').click();
  await page.getByRole('option', { name: 'Русский' }).click();
  await expect(page.getByRole('heading', { name: 'Сегодня', exact: true })).toBeVisible();
  await screenshot(page, 'today-ru');
});
