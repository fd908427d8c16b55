import { describe, expect, it } from 'vitest';
import { formatFigure, formatInput, sparklinePath, substitution, tenureText, trailValue } from './format';
import { figureCards } from './AnalyticsFigures';
import { mainCurrency } from './AnalyticsBreakdowns';
import type { Metrics } from '../../api/churn';

const tc = (key: string, o?: Record<string, unknown>) => `${key}${o ? JSON.stringify(o) : ''}`;

describe('formatFigure', () => {
  it('shows percentages with one decimal, money from minor units, and "—" when the formula divided by zero', () => {
    expect(formatFigure({ value: 82, unit: 'percent' }, '', 'en')).toBe('82.0 %');
    expect(formatFigure({ value: 91.256, unit: 'percent' }, '', 'ru')).toBe('91,3 %');
    expect(formatFigure({ value: 1234567, unit: 'money' }, 'EUR', 'en')).toBe('€12,346');
    expect(formatFigure({ value: null, unit: 'percent' }, '', 'en')).toBe('—');
    expect(formatFigure({ value: -12, unit: 'count' }, '', 'en')).toBe('-12');
  });
});

describe('substitution', () => {
  it('fills the formula with its inputs so the value can be checked by hand', () => {
    expect(substitution('crr', { S: 50, E: 52, N: 8 }, '', 'en')).toBe('(52 − 8) ÷ 50 × 100');
    expect(substitution('grr', { mrr_start: 1000000, contraction: 5000, churned: 20000, expansion: 0 }, 'EUR', 'en')).toBe(
      '(€10,000.00 − €50.00 − €200.00) ÷ €10,000.00 × 100',
    );
    expect(substitution('clv', { mrr_start: 100000, customers: 10, monthly_logo_churn: 0.0125 }, 'EUR', 'en')).toBe('(€1,000.00 ÷ 10) ÷ 1.25 %');
    expect(substitution('unknown', {}, '', 'en')).toBe('');
  });
  it('shows the monthly churn rate as a percentage', () => {
    expect(formatInput('monthly_logo_churn', 0.021, '', 'en')).toBe('2.1 %');
  });
});

describe('tenureText', () => {
  it('shows whole calendar months and the remaining days between contract start and churn', () => {
    expect(tenureText(20, tc)).toBe('tenure.days{"days":20}');
    expect(tenureText(730, tc, '2024-11-24', '2026-11-24')).toBe('tenure.monthsDays{"months":24,"days":0}');
    expect(tenureText(45, tc, '2025-01-31', '2025-03-17')).toBe('tenure.monthsDays{"months":1,"days":17}');
    expect(tenureText(100, tc)).toBe('tenure.monthsDays{"months":3,"days":9}');
  });
});

describe('trailValue', () => {
  const settings = { reasons: [{ key: 'missing_feature', labels: { en: 'Missing feature or integration', ru: 'Нет функции', pl: '' }, preventable: true, voluntary: true }], questions: [] };
  it('names reasons in the interface language and spells out booleans, money and empty values', () => {
    expect(trailValue('reason', 'missing_feature', { settings, lang: 'ru', tc })).toBe('Нет функции');
    expect(trailValue('reason', 'missing_feature', { settings, lang: 'pl', tc })).toBe('Missing feature or integration');
    expect(trailValue('preventable', false, { settings, lang: 'en', tc })).toBe('no');
    expect(trailValue('mrr_lost', 49900, { settings, lang: 'en', tc, currency: 'EUR' })).toBe('€499.00');
    expect(trailValue('competitor', '', { settings, lang: 'en', tc })).toBe('—');
    expect(trailValue('quotes', ['Too slow'], { settings, lang: 'en', tc })).toBe('“Too slow”');
  });
});

describe('sparklinePath', () => {
  it('scales the highest value to the top and the lowest to the bottom', () => {
    expect(sparklinePath([0, 10], 100, 20, 0)).toBe('M0.0,20.0 L100.0,0.0');
    expect(sparklinePath([], 100, 20)).toBe('');
  });
});

describe('analytics helpers', () => {
  it('picks the currency with the most MRR lost for the chart', () => {
    expect(mainCurrency([{ key: 'a', count: 1, mrr_lost: { EUR: 100, USD: 50 }, mrr_lost_home: null }, { key: 'b', count: 1, mrr_lost: { USD: 80 }, mrr_lost_home: null }])).toBe('USD');
  });
  it('orders KPI cards and shows NPS as empty without responses', () => {
    const f = (key: string) => ({ key, value: 1, unit: 'percent' as const, formula: '', inputs: {} });
    const m = {
      figures: ['crr', 'logo_churn', 'preventable_share', 'unavoidable_share', 'renewal_rate'].map(f),
      revenue: [
        { currency: 'EUR', figures: ['gross_revenue_churn', 'grr', 'nrr', 'clv'].map(f) },
        { currency: 'PLN', figures: ['gross_revenue_churn', 'grr', 'nrr', 'clv'].map(f) },
      ],
      nps: { nps: 0, promoters: 0, passives: 0, detractors: 0, responses: 0, formula: '' },
    } as unknown as Metrics;
    const cards = figureCards(m);
    expect(cards.map((c) => c.figure.key)).toEqual(['crr', 'logo_churn', 'grr', 'nrr', 'gross_revenue_churn', 'clv', 'nps', 'renewal_rate', 'preventable_share', 'unavoidable_share']);
    expect(cards.find((c) => c.figure.key === 'nps')!.figure.value).toBeNull();
    expect(cards.find((c) => c.figure.key === 'grr')!.currency).toBe('EUR');
    expect(figureCards(m, 'PLN').filter((c) => c.currency === 'PLN')).toHaveLength(4);
  });
});
