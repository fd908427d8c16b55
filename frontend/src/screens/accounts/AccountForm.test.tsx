import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { AccountForm, statusChoices, toInput, valuesOf } from './AccountForm';
import type { Account } from '../../api/types';
import { jsonResponse, renderApp } from '../../test/render';

describe('toInput', () => {
  it('turns major units into minor units and drops empty optional fields', () => {
    const v = { ...valuesOf(), name: ' Acme ', mrr: 499.9, currency: 'EUR', domain: '', renewal_date: '', seats: '' };
    const input = toInput(v);
    expect(input.mrr).toBe(49990);
    expect(input.name).toBe('Acme');
    expect(input.domain).toBeUndefined();
    expect(input.renewal_date).toBeUndefined();
    expect(input.seats).toBeUndefined();
  });
  it('keeps the trial end an import stored when the account is edited, and clears it when emptied', () => {
    const stored = { ...toInput({ ...valuesOf(), name: 'Tidewater' }), id: 7, trial_ends_on: '2026-12-10' } as unknown as Parameters<typeof valuesOf>[0];
    const v = valuesOf(stored);
    expect(v.trial_ends_on).toBe('2026-12-10');
    expect(toInput(v).trial_ends_on).toBe('2026-12-10');
    expect(toInput({ ...v, trial_ends_on: '' }).trial_ends_on).toBeUndefined();
  });
  it('keeps overdue_since only while the payment is overdue', () => {
    expect(toInput({ ...valuesOf(), name: 'A', payment_status: 'ok', overdue_since: '2026-01-01' }).overdue_since).toBeUndefined();
    expect(toInput({ ...valuesOf(), name: 'A', payment_status: 'overdue', overdue_since: '2026-01-01' }).overdue_since).toBe('2026-01-01');
  });
});

describe('statusChoices', () => {
  it('offers live statuses only, and keeps a churned account churned', () => {
    expect(statusChoices()).toEqual(['trial', 'onboarding', 'active']);
    expect(statusChoices({ status: 'active' } as Account)).toEqual(['trial', 'onboarding', 'active']);
    expect(statusChoices({ status: 'churned' } as Account)).toEqual(['churned']);
  });
});

describe('AccountForm', () => {
  it('shows the server field error under the MRR input and keeps the dialog open', async () => {
    const fetch = vi.fn(async () => jsonResponse({ code: 'validation_failed', message: 'Some fields are not valid.', fields: { mrr: 'must be ≥ 0' } }, 422));
    globalThis.fetch = fetch as unknown as typeof globalThis.fetch;
    const onSaved = vi.fn();
    renderApp(<AccountForm opened onClose={() => {}} onSaved={onSaved} />);
    fireEvent.change(await screen.findByTestId('field-name'), { target: { value: 'Negative Co' } });
    fireEvent.change(screen.getByTestId('field-mrr'), { target: { value: '-5' } });
    fireEvent.click(screen.getByTestId('account-submit'));
    expect(await screen.findByText('must be ≥ 0')).toBeTruthy();
    const req = (fetch.mock.calls[0] as unknown as [Request])[0];
    expect(req.method).toBe('POST');
    expect(new URL(req.url).pathname).toBe('/api/v1/accounts');
    expect((await req.json()).mrr).toBe(-500);
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('refuses an empty name before calling the server', async () => {
    const fetch = vi.fn();
    globalThis.fetch = fetch as unknown as typeof globalThis.fetch;
    renderApp(<AccountForm opened onClose={() => {}} onSaved={() => {}} />);
    fireEvent.click(await screen.findByTestId('account-submit'));
    await waitFor(() => expect(screen.getByText('Required')).toBeTruthy());
    expect(fetch).not.toHaveBeenCalled();
  });
});
