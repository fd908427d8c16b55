import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../api/integrations';
import {
  applySaved,
  autoMap,
  duplicateColumns,
  fieldsOf,
  mappingFieldErrors,
  missingRequired,
  normalise,
  presetMapping,
  requestMapping,
  sampleOf,
  savableMapping,
} from './mapping';

const catalog: Catalog = {
  kinds: [
    { kind: 'accounts', required: ['external_id', 'name'], optional: ['domain', 'mrr', 'owner'] },
    { kind: 'usage', required: ['account', 'week_start', 'active_users'], optional: ['logins'] },
  ],
  presets: [
    { name: 'hubspot', source: 'hubspot', account_key: 'external_id', values: {}, mappings: { accounts: { external_id: 'Record ID', name: 'Company name', domain: 'Company Domain Name', owner: 'Company owner' } } },
    { name: 'generic', source: 'csv', account_key: 'external_id', values: {}, mappings: {} },
  ],
};

describe('fieldsOf and presetMapping', () => {
  it('lists required fields first, flagged', () => {
    expect(fieldsOf(catalog, 'accounts')).toEqual([
      { field: 'external_id', required: true },
      { field: 'name', required: true },
      { field: 'domain', required: false },
      { field: 'mrr', required: false },
      { field: 'owner', required: false },
    ]);
    expect(fieldsOf(undefined, 'accounts')).toEqual([]);
  });
  it('gives a copy of the preset columns, empty for a kind the preset lacks', () => {
    const m = presetMapping(catalog, 'hubspot', 'accounts');
    m.name = 'changed';
    expect(presetMapping(catalog, 'hubspot', 'accounts').name).toBe('Company name');
    expect(presetMapping(catalog, 'hubspot', 'usage')).toEqual({});
  });
});

describe('autoMap', () => {
  const fields = ['external_id', 'name', 'domain', 'mrr', 'owner'];
  it('takes the preset column when the file has it, ignoring case and spacing', () => {
    const header = ['record id', 'Company  name', 'MRR', 'Create Date'];
    expect(autoMap(header, fields, presetMapping(catalog, 'hubspot', 'accounts'))).toEqual({
      external_id: 'record id',
      name: 'Company  name',
      domain: '',
      mrr: 'MRR',
      owner: '',
    });
  });
  it('guesses from field names and synonyms, including Polish and Russian headers, using each column once', () => {
    expect(autoMap(['ID', 'Nazwa', 'Strona', 'Website'], fields, {})).toEqual({ external_id: 'ID', name: 'Nazwa', domain: 'Website', mrr: '', owner: '' });
    expect(autoMap(['Компания', 'Домен'], ['name', 'domain'], {})).toEqual({ name: 'Компания', domain: 'Домен' });
    expect(autoMap(['Company'], ['name', 'account'], {})).toEqual({ name: 'Company', account: '' });
  });
  it('normalises accents and the Polish ł', () => {
    expect(normalise('Właściciel firmy')).toBe('wlascicielfirmy');
    expect(normalise(' Record-ID ')).toBe('recordid');
  });
});

describe('saved mappings', () => {
  it('lays a saved mapping over a header, leaving columns the file lacks empty', () => {
    expect(applySaved(['Domain', 'WEEK', 'Users'], ['account', 'week_start', 'active_users', 'logins'], { mapping: { account: 'Domain', week_start: 'Week', active_users: 'Active users', logins: 'Logins' } })).toEqual({
      account: 'Domain',
      week_start: 'WEEK',
      active_users: '',
      logins: '',
    });
  });
  it('saves only chosen columns', () => {
    expect(savableMapping({ a: 'A', b: '', c: 'C' })).toEqual({ a: 'A', c: 'C' });
  });
});

describe('checks before sending', () => {
  const fields = fieldsOf(catalog, 'usage');
  it('names the required fields still unmatched', () => {
    expect(missingRequired({ account: 'Domain', week_start: '', logins: 'L' }, fields)).toEqual(['week_start', 'active_users']);
  });
  it('finds columns used twice', () => {
    expect(duplicateColumns({ a: 'X', b: 'Y', c: 'X', d: '' })).toEqual(['X']);
  });
  it('sends every field, with empty strings for the cleared ones', () => {
    expect(requestMapping({ account: 'Domain', extra: 'Z' }, ['account', 'week_start'])).toEqual({ account: 'Domain', week_start: '' });
  });
  it('picks the server mapping errors by field', () => {
    expect(mappingFieldErrors({ 'mapping.mrr': 'column "MRR" is not in the file\'s header', options: 'bad' })).toEqual({ mrr: 'column "MRR" is not in the file\'s header' });
  });
  it('shows the first non-empty sample value of a column', () => {
    expect(sampleOf(['A', 'B'], [['1', ' '], ['2', 'Łódź']], 'B')).toBe('Łódź');
    expect(sampleOf(['A'], [['1']], 'Missing')).toBe('');
  });
});
