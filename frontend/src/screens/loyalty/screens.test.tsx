import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { jsonResponse, renderApp } from '../../test/render';
import type { Tier, TierInput } from '../../api/loyalty';
import { TierEditorPage } from './TierEditorPage';
import { ReferralForm } from './ReferralForm';
import './i18n';

// happy-dom has no FontFaceSet; Mantine's autosize textareas listen on it.
const doc = document as unknown as { fonts?: unknown };
doc.fonts ??= { addEventListener: () => {}, removeEventListener: () => {} };

const stored: Tier[] = [
  { id: 2, name: 'Gold', rank: 2, min_tenure_months: 12, min_mrr: 150000, min_lifetime_revenue: 0, min_health: 'average', color: 'yellow', benefits: [], accounts: 7 },
  { id: 1, name: 'Silver', rank: 1, min_tenure_months: 6, min_mrr: 0, min_lifetime_revenue: 0, color: 'gray', benefits: [], accounts: 30 },
];

describe('TierEditorPage', () => {
  it('previews the tiers as ranked in the list, and shows the counts the server returns', { timeout: 15000 }, async () => {
    const previews: TierInput[][] = [];
    globalThis.fetch = vi.fn(async (req: Request) => {
      const path = new URL(req.url).pathname;
      if (path === '/api/v1/tiers') return jsonResponse({ items: stored });
      if (path === '/api/v1/settings/currency') return jsonResponse({ home: 'EUR', rates: [] });
      if (path === '/api/v1/tiers/preview') {
        const body = (await req.json()) as { tiers: TierInput[] };
        previews.push(body.tiers);
        // The best-ranked tier gets 5 accounts, the other 25, and 3 stay without a tier.
        const best = [...body.tiers].sort((a, b) => b.rank - a.rank)[0]!.name;
        return jsonResponse({ counts: Object.fromEntries([...body.tiers.map((t) => [t.name, t.name === best ? 5 : 25]), ['', 3]]) });
      }
      return jsonResponse({}, 404);
    }) as unknown as typeof fetch;

    renderApp(<TierEditorPage />, '/loyalty/tiers');
    await waitFor(() => expect(screen.getByTestId('preview-count-0').textContent).toBe('5'), { timeout: 4000 });
    expect(screen.getByTestId('preview-count-1').textContent).toBe('25');
    expect(screen.getByTestId('preview-count-none').textContent).toBe('3');
    // Money thresholds say they are in the home currency.
    await waitFor(() => expect(screen.getAllByText('In EUR (home currency); other currencies are converted first')).toHaveLength(4), { timeout: 4000 });
    expect(previews[0]!.map((t) => [t.name, t.rank, t.min_mrr])).toEqual([
      ['Gold', 2, 150000],
      ['Silver', 1, 0],
    ]);
    expect((screen.getByTestId('save-tiers') as HTMLButtonElement).disabled).toBe(true);

    // Moving Silver above Gold makes it the best tier: the next preview ranks it first.
    fireEvent.click(screen.getByTestId('tier-up-1'));
    await waitFor(() => expect(previews.at(-1)!.map((t) => [t.name, t.rank])).toEqual([
      ['Silver', 2],
      ['Gold', 1],
    ]), { timeout: 4000 });
    await waitFor(() => expect(screen.getByTestId('preview-count-0').textContent).toBe('5'), { timeout: 4000 });
    expect((screen.getByTestId('tier-name-0') as HTMLInputElement).value).toBe('Silver');
    expect((screen.getByTestId('save-tiers') as HTMLButtonElement).disabled).toBe(false);
  });
});

describe('ReferralForm', () => {
  it('sends the typed referral with the pre-filled referrer and shows the server’s field errors under the inputs', async () => {
    const posted: unknown[] = [];
    globalThis.fetch = vi.fn(async (req: Request) => {
      const path = new URL(req.url).pathname;
      if (path === '/api/v1/accounts/5/contacts') return jsonResponse({ items: [], total: 0 });
      if (path === '/api/v1/accounts') return jsonResponse({ items: [], total: 0 });
      if (path === '/api/v1/referrals' && req.method === 'POST') {
        posted.push(await req.json());
        return jsonResponse({ code: 'validation_failed', message: 'Some fields are not valid.', fields: { referred_on: 'must not be in the future' } }, 422);
      }
      return jsonResponse({}, 404);
    }) as unknown as typeof fetch;
    const onSaved = vi.fn();

    renderApp(<ReferralForm prefill={{ accountId: 5, accountName: 'Acme' }} onClose={() => {}} onSaved={onSaved} />);
    fireEvent.change(await screen.findByTestId('referred-company'), { target: { value: ' Globex ' } });
    fireEvent.change(screen.getByTestId('referrer-reward'), { target: { value: 'One free month' } });
    fireEvent.click(screen.getByTestId('referral-save'));

    expect(await screen.findByText('must not be in the future')).toBeTruthy();
    expect(posted[0]).toMatchObject({ referrer_account_id: 5, referred_company: 'Globex', channel: 'email', referrer_reward: 'One free month' });
    expect(posted[0]).not.toHaveProperty('newcomer_reward');
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('requires the company before calling the server', async () => {
    const fetch = vi.fn(async (_req: Request) => jsonResponse({ items: [], total: 0 }));
    globalThis.fetch = fetch as unknown as typeof globalThis.fetch;
    renderApp(<ReferralForm prefill={{ accountId: 5, accountName: 'Acme' }} onClose={() => {}} onSaved={() => {}} />);
    fireEvent.click(await screen.findByTestId('referral-save'));
    expect(await screen.findByText('Required')).toBeTruthy();
    expect(fetch.mock.calls.some(([req]) => req.method === 'POST')).toBe(false);
  });
});
