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
}

function day(offset = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

test('the Today inbox groups due tasks by owner; done, snooze and reassign change them; triggers never duplicate tasks', async ({ page, server }) => {
  await server.api('POST', '/api/v1/demo', { accounts: 60, seed: 1 });
  const due = await server.api<List<Task>>('GET', `/api/v1/tasks?due_by=${day()}&limit=500`);
  expect(due.items.length).toBeGreaterThanOrEqual(3);
  const owners = new Set(due.items.map((t) => t.owner));

  await page.goto('/#/today');
  await expect(page.getByTestId('owner-group')).toHaveCount(owners.size);
  await expect(page.locator('[data-testid^="task-"]')).toHaveCount(due.items.length);
  await screenshot(page, 'today');

  const [first, second, third] = due.items as [Task, Task, Task];

  // Done: the row leaves the inbox and the task is stored as done.
  await page.getByTestId(`done-${first.id}`).click();
  await expect(page.getByTestId(`task-${first.id}`)).toHaveCount(0);
  const done = await server.api<List<Task>>('GET', '/api/v1/tasks?status=done&limit=500');
  expect(done.items.map((t) => t.id)).toContain(first.id);

  // Snooze until tomorrow.
  await page.getByTestId(`task-${second.id}`).getByRole('button', { name: 'Snooze' }).click();
  await page.getByRole('menuitem', { name: 'Until tomorrow' }).click();
  await expect(page.getByTestId(`task-${second.id}`)).toHaveCount(0);
  const snoozed = await server.api<List<Task>>('GET', '/api/v1/tasks?status=snoozed&limit=500');
  expect(snoozed.items.find((t) => t.id === second.id)?.snoozed_until).toBe(day(1));

  // Reassign: the task moves under its new owner.
  await page.getByTestId(`task-${third.id}`).getByRole('button', { name: 'Reassign' }).click();
  await page.getByPlaceholder('New owner').fill('Ada Lovelace');
  await page.getByRole('button', { name: 'Reassign', exact: true }).last().click();
  const group = page.getByTestId('owner-group').filter({ hasText: 'Ada Lovelace' });
  await expect(group.getByTestId(`task-${third.id}`)).toBeVisible();
  const open = await server.api<List<Task>>('GET', `/api/v1/tasks?due_by=${day()}&limit=500`);
  expect(open.items.find((t) => t.id === third.id)?.owner).toBe('Ada Lovelace');
  expect(open.items.length).toBe(due.items.length - 2);

  // The demo has already evaluated today's triggers: running them again creates nothing.
  await page.getByTestId('run-triggers').click();
  await expect(page.getByText('0 new tasks')).toBeVisible();
  await expect(page.locator('[data-testid^="task-"]')).toHaveCount(due.items.length - 2);

  await page.getByTestId('language-select').click();
  await page.getByRole('option', { name: 'Русский' }).click();
  await expect(page.getByRole('heading', { name: 'Сегодня' })).toBeVisible();
  await screenshot(page, 'today-ru');
});
