import type { HealthComponent, HealthPart, PlaybookAction } from '../../api/health';

/** weightTotal adds up the components' weights; empty inputs count as 0. */
export function weightTotal(components: Pick<HealthComponent, 'weight'>[]): number {
  return components.reduce((sum, c) => sum + (Number.isFinite(c.weight) ? Number(c.weight) : 0), 0);
}

/** PartState is where a component's measure sits between its bad and good thresholds. */
export type PartState = 'good' | 'between' | 'bad' | 'missing';

/** partState tells whether a component reached its good threshold, hit its bad one, lies between, or had no data (and was left out). */
export function partState(p: Pick<HealthPart, 'measure' | 'score' | 'has_data'>): PartState {
  if (!p.has_data) return 'missing';
  if (p.measure === null || p.measure === undefined) return p.score <= 0 ? 'bad' : 'between';
  if (p.score >= 100) return 'good';
  if (p.score <= 0) return 'bad';
  return 'between';
}

/** STATE_COLOR gives every threshold state its colour. */
export const STATE_COLOR: Record<PartState, string> = { good: 'teal', between: 'yellow', bad: 'red', missing: 'gray' };

/** fmt1 formats a number with at most one decimal in the interface language. */
export function fmt1(n: number, lang: string): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(n);
}

/** formatLost shows what a component cost: "−10", or "0" when nothing was lost. */
export function formatLost(lost: number, lang: string): string {
  if (Math.abs(lost) < 0.05) return fmt1(0, lang);
  return '−' + fmt1(Math.abs(lost), lang);
}

/** formatPoints shows points earned out of the weight, e.g. "15 / 25". */
export function formatPoints(points: number, weight: number, lang: string): string {
  return `${fmt1(points, lang)} / ${fmt1(weight, lang)}`;
}

type Tr = (key: string, opts?: Record<string, unknown>) => string;

/** formatMeasure writes a component's raw measure with its unit; null means no data. */
export function formatMeasure(key: string, measure: number | null, lang: string, ta: Tr): string {
  if (measure === null || measure === undefined) return ta('measure.none');
  switch (key) {
    case 'engagement_trend':
      return ta('measure.trend', { value: (measure > 0 ? '+' : measure < 0 ? '−' : '') + fmt1(Math.abs(measure), lang) });
    case 'login_recency':
      return measure <= 0 ? ta('measure.today') : ta('measure.days', { count: Math.round(measure) });
    case 'seat_utilisation':
      return ta('measure.pct', { value: fmt1(measure, lang) });
    case 'nps':
      return ta('measure.nps', { value: fmt1(measure, lang) });
    case 'payment':
      return measure <= 0 ? ta('measure.paid') : ta('measure.overdueDays', { count: Math.round(measure) });
    case 'csm_sentiment':
      return ta('measure.sentiment', { value: fmt1(measure, lang) });
    default:
      return fmt1(measure, lang);
  }
}

/**
 * formatSlope writes the engagement trend's slope per week ("+3.5 % per
 * week"); without any active users in the window there is no slope to
 * speak of, only no data.
 */
export function formatSlope(trend: { slope_pct_per_week: number; mean_active_users: number }, lang: string, ta: Tr): string {
  if (!trend.mean_active_users) return ta('measure.none');
  const s = trend.slope_pct_per_week;
  return ta('panel.slope', { value: (s > 0 ? '+' : s < 0 ? '−' : '') + fmt1(Math.abs(s), lang) });
}

/** npsCategory puts an NPS score 0–10 in its group. */
export function npsCategory(score: number): 'promoter' | 'passive' | 'detractor' {
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
}

/** NPS_COLOR gives every NPS group its colour. */
export const NPS_COLOR = { promoter: 'teal', passive: 'yellow', detractor: 'red' } as const;

/** isoDay writes a local date as YYYY-MM-DD. */
export function isoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function parseDay(iso: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
}

/** mondayOf returns the Monday of the week iso falls in (weeks start on Monday). */
export function mondayOf(iso: string): string {
  const d = parseDay(iso);
  if (!d) return iso;
  const back = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - back);
  return d.toISOString().slice(0, 10);
}

/** daysBetween counts whole days from a to b (YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  const x = parseDay(a);
  const y = parseDay(b);
  if (!x || !y) return 0;
  return Math.round((y.getTime() - x.getTime()) / 86_400_000);
}

/** CardState is how soon a card on file stops working. */
export interface CardState {
  /** lastDay is the last day the card is valid (the end of its expiry month). */
  lastDay: string;
  daysLeft: number;
  state: 'expired' | 'soon' | 'ok';
}

/** cardState tells when a card expiring month/year stops working, counted from today; soon means within 60 days. */
export function cardState(month: number | null, year: number | null, today: string): CardState | null {
  if (!month || !year) return null;
  const last = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
  const daysLeft = daysBetween(today, last);
  return { lastDay: last, daysLeft, state: daysLeft < 0 ? 'expired' : daysLeft <= 60 ? 'soon' : 'ok' };
}

/** moveItem returns a copy of list with the item at from moved to position to. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  if (from < 0 || from >= out.length || to < 0 || to >= out.length) return out;
  const [item] = out.splice(from, 1);
  out.splice(to, 0, item as T);
  return out;
}

/** cleanAction trims an action's texts before saving; an empty owner means the account's owner. */
export function cleanAction(a: PlaybookAction): PlaybookAction {
  return { kind: a.kind, title: a.title.trim(), due_in_days: Number(a.due_in_days) || 0, owner: (a.owner ?? '').trim() };
}

/** shortDay writes a YYYY-MM-DD day as a short label for chart axes, e.g. "Nov 30" (or "Nov 30, 2025" outside the current year). */
export function shortDay(iso: string, lang: string, thisYear = new Date().getFullYear()): string {
  const d = parseDay(iso);
  if (!d) return iso;
  const opts: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric', timeZone: 'UTC' };
  if (d.getUTCFullYear() !== thisYear) opts.year = 'numeric';
  return new Intl.DateTimeFormat(lang, opts).format(d);
}
