import PptxGenJS from 'pptxgenjs';
import { formatDate, formatMoney } from '../format/money';
import type { DeckBrand, DeckReport } from './types';
import { qbrFileName } from './fileName';
import { type DeckTexts, deckTexts, fill } from './texts';
import { type KpiVerdict, arrowOf, kpiChangeText, kpiValue, unitT } from './kpi';

/** DEFAULT_COLOR is ChurnDesk's own colour, used when the brand has none. */
export const DEFAULT_COLOR = '0C7A76';
const GREEN = '2F9E44';
const RED = 'C92A2A';
const GREY = '868E96';
const INK = '212529';
const LIGHT = 'F1F3F5';
const W = 13.333;
const FONT = 'Arial';

/** hexColor turns "#1f5fa8" into "1F5FA8", or DEFAULT_COLOR when it is not a colour. */
export function hexColor(c: string | undefined): string {
  const m = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i.exec((c ?? '').trim());
  if (!m) return DEFAULT_COLOR;
  const h = m[1]!.length === 3 ? [...m[1]!].map((x) => x + x).join('') : m[1]!;
  return h.toUpperCase();
}

/** tint mixes a colour with white (share 0…1 of white). */
function tint(hex: string, share: number): string {
  const n = parseInt(hex, 16);
  const mix = (v: number) => Math.round(v + (255 - v) * share);
  return [mix((n >> 16) & 255), mix((n >> 8) & 255), mix(n & 255)].map((v) => v.toString(16).padStart(2, '0')).join('').toUpperCase();
}

/** num formats a number in lang with at most `digits` decimals. */
export function num(n: number, lang: string, digits = 1): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(n).replace(/\u00a0|\u202f/g, ' ');
}

/** signed formats a change with its sign: "+8", "−23". */
export function signed(n: number, lang: string, digits = 1): string {
  const s = num(Math.abs(n), lang, digits);
  return n > 0 ? '+' + s : n < 0 ? '−' + s : s;
}

/** withUnit writes a value with its unit: "41 h", "86%". */
export function withUnit(v: string, unit: string | undefined, lang: string): string {
  if (!unit) return v;
  if (unit === '%') return lang === 'en' ? v + '%' : v + ' %';
  return `${v} ${unit}`;
}

function pct(p: number | null | undefined, lang: string): string {
  return p == null ? '' : withUnit(signed(p, lang), '%', lang);
}

/** logoData turns a data: URL into what pptxgenjs reads ("image/png;base64,…"). */
function logoData(url: string | undefined): string | undefined {
  if (!url || !/^data:image\/(png|jpe?g);base64,/i.test(url)) return undefined;
  return url.slice('data:'.length);
}

type Slide = PptxGenJS.Slide;
type Cell = PptxGenJS.TableCell;

/** Ctx is what every slide builder needs. */
interface Ctx {
  pptx: PptxGenJS;
  r: DeckReport;
  tx: DeckTexts;
  lang: string;
  /** locale is the charts' language tag, e.g. ru-RU. */
  locale: string;
  color: string;
  /** internal shows sections meant for the team only (the loyalty tier). */
  internal: boolean;
}

/** DeckSection is a section of a deck (and of the server's document), in deck order. */
export type DeckSection = 'summary' | 'usage' | 'health' | 'health_breakdown' | 'nps' | 'value' | 'experiment' | 'goals' | 'partnership' | 'risks' | 'next_goals';

/** DECK_SECTIONS lists the sections in their order. */
export const DECK_SECTIONS: DeckSection[] = ['summary', 'usage', 'health', 'health_breakdown', 'nps', 'value', 'experiment', 'goals', 'partnership', 'risks', 'next_goals'];

/** INTERNAL_SECTIONS are for the team only: shown only when a deck is internal. */
export const INTERNAL_SECTIONS: DeckSection[] = ['health_breakdown'];

/** KEEPABLE_SECTIONS can be kept when empty (usage and the commercial picture always have something; an experiment has no slide without one). */
export const KEEPABLE_SECTIONS: DeckSection[] = ['summary', 'health', 'health_breakdown', 'nps', 'value', 'goals', 'risks', 'next_goals'];

/** DeckOptions choose what a deck shows beyond the customer-facing sections. */
export interface DeckOptions {
  /** internal adds the sections for the team only (health breakdown, loyalty tier); off for customer-facing decks. */
  internal?: boolean;
  /** keep lists empty sections to show anyway (they say they are empty), besides those the report keeps (edited.keep); others are left out. */
  keep?: DeckSection[];
}

/**
 * emptySections lists the sections with nothing in them, which a deck and
 * the server's document leave out: no summary, no weekly health, no NPS
 * answers, no value KPIs, no experiment, no goals, no risks, no next goals.
 * Usage and the commercial picture always have something.
 */
export function emptySections(r: DeckReport): DeckSection[] {
  const empty: DeckSection[] = [];
  if (!r.edited.executive_summary.trim()) empty.push('summary');
  if (r.computed.health.length === 0) empty.push('health');
  if ((r.computed.health_breakdown ?? []).length === 0) empty.push('health_breakdown');
  if (r.computed.nps.responses === 0 && r.computed.verbatims.length === 0) empty.push('nps');
  if (r.value.kpis.length === 0) empty.push('value');
  if (r.value.experiment.length === 0) empty.push('experiment');
  if (r.edited.goals.length === 0) empty.push('goals');
  if (r.edited.risks.length === 0) empty.push('risks');
  if (r.edited.next_goals.length === 0) empty.push('next_goals');
  return empty;
}

function header(s: Slide, c: Ctx, title: string, sub?: string) {
  s.addShape('rect', { x: 0, y: 0.45, w: 0.18, h: 0.75, fill: { color: c.color }, line: { color: c.color } });
  s.addText(title, { x: 0.45, y: 0.35, w: 10.6, h: 0.6, fontFace: FONT, fontSize: 26, bold: true, color: INK, margin: 0 });
  if (sub) s.addText(sub, { x: 0.45, y: 0.92, w: 10.6, h: 0.4, fontFace: FONT, fontSize: 13, color: GREY, margin: 0 });
}

function para(s: Slide, text: string, o: PptxGenJS.TextPropsOptions) {
  s.addText(text, { fontFace: FONT, fontSize: 14, color: INK, valign: 'top', margin: 4, ...o });
}

function bullets(s: Slide, items: string[], empty: string, o: PptxGenJS.TextPropsOptions) {
  if (items.length === 0) {
    para(s, empty, { ...o, color: GREY, italic: true });
    return;
  }
  const size = items.length > 10 ? 12 : items.length > 6 ? 14 : 18;
  s.addText(
    items.map((t) => ({ text: t, options: { bullet: true, breakLine: true, paraSpaceAfter: 8 } })),
    { fontFace: FONT, fontSize: size, color: INK, valign: 'top', ...o },
  );
}

function headCell(text: string, c: Ctx, align: 'left' | 'right' | 'center' = 'left'): Cell {
  return { text, options: { bold: true, color: 'FFFFFF', fill: { color: c.color }, align } };
}

function cell(text: string, o: PptxGenJS.TableCellProps = {}): Cell {
  return { text, options: o };
}

function table(s: Slide, rows: Cell[][], o: PptxGenJS.TableProps) {
  const size = rows.length > 12 ? 9 : rows.length > 8 ? 11 : 13;
  s.addTable(rows, { fontFace: FONT, fontSize: size, color: INK, border: { type: 'solid', pt: 0.5, color: 'DEE2E6' }, valign: 'middle', margin: 0.06, ...o });
}

/** VERDICT_COLOR colours a verdict: green improved, red worsened, grey otherwise. */
const VERDICT_COLOR: Record<KpiVerdict, string> = { improved: GREEN, worsened: RED, unchanged: GREY, neutral: GREY };

/** verdictWord is a verdict in words. */
export function verdictWord(v: KpiVerdict, tx: DeckTexts): string {
  return { improved: tx.improved, worsened: tx.worsened, unchanged: tx.unchanged, neutral: tx.forInfo }[v];
}

/** verdict is a verdict cell: the arrow shows which way the value moved, the word and colour whether that was good. */
function verdict(change: number, v: KpiVerdict, tx: DeckTexts): Cell {
  return cell(`${arrowOf(change)} ${verdictWord(v, tx)}`, { bold: true, color: VERDICT_COLOR[v] });
}

function titleSlide(c: Ctx, logo: string | undefined, company: string) {
  const { pptx, r, tx, lang } = c;
  const s = pptx.addSlide();
  s.background = { color: c.color };
  s.addShape('rect', { x: 0, y: 5.9, w: W, h: 1.6, fill: { color: 'FFFFFF', transparency: 88 }, line: { color: c.color } });
  if (logo) {
    s.addShape('roundRect', { x: 0.6, y: 0.5, w: 1.4, h: 1.4, rectRadius: 0.12, fill: { color: 'FFFFFF' }, line: { color: 'FFFFFF' } });
    s.addImage({ data: logo, x: 0.7, y: 0.6, w: 1.2, h: 1.2, sizing: { type: 'contain', w: 1.2, h: 1.2 } });
  }
  s.addText(tx.qbr, { x: 0.7, y: 2.0, w: 11.5, h: 0.6, fontFace: FONT, fontSize: 20, color: 'FFFFFF', margin: 0 });
  s.addText(r.account.name, { x: 0.7, y: 2.6, w: 11.5, h: 1.2, fontFace: FONT, fontSize: 44, bold: true, color: 'FFFFFF', margin: 0, fit: 'shrink' });
  s.addText(`${r.quarter} · ${formatDate(r.from, lang)} – ${formatDate(r.to, lang)}`, { x: 0.7, y: 3.85, w: 11.5, h: 0.5, fontFace: FONT, fontSize: 18, color: 'FFFFFF', margin: 0 });
  const foot = [company, r.account.owner ? fill(tx.preparedBy, { owner: r.account.owner }) : ''].filter(Boolean).join(' · ');
  if (foot) s.addText(foot, { x: 0.7, y: 6.3, w: 9, h: 0.5, fontFace: FONT, fontSize: 14, color: 'FFFFFF', margin: 0 });
  if (r.status !== 'final') s.addText(tx.draft.toUpperCase(), { x: 10.2, y: 6.3, w: 2.4, h: 0.5, fontFace: FONT, fontSize: 14, bold: true, color: 'FFFFFF', align: 'right', margin: 0 });
}

function agendaSlide(c: Ctx, items: string[]) {
  const s = c.pptx.addSlide({ masterName: 'QBR' });
  header(s, c, c.tx.agenda);
  s.addText(
    items.map((t, i) => ({ text: `${i + 1}.  ${t}`, options: { breakLine: true, paraSpaceAfter: 10 } })),
    { x: 0.9, y: 1.5, w: 11, h: 5.2, fontFace: FONT, fontSize: 20, color: INK, valign: 'top' },
  );
}

function summarySlide(c: Ctx) {
  const { pptx, r, tx, lang } = c;
  const s = pptx.addSlide({ masterName: 'QBR' });
  header(s, c, tx.summary);
  const text = r.edited.executive_summary.trim();
  para(s, text || tx.noSummary, { x: 0.45, y: 1.5, w: 7.6, h: 5.2, fontSize: text.length > 900 ? 12 : 16, color: text ? INK : GREY, italic: !text });
  const cm = r.computed.commercial;
  s.addShape('rect', { x: 8.5, y: 1.5, w: 4.35, h: 5.2, fill: { color: LIGHT }, line: { color: LIGHT } });
  s.addText(tx.atAGlance, { x: 8.75, y: 1.65, w: 3.9, h: 0.45, fontFace: FONT, fontSize: 16, bold: true, color: c.color, margin: 0 });
  // MRR is on the commercial slide only; the loyalty tier is internal.
  const facts: [string, string][] = [
    [tx.plan, cm.plan || tx.none],
    [tx.seats, num(cm.seats, lang, 0)],
    [tx.renewal, cm.renewal_date ? formatDate(cm.renewal_date, lang) : tx.none],
    ...(c.internal ? ([[tx.tier, r.computed.tier || tx.none]] as [string, string][]) : []),
  ];
  s.addText(
    facts.flatMap(([k, v]) => [
      { text: k, options: { fontSize: 11, color: GREY, breakLine: true } },
      { text: v, options: { fontSize: 18, bold: true, color: INK, breakLine: true, paraSpaceAfter: 8 } },
    ]),
    { x: 8.75, y: 2.15, w: 3.9, h: 4.4, fontFace: FONT, valign: 'top', margin: 0 },
  );
}

function usageSlide(c: Ctx) {
  const { pptx, r, tx, lang } = c;
  const s = pptx.addSlide({ masterName: 'QBR' });
  header(s, c, tx.usage, fill(tx.usageSub, { quarter: r.quarter, previous: r.previous_quarter }));
  const usage = r.computed.usage;
  usage.forEach((u, i) => {
    const x = 0.45 + i * 3.14;
    s.addShape('rect', { x, y: 1.5, w: 2.95, h: 1.45, fill: { color: LIGHT }, line: { color: LIGHT } });
    s.addText(tx.usageKeys[u.key], { x: x + 0.15, y: 1.58, w: 2.7, h: 0.4, fontFace: FONT, fontSize: 11, color: GREY, margin: 0 });
    s.addText(num(u.this_quarter, lang), { x: x + 0.15, y: 1.95, w: 2.7, h: 0.55, fontFace: FONT, fontSize: 26, bold: true, color: INK, margin: 0 });
    const ch = u.change_pct;
    s.addText(ch == null ? tx.noPrevious : `${pct(ch, lang)} · ${tx.previous.toLowerCase()}: ${num(u.previous_quarter, lang)}`, {
      x: x + 0.15, y: 2.5, w: 2.7, h: 0.35, fontFace: FONT, fontSize: 11, margin: 0,
      color: ch == null || ch === 0 ? GREY : ch > 0 ? GREEN : RED, bold: ch != null,
    });
  });
  const pick = (keys: string[]) => usage.filter((u) => keys.includes(u.key));
  // Native pptxgenjs charts: their data stays editable in PowerPoint. Counts
  // and the percentage never share an axis: each chart has one kind of number.
  const chart = (items: typeof usage, title: string, x: number, w: number, percent: boolean) => {
    if (items.length === 0) return;
    const labels = items.map((u) => tx.usageKeys[u.key]);
    s.addChart('bar', [
      { name: `${tx.previous} (${r.previous_quarter})`, labels, values: items.map((u) => u.previous_quarter) },
      { name: `${tx.current} (${r.quarter})`, labels, values: items.map((u) => u.this_quarter) },
    ], {
      x, y: 3.2, w, h: 3.6, barDir: 'col', barGrouping: 'clustered', chartColors: [tint(c.color, 0.55), c.color],
      showLegend: true, legendPos: 'b', legendFontSize: 10, showTitle: true, title, titleFontSize: 14, titleColor: INK,
      showValue: true, dataLabelFontSize: 10, dataLabelFormatCode: percent ? '0.0"%"' : '#,##0.#',
      valAxisLabelFormatCode: percent ? '0"%"' : '#,##0', ...(percent ? { valAxisMinVal: 0, valAxisMaxVal: 100, valAxisMajorUnit: 25 } : { valAxisMinVal: 0 }),
      catAxisLabelFontSize: 10, valAxisLabelFontSize: 10, showCatAxisTitle: false,
      valGridLine: { color: 'E9ECEF', size: 0.5 }, fontFace: FONT, lang: c.locale,
    } as PptxGenJS.IChartOpts);
  };
  chart(pick(['logins', 'key_feature_uses']), tx.activity, 0.45, 5.6, false);
  chart(pick(['avg_active_users']), tx.adoption, 6.2, 3.25, false);
  chart(pick(['seat_utilisation_pct']), tx.usageKeys.seat_utilisation_pct, 9.6, 3.25, true);
}

function healthSlide(c: Ctx) {
  const { pptx, r, tx, lang } = c;
  const s = pptx.addSlide({ masterName: 'QBR' });
  const pts = r.computed.health;
  header(s, c, tx.health, `${formatDate(r.from, lang)} – ${formatDate(r.to, lang)}`);
  if (pts.length === 0) {
    para(s, tx.noHealth, { x: 0.45, y: 1.6, w: 12, h: 1, color: GREY, italic: true, fontSize: 18 });
    return;
  }
  const labels = pts.map((p) => formatDate(p.week, lang));
  s.addChart('line', [{ name: tx.healthScore, labels, values: pts.map((p) => p.score) }], {
    x: 0.45, y: 1.5, w: 8.6, h: 5.3, chartColors: [c.color], lineSize: 3, lineDataSymbol: 'circle', lineDataSymbolSize: 8,
    valAxisMinVal: 0, valAxisMaxVal: 100, valAxisMajorUnit: 20, showValue: true, dataLabelPosition: 't', dataLabelFontSize: 10,
    dataLabelFormatCode: '0.0', catAxisLabelFontSize: 10, valAxisLabelFontSize: 10, valGridLine: { color: 'E9ECEF', size: 0.5 },
    showLegend: false, fontFace: FONT, lang: c.locale,
  } as PptxGenJS.IChartOpts);
  const last = pts[pts.length - 1]!;
  const delta = last.score - pts[0]!.score;
  s.addShape('rect', { x: 9.4, y: 1.5, w: 3.45, h: 5.3, fill: { color: LIGHT }, line: { color: LIGHT } });
  s.addText(
    [
      { text: tx.latest, options: { fontSize: 12, color: GREY, breakLine: true } },
      { text: num(last.score, lang), options: { fontSize: 40, bold: true, color: INK, breakLine: true } },
      { text: tx.healthClass[last.class] ?? last.class, options: { fontSize: 16, color: last.class === 'good' ? GREEN : last.class === 'poor' ? RED : 'E67700', bold: true, breakLine: true, paraSpaceAfter: 18 } },
      { text: tx.changeInQuarter, options: { fontSize: 12, color: GREY, breakLine: true } },
      { text: signed(delta, lang), options: { fontSize: 28, bold: true, color: delta > 0 ? GREEN : delta < 0 ? RED : GREY } },
    ],
    { x: 9.65, y: 1.7, w: 3, h: 4.8, fontFace: FONT, valign: 'top', margin: 0 },
  );
}

function breakdownSlide(c: Ctx) {
  const { pptx, r, tx, lang } = c;
  const s = pptx.addSlide({ masterName: 'QBR' });
  header(s, c, tx.healthBreakdown);
  const parts = r.computed.health_breakdown ?? [];
  if (parts.length === 0) {
    para(s, tx.noBreakdown, { x: 0.45, y: 1.6, w: 12, h: 1, color: GREY, italic: true, fontSize: 16 });
    return;
  }
  const rows: Cell[][] = [
    [headCell(tx.component, c), headCell(tx.score, c, 'right'), headCell(tx.share, c, 'right'), headCell(tx.points, c, 'right')],
    ...parts.map((p) => [
      cell(tx.parts[p.key] ?? p.key),
      cell(p.has_data ? num(p.score, lang) : tx.none, { align: 'right' }),
      cell(num(p.share, lang), { align: 'right' }),
      cell(num(p.points, lang), { align: 'right', bold: true }),
    ]),
  ];
  table(s, rows, { x: 0.45, y: 1.5, w: 9, colW: [4.5, 1.5, 1.5, 1.5] });
}

function npsSlide(c: Ctx) {
  const { pptx, r, tx, lang } = c;
  const s = pptx.addSlide({ masterName: 'QBR' });
  const n = r.computed.nps;
  header(s, c, tx.nps, unitT(lang, 'answers', { count: n.responses }));
  if (n.responses === 0) {
    para(s, tx.noNps, { x: 0.45, y: 1.6, w: 4.6, h: 1, color: GREY, italic: true, fontSize: 16 });
  } else {
    s.addText([
      { text: 'NPS', options: { fontSize: 14, color: GREY, breakLine: true } },
      { text: signed(n.nps, lang, 0), options: { fontSize: 48, bold: true, color: n.nps > 0 ? GREEN : n.nps < 0 ? RED : INK } },
    ], { x: 0.45, y: 1.5, w: 4.6, h: 1.3, fontFace: FONT, margin: 0, valign: 'top' });
    s.addChart('doughnut', [{ name: 'NPS', labels: [tx.promoters, tx.passives, tx.detractors], values: [n.promoters, n.passives, n.detractors] }], {
      x: 0.3, y: 2.8, w: 4.9, h: 4.0, holeSize: 55, chartColors: [GREEN, 'ADB5BD', RED], showLegend: true, legendPos: 'b', legendFontSize: 11,
      showValue: true, showPercent: false, dataLabelColor: 'FFFFFF', dataLabelFontSize: 12, fontFace: FONT, lang: c.locale,
    } as PptxGenJS.IChartOpts);
  }
  s.addText(tx.verbatims, { x: 5.6, y: 1.5, w: 7.2, h: 0.45, fontFace: FONT, fontSize: 16, bold: true, color: c.color, margin: 0 });
  const vs = r.computed.verbatims.slice(0, 4);
  if (vs.length === 0) {
    para(s, tx.noVerbatims, { x: 5.6, y: 2.0, w: 7.2, h: 0.8, color: GREY, italic: true });
    return;
  }
  const cut = (t: string) => (t.length > 280 ? t.slice(0, 277) + '…' : t);
  s.addText(
    vs.flatMap((v) => [
      { text: `“${cut(v.comment)}”`, options: { fontSize: 15, italic: true, color: INK, breakLine: true } },
      { text: `${v.score}/10 · ${formatDate(v.date, lang)}`, options: { fontSize: 11, color: GREY, breakLine: true, paraSpaceAfter: 14 } },
    ]),
    { x: 5.6, y: 2.0, w: 7.2, h: 4.8, fontFace: FONT, valign: 'top', margin: 0 },
  );
}

function valueSlide(c: Ctx) {
  const { pptx, r, tx, lang } = c;
  const s = pptx.addSlide({ masterName: 'QBR' });
  header(s, c, tx.value, tx.valueSub);
  const kpis = r.value.kpis;
  const cur = r.computed.commercial.currency || r.account.currency || 'USD';
  s.addText(fill(tx.improvedCount, { improved: r.value.improved, notImproved: r.value.not_improved }), {
    x: 0.45, y: 1.4, w: 12.4, h: 0.4, fontFace: FONT, fontSize: 14, bold: true, color: c.color, margin: 0,
  });
  if (kpis.length === 0) {
    para(s, tx.noValue, { x: 0.45, y: 2.0, w: 12, h: 1, color: GREY, italic: true, fontSize: 16 });
    return;
  }
  const rows: Cell[][] = [
    [headCell(tx.kpi, c), headCell(tx.before, c, 'right'), headCell(tx.after, c, 'right'), headCell(tx.change, c, 'right'), headCell(tx.result, c)],
    ...kpis.map((k) => [
      cell(k.name),
      cell(kpiValue(k.before, k.unit, lang, cur), { align: 'right' }),
      cell(kpiValue(k.after, k.unit, lang, cur), { align: 'right' }),
      cell(`${kpiChangeText(k.change, k.unit, lang, cur)}${k.change_pct == null ? '' : ` (${pct(k.change_pct, lang)})`}`, { align: 'right', color: VERDICT_COLOR[k.verdict] }),
      verdict(k.change, k.verdict, tx),
    ]),
  ];
  table(s, rows, { x: 0.45, y: 1.95, w: 12.4, colW: [4.6, 1.8, 1.8, 2.3, 1.9] });
}

function experimentSlide(c: Ctx) {
  const { pptx, r, tx, lang } = c;
  const ex = r.edited.value.experiment;
  const res = r.value.experiment;
  const cur = r.computed.commercial.currency || r.account.currency || 'USD';
  const s = pptx.addSlide({ masterName: 'QBR' });
  header(s, c, tx.experiment, tx.experimentSub);
  const groups = `${tx.target}: ${ex?.target_group || '—'}   ·   ${tx.control}: ${ex?.control_group || '—'}`;
  s.addText([
    ...(ex?.description ? [{ text: ex.description, options: { fontSize: 14, color: INK, breakLine: true } }] : []),
    { text: groups, options: { fontSize: 12, color: GREY } },
  ], { x: 0.45, y: 1.4, w: 12.4, h: 0.8, fontFace: FONT, valign: 'top', margin: 0 });
  const rows: Cell[][] = [
    [headCell(tx.kpi, c), headCell(tx.target, c, 'right'), headCell(tx.control, c, 'right'), headCell(tx.uplift, c, 'right'), headCell(tx.result, c)],
    ...res.map((k) => [
      cell(k.name),
      cell(`${kpiValue(k.target_before, k.unit, lang, cur)} → ${kpiValue(k.target_after, k.unit, lang, cur)} (${kpiChangeText(k.target_change, k.unit, lang, cur)})`, { align: 'right' }),
      cell(`${kpiValue(k.control_before, k.unit, lang, cur)} → ${kpiValue(k.control_after, k.unit, lang, cur)} (${kpiChangeText(k.control_change, k.unit, lang, cur)})`, { align: 'right' }),
      cell(kpiChangeText(k.uplift, k.unit, lang, cur), { align: 'right', bold: true, color: VERDICT_COLOR[k.verdict] }),
      verdict(k.uplift, k.verdict, tx),
    ]),
  ];
  table(s, rows, { x: 0.45, y: 2.3, w: 7.4, colW: [1.9, 1.45, 1.45, 0.95, 1.65], fontSize: 11 });
  s.addText(tx.upliftFormula, { x: 0.45, y: 6.45, w: 7.4, h: 0.45, fontFace: FONT, fontSize: 10, color: GREY, italic: true, margin: 0 });
  const labels = res.map((k) => k.name);
  s.addChart('bar', [
    { name: tx.targetChange, labels, values: res.map((k) => k.target_change) },
    { name: tx.controlChange, labels, values: res.map((k) => k.control_change) },
  ], {
    x: 8.1, y: 2.2, w: 4.8, h: 4.6, barDir: 'col', barGrouping: 'clustered', chartColors: [c.color, 'ADB5BD'], showLegend: true, legendPos: 'b',
    legendFontSize: 10, showValue: true, dataLabelFontSize: 10, dataLabelFormatCode: '#,##0.##', catAxisLabelFontSize: 10, valAxisLabelFontSize: 9,
    valGridLine: { color: 'E9ECEF', size: 0.5 }, fontFace: FONT, lang: c.locale,
  } as PptxGenJS.IChartOpts);
}

function goalsSlide(c: Ctx) {
  const { pptx, r, tx } = c;
  const s = pptx.addSlide({ masterName: 'QBR' });
  header(s, c, tx.goals, r.previous_quarter);
  const goals = r.edited.goals;
  if (goals.length === 0) {
    para(s, tx.noGoals, { x: 0.45, y: 1.6, w: 12, h: 1, color: GREY, italic: true, fontSize: 16 });
    return;
  }
  const colour = { met: GREEN, partly: 'E67700', missed: RED, open: GREY } as const;
  const rows: Cell[][] = [
    [headCell(tx.goal, c), headCell(tx.outcome, c), headCell(tx.status, c)],
    ...goals.map((g) => [cell(g.goal), cell(g.outcome ?? ''), cell(tx.goalStatus[g.status], { bold: true, color: colour[g.status] })]),
  ];
  table(s, rows, { x: 0.45, y: 1.5, w: 12.4, colW: [4.8, 5.6, 2.0] });
}

function partnershipSlide(c: Ctx) {
  const { pptx, r, tx, lang } = c;
  const s = pptx.addSlide({ masterName: 'QBR' });
  header(s, c, tx.partnership);
  const cm = r.computed.commercial;
  const cur = cm.currency || r.account.currency || 'USD';
  const money = (m: number) => formatMoney(m, cur, lang).replace(/\u00a0|\u202f/g, ' ');
  const block = (title: string, lines: string[], empty: string, x: number, y: number, w: number, h: number) => {
    s.addText(title, { x, y, w, h: 0.4, fontFace: FONT, fontSize: 15, bold: true, color: c.color, margin: 0 });
    bullets(s, lines, empty, { x, y: y + 0.45, w, h: h - 0.45, fontSize: 13 });
  };
  // No support summary written: the block is left out rather than saying so.
  const support = r.edited.support_summary.trim();
  if (support) {
    s.addText(tx.support, { x: 0.45, y: 1.4, w: 6, h: 0.4, fontFace: FONT, fontSize: 15, bold: true, color: c.color, margin: 0 });
    para(s, support, { x: 0.45, y: 1.85, w: 6, h: 1.7, fontSize: 13, color: INK });
  }
  block(c.internal ? `${tx.tier}: ${r.computed.tier || tx.none}` : tx.benefitsUsed, r.computed.benefits_used.slice(0, 6).map((b) => `${b.kind}${b.note ? ': ' + b.note : ''} (${formatDate(b.date, lang)})`), tx.none, 0.45, 3.8, 6, 3);
  block(tx.referrals, r.computed.referrals.slice(0, 6).map((x) => `${x.company} · ${x.status} (${formatDate(x.date, lang)})`), tx.none, 6.85, 1.4, 6, 2.3);
  const commercial = [
    `${tx.plan}: ${cm.plan || tx.none} · ${tx.seats}: ${num(cm.seats, lang, 0)}`,
    `${tx.mrr}: ${money(cm.mrr)}`,
    `${tx.renewal}: ${cm.renewal_date ? formatDate(cm.renewal_date, lang) : tx.none}`,
    ...cm.movements.slice(0, 4).map((m) => `${tx.movements}: ${m.kind} ${m.amount >= 0 ? '+' : '−'}${money(Math.abs(m.amount))} (${formatDate(m.date, lang)})`),
  ];
  block(tx.mrr + ' · ' + tx.renewal, commercial, tx.none, 6.85, 3.8, 6, 3);
}

function listSlide(c: Ctx, title: string, items: string[], empty: string) {
  const s = c.pptx.addSlide({ masterName: 'QBR' });
  header(s, c, title);
  bullets(s, items, empty, { x: 0.6, y: 1.5, w: 12, h: 5.3 });
}

/**
 * buildDeck makes a QBR deck (up to 12 slides) from a report: title, agenda,
 * summary, usage and adoption quarter over quarter, health trend, NPS and
 * verbatims, value delivered (with the KPIs that did not improve), the
 * experiment's difference in differences when there is one, goals and
 * outcomes, support/loyalty/commercials, risks, and next quarter's goals.
 * Sections with nothing in them are left out unless opts.keep names them.
 * Charts are native, editable PowerPoint charts. The brand gives colour and
 * logo; lang chooses the deck's language.
 */
export function buildDeck(report: DeckReport, brand: DeckBrand | undefined, lang: string, opts: DeckOptions = {}): PptxGenJS {
  const b = brand ?? report.brand;
  const tx = deckTexts(lang);
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = `${tx.qbr} — ${report.account.name} — ${report.quarter}`;
  pptx.subject = tx.qbr;
  pptx.company = b?.company_name || 'ChurnDesk';
  pptx.author = report.account.owner || b?.company_name || 'ChurnDesk';
  pptx.theme = { headFontFace: FONT, bodyFontFace: FONT };
  const locale = { en: 'en-US', ru: 'ru-RU', pl: 'pl-PL' }[lang] ?? 'en-US';
  const c: Ctx = { pptx, r: report, tx, lang, locale, color: hexColor(b?.color), internal: !!opts.internal };
  const logo = logoData(b?.logo_data_url);
  pptx.defineSlideMaster({
    title: 'QBR',
    background: { color: 'FFFFFF' },
    objects: [
      { rect: { x: 0, y: 7.1, w: W, h: 0.4, fill: { color: LIGHT }, line: { color: LIGHT } } },
      { text: { text: `${report.account.name} · ${tx.qbr} ${report.quarter}`, options: { x: 0.45, y: 7.12, w: 9, h: 0.34, fontFace: FONT, fontSize: 10, color: GREY, margin: 0 } } },
      ...(logo ? [{ image: { data: logo, x: 12.1, y: 0.35, w: 0.8, h: 0.8, sizing: { type: 'contain' as const, w: 0.8, h: 0.8 } } }] : []),
    ],
    slideNumber: { x: 12.4, y: 7.14, w: 0.5, h: 0.3, fontFace: FONT, fontSize: 10, color: GREY },
  });
  // Empty sections are left out of the agenda and the deck unless kept; an
  // experiment is never kept empty (it has no slide without one).
  const empty = new Set(emptySections(report));
  const keep = new Set<DeckSection>([...(opts.keep ?? []), ...((report.edited.keep ?? []) as DeckSection[])].filter((k) => k !== 'experiment'));
  const shown = DECK_SECTIONS.filter((k) => (!empty.has(k) || keep.has(k)) && (c.internal || !INTERNAL_SECTIONS.includes(k)));
  const titles: Record<DeckSection, string> = {
    summary: tx.summary, usage: tx.usage, health: tx.health, health_breakdown: tx.healthBreakdown, nps: tx.nps, value: tx.value, experiment: tx.experiment,
    goals: tx.goals, partnership: tx.partnership, risks: tx.risks, next_goals: tx.nextGoals,
  };
  const slides: Record<DeckSection, () => void> = {
    summary: () => summarySlide(c),
    usage: () => usageSlide(c),
    health: () => healthSlide(c),
    health_breakdown: () => breakdownSlide(c),
    nps: () => npsSlide(c),
    value: () => valueSlide(c),
    experiment: () => experimentSlide(c),
    goals: () => goalsSlide(c),
    partnership: () => partnershipSlide(c),
    risks: () => listSlide(c, tx.risks, report.edited.risks, tx.noRisks),
    next_goals: () => listSlide(c, tx.nextGoals, report.edited.next_goals, tx.noNextGoals),
  };
  titleSlide(c, logo, b?.company_name ?? '');
  agendaSlide(c, shown.map((k) => titles[k]));
  for (const k of shown) slides[k]();
  return pptx;
}

/** deckFileName names a deck file by the one QBR file-name rule, e.g. "qbr-acme-2026-Q3.pptx". */
export function deckFileName(report: DeckReport): string {
  return qbrFileName(report.account, report.quarter, 'pptx');
}

/** deckBlob builds the deck as a Blob, for the browser's download. */
export async function deckBlob(report: DeckReport, brand: DeckBrand | undefined, lang: string, opts: DeckOptions = {}): Promise<Blob> {
  return (await buildDeck(report, brand, lang, opts).write({ outputType: 'blob', compression: true })) as Blob;
}

/** deckBytes builds the deck as bytes, for Node and tests. */
export async function deckBytes(report: DeckReport, brand: DeckBrand | undefined, lang: string, opts: DeckOptions = {}): Promise<Uint8Array> {
  return (await buildDeck(report, brand, lang, opts).write({ outputType: 'uint8array', compression: true })) as Uint8Array;
}
