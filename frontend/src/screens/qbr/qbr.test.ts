import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import fixture from '../../deck/testdata/report-2026-Q3.json';
import type { QbrReport } from '../../api/qbr';
import { formErrors, kpiChange, newKpi, renamed, stillDrafted, toEdited, toFormValues, uplift } from './form';
import { isQuarter, quarterOf, quarterOptions, shiftQuarter } from './quarter';
import { formatBytes, parseResults, readBatch } from './batch';
import { MAX_LOGO_BYTES, checkLogo } from './BrandCard';

const report = fixture as unknown as QbrReport;

describe('quarters', () => {
  it('names, shifts and lists quarters across year ends', () => {
    expect(quarterOf(new Date(2026, 0, 1))).toBe('2026-Q1');
    expect(quarterOf(new Date(2026, 8, 30))).toBe('2026-Q3');
    expect(quarterOf(new Date(2026, 11, 31))).toBe('2026-Q4');
    expect(shiftQuarter('2026-Q1', -1)).toBe('2025-Q4');
    expect(shiftQuarter('2026-Q4', 1)).toBe('2027-Q1');
    expect(shiftQuarter('2026-Q3', -6)).toBe('2025-Q1');
    expect(quarterOptions('2026-Q4', 2, 1)).toEqual(['2027-Q1', '2026-Q4', '2026-Q3', '2026-Q2']);
    expect(isQuarter('2026-Q3')).toBe(true);
    expect(isQuarter('2026-Q5')).toBe(false);
    expect(isQuarter('')).toBe(false);
  });
});

describe('QBR form values', () => {
  it('round-trips a saved report’s edited sections unchanged', () => {
    const v = toFormValues(report.edited);
    expect(v.experimentOn).toBe(true);
    expect(v.kpis[2]).toEqual({ name: 'Tickets per month', unit: 'count', direction: 'lower', before: 22, after: 25, picked: true });
    expect(toEdited(v)).toEqual(report.edited);
  });

  it('drops empty risks and goals, trims text, reads typed numbers and leaves out a switched-off experiment', () => {
    const v = toFormValues(report.edited);
    v.executive_summary = '  Adoption up.  ';
    v.risks = ['', ' Champion leaves ', '   '];
    v.next_goals = ['Automate reports', ''];
    v.kpis = [{ name: ' Hours ', unit: 'hours', direction: 'lower', before: '12,5', after: 10, picked: true }];
    v.experimentOn = false;
    const e = toEdited(v);
    expect(e.executive_summary).toBe('Adoption up.');
    expect(e.risks).toEqual(['Champion leaves']);
    expect(e.next_goals).toEqual(['Automate reports']);
    expect(e.value).toEqual({ kpis: [{ name: 'Hours', unit: 'hours', direction: 'lower', before: 12.5, after: 10 }] });
  });

  it('maps the server’s field errors onto form paths', () => {
    expect(
      formErrors({
        'edited.goals[0].goal': 'is required',
        'edited.value.kpis[1].name': 'is required',
        'edited.value.experiment.kpis[0].name': 'is required',
        'edited.risks[2]': 'too long',
      }),
    ).toEqual({ 'goals.0.goal': 'is required', 'kpis.1.name': 'is required', 'experiment.kpis.0.name': 'is required', 'risks.2': 'too long' });
  });

  it('judges KPIs and uplift the way the server does', () => {
    for (const k of report.value.kpis) expect(kpiChange(k.before, k.after, k.direction)).toEqual({ change: k.change, verdict: k.verdict });
    for (const k of report.value.experiment) expect(uplift(k)).toEqual({ uplift: k.uplift, verdict: k.verdict });
    // Average time to close a ticket 36 → 21.5 hours, lower is better: a fall that is an improvement.
    expect(kpiChange(36, 21.5, 'lower')).toEqual({ change: -14.5, verdict: 'improved' });
    // Tickets reopened 8 % → 11 %, lower is better: worse.
    expect(kpiChange(8, 11, 'lower')).toEqual({ change: 3, verdict: 'worsened' });
    expect(kpiChange(5, 5, 'higher').verdict).toBe('unchanged');
    expect(kpiChange(5, 9, 'neutral').verdict).toBe('neutral');
  });

  it('keeps a drafted section marked until its values change', () => {
    const prev = { ...toFormValues(report.edited), drafted: ['executive_summary', 'kpis', 'risks'] };
    expect(stillDrafted(prev, { ...prev })).toEqual(['executive_summary', 'kpis', 'risks']);
    expect(stillDrafted(prev, { ...prev, executive_summary: prev.executive_summary + ' More.' })).toEqual(['kpis', 'risks']);
    expect(stillDrafted(prev, { ...prev, kpis: prev.kpis.map((k, i) => (i === 0 ? { ...k, after: 40 } : k)) })).toEqual(['executive_summary', 'risks']);
    expect(stillDrafted(prev, { ...prev, support_summary: 'New' })).toEqual(['executive_summary', 'kpis', 'risks']);
  });

  it('follows the name for unit and direction until the person picks them', () => {
    const row = renamed(newKpi(), 'Average time to close a ticket, hours');
    expect(row).toMatchObject({ unit: 'hours', direction: 'lower', picked: false });
    expect(renamed(newKpi(), 'Tickets reopened, %')).toMatchObject({ unit: 'percent', direction: 'lower' });
    expect(renamed(newKpi(), 'Стоимость обработки заявки')).toMatchObject({ unit: 'money', direction: 'lower' });
    expect(renamed(newKpi(), 'Aktywni użytkownicy')).toMatchObject({ unit: 'count', direction: 'higher' });
    expect(renamed({ ...row, direction: 'neutral', picked: true }, 'Time spent in meetings')).toMatchObject({ direction: 'neutral', unit: 'hours' });
  });
});

describe('batch export', () => {
  it('reads results.txt and flags accounts that failed or whose file is missing', async () => {
    const zip = new JSZip();
    zip.file('acme-1-2026-Q3.pdf', '%PDF-1.4');
    zip.file('results.txt', '1\tAcme\tacme-1-2026-Q3.pdf\t\n2\tBeta\t\trender failed\n3\tGamma\tgamma-3-2026-Q3.pdf\t\n');
    const lines = await readBatch(await zip.generateAsync({ type: 'uint8array' }));
    expect(lines).toEqual([
      { accountId: 1, name: 'Acme', file: 'acme-1-2026-Q3.pdf', error: '' },
      { accountId: 2, name: 'Beta', file: '', error: 'render failed' },
      { accountId: 3, name: 'Gamma', file: 'gamma-3-2026-Q3.pdf', error: 'missing' },
    ]);
    expect(parseResults('')).toEqual([]);
  });

  it('writes sizes in the user’s language', () => {
    expect(formatBytes(512, 'en')).toBe('512 B');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(formatBytes(3 * 1024 * 1024, 'ru')).toBe('3 MB');
  });
});

describe('brand logo', () => {
  it('takes PNG and JPEG up to 500 KB', () => {
    expect(checkLogo({ type: 'image/png', size: 1000 })).toBe('');
    expect(checkLogo({ type: 'image/jpeg', size: MAX_LOGO_BYTES })).toBe('');
    expect(checkLogo({ type: 'image/gif', size: 1000 })).toBe('wrongType');
    expect(checkLogo({ type: 'image/png', size: MAX_LOGO_BYTES + 1 })).toBe('tooBig');
  });
});
