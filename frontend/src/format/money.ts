/** fractionDigits is how many minor-unit digits a currency has (EUR 2, JPY 0). */
export function fractionDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** minorToMajor converts minor units (cents) to major units (euros). */
export function minorToMajor(minor: number, currency: string): number {
  return minor / 10 ** fractionDigits(currency);
}

/** majorToMinor converts major units to integer minor units, rounding half away from zero. */
export function majorToMinor(major: number, currency: string): number {
  const scaled = major * 10 ** fractionDigits(currency);
  return Math.sign(scaled) * Math.round(Math.abs(scaled));
}

/** formatMoney formats minor units in the given locale, e.g. 49900 EUR → "€499.00". */
export function formatMoney(minor: number, currency: string, locale: string, opts: { compact?: boolean } = {}): string {
  const digits = fractionDigits(currency);
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      ...(opts.compact ? { notation: 'compact', maximumFractionDigits: 1 } : { minimumFractionDigits: digits }),
    }).format(minor / 10 ** digits);
  } catch {
    return `${(minor / 10 ** digits).toFixed(digits)} ${currency}`;
  }
}

/** formatNumber formats a count in the given locale. */
export function formatNumber(n: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(n);
}

/** formatDate formats a YYYY-MM-DD date in the given locale; empty for null. */
export function formatDate(iso: string | null | undefined, locale: string): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(d);
}
