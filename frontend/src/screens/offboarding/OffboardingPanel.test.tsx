import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { jsonResponse, renderApp } from '../../test/render';
import type { Account } from '../../api/types';
import type { OffboardingChecklist } from '../../api/offboarding';
import { OffboardingPanel } from './OffboardingPanel';
import { ItemRow } from './ItemRow';
import './i18n';

const settings = {
  reasons: [{ key: 'missing_feature', labels: { en: 'Missing feature or integration', ru: 'Нет нужной функции', pl: 'Brak funkcji' }, preventable: true, voluntary: true }],
  questions: [],
};
const account = { id: 7, name: 'Acme', status: 'active', mrr: 49900, currency: 'EUR', owner: 'Anna' } as unknown as Account;
const checklist: OffboardingChecklist = {
  id: 3,
  account_id: 7,
  account_name: 'Acme',
  owner: 'Anna',
  kind: 'intent',
  reason: 'missing_feature',
  start_date: '2026-03-01',
  language: 'en',
  churn_record_id: null,
  progress: { done: 1, total: 4, overdue: 2 },
  next_due: '2026-03-02',
  next_due_title: '',
  completed_at: null,
  items: [
    {
      id: 11,
      position: 1,
      key: 'understand',
      title: 'Call to understand the reason',
      guidance: 'Listen.',
      owner_role: 'csm',
      owner: 'Anna',
      due_on: '2026-03-02',
      required: true,
      done: false,
      done_at: null,
      done_by: '',
      notes: '',
      overdue: true,
    },
  ],
};

function stub(routes: Record<string, (req: Request) => Response | Promise<Response>>) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  globalThis.fetch = vi.fn(async (req: Request) => {
    const path = new URL(req.url).pathname + new URL(req.url).search;
    const text = req.method === 'GET' ? '' : await req.clone().text();
    calls.push({ method: req.method, path, body: text ? JSON.parse(text) : undefined });
    const key = `${req.method} ${new URL(req.url).pathname}`;
    return routes[key]?.(req) ?? jsonResponse({ code: 'not_found', message: 'no' }, 404);
  }) as unknown as typeof globalThis.fetch;
  return calls;
}

describe('OffboardingPanel', () => {
  it('opens an intent checklist with the reason, date and language, then lists it with its progress', async () => {
    let created = false;
    const calls = stub({
      'GET /api/v1/churn-settings': () => jsonResponse(settings),
      'GET /api/v1/offboarding': () => jsonResponse(created ? { items: [checklist], total: 1 } : { items: [], total: 0 }),
      'POST /api/v1/accounts/7/offboarding': () => {
        created = true;
        return jsonResponse(checklist, 201);
      },
    });
    const onChanged = vi.fn();
    renderApp(<OffboardingPanel account={account} onChanged={onChanged} />);
    expect(await screen.findByText('No offboarding in progress.')).toBeTruthy();
    fireEvent.click(screen.getByTestId('intent-open'));
    fireEvent.click(screen.getByTestId('intent-reason'));
    fireEvent.click(await screen.findByRole('option', { name: 'Missing feature or integration', hidden: true }));
    fireEvent.change(screen.getByTestId('intent-date'), { target: { value: '2026-03-01' } });
    fireEvent.click(screen.getByTestId('intent-submit'));
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.path).toBe('/api/v1/accounts/7/offboarding');
    expect(post.body).toEqual({ date: '2026-03-01', reason: 'missing_feature', language: 'en' });
    expect((await screen.findByTestId('panel-progress-3-text')).textContent).toBe('1/4');
    expect(screen.getByTestId('offboarding-panel').textContent).toContain('2 overdue');
    expect(screen.queryByTestId('intent-open')).toBeNull();
  });

  it('shows the server’s field error under the date input', async () => {
    stub({
      'GET /api/v1/churn-settings': () => jsonResponse(settings),
      'GET /api/v1/offboarding': () => jsonResponse({ items: [], total: 0 }),
      'POST /api/v1/accounts/7/offboarding': () => jsonResponse({ code: 'validation_failed', message: 'Some fields are not valid.', fields: { date: 'must be a date YYYY-MM-DD' } }, 422),
    });
    renderApp(<OffboardingPanel account={account} onChanged={() => {}} />);
    fireEvent.click(await screen.findByTestId('intent-open'));
    fireEvent.click(screen.getByTestId('intent-submit'));
    const input = screen.getByTestId('intent-date');
    await waitFor(() => expect(input.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('must be a date YYYY-MM-DD')).toBeTruthy();
  });

  it('offers no intent action for a churned account', async () => {
    stub({ 'GET /api/v1/churn-settings': () => jsonResponse(settings), 'GET /api/v1/offboarding': () => jsonResponse({ items: [], total: 0 }) });
    renderApp(<OffboardingPanel account={{ ...account, status: 'churned' }} onChanged={() => {}} />);
    expect(await screen.findByText('No offboarding checklist for this account.')).toBeTruthy();
    expect(screen.queryByTestId('intent-open')).toBeNull();
  });
});

describe('ItemRow', () => {
  it('ticks a step with PATCH {done:true} and hands the returned checklist up', async () => {
    const doneList = { ...checklist, items: [{ ...checklist.items[0]!, done: true, overdue: false }] };
    const calls = stub({ 'PATCH /api/v1/offboarding/items/11': () => jsonResponse(doneList) });
    const onChanged = vi.fn();
    renderApp(<ItemRow item={checklist.items[0]!} today="2026-03-05" owners={[]} first onChanged={onChanged} />);
    expect(screen.getByTestId('item-due-11').getAttribute('data-overdue')).toBe('true');
    fireEvent.click(screen.getByTestId('item-done-11'));
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith(doneList));
    expect(calls).toEqual([{ method: 'PATCH', path: '/api/v1/offboarding/items/11', body: { done: true } }]);
  });
});
