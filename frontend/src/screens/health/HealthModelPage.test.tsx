import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { jsonResponse, renderApp } from '../../test/render';
import type { HealthScore, HealthSettings } from '../../api/health';
import { HealthModelPage } from './HealthModelPage';
import { Breakdown } from './Breakdown';

const settings: HealthSettings = {
  model: {
    components: [
      { key: 'engagement_trend', weight: 25, good: 2, bad: -10 },
      { key: 'login_recency', weight: 20, good: 3, bad: 21 },
      { key: 'seat_utilisation', weight: 20, good: 80, bad: 10 },
      { key: 'nps', weight: 15, good: 9, bad: 4 },
      { key: 'payment', weight: 10, good: 0, bad: 30 },
      { key: 'csm_sentiment', weight: 10, good: 5, bad: 1 },
    ],
    good_from: 70,
    poor_below: 40,
  },
  engagement: { window_weeks: 12, rising_above: 2, declining_below: -2, inactive_weeks: 3 },
};

function stubServer(put: (body: HealthSettings) => Response) {
  const puts: HealthSettings[] = [];
  globalThis.fetch = vi.fn(async (req: Request) => {
    const path = new URL(req.url).pathname;
    if (path === '/api/v1/health-model' && req.method === 'GET') return jsonResponse(settings);
    if (path === '/api/v1/health-model' && req.method === 'PUT') {
      const body = (await req.json()) as HealthSettings;
      puts.push(body);
      return put(body);
    }
    return jsonResponse({}, 404);
  }) as unknown as typeof globalThis.fetch;
  return puts;
}

function weightInput(key: string) {
  return screen.getByTestId(`weight-${key}`) as HTMLInputElement;
}

describe('HealthModelPage', () => {
  it('keeps a running weight total, flags a total other than 100 and shows the server’s refusal', async () => {
    const puts = stubServer(() =>
      jsonResponse({ code: 'validation_failed', message: 'Some fields are not valid.', fields: { components: 'weights must add up to 100; they add up to 107' } }, 422),
    );
    renderApp(<HealthModelPage />);
    await waitFor(() => expect(screen.getByTestId('weight-total').textContent).toBe('100 / 100'));
    expect(screen.queryByTestId('weight-error')).toBeNull();

    fireEvent.change(weightInput('seat_utilisation'), { target: { value: '27' } });
    await waitFor(() => expect(screen.getByTestId('weight-total').textContent).toBe('107 / 100'));
    expect(screen.getByTestId('weight-error').textContent).toContain('The weights add up to 107: take away 7');

    fireEvent.click(screen.getByTestId('model-save'));
    await waitFor(() => expect(screen.getByTestId('weight-server-error').textContent).toBe('Not saved — the server says: weights must add up to 100; they add up to 107'));
    expect(puts[0]!.model.components.find((c) => c.key === 'seat_utilisation')!.weight).toBe(27);
  }, 20000);

  it('sends the edited model and says how many accounts changed class', async () => {
    const puts = stubServer(() => jsonResponse({ week: '2026-11-30', accounts: 51, good: 30, average: 15, poor: 6, changed: 9 }));
    renderApp(<HealthModelPage />);
    await waitFor(() => expect(screen.getByTestId('weight-total').textContent).toBe('100 / 100'));
    fireEvent.change(weightInput('engagement_trend'), { target: { value: '5' } });
    fireEvent.change(weightInput('seat_utilisation'), { target: { value: '40' } });
    fireEvent.change(screen.getByTestId('poor-below'), { target: { value: '45' } });
    await waitFor(() => expect(screen.getByTestId('weight-total').textContent).toBe('100 / 100'));
    fireEvent.click(screen.getByTestId('model-save'));
    const result = await screen.findByTestId('model-result');
    expect(result.textContent).toContain('51 accounts rescored');
    expect(result.textContent).toContain('30 good, 15 average, 6 poor');
    expect(within(result).getByTestId('model-changed').textContent).toBe('9 accounts changed class.');
    expect(puts[0]!.model.components.map((c) => c.weight)).toEqual([5, 20, 40, 15, 10, 10]);
    expect(puts[0]!.model.poor_below).toBe(45);
  }, 20000);
});

describe('Breakdown', () => {
  it('shows one row per component with its measure, threshold state, points of its rescaled share, and the left-out ones', () => {
    // NPS has no data: the other 55 of weight are rescaled to 100 (shares 45.5, 36.4, 18.2).
    const score: HealthScore = {
      score: 49.9,
      class: 'average',
      data_weight: 79,
      omitted: ['nps'],
      breakdown: [
        { key: 'engagement_trend', measure: -2.8, has_data: true, score: 60, weight: 25, share: 45.5, points: 27.3, lost: 18.2 },
        { key: 'seat_utilisation', measure: 18.44, has_data: true, score: 12.1, weight: 20, share: 36.4, points: 4.4, lost: 32 },
        { key: 'nps', measure: null, has_data: false, score: 0, weight: 15, share: 0, points: 0, lost: 0 },
        { key: 'payment', measure: 0, has_data: true, score: 100, weight: 10, share: 18.2, points: 18.2, lost: 0 },
      ],
    };
    renderApp(<Breakdown score={score} />);
    const seats = screen.getByTestId('breakdown-seat_utilisation');
    expect(within(seats).getByText('Seat utilisation')).toBeTruthy();
    expect(within(seats).getByText('18.4 %')).toBeTruthy();
    expect(within(seats).getByText('In between')).toBeTruthy();
    expect(within(seats).getByText('4.4 / 36.4')).toBeTruthy();
    expect(screen.getByTestId('breakdown-lost-seat_utilisation').textContent).toBe('−32');
    expect(screen.getByTestId('breakdown-state-nps').textContent).toBe('No data, left out');
    expect(screen.getByTestId('breakdown-left-out-nps').textContent).toBe('left out');
    expect(screen.getByTestId('breakdown-state-payment').textContent).toBe('At good');
    expect(screen.getByTestId('breakdown-lost-payment').textContent).toBe('0');
    expect(screen.getByTestId('health-data-note').textContent).toContain('79 %');
    expect(screen.getAllByRole('row')).toHaveLength(1 + 4 + 1);
  });
});
