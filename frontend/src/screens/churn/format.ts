import type { ChurnLabels, ChurnSettings, Figure } from '../../api/churn';
import { formatDate, formatMoney, formatNumber, fractionDigits } from '../../format/money';
import type { ChurnT } from './i18n';

/** labelOf picks a reason's or question's text in the interface language, falling back to English. */
export function labelOf(l: ChurnLabels | undefined, lang: string): string {
  if (!l) return '';
  const v = lang === 'ru' ? l.ru : lang === 'pl' ? l.pl : l.en;
  return v || l.en;
}

/** reasonLabel names a reason key in the interface language, or shows the key when the list no longer has it. */
export function reasonLabel(settings: ChurnSettings | undefined, key: string, lang: string): string {
  const r = settings?.reasons.find((x) => x.key === key);
  return r ? labelOf(r.labels, lang) : key;
}

/** reasonDefaults are the preventable and voluntary values a reason brings to a new record. */
export function reasonDefaults(settings: ChurnSettings | undefined, key: string): { preventable: boolean; voluntary: boolean } | null {
  const r = settings?.reasons.find((x) => x.key === key);
  return r ? { preventable: r.preventable, voluntary: r.voluntary } : null;
}

/** DAYS_PER_MONTH is the average month the backend also uses. */
export const DAYS_PER_MONTH = 30.4375;

/** tenureParts splits contract start → churn date into whole calendar months and the remaining days. */
export function tenureParts(start: string, end: string): { months: number; days: number } | null {
  const p = (s: string) => /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  const a = p(start);
  const b = p(end);
  if (!a || !b) return null;
  const [y1, m1, d1] = [Number(a[1]), Number(a[2]), Number(a[3])];
  const [y2, m2, d2] = [Number(b[1]), Number(b[2]), Number(b[3])];
  let months = (y2 - y1) * 12 + (m2 - m1);
  if (d2 < d1) months--;
  if (months < 0) return null;
  // The anniversary day, clamped to the month's length (31 Jan + 1 month = 28/29 Feb).
  const ay = y1 + Math.floor((m1 - 1 + months) / 12);
  const am = ((m1 - 1 + months) % 12) + 1;
  const last = new Date(Date.UTC(ay, am, 0)).getUTCDate();
  const anchor = Date.UTC(ay, am - 1, Math.min(d1, last));
  const days = Math.round((Date.UTC(y2, m2 - 1, d2) - anchor) / 864e5);
  return { months, days };
}

/** tenureText shows a tenure as whole months and the remaining days, e.g. "14 mo 12 d", from the dates when known, else from the day count. */
export function tenureText(days: number, tc: ChurnT, start?: string, end?: string): string {
  const parts = start && end ? tenureParts(start, end) : null;
  const months = parts ? parts.months : Math.floor(days / DAYS_PER_MONTH);
  const rest = parts ? parts.days : Math.round(days - months * DAYS_PER_MONTH);
  if (months === 0) return tc('tenure.days', { days: rest });
  return tc('tenure.monthsDays', { months, days: rest });
}

/** formatPercent shows a percentage with one decimal in the locale, e.g. "82.5 %". */
export function formatPercent(v: number, lang: string): string {
  return new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v) + ' %';
}

/** formatFigure shows a retention figure's value in its unit; null (division by zero) shows as "—". */
export function formatFigure(f: Pick<Figure, 'value' | 'unit'>, currency: string, lang: string): string {
  if (f.value === null || f.value === undefined || Number.isNaN(f.value)) return '—';
  switch (f.unit) {
    case 'percent':
      return formatPercent(f.value, lang);
    case 'money':
      return formatWholeMoney(f.value, currency, lang);
    case 'months':
      return new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(f.value);
    default:
      return formatNumber(f.value, lang);
  }
}

/** formatWholeMoney shows minor units as whole major units, e.g. 18991059 EUR → "€189,911": a lifetime value needs no cents. */
export function formatWholeMoney(minor: number, currency: string, lang: string): string {
  try {
    return new Intl.NumberFormat(lang, { style: 'currency', currency, maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(minor / 10 ** fractionDigits(currency));
  } catch {
    return formatMoney(minor, currency, lang);
  }
}

/** MONEY_INPUTS are figure inputs given in minor units of the figure's currency. */
const MONEY_INPUTS = new Set(['mrr_start', 'expansion', 'contraction', 'churned']);

/** formatInput shows one input of a figure's formula: money in the currency, rates as percentages, counts as numbers. */
export function formatInput(key: string, v: number, currency: string, lang: string): string {
  if (currency && MONEY_INPUTS.has(key)) return formatMoney(v, currency, lang);
  if (key === 'monthly_logo_churn') return new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(v * 100) + ' %';
  return formatNumber(v, lang);
}

/** TENURE_ORDER sorts the backend's tenure buckets from the shortest. */
export const TENURE_ORDER = ['0-3m', '3-6m', '6-12m', '1-2y', '2y+'];

/** sparklinePath draws values as an SVG polyline path in a width × height box (empty for no values). */
export function sparklinePath(values: number[], width: number, height: number, pad = 2): string {
  if (values.length === 0) return '';
  const max = Math.max(...values);
  const min = Math.min(...values);
  const span = max - min || 1;
  const step = values.length > 1 ? (width - pad * 2) / (values.length - 1) : 0;
  return values
    .map((v, i) => {
      const x = pad + i * step;
      const y = max === min ? height / 2 : pad + (1 - (v - min) / span) * (height - pad * 2);
      return `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
}

const DATE_FIELDS = new Set(['churn_date', 'contract_start', 'exit_interview_date', 'follow_up_on']);

/** trailValue shows an audit-trail value: reasons by their label, yes/no for booleans, lists and answers spelled out. */
export function trailValue(field: string, v: unknown, ctx: { settings?: ChurnSettings; lang: string; tc: ChurnT; currency?: string }): string {
  if (v === null || v === undefined || v === '') return '—';
  if (field === 'reason' && typeof v === 'string') return reasonLabel(ctx.settings, v, ctx.lang);
  if (typeof v === 'boolean') return v ? ctx.tc('yes') : ctx.tc('no');
  if (field === 'would_return' && typeof v === 'string') return ctx.tc(`wouldReturn.${v}`);
  if (DATE_FIELDS.has(field) && typeof v === 'string') return formatDate(v, ctx.lang);
  if (field === 'mrr_lost' && typeof v === 'number') return ctx.currency ? formatMoney(v, ctx.currency, ctx.lang) : formatNumber(v, ctx.lang);
  if (Array.isArray(v)) return v.length ? v.map((x) => (typeof x === 'string' ? `“${x}”` : String(x))).join(', ') : '—';
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) return '—';
    return entries
      .map(([k, a]) => {
        const q = ctx.settings?.questions.find((x) => x.key === k);
        return `${q ? labelOf(q.labels, ctx.lang) : k}: ${String(a)}`;
      })
      .join(' · ');
  }
  return String(v);
}

/** substitution writes a figure's formula with its inputs filled in, e.g. "(52 − 8) ÷ 50 × 100", so the number can be checked by hand. */
export function substitution(key: string, inputs: Record<string, number>, currency: string, lang: string): string {
  const n = (k: string) => formatInput(k, inputs[k] ?? 0, currency, lang);
  switch (key) {
    case 'crr':
      return `(${n('E')} − ${n('N')}) ÷ ${n('S')} × 100`;
    case 'logo_churn':
      return `${n('lost')} ÷ ${n('S')} × 100`;
    case 'preventable_share':
      return `${n('preventable')} ÷ ${n('lost')} × 100`;
    case 'unavoidable_share':
      return `${n('unavoidable')} ÷ ${n('lost')} × 100`;
    case 'preventable_rate':
      return `${n('preventable')} ÷ ${n('S')} × 100`;
    case 'unavoidable_rate':
      return `${n('unavoidable')} ÷ ${n('S')} × 100`;
    case 'renewal_rate':
      return `${n('renewed')} ÷ ${n('due')} × 100`;
    case 'gross_revenue_churn':
      return `(${n('churned')} + ${n('contraction')}) ÷ ${n('mrr_start')} × 100`;
    case 'grr':
      return `(${n('mrr_start')} − ${n('contraction')} − ${n('churned')}) ÷ ${n('mrr_start')} × 100`;
    case 'nrr':
      return `(${n('mrr_start')} + ${n('expansion')} − ${n('contraction')} − ${n('churned')}) ÷ ${n('mrr_start')} × 100`;
    case 'clv':
      return `(${n('mrr_start')} ÷ ${n('customers')}) ÷ ${n('monthly_logo_churn')}`;
    case 'nps':
      return `${n('promoters')} ÷ ${n('responses')} × 100 − ${n('detractors')} ÷ ${n('responses')} × 100`;
    default:
      return '';
  }
}
