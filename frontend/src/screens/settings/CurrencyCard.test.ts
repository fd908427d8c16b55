import { describe, expect, it } from 'vitest';
import { rowProblems } from './CurrencyCard';

describe('rowProblems', () => {
  it('names the row and the field of every import error, in file order', () => {
    expect(rowProblems({ 'rows[4].rate': 'must be a number such as 0.2345', 'rows[3].date': 'must be a date written YYYY-MM-DD', csv: 'set the home currency first' })).toEqual([
      { row: 0, field: 'csv', message: 'set the home currency first' },
      { row: 3, field: 'date', message: 'must be a date written YYYY-MM-DD' },
      { row: 4, field: 'rate', message: 'must be a number such as 0.2345' },
    ]);
  });
});
