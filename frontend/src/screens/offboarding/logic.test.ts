import { describe, expect, it } from 'vitest';
import {
  addDays,
  byDue,
  daysUntil,
  dueState,
  fieldErrorsUnder,
  groupByDue,
  isoDay,
  missingLangs,
  moveItem,
  progressColor,
  progressOf,
  progressPercent,
  relativeDue,
  requiredLeft,
  textIn,
  uniqueKey,
  type StepLike,
} from './logic';

const today = '2026-03-10';
const step = (id: number, due_on: string, done = false, position = id, required = true): StepLike => ({ id, position, due_on, done, required });

describe('due dates', () => {
  it('counts calendar days across months and years', () => {
    expect(daysUntil('2026-03-10', today)).toBe(0);
    expect(daysUntil('2026-03-17', today)).toBe(7);
    expect(daysUntil('2026-02-28', today)).toBe(-10);
    expect(daysUntil('2027-03-10', today)).toBe(365);
    // 29 March 2026 is the DST switch in Europe; calendar days stay whole.
    expect(daysUntil('2026-03-30', today)).toBe(20);
  });

  it('adds days to a calendar day', () => {
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });

  it('formats a local day', () => {
    expect(isoDay(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });

  it.each([
    [step(1, '2026-03-09'), 'overdue'],
    [step(1, '2026-03-09', true), 'done'],
    [step(1, '2026-03-10'), 'today'],
    [step(1, '2026-03-11'), 'soon'],
    [step(1, '2026-03-17'), 'soon'],
    [step(1, '2026-03-18'), 'later'],
  ] as const)('classifies %o as %s', (s, want) => {
    expect(dueState(s, today)).toBe(want);
  });

  it('names a day relative to today', () => {
    expect(relativeDue('2026-03-10', today)).toEqual({ key: 'today', count: 0 });
    expect(relativeDue('2026-03-11', today)).toEqual({ key: 'tomorrow', count: 1 });
    expect(relativeDue('2026-03-09', today)).toEqual({ key: 'yesterday', count: 1 });
    expect(relativeDue('2026-03-15', today)).toEqual({ key: 'inDays', count: 5 });
    expect(relativeDue('2026-03-01', today)).toEqual({ key: 'daysAgo', count: 9 });
  });
});

describe('progress', () => {
  const steps = [step(1, '2026-03-01', true), step(2, '2026-03-05'), step(3, '2026-03-09'), step(4, '2026-03-10'), step(5, '2026-04-01', true, 5, false)];

  it('counts done, total and overdue like the server (due before today and not done)', () => {
    expect(progressOf(steps, today)).toEqual({ done: 2, total: 5, overdue: 2 });
    expect(progressOf([], today)).toEqual({ done: 0, total: 0, overdue: 0 });
  });

  it('turns progress into a percentage', () => {
    expect(progressPercent({ done: 2, total: 5 })).toBe(40);
    expect(progressPercent({ done: 1, total: 3 })).toBe(33);
    expect(progressPercent({ done: 0, total: 0 })).toBe(0);
    expect(progressPercent({ done: 7, total: 7 })).toBe(100);
  });

  it('colours overdue red, complete green, else blue', () => {
    expect(progressColor({ done: 1, total: 4, overdue: 1 })).toBe('red');
    expect(progressColor({ done: 4, total: 4, overdue: 0 })).toBe('teal');
    expect(progressColor({ done: 1, total: 4, overdue: 0 })).toBe('blue');
    expect(progressColor({ done: 0, total: 0, overdue: 0 })).toBe('blue');
  });

  it('counts required steps left', () => {
    expect(requiredLeft(steps)).toBe(3);
  });
});

describe('ordering and grouping', () => {
  const steps = [step(1, '2026-03-12', false, 3), step(2, '2026-03-08', true, 1), step(3, '2026-03-12', false, 2), step(4, '2026-03-08', false, 4), step(5, '2026-03-20', false, 5)];

  it('orders by due day, then position', () => {
    expect(byDue(steps).map((s) => s.id)).toEqual([2, 4, 3, 1, 5]);
  });

  it('groups steps by due day with the day state', () => {
    const g = groupByDue(steps, today);
    expect(g.map((x) => [x.day, x.state, x.steps.map((s) => s.id)])).toEqual([
      ['2026-03-08', 'overdue', [2, 4]],
      ['2026-03-12', 'soon', [3, 1]],
      ['2026-03-20', 'later', [5]],
    ]);
    expect(groupByDue([step(1, '2026-03-01', true)], today)[0]!.state).toBe('done');
  });
});

describe('templates', () => {
  it('picks a text in a language, falling back to English', () => {
    const t = { en: 'Call', ru: 'Позвонить', pl: '' };
    expect(textIn(t, 'ru')).toBe('Позвонить');
    expect(textIn(t, 'pl')).toBe('Call');
    expect(textIn(t, 'de')).toBe('Call');
    expect(missingLangs(t)).toEqual(['pl']);
  });

  it('moves an item, clamping the target', () => {
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b', 'c'], 2, 5)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 7, 0)).toEqual(['a', 'b', 'c']);
  });

  it('makes unique step keys', () => {
    expect(uniqueKey('Send the NDA back!', [])).toBe('send_the_nda_back');
    expect(uniqueKey('Exit interview', ['exit_interview', 'exit_interview_2'])).toBe('exit_interview_3');
    expect(uniqueKey('Позвонить', [])).toBe('step');
  });

  it('picks field errors under a path', () => {
    const f = { 'templates[2].items[0].title.en': 'is required', 'templates[2].items[1].due_days': 'must be ≤ 730', 'farewell.body.en': 'x' };
    expect(fieldErrorsUnder(f, 'templates[2].items[')).toEqual({ '0].title.en': 'is required', '1].due_days': 'must be ≤ 730' });
  });
});
