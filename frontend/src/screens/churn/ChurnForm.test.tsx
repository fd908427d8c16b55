import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ChurnForm, applyReason, toInput, valuesOf } from './ChurnForm';
import { jsonResponse, renderApp } from '../../test/render';
import type { ChurnSettings } from '../../api/churn';

// happy-dom has no FontFaceSet; Mantine's autosize textareas listen on it.
const doc = document as unknown as { fonts?: unknown };
doc.fonts ??= { addEventListener: () => {}, removeEventListener: () => {} };

const settings: ChurnSettings = {
  reasons: [
    { key: 'missing_feature', labels: { en: 'Missing feature or integration', ru: 'Нет нужной функции', pl: 'Brak funkcji' }, preventable: true, voluntary: true },
    { key: 'business_closed', labels: { en: 'Business closed or bankrupt', ru: 'Бизнес закрыт', pl: 'Firma zamknięta' }, preventable: false, voluntary: true },
    { key: 'payment_failure', labels: { en: 'Payment failure', ru: 'Неудачный платёж', pl: 'Nieudana płatność' }, preventable: false, voluntary: false },
    { key: 'low_usage', labels: { en: 'Low usage, no value seen', ru: 'Мало пользовались', pl: 'Niskie użycie' }, preventable: true, voluntary: true },
  ],
  questions: [{ key: 'main_reason', labels: { en: 'What was the main reason?', ru: '', pl: '' } }],
};
const account = { id: 7, name: 'Acme', mrr: 49900, currency: 'EUR', owner: 'Anna' };

function stubServer() {
  const calls: Request[] = [];
  const fetch = vi.fn(async (req: Request) => {
    calls.push(req);
    const path = new URL(req.url).pathname;
    if (path === '/api/v1/churn-settings') return jsonResponse(settings);
    if (path === '/api/v1/accounts/7/churn') return jsonResponse({ code: 'validation_failed', message: 'Some fields are not valid.', fields: { churn_date: 'must not be before the contract start 2025-01-01' } }, 422);
    return jsonResponse({}, 404);
  });
  globalThis.fetch = fetch as unknown as typeof globalThis.fetch;
  return calls;
}

async function pickReason(label: string) {
  fireEvent.click(screen.getByTestId('churn-reason'));
  fireEvent.click(await screen.findByRole('option', { name: label, hidden: true }));
}

describe('applyReason', () => {
  it("takes preventable and voluntary from the reason's defaults", () => {
    const v = valuesOf(account);
    expect(applyReason(v, 'business_closed', settings)).toMatchObject({ reason: 'business_closed', preventable: false, voluntary: true });
    expect(applyReason(v, 'payment_failure', settings)).toMatchObject({ reason: 'payment_failure', preventable: false, voluntary: false });
  });
  it('keeps the switches when the reason is not in the list', () => {
    const v = { ...valuesOf(account), preventable: false, voluntary: false };
    expect(applyReason(v, 'gone', settings)).toMatchObject({ reason: 'gone', preventable: false, voluntary: false });
  });
});

describe('toInput', () => {
  it('sends MRR in minor units, drops empty quotes and answers, and sends the language only when logging', () => {
    const v = { ...valuesOf(account), reason: 'other', mrr_lost: 499.9, quotes: [' Too pricey ', ''], answers: { main_reason: ' price ', turning_point: '  ' } };
    const input = toInput(v, 'EUR', true);
    expect(input.mrr_lost).toBe(49990);
    expect(input.quotes).toEqual(['Too pricey']);
    expect(input.answers).toEqual({ main_reason: 'price' });
    expect(input.language).toBe('en');
    expect(toInput(v, 'EUR', false).language).toBeUndefined();
  });
  it("defaults MRR lost to the account's MRR in major units", () => {
    expect(valuesOf(account).mrr_lost).toBe(499);
  });
});

describe('ChurnForm', () => {
  it('pre-fills preventable and voluntary from the chosen reason, lets the user flip them, and sends what is shown', async () => {
    const calls = stubServer();
    renderApp(<ChurnForm account={account} onClose={() => {}} onSaved={() => {}} />);
    const preventable = () => screen.getByTestId('churn-preventable') as HTMLInputElement;
    const voluntary = () => screen.getByTestId('churn-voluntary') as HTMLInputElement;
    await screen.findByTestId('answer-main_reason'); // the reason list has arrived
    // Before a reason is chosen nothing is preselected and the switches wait for it.
    expect(preventable().checked).toBe(false);
    expect(voluntary().checked).toBe(false);
    expect(preventable().disabled).toBe(true);

    await pickReason('Business closed or bankrupt');
    await waitFor(() => expect(preventable().checked).toBe(false));
    expect(voluntary().checked).toBe(true);
    expect(preventable().disabled).toBe(false);

    await pickReason('Low usage, no value seen');
    await waitFor(() => expect(preventable().checked).toBe(true));
    expect(voluntary().checked).toBe(true);

    await pickReason('Payment failure'); // a failed payment: not preventable, involuntary
    await waitFor(() => expect(preventable().checked).toBe(false));
    expect(voluntary().checked).toBe(false);

    fireEvent.click(preventable()); // the user knows better: a reminder would have saved this one
    expect(preventable().checked).toBe(true);

    fireEvent.click(screen.getByTestId('churn-submit'));
    expect(await screen.findByText('must not be before the contract start 2025-01-01')).toBeTruthy();
    const post = calls.find((r) => r.method === 'POST')!;
    const body = await post.json();
    expect(body).toMatchObject({ reason: 'payment_failure', preventable: true, voluntary: false, mrr_lost: 49900 });
  }, 20000);

  it('refuses to save without a reason and does not call the server', async () => {
    const calls = stubServer();
    renderApp(<ChurnForm account={account} onClose={() => {}} onSaved={() => {}} />);
    await screen.findByTestId('answer-main_reason');
    fireEvent.click(screen.getByTestId('churn-submit'));
    const form = screen.getByTestId('churn-submit').closest('form')!;
    expect(await within(form).findByText('Required')).toBeTruthy();
    expect(calls.filter((r) => r.method === 'POST')).toHaveLength(0);
  });
});
