/** quarterOf names the calendar quarter that holds d, e.g. "2026-Q3". */
export function quarterOf(d: Date): string {
  return `${d.getFullYear()}-Q${Math.floor(d.getMonth() / 3) + 1}`;
}

/** isQuarter tells whether s is written like "2026-Q3". */
export function isQuarter(s: string | undefined): s is string {
  return !!s && /^\d{4}-Q[1-4]$/.test(s);
}

/** shiftQuarter moves a quarter by n quarters (negative goes back). */
export function shiftQuarter(q: string, n: number): string {
  const m = /^(\d{4})-Q([1-4])$/.exec(q);
  if (!m) return q;
  const idx = Number(m[1]) * 4 + Number(m[2]) - 1 + n;
  return `${Math.floor(idx / 4)}-Q${(idx % 4) + 1}`;
}

/** quarterOptions lists quarters from `back` before to `ahead` after q, newest first. */
export function quarterOptions(q: string, back = 6, ahead = 1): string[] {
  const out: string[] = [];
  for (let i = ahead; i >= -back; i--) out.push(shiftQuarter(q, i));
  return out;
}
