import type { AreaT } from '../../i18n/area';
import type { RiskFactor } from '../../api/risk';

/** pct writes a probability 0–1 as a percentage with one decimal. */
export function pct(p: number, lang: string): string {
  return (p * 100).toLocaleString(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** num writes a figure with at most `digits` decimals. */
export function num(v: number, lang: string, digits = 2): string {
  return v.toLocaleString(lang, { maximumFractionDigits: digits });
}

/** money writes major units of a currency, or a plain number when there is none. */
export function money(v: number, currency: string, lang: string): string {
  if (!currency) return num(v, lang, 0);
  return new Intl.NumberFormat(lang, { style: 'currency', currency, maximumFractionDigits: 0 }).format(v);
}

/** covariateName names a covariate key (segment:<value> and plan:<value> name their value). */
export function covariateName(ta: AreaT, key: string): string {
  const [kind, ...rest] = key.split(':');
  return rest.length ? ta(`cov.${kind}`, { value: rest.join(':') }) : ta(`cov.${key}`);
}

/** factorText says a factor in words with its effect, e.g. "no login for 24 days: risk ×2.3". */
export function factorText(ta: AreaT, f: RiskFactor, lang: string): string {
  const args: Record<string, string> = { value: f.value };
  for (const [k, v] of Object.entries(f.args ?? {})) args[k] = num(v, lang, 1);
  return `${ta(`factor.${f.key}`, args)}: ${ta('factor.effect', { effect: num(f.effect, lang, 1) })}`;
}
