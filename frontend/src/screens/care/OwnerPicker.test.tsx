import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderApp } from '../../test/render';
import { OwnerPicker } from './OwnerPicker';

const OWNERS = ['Anna Kowalska', 'Sarah Chen', 'Tomasz Nowak'];

describe('OwnerPicker', () => {
  it('focuses the search on open, offers known owners but the current one, and Enter picks then submits', async () => {
    const onPick = vi.fn();
    renderApp(<OwnerPicker owners={OWNERS} current="Sarah Chen" onPick={onPick} />);
    fireEvent.click(screen.getByTestId('reassign'));
    const input = (await screen.findByTestId('owner-picker')) as HTMLInputElement;
    await waitFor(() => expect(document.activeElement).toBe(input));
    fireEvent.click(input);
    const options = await screen.findAllByRole('option', { hidden: true });
    expect(options.map((o) => o.textContent)).toEqual(['Anna Kowalska', 'Tomasz Nowak']);
    const user = userEvent.setup();
    await user.type(input, 'tom');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(input.value).toBe('Tomasz Nowak'));
    expect(onPick).not.toHaveBeenCalled();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(onPick).toHaveBeenCalledWith('Tomasz Nowak'));
    await waitFor(() => expect(screen.queryByTestId('owner-picker')).toBeNull());
  });

  it('picks the first match when Enter comes before the list has highlighted one', async () => {
    const onPick = vi.fn();
    renderApp(<OwnerPicker owners={OWNERS} current="Sarah Chen" onPick={onPick} />);
    fireEvent.click(screen.getByTestId('reassign'));
    const input = (await screen.findByTestId('owner-picker')) as HTMLInputElement;
    await waitFor(() => expect(document.activeElement).toBe(input));
    const user = userEvent.setup();
    await user.type(input, 'tom');
    await screen.findByRole('option', { name: 'Tomasz Nowak', hidden: true });
    // The moment the matches are redrawn: nothing is highlighted, and the
    // list itself does nothing with Enter (an event without a key code).
    document.querySelectorAll('[data-combobox-selected]').forEach((o) => o.removeAttribute('data-combobox-selected'));
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(input.value).toBe('Tomasz Nowak'));
    expect(onPick).not.toHaveBeenCalled();
  });

  it('closes on Escape without picking', async () => {
    const onPick = vi.fn();
    renderApp(<OwnerPicker owners={OWNERS} current="" onPick={onPick} />);
    fireEvent.click(screen.getByTestId('reassign'));
    const input = await screen.findByTestId('owner-picker');
    fireEvent.keyDown(input, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('owner-picker')).toBeNull());
    expect(onPick).not.toHaveBeenCalled();
  });

  it('does not submit without a choice and says when no owners are known', async () => {
    const onPick = vi.fn();
    renderApp(<OwnerPicker owners={['Sarah Chen']} current="Sarah Chen" onPick={onPick} />);
    fireEvent.click(screen.getByTestId('reassign'));
    expect(await screen.findByText('No known owners yet: add team members in Settings')).toBeTruthy();
    expect((screen.getByTestId('reassign-submit') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.submit(screen.getByTestId('owner-picker').closest('form')!);
    expect(onPick).not.toHaveBeenCalled();
  });
});
