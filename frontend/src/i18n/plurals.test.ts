import { describe, expect, it } from 'vitest';
import i18n from './index';
import en from './en.json';
import ru from './ru.json';
import pl from './pl.json';
import qbrEn from './qbr/en.json';
import qbrRu from './qbr/ru.json';
import qbrPl from './qbr/pl.json';
import '../screens/qbr/i18n';

const bundles = import.meta.glob<{ default: object }>('./**/*.json', { eager: true });

function flat(o: object, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v && typeof v === 'object') Object.assign(out, flat(v as object, `${prefix}${k}.`));
    else out[prefix + k] = String(v);
  }
  return out;
}

// CLDR forms each language needs for whole numbers.
const FORMS = { en: ['one', 'other'], ru: ['one', 'few', 'many'], pl: ['one', 'few', 'many'] } as const;

describe('interface texts', () => {
  it('every English text of every bundle is also in ru and pl (plural forms aside)', () => {
    const keysOf = (path: string) => {
      const mod = bundles[path];
      if (!mod) return null;
      return [...new Set(Object.keys(flat(mod.default)).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, '')))].sort();
    };
    const gaps: string[] = [];
    for (const path of Object.keys(bundles).filter((p) => p.endsWith('/en.json'))) {
      const en = keysOf(path)!;
      for (const lang of ['ru', 'pl']) {
        const other = keysOf(path.replace(/en\.json$/, `${lang}.json`)) ?? [];
        for (const k of en) if (!other.includes(k)) gaps.push(`${lang} lacks ${path} ${k}`);
      }
    }
    expect(gaps).toEqual([]);
  });
});

describe('plural forms', () => {
  it('every counted text has each form its language needs, in every bundle', () => {
    const missing: string[] = [];
    for (const [path, mod] of Object.entries(bundles)) {
      const m = /^(.*\/)?(en|ru|pl)\.json$/.exec(path);
      if (!m) continue;
      const lang = m[2] as keyof typeof FORMS;
      const texts = flat(mod.default);
      const counted = new Set(Object.keys(texts).filter((k) => /_(one|other)$/.test(k)).map((k) => k.replace(/_(one|other)$/, '')));
      for (const base of counted) for (const f of FORMS[lang]) if (!(`${base}_${f}` in texts)) missing.push(`${path} ${base}_${f}`);
    }
    expect(missing).toEqual([]);
  });

  it('writes "1 answer", "2 ответа", "5 odpowiedzi" and the rest', async () => {
    expect([qbrEn, qbrRu, qbrPl, en, ru, pl].every(Boolean)).toBe(true);
    const tr = (lng: string) => i18n.getFixedT(lng) as unknown as (key: string, opts: object) => string;
    const say = (lng: string, count: number) => tr(lng)('qbr.nps.answers', { count });
    expect([1, 2, 5, 21].map((n) => say('en', n))).toEqual(['1 answer', '2 answers', '5 answers', '21 answers']);
    expect([1, 2, 5, 21].map((n) => say('ru', n))).toEqual(['1 ответ', '2 ответа', '5 ответов', '21 ответ']);
    expect([1, 2, 5, 22].map((n) => say('pl', n))).toEqual(['1 odpowiedź', '2 odpowiedzi', '5 odpowiedzi', '22 odpowiedzi']);
    const rates = (lng: string, count: number) => tr(lng)('money.card.imported', { count });
    expect([rates('en', 1), rates('ru', 3), rates('pl', 12)]).toEqual(['1 rate imported', 'Импортировано 3 курса', 'Zaimportowano 12 kursów']);
  });
});
