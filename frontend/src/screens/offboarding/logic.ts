// Pure helpers of the offboarding screens: progress, due dates, grouping,
// and template editing. No React, no HTTP — unit tested in logic.test.ts.

/** ProgressLike is a checklist's step counts. */
export interface ProgressLike {
  done: number;
  total: number;
  overdue: number;
}

/** StepLike is what the helpers need of a checklist step. */
export interface StepLike {
  id: number;
  position: number;
  due_on: string;
  done: boolean;
  required: boolean;
}

/** DueState is where a step stands against today. */
export type DueState = 'done' | 'overdue' | 'today' | 'soon' | 'later';

/** SOON_DAYS is how many days ahead a step counts as due soon. */
export const SOON_DAYS = 7;

/** isoDay gives a local calendar day as YYYY-MM-DD. */
export function isoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function dayNumber(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 864e5;
}

/** daysUntil counts calendar days from today to day: negative when day is past. */
export function daysUntil(day: string, today: string): number {
  return Math.round(dayNumber(day) - dayNumber(today));
}

/** addDays moves a YYYY-MM-DD day by n calendar days. */
export function addDays(day: string, n: number): string {
  const t = (dayNumber(day) + n) * 864e5;
  return new Date(t).toISOString().slice(0, 10);
}

/** dueState tells whether a step is done, overdue (due before today), due today, due within a week, or later. */
export function dueState(step: Pick<StepLike, 'done' | 'due_on'>, today: string): DueState {
  if (step.done) return 'done';
  const d = daysUntil(step.due_on, today);
  if (d < 0) return 'overdue';
  if (d === 0) return 'today';
  if (d <= SOON_DAYS) return 'soon';
  return 'later';
}

/** isOverdue tells whether an open step's due day is before today (as the server counts it). */
export function isOverdue(step: Pick<StepLike, 'done' | 'due_on'>, today: string): boolean {
  return dueState(step, today) === 'overdue';
}

/** progressOf counts done, total and overdue steps. */
export function progressOf(steps: readonly StepLike[], today: string): ProgressLike {
  let done = 0;
  let overdue = 0;
  for (const s of steps) {
    if (s.done) done++;
    else if (isOverdue(s, today)) overdue++;
  }
  return { done, total: steps.length, overdue };
}

/** progressPercent is done ÷ total as a whole percentage; 0 for an empty checklist. */
export function progressPercent(p: Pick<ProgressLike, 'done' | 'total'>): number {
  if (p.total <= 0) return 0;
  return Math.round((Math.min(p.done, p.total) / p.total) * 100);
}

/** progressColor colours a progress bar: red with overdue steps, green when complete, else blue. */
export function progressColor(p: ProgressLike): 'red' | 'teal' | 'blue' {
  if (p.overdue > 0) return 'red';
  if (p.total > 0 && p.done >= p.total) return 'teal';
  return 'blue';
}

/** requiredLeft counts required steps that are still open (the checklist closes at zero). */
export function requiredLeft(steps: readonly StepLike[]): number {
  return steps.filter((s) => s.required && !s.done).length;
}

/** byDue orders steps by due day, then by their position on the checklist. */
export function byDue<T extends StepLike>(steps: readonly T[]): T[] {
  return [...steps].sort((a, b) => (a.due_on < b.due_on ? -1 : a.due_on > b.due_on ? 1 : a.position - b.position || a.id - b.id));
}

/** DueGroup is the steps due on one day. */
export interface DueGroup<T> {
  day: string;
  /** state of the day: overdue when an open step of the day is past due; done when all are done. */
  state: DueState;
  steps: T[];
}

/** groupByDue puts steps under their due day, days in order. */
export function groupByDue<T extends StepLike>(steps: readonly T[], today: string): DueGroup<T>[] {
  const groups: DueGroup<T>[] = [];
  for (const s of byDue(steps)) {
    const last = groups[groups.length - 1];
    if (last && last.day === s.due_on) last.steps.push(s);
    else groups.push({ day: s.due_on, state: 'done', steps: [s] });
  }
  for (const g of groups) {
    const open = g.steps.find((s) => !s.done);
    g.state = open ? dueState(open, today) : 'done';
  }
  return groups;
}

/** RelativeDue names a day relative to today for translation: key and the day count. */
export function relativeDue(day: string, today: string): { key: 'today' | 'tomorrow' | 'yesterday' | 'inDays' | 'daysAgo'; count: number } {
  const d = daysUntil(day, today);
  if (d === 0) return { key: 'today', count: 0 };
  if (d === 1) return { key: 'tomorrow', count: 1 };
  if (d === -1) return { key: 'yesterday', count: 1 };
  return d > 0 ? { key: 'inDays', count: d } : { key: 'daysAgo', count: -d };
}

// ---- Templates ----

/** Texts holds one text in each product language. */
export interface Texts {
  en: string;
  ru: string;
  pl: string;
}

/** Lang is a product language. */
export type Lang = keyof Texts;

/** textIn picks lang's text, falling back to English (as the server does). */
export function textIn(t: Texts | undefined, lang: string): string {
  if (!t) return '';
  const v = lang === 'ru' ? t.ru : lang === 'pl' ? t.pl : t.en;
  return v || t.en;
}

/** missingLangs lists the languages a text has not been written in. */
export function missingLangs(t: Texts): Lang[] {
  return (['en', 'ru', 'pl'] as const).filter((l) => !t[l].trim());
}

/** moveItem returns a copy of list with the element at from moved to to (clamped); unchanged when out of range. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  if (from < 0 || from >= out.length) return out;
  const target = Math.max(0, Math.min(out.length - 1, to));
  const [x] = out.splice(from, 1);
  out.splice(target, 0, x as T);
  return out;
}

/** uniqueKey makes a step key from a title that no other step of the template uses. */
export function uniqueKey(title: string, taken: readonly string[]): string {
  const base =
    title
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 40) || 'step';
  let key = base;
  for (let i = 2; taken.includes(key); i++) key = `${base}_${i}`;
  return key;
}

/** fieldErrorsUnder picks the server's field errors whose path starts with prefix, keyed by the rest of the path. */
export function fieldErrorsUnder(fields: Record<string, string>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (k.startsWith(prefix)) out[k.slice(prefix.length)] = v;
  }
  return out;
}
