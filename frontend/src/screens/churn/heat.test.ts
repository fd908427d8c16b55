import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../../shell/contrast';
import { heatCell } from './AnalyticsCurves';

describe('heatCell', () => {
  it('tints the card as strongly as the share retained and picks the readable text colour', () => {
    // 75 %: weight 0.08 + 0.75·0.72 = 0.62 of rgb(12,166,120) over white = #68c8ab; white text was 2.01:1, black is 10.4:1.
    expect(heatCell(75, false)).toEqual({ background: '#68c8ab', color: '#000000' });
    // 0 %: weight 0.08 → #ecf8f4, a faint tint with black text.
    expect(heatCell(0, false)).toEqual({ background: '#ecf8f4', color: '#000000' });
    // 100 % in dark mode: 0.8 over #2e2e2e = #138e69; white would be 4.11:1, black 5.1:1.
    expect(heatCell(100, true)).toEqual({ background: '#138e69', color: '#000000' });
    // 10 % in dark mode stays dark, so its text is white.
    expect(heatCell(10, true).color).toBe('#ffffff');
  });

  it('keeps every cell at AA in both schemes', () => {
    for (const dark of [false, true])
      for (let pct = 0; pct <= 100; pct++) {
        const c = heatCell(pct, dark);
        expect(contrastRatio(c.color, c.background)).toBeGreaterThanOrEqual(4.5);
      }
  });
});
