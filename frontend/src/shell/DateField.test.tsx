import { describe, expect, it } from 'vitest';
import { act, fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { renderApp } from '../test/render';
import { setLanguage } from '../i18n';
import { formatDate } from '../format/money';
import { DateField, parseTypedDate } from './DateField';

function Harness() {
  const [v, setV] = useState('2026-12-02');
  return (
    <>
      <DateField label="Day" value={v} onChange={setV} data-testid="day" />
      <span data-testid="value">{v}</span>
    </>
  );
}

describe('dates in the app language', () => {
  it('formats days the same way in every screen', () => {
    expect(formatDate('2026-12-02', 'en')).toBe('Dec 2, 2026');
    expect(formatDate('2026-12-02', 'ru')).toBe('2 дек. 2026 г.');
    expect(formatDate('2026-12-02', 'pl')).toBe('2 gru 2026');
  });

  it('reads typed days in the language, not the browser: 02.12.2026 is 2 December in ru and pl', () => {
    expect(parseTypedDate('2026-12-02', 'ru')).toBe('2026-12-02');
    expect(parseTypedDate('02.12.2026', 'ru')).toBe('2026-12-02');
    expect(parseTypedDate('02.12.2026', 'pl')).toBe('2026-12-02');
    expect(parseTypedDate('12/02/2026', 'en')).toBe('2026-12-02');
    expect(parseTypedDate('12/02/2026', 'ru')).toBeNull();
    expect(parseTypedDate('31.02.2026', 'pl')).toBeNull();
    expect(parseTypedDate('', 'en')).toBeNull();
  });

  it('shows the value in the app language and keeps YYYY-MM-DD', async () => {
    await act(() => setLanguage('ru'));
    renderApp(<Harness />);
    const input = screen.getByTestId('day') as HTMLInputElement;
    expect(input.value).toBe('2 дек. 2026 г.');
    fireEvent.change(input, { target: { value: '15.01.2027' } });
    expect(screen.getByTestId('value').textContent).toBe('2027-01-15');
    await act(() => setLanguage('pl'));
    expect((screen.getByTestId('day') as HTMLInputElement).value).toBe('15 sty 2027');
    await act(() => setLanguage('en'));
  });
});
