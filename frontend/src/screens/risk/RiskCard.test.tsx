import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { jsonResponse, renderApp } from '../../test/render';
import type { AccountRisk } from '../../api/risk';
import type { Account } from '../../api/types';
import { RiskCard } from './RiskCard';

const risk: AccountRisk = {
  account_id: 7,
  name: 'Cedar Labs',
  probability: 0.4237,
  relative: 3.61,
  mrr: 1200,
  expected_loss: 508.44,
  factors: [
    { key: 'login_days', args: { days: 24 }, value: '', effect: 2.31, text: '' },
    { key: 'plan', args: {}, value: 'Starter', effect: 1.2, text: '' },
  ],
};

function stub(status: number, body: unknown) {
  globalThis.fetch = vi.fn(async () => jsonResponse(body, status)) as unknown as typeof globalThis.fetch;
}

const account = { id: 7, updated_at: '2026-11-24T09:00:00Z' } as Account;

describe('RiskCard', () => {
  it('shows the probability, the ratio to the portfolio and the factors in words from their keys', async () => {
    stub(200, risk);
    renderApp(<RiskCard account={account} onChanged={() => {}} />);
    await waitFor(() => expect(screen.getByTestId('risk-probability').textContent).toBe('42.4 %'));
    expect(screen.getByTestId('risk-relative').textContent).toBe('×3.6 the portfolio average');
    expect(screen.getByTestId('risk-expected-loss').textContent).toBe('508');
    const items = screen.getByTestId('risk-factors').querySelectorAll('li');
    expect([...items].map((li) => li.textContent)).toEqual(['no login for 24 days: risk ×2.3', 'plan Starter: risk ×1.2']);
  });

  it('says the health score is the guide while no model is trained', async () => {
    stub(409, { code: 'conflict', message: 'No risk model is trained yet' });
    renderApp(<RiskCard account={account} onChanged={() => {}} />);
    await waitFor(() => expect(screen.getByTestId('risk-card-empty').textContent).toBe('No risk model is trained yet; the health score is the guide.'));
  });
});
