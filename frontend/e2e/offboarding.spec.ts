import { readFileSync } from 'node:fs';
import { test, expect, screenshot } from './fixtures';

interface List<T> {
  items: T[];
  total: number;
}
interface Summary {
  id: number;
  account_id: number;
  account_name: string;
  kind: string;
  progress: { done: number; total: number; overdue: number };
}
interface Item {
  id: number;
  title: string;
  done: boolean;
  due_on: string;
  overdue: boolean;
}
interface Checklist extends Summary {
  items: Item[];
}

function daysAgo(n: number): string {
  const d = new Date();
  d.setDate(d.getDate() - n);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

test('a logged churn opens a checklist: tick two steps on the board’s checklist, they stay done, and the Markdown and PDF exports show it', async ({ page, server }) => {
  await server.api('POST', '/api/v1/demo', { accounts: 60, seed: 1 });
  const active = await server.api<List<{ id: number; name: string }>>('GET', '/api/v1/accounts?status=active&limit=3&sort=-mrr');
  const [acc, other, third] = active.items as [{ id: number; name: string }, { id: number; name: string }, { id: number; name: string }];

  // Logging a churn (ten days ago, so some steps are already overdue) creates the checklist.
  await server.api('POST', `/api/v1/accounts/${acc.id}/churn`, { churn_date: daysAgo(10), reason: 'competitor', competitor: 'Rivalsoft' });
  await server.api('POST', `/api/v1/accounts/${other.id}/churn`, { churn_date: daysAgo(1), reason: 'price_budget', language: 'pl' });
  await server.api('POST', `/api/v1/accounts/${third.id}/offboarding`, { date: daysAgo(0), reason: 'missing_feature' });
  const board = await server.api<List<Summary>>('GET', '/api/v1/offboarding');
  expect(board.total).toBe(3);
  const sum = board.items.find((c) => c.account_id === acc.id)!;
  expect(sum.kind).toBe('churn');
  expect(sum.progress.done).toBe(0);
  expect(sum.progress.overdue).toBeGreaterThan(0);
  const before = await server.api<Checklist>('GET', `/api/v1/offboarding/${sum.id}`);
  const overdueSteps = before.items.filter((i) => i.overdue);
  expect(overdueSteps.length).toBe(sum.progress.overdue);

  // The board lists it first (overdue first) with its progress and overdue count.
  await page.goto('/#/offboarding');
  const row = page.getByTestId(`board-row-${sum.id}`);
  await expect(row).toContainText(acc.name);
  await expect(row).toContainText('Moved to a competitor');
  await expect(page.getByTestId(`board-progress-${sum.id}-text`)).toHaveText(`0/${sum.progress.total}`);
  await expect(page.getByTestId(`board-overdue-${sum.id}`)).toHaveText(String(sum.progress.overdue));
  await expect(page.getByTestId(`board-overdue-${sum.id}`)).toHaveAttribute('title', `${sum.progress.overdue} overdue`);
  await expect(page.getByTestId('board-table').locator('tbody tr').first()).toContainText(acc.name);
  const nextStep = [...before.items].sort((x, y) => x.due_on.localeCompare(y.due_on))[0]!;
  await expect(page.getByTestId(`board-next-${sum.id}`)).toHaveText(nextStep.title);
  await expect(page.getByTestId('board-total')).toHaveText('3 checklists');
  await page.waitForTimeout(300);
  await screenshot(page, 'offboarding-board');

  // Open it; overdue steps are shown in red.
  await row.click();
  await expect(page).toHaveURL(new RegExp(`#/offboarding/${sum.id}$`));
  await expect(page.getByTestId('checklist-account')).toHaveText(acc.name);
  await expect(page.getByTestId('checklist-progress-text')).toHaveText(`0/${sum.progress.total}`);
  const firstOverdue = overdueSteps[0]!;
  await expect(page.getByTestId(`item-due-${firstOverdue.id}`)).toHaveAttribute('data-overdue', 'true');
  const rgb = async (testId: string) =>
    (await page.getByTestId(testId).evaluate((el) => getComputedStyle(el).color)).match(/\d+/g)!.map(Number) as [number, number, number];
  const [r, g] = await rgb(`item-due-${firstOverdue.id}`);
  expect(r - g).toBeGreaterThan(120); // red
  const onTime = before.items.find((i) => !i.overdue)!;
  await expect(page.getByTestId(`item-due-${onTime.id}`)).toHaveAttribute('data-overdue', 'false');
  const [r2, g2] = await rgb(`item-due-${onTime.id}`);
  expect(Math.abs(r2 - g2)).toBeLessThan(40); // plain text colour
  await screenshot(page, 'offboarding-checklist');

  // Tick two steps.
  const [a, b] = before.items as [Item, Item];
  await page.getByTestId(`item-done-${a.id}`).check();
  await expect(page.getByTestId(`item-${a.id}`)).toHaveAttribute('data-done', 'true');
  await page.getByTestId(`item-done-${b.id}`).check();
  await expect(page.getByTestId(`item-${b.id}`)).toHaveAttribute('data-done', 'true');
  await expect(page.getByTestId('checklist-progress-text')).toHaveText(`2/${sum.progress.total}`);

  // Reassign one and add a note to it.
  await page.getByTestId(`item-owner-${b.id}`).click();
  await page.getByTestId(`item-owner-input-${b.id}`).fill('Anna Kowalska');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId(`item-owner-${b.id}`)).toHaveText('Anna Kowalska');
  await page.getByTestId(`item-note-${b.id}`).click();
  await page.getByTestId(`item-notes-input-${b.id}`).fill('Sent the ZIP via the secure portal.');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId(`item-notes-${b.id}`)).toHaveText('Sent the ZIP via the secure portal.');

  // After a reload, both are still done and progress shows two more done.
  await page.reload();
  await expect(page.getByTestId(`item-${a.id}`)).toHaveAttribute('data-done', 'true');
  await expect(page.getByTestId(`item-${b.id}`)).toHaveAttribute('data-done', 'true');
  await expect(page.getByTestId(`item-done-${a.id}`)).toBeChecked();
  await expect(page.getByTestId(`item-done-${b.id}`)).toBeChecked();
  await expect(page.getByTestId('checklist-progress-text')).toHaveText(`${before.progress.done + 2}/${sum.progress.total}`);
  await expect(page.getByTestId(`item-owner-${b.id}`)).toHaveText('Anna Kowalska');
  const after = await server.api<Checklist>('GET', `/api/v1/offboarding/${sum.id}`);
  expect(after.progress.done).toBe(before.progress.done + 2);
  expect(after.items.filter((i) => i.done).map((i) => i.id).sort()).toEqual([a.id, b.id].sort());

  // Add a step and remove it again (with a confirmation).
  await page.getByTestId('add-item').click();
  await page.getByTestId('add-title').fill('Send the signed termination letter');
  await page.getByTestId('add-submit').click();
  await expect(page.getByText('Send the signed termination letter')).toBeVisible();
  await expect(page.getByTestId('checklist-progress-text')).toHaveText(`2/${sum.progress.total + 1}`);
  const added = (await server.api<Checklist>('GET', `/api/v1/offboarding/${sum.id}`)).items.find((i) => i.title === 'Send the signed termination letter')!;
  await page.getByTestId(`item-remove-${added.id}`).click();
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByText('Send the signed termination letter')).toHaveCount(0);
  await expect(page.getByTestId('checklist-progress-text')).toHaveText(`2/${sum.progress.total}`);
  await page.getByTestId(`item-${b.id}`).scrollIntoViewIfNeeded();
  await screenshot(page, 'offboarding-checklist-ticked');

  // Markdown export: the two steps are ticked.
  let dl = page.waitForEvent('download');
  await page.getByTestId('export-md').click();
  const md = await dl;
  expect(md.suggestedFilename()).toMatch(/^offboarding-.*\.md$/);
  const text = readFileSync((await md.path())!, 'utf8');
  expect(text).toContain(`# Offboarding checklist: ${acc.name}`);
  expect(text).toContain(`Progress: 2/${sum.progress.total}`);
  const line = (title: string) => text.split('\n').find((l) => l.includes(`**${title.replace(/([*_`[\]])/g, '\\$1')}**`));
  expect(line(a.title)).toMatch(/^- \[x\] /);
  expect(line(b.title)).toMatch(/^- \[x\] /);
  expect((text.match(/^- \[x\] /gm) ?? []).length).toBe(2);
  expect((text.match(/^- \[ \] /gm) ?? []).length).toBe(sum.progress.total - 2);
  expect(text).toContain('Sent the ZIP via the secure portal.');

  // PDF export.
  dl = page.waitForEvent('download');
  await page.getByTestId('export-pdf').click();
  const pdf = await dl;
  expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
  expect(readFileSync((await pdf.path())!).subarray(0, 5).toString('latin1')).toBe('%PDF-');

  // Customer data export is a ZIP.
  dl = page.waitForEvent('download');
  await page.getByTestId('export-data').click();
  const zip = await dl;
  expect(zip.suggestedFilename()).toMatch(/data-export\.zip$/);
  expect(readFileSync((await zip.path())!).subarray(0, 2).toString('latin1')).toBe('PK');

  // Farewell letter: drafted in the checklist's language, switchable.
  await page.getByTestId('open-letter').click();
  const letter = page.getByRole('dialog');
  await expect(letter.getByTestId('letter-subject')).toHaveValue(`Thank you, ${acc.name}`);
  await expect(letter.getByTestId('letter-body')).toHaveValue(/thank you for the time/);
  await expect(letter.getByTestId('letter-copy')).toBeEnabled();
  await page.waitForTimeout(300);
  await screenshot(page, 'offboarding-letter');
  await letter.getByTestId('letter-lang').getByText('Polish').click();
  await expect(letter.getByTestId('letter-subject')).toHaveValue(`Dziękujemy, ${acc.name}`);
  await page.keyboard.press('Escape');

  // The closed filter does not list it (required steps are still open).
  await page.goto('/#/offboarding?status=done');
  await expect(page.getByText('No closed checklists yet')).toBeVisible();
});

test('“customer intends to leave” on the account page opens a checklist; the template editor saves; dark and Russian views', async ({ page, server }) => {
  await server.api('POST', '/api/v1/demo', { accounts: 60, seed: 1 });
  const active = await server.api<List<{ id: number; name: string }>>('GET', '/api/v1/accounts?status=active&limit=1&sort=-mrr');
  const acc = active.items[0]!;
  expect((await server.api<List<Summary>>('GET', `/api/v1/offboarding?status=all&account_id=${acc.id}`)).total).toBe(0);

  await page.goto(`/#/accounts/${acc.id}`);
  const panel = page.getByTestId('offboarding-panel');
  await expect(panel.getByTestId('offboarding-none')).toHaveText('No offboarding in progress.');
  await panel.getByTestId('intent-open').click();
  await panel.getByTestId('intent-reason').click();
  await page.getByRole('option', { name: 'Missing feature or integration', exact: true }).click();
  await panel.getByTestId('intent-date').fill(daysAgo(2));
  await panel.getByTestId('intent-language').click();
  await page.getByRole('option', { name: 'Russian', exact: true }).click();
  await panel.scrollIntoViewIfNeeded();
  await screenshot(page, 'offboarding-panel-intent');
  await panel.getByTestId('intent-submit').click();
  await expect(panel.getByTestId('offboarding-panel-list')).toBeVisible();
  await expect(panel.getByTestId('intent-open')).toHaveCount(0);

  const list = await server.api<List<Summary & { reason: string; language: string; start_date: string }>>('GET', `/api/v1/offboarding?status=all&account_id=${acc.id}`);
  expect(list.total).toBe(1);
  const c = list.items[0]!;
  expect(c.kind).toBe('intent');
  expect(c.reason).toBe('missing_feature');
  expect(c.language).toBe('ru');
  expect(c.start_date).toBe(daysAgo(2));
  expect(c.progress.total).toBeGreaterThan(0);
  await expect(panel.getByTestId(`panel-progress-${c.id}-text`)).toHaveText(`0/${c.progress.total}`);
  await panel.scrollIntoViewIfNeeded();
  await screenshot(page, 'offboarding-panel');

  // The letter is drafted in the customer's language.
  await panel.getByTestId(`panel-checklist-${c.id}`).click();
  await expect(page).toHaveURL(new RegExp(`#/offboarding/${c.id}$`));
  await page.getByTestId('open-letter').click();
  await expect(page.getByTestId('letter-subject')).toHaveValue(`Спасибо, ${acc.name}`);
  await page.keyboard.press('Escape');

  // Template editor: move the intent template's second step up, rename it in Polish, save.
  await page.goto('/#/settings');
  await page.getByTestId('offboarding-settings-link').click();
  await expect(page).toHaveURL(/#\/settings\/offboarding$/);
  await page.getByTestId('template-intent').click();
  await expect(page.getByTestId('template-title')).toHaveText('Intends to leave');
  const second = await page.getByTestId('template-item-title-1').inputValue();
  await page.getByTestId('template-item-up-1').click();
  await expect(page.getByTestId('template-item-title-0')).toHaveValue(second);
  await page.getByTestId('template-lang').getByText('Polish').click();
  await page.getByTestId('template-item-title-0').fill('Uzgodnić plan zatrzymania (PL test)');
  await page.getByTestId('template-item-due-0').fill('5');
  await screenshot(page, 'offboarding-templates');
  await page.getByTestId('templates-save').click();
  // The button is also disabled while the save is under way: wait for the stored template instead.
  type Settings = { templates: { reason: string; items: { title: { en: string; pl: string }; due_days: number }[] }[] };
  const storedIntent = async () => (await server.api<Settings>('GET', '/api/v1/offboarding-settings')).templates.find((x) => x.reason === 'intent')!;
  await expect.poll(async () => (await storedIntent()).items[0]!.due_days).toBe(5);
  await expect(page.getByTestId('templates-save')).toBeDisabled();
  const intent = await storedIntent();
  expect(intent.items[0]!.title.en).toBe(second);
  expect(intent.items[0]!.title.pl).toBe('Uzgodnić plan zatrzymania (PL test)');
  expect(intent.items[0]!.due_days).toBe(5);

  // A field error from the server lands under its input.
  await page.getByTestId('template-lang').getByText('English').click();
  await page.getByTestId('template-item-title-0').fill('');
  await page.getByTestId('templates-save').click();
  await expect(page.getByTestId('template-items').getByText('is required')).toBeVisible();

  // Dark theme and Russian.
  await page.evaluate(() => localStorage.setItem('churndesk.theme', 'dark'));
  await page.goto(`/#/offboarding/${c.id}`);
  await page.reload();
  await expect(page.getByTestId('checklist-account')).toHaveText(acc.name);
  await screenshot(page, 'offboarding-checklist-dark');
  await page.goto('/#/offboarding');
  await expect(page.getByTestId(`board-row-${c.id}`)).toBeVisible();
  await page.waitForTimeout(300);
  await screenshot(page, 'offboarding-board-dark');
  await page.evaluate(() => {
    localStorage.setItem('churndesk.theme', 'light');
    localStorage.setItem('churndesk.language', 'ru');
  });
  await page.reload();
  await expect(page.getByTestId('board-total')).toHaveText('1 чек-лист');
  await expect(page.getByTestId(`board-row-${c.id}`)).toContainText('Намерение');
  await page.waitForTimeout(300);
  await screenshot(page, 'offboarding-board-ru');
  await page.goto(`/#/offboarding/${c.id}`);
  await expect(page.getByTestId('add-item')).toHaveText('Добавить шаг');
  await screenshot(page, 'offboarding-checklist-ru');
  await page.goto('/#/settings/offboarding');
  await expect(page.getByTestId('templates-save')).toBeVisible();
  await screenshot(page, 'offboarding-templates-ru');
});
