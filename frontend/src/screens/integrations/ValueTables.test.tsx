import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import { ValueTablesCard, trimmed, unknownCodes, withEntry } from './ValueTables';
import { renderApp } from '../../test/render';
import type { ImportReport } from '../../api/integrations';

const report = {
  warnings: [
    { code: 'unknown_code', field: 'industry', column: 'Industry', rows: 3, values: ['FOOD_PRODUCTION', 'RETAIL'], message: '2 codes have no entry.' },
    { code: 'unknown_code', field: 'status', column: 'Lifecycle Stage', rows: 1, values: ['evangelist'], message: '1 code has no entry.' },
    { code: 'currency_defaulted', field: 'currency', column: '', rows: 3, values: ['EUR'], message: 'Currency defaulted.' },
  ],
} as unknown as ImportReport;

describe('value tables', () => {
  it('lists the untranslated codes per field, and nothing else', () => {
    expect(unknownCodes(report)).toEqual({ industry: ['FOOD_PRODUCTION', 'RETAIL'], status: ['evangelist'] });
  });

  it('adds, replaces and removes entries without touching other fields', () => {
    let t = withEntry({ status: { lead: 'trial' } }, 'industry', 'RETAIL', 'Retail ');
    expect(t).toEqual({ status: { lead: 'trial' }, industry: { RETAIL: 'Retail ' } });
    t = withEntry(t, 'industry', 'RETAIL', '  ');
    expect(t).toEqual({ status: { lead: 'trial' } });
    expect(trimmed({ industry: { RETAIL: ' Retail trade ' } })).toEqual({ industry: { RETAIL: 'Retail trade' } });
  });

  it('sends the edited tables, trimmed, when the user checks again', () => {
    const onApply = vi.fn();
    renderApp(<ValueTablesCard report={report} values={{ industry: { RETAIL: 'Retail' } }} onApply={onApply} busy={false} />);
    expect(screen.getByText('FOOD_PRODUCTION')).toBeTruthy();
    expect(screen.getByText('evangelist')).toBeTruthy();
    const apply = screen.getByTestId('value-tables-apply') as HTMLButtonElement;
    expect(apply.disabled).toBe(true); // nothing changed yet
    fireEvent.change(screen.getByTestId('value-industry-FOOD_PRODUCTION'), { target: { value: 'Food and drink ' } });
    expect(apply.disabled).toBe(false);
    fireEvent.click(apply);
    expect(onApply).toHaveBeenCalledWith({ industry: { RETAIL: 'Retail', FOOD_PRODUCTION: 'Food and drink' } });
  });

  it('shows nothing when every code is translated', () => {
    renderApp(<ValueTablesCard report={{ warnings: [] } as unknown as ImportReport} values={{}} onApply={() => {}} busy={false} />);
    expect(screen.queryByTestId('value-tables')).toBeNull();
  });
});
