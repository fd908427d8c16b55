import { describe, expect, it } from 'vitest';
import type { Referral, Tier } from '../../api/loyalty';
import { majorToMinor } from '../../format/money';
import {
  columns,
  convertValues,
  daysSince,
  domainOf,
  draftOf,
  dropAction,
  emptyDraft,
  formatMrrMap,
  formatPct,
  inputOf,
  move,
  newAccountInput,
  nextReward,
  previewCount,
  previewInputs,
  referralInput,
  referralValues,
  savePlan,
  targets,
  type TierDraft,
} from './format';

const tier = (id: number, name: string, rank: number, extra: Partial<Tier> = {}): Tier => ({
  id,
  name,
  rank,
  min_tenure_months: 0,
  min_mrr: 0,
  min_lifetime_revenue: 0,
  benefits: [],
  accounts: 0,
  ...extra,
});

const referral = (id: number, status: Referral['status'], extra: Partial<Referral> = {}): Referral => ({
  id,
  referrer_account_id: 1,
  referrer_name: 'Acme',
  referrer_contact_id: null,
  referred_company: `Co ${id}`,
  referred_contact: '',
  referred_email: '',
  referred_on: '2026-11-01',
  channel: 'email',
  status,
  referrer_reward: '',
  referrer_reward_status: 'pending',
  newcomer_reward: '',
  newcomer_reward_status: 'pending',
  converted_account_id: null,
  notes: '',
  created_at: '',
  updated_at: '',
  ...extra,
});

describe('tier drafts', () => {
  it('round-trips a stored tier: money in major units while editing, minor units to the API, rank from the list order', () => {
    const gold = tier(7, 'Gold', 3, { min_mrr: 150050, min_lifetime_revenue: 1_000_000, min_tenure_months: 12, min_health: 'average', color: 'yellow', benefits: [{ kind: 'early_access', description: ' Betas ' }] });
    const d = draftOf(gold);
    expect(d).toMatchObject({ id: 7, name: 'Gold', min_mrr: 1500.5, min_lifetime_revenue: 10000, min_tenure_months: 12, min_health: 'average', color: 'yellow' });
    expect(inputOf(d, 0, 3)).toEqual({
      name: 'Gold',
      rank: 3,
      color: 'yellow',
      min_tenure_months: 12,
      min_mrr: 150050,
      min_lifetime_revenue: 1_000_000,
      min_health: 'average',
      benefits: [{ kind: 'early_access', description: 'Betas' }],
    });
  });

  it('reads typed text: comma decimals, blanks as 0, negatives clamped, whole months', () => {
    const d: TierDraft = { ...emptyDraft(), name: ' Silver ', min_mrr: '99,99', min_lifetime_revenue: '', min_tenure_months: '6.7' };
    expect(inputOf(d, 2, 3)).toMatchObject({ name: 'Silver', rank: 1, min_mrr: 9999, min_lifetime_revenue: 0, min_tenure_months: 7 });
    expect(inputOf({ ...d, min_mrr: -5 }, 0, 1).min_mrr).toBe(0);
    expect(inputOf(d, 0, 1).min_health).toBeUndefined();
  });

  it('previews only named drafts, ranked by their place among all drafts', () => {
    const ds = [{ ...emptyDraft(), name: 'Platinum' }, { ...emptyDraft(), name: '  ' }, { ...emptyDraft(), name: 'Silver' }];
    expect(previewInputs(ds).map((t) => [t.name, t.rank])).toEqual([
      ['Platinum', 3],
      ['Silver', 1],
    ]);
  });

  it('moves a draft up or down and ignores moves past the ends', () => {
    expect(move(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(move(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    const same = ['a', 'b'];
    expect(move(same, 0, -1)).toBe(same);
    expect(move(same, 1, 1)).toBe(same);
  });

  it('reads preview counts by trimmed name, 0 for a tier nobody reaches, undefined before the first answer', () => {
    expect(previewCount({ Gold: 4, '': 10 }, 'Gold ')).toBe(4);
    expect(previewCount({ Gold: 4 }, 'Silver')).toBe(0);
    expect(previewCount(undefined, 'Gold')).toBeUndefined();
  });
});

describe('savePlan', () => {
  it('deletes removed tiers, parks re-ranked tiers on free ranks, updates the rest and creates new ones', () => {
    const stored = [tier(1, 'Gold', 2), tier(2, 'Silver', 1), tier(3, 'Bronze', 5)];
    // Silver is now the best, Gold second, a new Platinum third; Bronze is gone.
    const drafts = [draftOf(stored[1]!), draftOf(stored[0]!), { ...emptyDraft(), name: 'Platinum' }];
    const plan = savePlan(stored, drafts);
    expect(plan.remove).toEqual([3]);
    // Gold keeps rank 2; Silver leaves rank 1 (which Platinum takes) through a free rank.
    expect(plan.park.map((p) => [p.id, p.input.name, p.input.rank])).toEqual([[2, 'Silver', 100]]);
    expect(plan.update.map((u) => [u.id, u.input.name, u.input.rank])).toEqual([
      [2, 'Silver', 3],
      [1, 'Gold', 2],
    ]);
    expect(plan.create.map((c) => [c.index, c.input.name, c.input.rank])).toEqual([[2, 'Platinum', 1]]);
  });

  it('does not park a tier whose rank stays the same', () => {
    const stored = [tier(1, 'Gold', 2), tier(2, 'Silver', 1)];
    const plan = savePlan(stored, stored.map(draftOf));
    expect(plan.park).toEqual([]);
    expect(plan.remove).toEqual([]);
    expect(plan.update.map((u) => u.input.rank)).toEqual([2, 1]);
  });
});

describe('money and percentages', () => {
  it('formats MRR per currency, sorted by currency, skipping zeros', () => {
    expect(formatMrrMap({ USD: 30000, EUR: 120000 }, 'en')).toBe('€1,200.00 · $300.00');
    expect(formatMrrMap({ EUR: 0 }, 'en')).toBe('—');
    expect(formatMrrMap(undefined, 'en')).toBe('—');
  });
  it('formats percentages with one decimal in the locale', () => {
    expect(formatPct(87.25, 'en')).toBe('87.3 %');
    expect(formatPct(50, 'ru')).toBe('50,0 %');
    expect(formatPct(null, 'en')).toBe('—');
  });
});

describe('referral board', () => {
  it('groups referrals into the six columns, keeping order', () => {
    const cols = columns([referral(3, 'trial'), referral(2, 'invited'), referral(1, 'trial'), referral(4, 'expired')]);
    expect(cols.trial.map((r) => r.id)).toEqual([3, 1]);
    expect(cols.invited.map((r) => r.id)).toEqual([2]);
    expect(cols.expired.map((r) => r.id)).toEqual([4]);
    expect(cols.converted).toEqual([]);
    expect(Object.keys(cols)).toEqual(['invited', 'lead', 'trial', 'converted', 'declined', 'expired']);
  });

  it('turns a drop into a status change, a conversion, nothing, or a refusal', () => {
    expect(dropAction('invited', 'trial')).toEqual({ kind: 'status', status: 'trial' });
    expect(dropAction('trial', 'converted')).toEqual({ kind: 'convert' });
    expect(dropAction('lead', 'lead')).toEqual({ kind: 'none' });
    expect(dropAction('converted', 'lead')).toEqual({ kind: 'blocked' });
    expect(dropAction('declined', 'invited')).toEqual({ kind: 'status', status: 'invited' });
  });

  it('offers every other status in the card menu, none for a converted referral', () => {
    expect(targets('lead')).toEqual(['invited', 'trial', 'converted', 'declined', 'expired']);
    expect(targets('converted')).toEqual([]);
  });

  it('advances rewards pending → approved → issued and no further', () => {
    expect(nextReward('pending')).toBe('approved');
    expect(nextReward('approved')).toBe('issued');
    expect(nextReward('issued')).toBeNull();
  });
});

describe('referral form', () => {
  it('pre-fills the referrer when inviting an advocate and leaves optional fields out of the input', () => {
    const v = referralValues(undefined, { accountId: 42 });
    expect(v.referrer_account_id).toBe(42);
    expect(v.channel).toBe('email');
    expect(v.referred_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const input = referralInput({ ...v, referred_company: '  Globex ', referrer_reward: 'One free month', notes: '  ' });
    expect(input).toEqual({
      referrer_account_id: 42,
      referrer_contact_id: undefined,
      referred_company: 'Globex',
      referred_contact: undefined,
      referred_email: undefined,
      referred_on: v.referred_on,
      channel: 'email',
      referrer_reward: 'One free month',
      newcomer_reward: undefined,
      notes: undefined,
    });
  });

  it('fills the form from an existing referral', () => {
    const v = referralValues(referral(5, 'lead', { referrer_contact_id: 9, channel: 'event', newcomer_reward: '10 % off' }));
    expect(v).toMatchObject({ referrer_account_id: 1, referrer_contact_id: 9, referred_company: 'Co 5', channel: 'event', newcomer_reward: '10 % off' });
  });
});

describe('conversion', () => {
  it('takes the company domain from a business email, not from free mail', () => {
    expect(domainOf('Jan@Globex.PL')).toBe('globex.pl');
    expect(domainOf('someone@gmail.com')).toBe('');
    expect(domainOf('not an email')).toBe('');
  });

  it('pre-fills the new account from the referral and sends MRR in minor units', () => {
    const v = convertValues(referral(1, 'trial', { referred_company: 'Globex', referred_email: 'jan@globex.pl' }), 'PLN');
    expect(v).toMatchObject({ name: 'Globex', domain: 'globex.pl', status: 'trial', currency: 'PLN', segment: 'smb' });
    expect(newAccountInput({ ...v, mrr: '1234,5', plan: ' Growth ' }, majorToMinor)).toMatchObject({ name: 'Globex', mrr: 123450, currency: 'PLN', plan: 'Growth', status: 'trial', owner: undefined });
    expect(convertValues(referral(2, 'lead')).status).toBe('onboarding');
  });

  it('counts whole days since a date', () => {
    expect(daysSince('2026-11-01', new Date(2026, 10, 11, 15))).toBe(10);
    expect(daysSince('2026-12-01', new Date(2026, 10, 11))).toBe(0);
  });
});
