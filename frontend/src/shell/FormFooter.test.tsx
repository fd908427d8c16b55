import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen } from '@testing-library/react';
import { renderApp } from '../test/render';
import { setLanguage } from '../i18n';
import { FormFooter } from './FormFooter';

afterEach(async () => {
  await act(() => setLanguage('en'));
});

describe('FormFooter', () => {
  it('submits the form it sits in and cancels without submitting', () => {
    const submitted = vi.fn((e: { preventDefault: () => void }) => e.preventDefault());
    const cancelled = vi.fn();
    renderApp(
      <form onSubmit={submitted}>
        <FormFooter submitLabel="Create" onCancel={cancelled} submitTestId="thing-save" />
      </form>,
    );
    const buttons = screen.getAllByRole('button');
    // Cancel comes first, then the submit button, both at the right edge.
    expect(buttons.map((b) => b.textContent)).toEqual(['Cancel', 'Create']);
    expect(screen.getByTestId('thing-save').getAttribute('type')).toBe('submit');
    fireEvent.click(screen.getByTestId('thing-save-cancel'));
    expect(cancelled).toHaveBeenCalledTimes(1);
    expect(submitted).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('thing-save'));
    expect(submitted).toHaveBeenCalledTimes(1);
  });

  it('calls onSubmit outside a form and names Cancel in the app language', async () => {
    await act(() => setLanguage('pl'));
    const saved = vi.fn();
    renderApp(<FormFooter submitLabel="Zapisz" onSubmit={saved} onCancel={() => {}} hint={<span data-testid="hint">Ctrl + Enter</span>} />);
    expect(screen.getByRole('button', { name: 'Anuluj' }).textContent).toBe('Anuluj');
    const save = screen.getByRole('button', { name: 'Zapisz' });
    expect(save.getAttribute('type')).toBe('button');
    fireEvent.click(save);
    expect(saved).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('hint').textContent).toBe('Ctrl + Enter');
  });

  it('shows the submit button busy while saving', () => {
    renderApp(<FormFooter submitLabel="Save" onCancel={() => {}} saving submitTestId="busy" />);
    expect(screen.getByTestId('busy').getAttribute('data-loading')).toBe('true');
  });
});
