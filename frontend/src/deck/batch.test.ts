import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import fixture from './testdata/report-2026-Q3.json';
import { deckZip } from './batch';
import type { DeckReport } from './types';

const report = fixture as unknown as DeckReport;
const as = (id: number, name: string, lang: 'en' | 'ru' | 'pl'): DeckReport => ({ ...report, language: lang, account: { ...report.account, id, name } });

describe('deckZip', () => {
  it('puts one deck per account under an ASCII name and lists every account in results.txt', async () => {
    const sources = [
      { id: 3, name: 'Вектор Софт', report: async () => as(3, 'Вектор Софт', 'ru') },
      { id: 7, name: 'Łódź Żółw', report: async () => as(7, 'Łódź Żółw', 'pl') },
      { id: 9, name: 'Łódź  Żółw', report: async () => as(9, 'Łódź  Żółw', 'pl') },
      { id: 11, name: 'Broken', report: async () => Promise.reject(new Error('no such quarter')) },
    ];
    const seen: number[] = [];
    const zip = await JSZip.loadAsync(await deckZip('2026-Q3', sources, (n) => seen.push(n)));
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual(['qbr-lodz-zolw-2026-Q3.pptx', 'qbr-lodz-zolw-9-2026-Q3.pptx', 'qbr-vektor-soft-2026-Q3.pptx', 'results.txt']);
    for (const n of names) expect(n).toMatch(/^[\x20-\x7e]+$/);
    expect(seen).toEqual([1, 2, 3, 4]);
    // Each entry is a deck in its report's language.
    const ru = await JSZip.loadAsync(await zip.file('qbr-vektor-soft-2026-Q3.pptx')!.async('uint8array'));
    expect(await ru.file('ppt/slides/slide1.xml')!.async('string')).toContain('Вектор Софт');
    expect(await ru.file('ppt/slides/slide1.xml')!.async('string')).toContain('Квартальный бизнес-обзор');
    expect(await zip.file('results.txt')!.async('string')).toBe(
      '3\tВектор Софт\tqbr-vektor-soft-2026-Q3.pptx\t\n7\tŁódź Żółw\tqbr-lodz-zolw-2026-Q3.pptx\t\n9\tŁódź  Żółw\tqbr-lodz-zolw-9-2026-Q3.pptx\t\n11\tBroken\t\tno such quarter\n',
    );
  });
});
