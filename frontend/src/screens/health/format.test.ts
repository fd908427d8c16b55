import { describe, expect, it } from 'vitest';
import i18n from '../../i18n';
import './i18n';
import { shortDay, cardState, cleanAction, daysBetween, formatLost, formatMeasure, formatPoints, formatSlope, mondayOf, moveItem, npsCategory, partState, weightTotal } from './format';

const ta = (lang: string) => (key: string, opts?: Record<string, unknown>) => (i18n.getFixedT(lang) as unknown as (k: string, o?: object) => string)(`health.${key}`, opts);

describe('weightTotal', () => {
  it('adds the weights and counts empty inputs as 0', () => {
    expect(weightTotal([{ weight: 25 }, { weight: 20 }, { weight: 20 }, { weight: 15 }, { weight: 10 }, { weight: 10 }])).toBe(100);
    expect(weightTotal([{ weight: 60 }, { weight: Number.NaN }, { weight: 47 }])).toBe(107);
    expect(weightTotal([])).toBe(0);
  });
});

describe('formatSlope', () => {
  it('writes the weekly slope, and no data for an account without usage', () => {
    expect(formatSlope({ slope_pct_per_week: 3.46, mean_active_users: 12 }, 'en', ta('en'))).toBe('+3.5 % per week');
    expect(formatSlope({ slope_pct_per_week: -15.38, mean_active_users: 6.5 }, 'ru', ta('ru'))).toBe('−15,4 % в неделю');
    expect(formatSlope({ slope_pct_per_week: 0, mean_active_users: 4 }, 'pl', ta('pl'))).toBe('0 % na tydzień');
    // No active users at all: not "0 % per week".
    expect(formatSlope({ slope_pct_per_week: 0, mean_active_users: 0 }, 'en', ta('en'))).toBe('No data');
    expect(formatSlope({ slope_pct_per_week: 0, mean_active_users: 0 }, 'ru', ta('ru'))).toBe('Нет данных');
    expect(formatSlope({ slope_pct_per_week: 0, mean_active_users: 0 }, 'pl', ta('pl'))).toBe('Brak danych');
  });
});

describe('partState', () => {
  it('places a component between its thresholds', () => {
    expect(partState({ measure: 2, score: 100, has_data: true })).toBe('good');
    expect(partState({ measure: -2.8, score: 60, has_data: true })).toBe('between');
    expect(partState({ measure: 30, score: 0, has_data: true })).toBe('bad');
    // No data: left out of the score, whatever its score field says.
    expect(partState({ measure: null, score: 0, has_data: false })).toBe('missing');
    // An inactive account's trend has data and scores 0 even without a slope.
    expect(partState({ measure: null, score: 0, has_data: true })).toBe('bad');
  });
});

describe('breakdown numbers', () => {
  it('writes points out of the weight and the points lost', () => {
    expect(formatPoints(2.4, 20, 'en')).toBe('2.4 / 20');
    expect(formatPoints(2.4, 20, 'ru')).toBe('2,4 / 20');
    expect(formatLost(17.6, 'en')).toBe('−17.6');
    expect(formatLost(87.9, 'pl')).toBe('−87,9');
    expect(formatLost(0, 'en')).toBe('0');
    expect(formatLost(0.04, 'en')).toBe('0');
  });

  it('writes each measure with its unit in the interface language', () => {
    expect(formatMeasure('engagement_trend', -2.8, 'en', ta('en'))).toBe('−2.8 %/wk');
    expect(formatMeasure('engagement_trend', 3, 'en', ta('en'))).toBe('+3 %/wk');
    expect(formatMeasure('login_recency', 1, 'en', ta('en'))).toBe('1 day');
    expect(formatMeasure('login_recency', 22, 'ru', ta('ru'))).toBe('22 дня');
    expect(formatMeasure('login_recency', 25, 'ru', ta('ru'))).toBe('25 дней');
    expect(formatMeasure('login_recency', -1, 'en', ta('en'))).toBe('Today');
    expect(formatMeasure('seat_utilisation', 18.44, 'pl', ta('pl'))).toBe('18,4 %');
    expect(formatMeasure('payment', 0, 'en', ta('en'))).toBe('Paid');
    expect(formatMeasure('payment', 5, 'pl', ta('pl'))).toBe('5 dni zaległości');
    expect(formatMeasure('nps', null, 'en', ta('en'))).toBe('No data');
    expect(formatMeasure('csm_sentiment', 4, 'ru', ta('ru'))).toBe('4 из 5');
  });
});

describe('dates', () => {
  it('finds the Monday of a week', () => {
    expect(mondayOf('2026-12-02')).toBe('2026-11-30'); // Wednesday
    expect(mondayOf('2026-11-30')).toBe('2026-11-30'); // Monday
    expect(mondayOf('2026-12-06')).toBe('2026-11-30'); // Sunday
    expect(mondayOf('2027-01-01')).toBe('2026-12-28');
  });

  it('writes short chart labels, with the year only outside the current one', () => {
    expect(shortDay('2026-11-30', 'en', 2026)).toBe('Nov 30');
    expect(shortDay('2025-12-08', 'en', 2026)).toBe('Dec 8, 2025');
    expect(shortDay('2026-11-30', 'ru', 2026)).toBe('30 нояб.');
  });

  it('counts days and tells when a card stops working', () => {
    expect(daysBetween('2026-11-14', '2026-12-02')).toBe(18);
    expect(cardState(12, 2026, '2026-12-02')).toEqual({ lastDay: '2026-12-31', daysLeft: 29, state: 'soon' });
    expect(cardState(2, 2027, '2026-12-02')).toEqual({ lastDay: '2027-02-28', daysLeft: 88, state: 'ok' });
    expect(cardState(11, 2026, '2026-12-02')?.state).toBe('expired');
    expect(cardState(null, 2026, '2026-12-02')).toBeNull();
  });
});

describe('NPS and playbooks', () => {
  it('groups NPS scores', () => {
    expect([0, 6, 7, 8, 9, 10].map(npsCategory)).toEqual(['detractor', 'detractor', 'passive', 'passive', 'promoter', 'promoter']);
  });

  it('moves an action up and down without touching the original list', () => {
    const list = ['call', 'email', 'meeting'];
    expect(moveItem(list, 2, 1)).toEqual(['call', 'meeting', 'email']);
    expect(moveItem(list, 0, 1)).toEqual(['email', 'call', 'meeting']);
    expect(moveItem(list, 0, -1)).toEqual(list);
    expect(list).toEqual(['call', 'email', 'meeting']);
  });

  it('trims an action before saving; an empty owner stays empty for the account owner', () => {
    expect(cleanAction({ kind: 'call', title: '  Call {account} ', due_in_days: 2, owner: '  ' })).toEqual({ kind: 'call', title: 'Call {account}', due_in_days: 2, owner: '' });
  });
});
