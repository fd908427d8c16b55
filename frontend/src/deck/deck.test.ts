import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import fixture from './testdata/report-2026-Q3.json';
import fileNames from './testdata/file-names.json';
import { slug } from './fileName';
import { buildDeck, deckBytes, deckFileName, emptySections, hexColor } from './build';
import { DECK_TEXTS } from './texts';
import type { DeckReport } from './types';

const report = fixture as unknown as DeckReport;

async function open(r: DeckReport, lang: string) {
  return JSZip.loadAsync(await deckBytes(r, r.brand, lang));
}

function slideNames(zip: JSZip): string[] {
  return Object.keys(zip.files)
    .filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))
    .sort((a, b) => Number(/(\d+)\.xml/.exec(a)![1]) - Number(/(\d+)\.xml/.exec(b)![1]));
}

async function slideText(zip: JSZip, name: string): Promise<string> {
  const xml = await zip.file(name)!.async('string');
  return [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]).join(' ');
}

/** chartsOf lists the chart parts a slide links to. */
async function chartsOf(zip: JSZip, slide: string): Promise<string[]> {
  const rels = await zip.file(slide.replace('slides/', 'slides/_rels/') + '.rels')!.async('string');
  return [...rels.matchAll(/Target="(?:\.\.|\/ppt)\/charts\/(chart\d+\.xml)"/g)].map((m) => 'ppt/charts/' + m[1]);
}

async function findSlide(zip: JSZip, title: string): Promise<string> {
  for (const n of slideNames(zip)) if ((await slideText(zip, n)).startsWith(title)) return n;
  throw new Error(`no slide titled ${title}`);
}

const noExperiment = (r: DeckReport): DeckReport => ({
  ...r,
  edited: { ...r.edited, value: { kpis: r.edited.value.kpis } },
  value: { ...r.value, experiment: [] },
});

describe('buildDeck', () => {
  it('makes 12 slides for a report with an experiment and 11 without, all within 8–12', async () => {
    const withEx = slideNames(await open(report, 'en'));
    expect(withEx).toHaveLength(12);
    const without = slideNames(await open(noExperiment(report), 'en'));
    expect(without).toHaveLength(11);
  });

  it('draws usage, health, NPS and the experiment as native charts with the report’s numbers', async () => {
    const zip = await open(report, 'en');
    const t = DECK_TEXTS.en;
    const usage = await chartsOf(zip, await findSlide(zip, t.usage));
    // Counts and the percentage are on separate charts, each axis formatted for its kind of number.
    expect(usage).toHaveLength(3);
    const activity = await zip.file(usage[0]!)!.async('string');
    expect(activity).toContain('formatCode="#,##0"');
    const seats = await zip.file(usage[2]!)!.async('string');
    const util = report.computed.usage.find((u) => u.key === 'seat_utilisation_pct')!;
    expect(seats).toContain(`<c:v>${util.this_quarter}</c:v>`);
    expect(seats).toContain('formatCode="0&quot;%&quot;"');
    expect(seats).not.toContain(`<c:v>${report.computed.usage.find((u) => u.key === "logins")!.this_quarter}</c:v>`);
    const users = await zip.file(usage[1]!)!.async('string');
    expect(users).not.toContain(`<c:v>${util.this_quarter}</c:v>`);
    expect(activity).toContain('<c:barChart>');
    const logins = report.computed.usage.find((u) => u.key === 'logins')!;
    expect(activity).toContain(`<c:v>${logins.this_quarter}</c:v>`);
    expect(activity).toContain(`<c:v>${logins.previous_quarter}</c:v>`);

    const health = await chartsOf(zip, await findSlide(zip, t.health));
    expect(health).toHaveLength(1);
    const line = await zip.file(health[0]!)!.async('string');
    expect(line).toContain('<c:lineChart>');
    for (const p of report.computed.health) expect(line).toContain(`<c:v>${p.score}</c:v>`);

    const nps = await chartsOf(zip, await findSlide(zip, t.nps));
    expect(await zip.file(nps[0]!)!.async('string')).toContain('<c:doughnutChart>');

    const ex = await chartsOf(zip, await findSlide(zip, t.experiment));
    const exXml = await zip.file(ex[0]!)!.async('string');
    expect(exXml).toContain('<c:barChart>');
    expect(exXml).toContain('<c:v>-7</c:v>'); // target change of "Days to close a deal"
    expect(Object.keys(zip.files).filter((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n))).toHaveLength(6);
    // Charts are editable: each carries its data as an embedded workbook.
    expect(Object.keys(zip.files).some((n) => n.startsWith('ppt/embeddings/') && n.endsWith('.xlsx'))).toBe(true);
  });

  it('shows KPIs that did not improve as such, and the uplift by difference in differences', async () => {
    const zip = await open(report, 'en');
    const value = await slideText(zip, await findSlide(zip, DECK_TEXTS.en.value));
    expect(value).toContain('3 improved · 2 did not improve');
    // Lower is better: a fall is an improvement (▼ green), a rise is worse (▲ red); a percentage moves in points.
    expect(value).toMatch(/Tickets per month .*22 .*25 .*\+3 \(\+13\.6%\) ▲ Worsened/);
    expect(value).toMatch(/Hours on monthly close 64 h 41 h −23 h \(−35\.9%\) ▼ Improved/);
    expect(value).toMatch(/Forecast accuracy 78% 86% \+8 pp ▲ Improved/);
    expect(value).not.toMatch(/\+8 \(|\+8%/);
    expect(value).toMatch(/Hours on monthly close .*64 h .*41 h .*−23 h \(−35\.9%\) .*Improved/);
    const ex = await slideText(zip, await findSlide(zip, DECK_TEXTS.en.experiment));
    expect(ex).toMatch(/Days to close a deal 40 days → 33 days \(−7 days\) 41 days → 39 days \(−2 days\) −5 days ▼ Improved/);
    expect(ex).toMatch(/Win rate 21% → 22% \(\+1 pp\) 20% → 23% \(\+3 pp\) −2 pp ▼ Worsened/);
  });

  it('writes a Russian deck in Cyrillic with no English titles left', async () => {
    const zip = await open(report, 'ru');
    const all = (await Promise.all(slideNames(zip).map((n) => slideText(zip, n)))).join('\n');
    for (const title of [DECK_TEXTS.ru.qbr, DECK_TEXTS.ru.usage, DECK_TEXTS.ru.value, DECK_TEXTS.ru.risks, 'Ухудшился', '+8 п. п.', '1 ответ', '41 день → 39 дней (−2 дня)']) expect(all).toContain(title);
    expect(all).toMatch(/[А-Яа-яЁё]{5,}/);
    for (const title of [DECK_TEXTS.en.usage, DECK_TEXTS.en.value, DECK_TEXTS.en.nextGoals]) expect(all).not.toContain(title);
    expect(all).toContain('10 287'); // logins in Russian number format
    const pl = await open(report, 'pl');
    expect(await slideText(pl, slideNames(pl)[0]!)).toContain('Kwartalny przegląd biznesowy');
  });

  it('uses the brand colour and logo', async () => {
    const zip = await open(report, 'en');
    expect(await zip.file('ppt/slides/slide1.xml')!.async('string')).toContain('1F5FA8');
    expect(Object.keys(zip.files).some((n) => /^ppt\/media\/.+\.png$/.test(n))).toBe(true);
    const plain = await JSZip.loadAsync(await deckBytes(report, { company_name: '', color: 'not a colour' }, 'en'));
    expect(await plain.file('ppt/slides/slide1.xml')!.async('string')).toContain('0C7A76');
    expect(Object.keys(plain.files).some((n) => /^ppt\/media\/.+\.(png|jpe?g)$/.test(n))).toBe(false);
  });

  it('leaves empty sections out of the deck and its agenda, and shows them only when kept', async () => {
    const empty: DeckReport = {
      ...noExperiment(report),
      status: 'new',
      computed: { ...report.computed, health: [], verbatims: [], nps: { ...report.computed.nps, nps: 0, responses: 0, promoters: 0, passives: 0, detractors: 0 } },
      edited: { executive_summary: '', goals: [], value: { kpis: [] }, support_summary: '', risks: [], next_goals: [], drafted: [], keep: [] },
      value: { kpis: [], experiment: [], improved: 0, not_improved: 0 },
    };
    expect(emptySections(empty)).toEqual(['summary', 'health', 'health_breakdown', 'nps', 'value', 'experiment', 'goals', 'risks', 'next_goals']);
    expect(emptySections(report)).toEqual(['health_breakdown']);
    const t = DECK_TEXTS.en;
    const zip = await open(empty, 'en');
    const names = slideNames(zip);
    // Title, agenda, usage, and support/loyalty/commercials.
    expect(names).toHaveLength(4);
    const all = (await Promise.all(names.map((n) => slideText(zip, n)))).join('\n');
    for (const s of [t.noSummary, t.noHealth, t.noNps, t.noValue, t.noGoals, t.noRisks, t.noNextGoals]) expect(all).not.toContain(s);
    const agenda = await slideText(zip, names[1]!);
    expect(agenda).toBe(`${t.agenda} 1.  ${t.usage} 2.  ${t.partnership} 2`);
    expect(all).toContain('DRAFT');
    const kept = await JSZip.loadAsync(await deckBytes(empty, empty.brand, 'en', { keep: ['summary', 'risks'] }));
    const keptText = (await Promise.all(slideNames(kept).map((n) => slideText(kept, n)))).join('\n');
    expect(slideNames(kept)).toHaveLength(6);
    for (const s of [t.noSummary, t.noRisks]) expect(keptText).toContain(s);
    expect(keptText).not.toContain(t.noGoals);
    // Kept with the report (edited.keep), as the editor saves it: the same slides and agenda.
    const saved = await open({ ...empty, edited: { ...empty.edited, keep: ['summary', 'risks'] } }, 'en');
    expect(slideNames(saved)).toHaveLength(6);
    expect(await slideText(saved, slideNames(saved)[1]!)).toBe(`${t.agenda} 1.  ${t.summary} 2.  ${t.usage} 3.  ${t.partnership} 4.  ${t.risks} 2`);
  });

  it('adds the health breakdown after the health trend in an internal deck only', async () => {
    const parts = [
      { key: 'engagement_trend' as const, has_data: true, score: 68.8, share: 27.8, points: 19.1 },
      { key: 'csm_sentiment' as const, has_data: false, score: 0, share: 0, points: 0 },
    ];
    const r: DeckReport = { ...report, computed: { ...report.computed, health_breakdown: parts } };
    const t = DECK_TEXTS.ru;
    const customer = await open(r, 'ru');
    const all = (await Promise.all(slideNames(customer).map((n) => slideText(customer, n)))).join('\n');
    expect(all).not.toContain(t.healthBreakdown);
    const team = await JSZip.loadAsync(await deckBytes(r, r.brand, 'ru', { internal: true }));
    const names = slideNames(team);
    expect(names).toHaveLength(slideNames(customer).length + 1);
    const health = names.indexOf(await findSlide(team, t.health));
    const slide = await slideText(team, names[health + 1]!);
    expect(slide).toBe(`${t.healthBreakdown} ${t.component} ${t.score} ${t.share} ${t.points} Динамика вовлечённости 68,8 27,8 19,1 Оценка CSM — 0 0 ${health + 2}`);
  });

  it('shows the loyalty tier only in an internal deck', async () => {
    const customer = (await Promise.all(slideNames(await open(report, 'en')).map(async (n) => n))).length;
    const zipC = await open(report, 'en');
    const textC = (await Promise.all(slideNames(zipC).map((n) => slideText(zipC, n)))).join('\n');
    expect(textC).not.toContain(DECK_TEXTS.en.tier);
    const zipI = await JSZip.loadAsync(await deckBytes(report, report.brand, 'en', { internal: true }));
    const textI = (await Promise.all(slideNames(zipI).map((n) => slideText(zipI, n)))).join('\n');
    expect(textI).toContain(`${DECK_TEXTS.en.tier}: ${report.computed.tier}`);
    expect(slideNames(zipI)).toHaveLength(customer);
    // MRR appears once: on the commercial slide, not in the summary's at-a-glance box.
    expect(textC.match(/MRR:/g)).toHaveLength(1);
  });

  it('sets the title and file name from the account and quarter', () => {
    expect(buildDeck(report, undefined, 'en').title).toBe('Quarterly business review — Silverleaf Foods — 2026-Q3');
    expect(deckFileName(report)).toBe('qbr-silverleaf-foods-2026-Q3.pptx');
    // The server's rule (backend/qbr/file_name_test.go), case for case.
    const cases: [string, string][] = [
      ['Sonnen Bau GmbH', 'qbr-sonnen-bau-gmbh-2026-Q3.pptx'],
      ['Вектор Софт', 'qbr-vektor-soft-2026-Q3.pptx'],
      ['Łódź Żółw & Syn', 'qbr-lodz-zolw-syn-2026-Q3.pptx'],
      ['Щука, Ёж и Ко.', 'qbr-shchuka-ezh-i-ko-2026-Q3.pptx'],
      ['Café Müller', 'qbr-cafe-muller-2026-Q3.pptx'],
      ['  ***  ', `qbr-${report.account.id}-2026-Q3.pptx`],
      ['Мой край', 'qbr-moy-kray-2026-Q3.pptx'],
    ];
    for (const [name, want] of cases) expect(deckFileName({ ...report, account: { ...report.account, name } })).toBe(want);
    // The one transliteration the server's file names use (backend/qbr TestOneTransliteration reads the same file).
    for (const [name, want] of fileNames as [string, string][]) expect(slug(name), name).toBe(want);
  });
});

describe('hexColor', () => {
  it('reads #rgb and #rrggbb and falls back to ChurnDesk’s colour', () => {
    expect(hexColor('#1f5fa8')).toBe('1F5FA8');
    expect(hexColor('#abc')).toBe('AABBCC');
    expect(hexColor('')).toBe('0C7A76');
    expect(hexColor('red')).toBe('0C7A76');
  });
});
