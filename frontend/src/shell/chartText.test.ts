import { describe, expect, it } from 'vitest';
import { describeChart, type ChartTexts } from './chartText';

const texts: ChartTexts = {
  series: (name, points) => `${name}: ${points}`,
  point: (label, value) => `${label} ${value}`,
  more: (count) => `and ${count} more`,
};

describe('describeChart', () => {
  it('lists category points of each series under the title', () => {
    const option = {
      xAxis: { type: 'category', data: ['Bronze', 'Silver', 'Gold'] },
      series: [{ name: 'Accounts', data: [{ value: 12 }, { value: 7 }, { value: 1234.56 }] }],
    };
    expect(describeChart(option, 'Accounts per tier', 'en', texts)).toBe('Accounts per tier. Accounts: Bronze 12, Silver 7, Gold 1,234.6');
    // Numbers follow the language: Russian groups with a (narrow) no-break space and a comma decimal.
    expect(describeChart(option, '', 'ru', texts)).toBe('Accounts: Bronze 12, Silver 7, Gold 1\u00a0234,6');
  });

  it('reads [x, y] pairs and horizontal bars, and skips gaps and decoration series', () => {
    const option = {
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: ['Price', 'Support'] },
      series: [
        { name: 'Churns', data: [3, null] },
        { name: 'band', data: [1, 2], silent: true },
        { name: 'hidden', data: [1, 2], tooltip: { show: false } },
      ],
    };
    expect(describeChart(option, 'By reason', 'en', texts)).toBe('By reason. Churns: Price 3');
    const curve = { xAxis: { type: 'value' }, series: [{ name: 'All', data: [[0, 100], [1.5, 92.25]] }] };
    expect(describeChart(curve, '', 'en', texts)).toBe('All: 0 100, 1.5 92.3');
  });

  it('cuts a long series after maxPoints and says how many are left', () => {
    const option = { xAxis: { data: ['a', 'b', 'c', 'd', 'e'] }, series: [{ name: 'S', data: [1, 2, 3, 4, 5] }] };
    expect(describeChart(option, 'T', 'en', texts, 2)).toBe('T. S: a 1, b 2, and 3 more');
  });
});
