import { describe, expect, it } from 'vitest';
import en from '../../i18n/offboarding/en.json';
import ru from '../../i18n/offboarding/ru.json';
import pl from '../../i18n/offboarding/pl.json';

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

function leaves(o: object): [string, string][] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? leaves(v).map(([p, s]) => [`${k}.${p}`, s] as [string, string]) : [[k, String(v)]]));
}

describe('offboarding texts', () => {
  it('has the same keys in English, Russian and Polish', () => {
    const want = [...keys(en)].sort();
    expect([...keys(ru)].sort()).toEqual(want);
    expect([...keys(pl)].sort()).toEqual(want);
    expect(want.length).toBeGreaterThan(100);
  });

  it('has Russian and Polish plural forms for every counted text', () => {
    for (const bundle of [ru, pl]) {
      const flat = Object.fromEntries(leaves(bundle));
      for (const k of Object.keys(flat).filter((x) => x.endsWith('_one'))) {
        const base = k.slice(0, -4);
        expect(flat[`${base}_few`], base).toBeTruthy();
        expect(flat[`${base}_many`], base).toBeTruthy();
      }
    }
  });

  it('is translated, not copied from English (apart from names and codes)', () => {
    const same = leaves(en).filter(([k, v]) => Object.fromEntries(leaves(ru))[k] === v && v.length > 12).map(([k]) => k);
    expect(same).toEqual([]);
    expect(Object.fromEntries(leaves(ru))['offboarding.panel.intent']).toBe('Клиент собирается уйти');
    expect(Object.fromEntries(leaves(pl))['offboarding.panel.intent']).toBe('Klient zamierza odejść');
  });
});
