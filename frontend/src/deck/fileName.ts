const SPELL: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p',
  р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  і: 'i', ї: 'i', є: 'ie', ґ: 'g', ў: 'u',
  ł: 'l', ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe', đ: 'd', þ: 'th', ı: 'i',
};

/**
 * slug turns a name into lowercase ASCII for a file name, by the server's
 * rule (backend/qbr/file_name.go, whose letters are backend/export's Spell
 * table): accents dropped, Cyrillic and Polish letters spelled out, anything
 * else a hyphen. testdata/file-names.json holds the cases both sides pass.
 */
export function slug(name: string): string {
  let out = '';
  let dash = false;
  // NFD splits "ó" into "o" and a combining accent; the accent (but not й, which is spelled whole; ї and ў decompose to і and у) is dropped.
  for (const ch of name.toLowerCase().normalize('NFC').replace(/й/g, '\u0000').normalize('NFD').replace(/\p{Mn}/gu, '').replace(/\u0000/g, 'й')) {
    let t = SPELL[ch] ?? ch;
    if (!(ch in SPELL) && !/[a-z0-9]/.test(ch)) t = '-';
    if (t === '-') {
      dash = out.length > 0;
      continue;
    }
    if (t === '') continue;
    if (dash) {
      out += '-';
      dash = false;
    }
    out += t;
  }
  return out;
}

/** qbrFileName is the one name of a QBR file in every format: "qbr-<account>-<quarter>.<ext>" in ASCII. */
export function qbrFileName(account: { id: number; name: string }, quarter: string, ext: string): string {
  return `qbr-${slug(account.name) || account.id}-${quarter}.${ext}`;
}
