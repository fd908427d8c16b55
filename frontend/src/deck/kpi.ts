import { createInstance, type i18n } from 'i18next';

/** KpiUnit is what a value KPI is measured in. */
export type KpiUnit = 'count' | 'percent' | 'points' | 'hours' | 'days' | 'money';

/** KpiDirection is which way a value KPI is better. */
export type KpiDirection = 'higher' | 'lower' | 'neutral';

/** KpiVerdict is how a KPI's change reads for its direction. */
export type KpiVerdict = 'improved' | 'worsened' | 'unchanged' | 'neutral';

/** KPI_UNITS lists every unit in the order the editor offers them. */
export const KPI_UNITS: KpiUnit[] = ['count', 'percent', 'points', 'hours', 'days', 'money'];

/** KPI_DIRECTIONS lists every direction in the order the editor offers them. */
export const KPI_DIRECTIONS: KpiDirection[] = ['higher', 'lower', 'neutral'];

/**
 * verdictOf says whether a change is an improvement for a direction, exactly
 * as the server does: a fall is an improvement when lower is better, no
 * change is unchanged, and a neutral KPI never gets a verdict.
 */
export function verdictOf(change: number, direction: KpiDirection): KpiVerdict {
  if (direction === 'neutral') return 'neutral';
  if (change === 0) return 'unchanged';
  return change > 0 === (direction === 'higher') ? 'improved' : 'worsened';
}

/** inPoints is true when a unit's change is written in points (a percentage changes by percentage points). */
export const inPoints = (u: KpiUnit): boolean => u === 'percent' || u === 'points';

const LOWER = [
  'time', 'duration', 'hour', 'day', 'cost', 'spend', 'expense', 'price', 'ticket', 'error', 'bug', 'defect', 'incident',
  'outage', 'downtime', 'churn', 'complaint', 'escalat', 'reopen', 'backlog', 'latency', 'delay', 'wait', 'fail', 'manual',
  'время', 'часов', 'часа', 'дней', 'дня', 'срок', 'стоимост', 'затрат', 'расход', 'тикет', 'заявк', 'обращени', 'ошибк',
  'сбоев', 'сбои', 'сбой', 'инцидент', 'отток', 'жалоб', 'простой', 'задержк', 'ожидани',
  'czas', 'godzin', 'dni', 'koszt', 'wydatk', 'zgłosze', 'błęd', 'błąd', 'awari', 'incydent', 'rezygnac', 'odejś',
  'reklamac', 'przestó', 'opóźnie', 'oczekiw',
];

/**
 * guessKpi gives a sensible direction and unit for a KPI's name, the same
 * rule as the server: times, costs, tickets, errors and churn are better
 * lower; hours, days, money and rates get their unit; anything else is a
 * count where higher is better.
 */
export function guessKpi(name: string): { direction: KpiDirection; unit: KpiUnit } {
  const n = name.toLowerCase();
  const has = (...w: string[]) => w.some((x) => n.includes(x));
  let direction: KpiDirection = LOWER.some((w) => n.includes(w)) ? 'lower' : 'higher';
  let unit: KpiUnit = 'count';
  if (has('%', 'rate', 'share', 'percent', 'accuracy', 'доля', 'процент', 'точность', 'конверси', 'odsetek', 'procent', 'wskaźnik', 'dokładno', 'konwersj')) unit = 'percent';
  else if (has('nps', 'csat', 'score', 'балл', 'оценк', 'punkt', 'ocen')) unit = 'points';
  else if (has('hour', 'часов', 'часа', 'godzin')) unit = 'hours';
  else if (has('day', 'дней', 'дня', 'dni', 'dzień')) unit = 'days';
  else if (has('cost', 'revenue', 'spend', 'price', 'saving', 'стоимост', 'затрат', 'выручк', 'эконом', 'koszt', 'przych', 'oszczęd')) unit = 'money';
  if (unit === 'percent' && has('accuracy', 'точность', 'dokładno', 'win', 'конверси', 'konwersj', 'adoption')) direction = 'higher';
  return { direction, unit };
}

// Unit words with plurals (i18next picks the form with Intl.PluralRules).
const UNIT_TEXTS = {
  en: {
    hours: '{{value}} h', days_one: '{{value}} day', days_other: '{{value}} days', points_one: '{{value}} point', points_other: '{{value}} points',
    pp: '{{value}} pp', percent: '{{value}}%',
    answers_one: '{{count}} answer', answers_other: '{{count}} answers',
  },
  ru: {
    hours: '{{value}} ч', days_one: '{{value}} день', days_few: '{{value}} дня', days_many: '{{value}} дней', days_other: '{{value}} дня',
    points_one: '{{value}} балл', points_few: '{{value}} балла', points_many: '{{value}} баллов', points_other: '{{value}} балла',
    pp: '{{value}} п. п.', percent: '{{value}} %',
    answers_one: '{{count}} ответ', answers_few: '{{count}} ответа', answers_many: '{{count}} ответов', answers_other: '{{count}} ответа',
  },
  pl: {
    hours: '{{value}} godz.', days_one: '{{value}} dzień', days_few: '{{value}} dni', days_many: '{{value}} dni', days_other: '{{value}} dnia',
    points_one: '{{value}} punkt', points_few: '{{value}} punkty', points_many: '{{value}} punktów', points_other: '{{value}} punktu',
    pp: '{{value}} p.p.', percent: '{{value}} %',
    answers_one: '{{count}} odpowiedź', answers_few: '{{count}} odpowiedzi', answers_many: '{{count}} odpowiedzi', answers_other: '{{count}} odpowiedzi',
  },
};

let units: i18n | undefined;

/** unitT is a small i18next instance of its own for unit words, so the deck works in Node too. */
export function unitT(lang: string, key: string, opts: Record<string, unknown>): string {
  if (!units) {
    units = createInstance();
    void units.init({
      initAsync: false,
      lng: 'en',
      fallbackLng: 'en',
      interpolation: { escapeValue: false },
      resources: Object.fromEntries(Object.entries(UNIT_TEXTS).map(([l, t]) => [l, { translation: t }])),
    });
  }
  const t = units.t as unknown as (k: string, o: Record<string, unknown>) => string;
  return t(key, { ...opts, lng: lang });
}

const clean = (s: string) => s.replace(/\u00a0|\u202f/g, ' ');

/** kpiNum formats a number in lang with at most 2 decimals. */
export function kpiNum(v: number, lang: string, digits = 2): string {
  return clean(new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(v));
}

/** kpiValue writes a KPI value with its unit: "41 h", "86%", "12 days", "1 200,50 €". */
export function kpiValue(v: number, unit: KpiUnit, lang: string, currency: string): string {
  if (unit === 'money') {
    try {
      return clean(new Intl.NumberFormat(lang, { style: 'currency', currency: currency || 'USD', maximumFractionDigits: 2 }).format(v));
    } catch {
      return `${kpiNum(v, lang)} ${currency}`;
    }
  }
  const value = kpiNum(v, lang);
  if (unit === 'count') return value;
  if (unit === 'percent') return unitT(lang, 'percent', { value });
  return unitT(lang, unit, { value, count: v });
}

/**
 * kpiChange writes a change with its sign and unit; a percentage's change is
 * in percentage points ("+3 pp"), never "+3 %".
 */
export function kpiChangeText(change: number, unit: KpiUnit, lang: string, currency: string): string {
  const sign = change > 0 ? '+' : change < 0 ? '−' : '';
  const abs = Math.abs(change);
  if (unit === 'percent') return sign + unitT(lang, 'pp', { value: kpiNum(abs, lang) });
  return sign + kpiValue(abs, unit, lang, currency);
}

/** arrowOf is the arrow of a change's direction: ▲ up, ▼ down, ● none. */
export const arrowOf = (change: number): string => (change > 0 ? '▲' : change < 0 ? '▼' : '●');
