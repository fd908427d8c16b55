import { describe, expect, it } from 'vitest';
import en from '../../i18n/notifications/en.json';
import ru from '../../i18n/notifications/ru.json';
import pl from '../../i18n/notifications/pl.json';
import { EVENT_TYPES } from '../../api/notifications';

// keys flattens a bundle to dotted keys with the plural suffix removed.
function keys(o: object, prefix = ''): Set<string> {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(o)) {
    const path = prefix + k.replace(/_(one|few|many|other)$/, '');
    if (typeof v === 'object' && v !== null) for (const x of keys(v, path + '.')) out.add(x);
    else out.add(path);
  }
  return out;
}

describe('notification texts', () => {
  it('has the same keys in English, Russian and Polish', () => {
    const want = [...keys(en)].sort();
    expect([...keys(ru)].sort()).toEqual(want);
    expect([...keys(pl)].sort()).toEqual(want);
  });

  it('names every event type in every language', () => {
    for (const bundle of [en, ru, pl]) {
      const names = bundle.notifications.event as Record<string, string>;
      for (const ev of [...EVENT_TYPES, 'test']) expect(names[ev], ev).toBeTruthy();
    }
  });

  it('has Russian and Polish plural forms for the delivery count', () => {
    for (const bundle of [ru, pl]) {
      const log = bundle.notifications.log as Record<string, string>;
      expect([log.total_one, log.total_few, log.total_many]).toEqual([expect.stringContaining('{{count}}'), expect.stringContaining('{{count}}'), expect.stringContaining('{{count}}')]);
    }
    expect(ru.notifications.log.total_many).toBe('{{count}} доставок');
    expect(pl.notifications.log.total_few).toBe('{{count}} doręczenia');
  });
});
