import { describe, expect, it } from 'vitest';
import { reasonDefaults } from './ChurnForm';
import { formatFigure } from './AnalyticsPage';

const settings = {
  reasons: [
    { key: 'business_closed', labels: { en: 'Business closed', ru: '', pl: '' }, preventable: false, voluntary: true },
    { key: 'payment_failure', labels: { en: 'Payment failure', ru: '', pl: '' }, preventable: true, voluntary: false },
  ],
  questions: [],
};

describe('reasonDefaults', () => {
  it("takes preventable and voluntary from the reason's defaults", () => {
    expect(reasonDefaults(settings, 'business_closed')).toEqual({ preventable: false, voluntary: true });
    expect(reasonDefaults(settings, 'payment_failure')).toEqual({ preventable: true, voluntary: false });
  });
  it('treats an unknown reason as preventable and voluntary', () => {
    expect(reasonDefaults(settings, 'nope')).toEqual({ preventable: true, voluntary: true });
  });
});

describe('formatFigure', () => {
  const base = { key: 'x', formula: '', inputs: {} };
  it('shows percentages, money and missing values', () => {
    expect(formatFigure({ ...base, value: 82, unit: 'percent' }, '', 'en')).toBe('82.0 %');
    expect(formatFigure({ ...base, value: 2534, unit: 'money' }, 'EUR', 'en')).toBe('€25.34');
    expect(formatFigure({ ...base, value: null, unit: 'percent' }, '', 'en')).toBe('—');
  });
});
