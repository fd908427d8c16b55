/** delimiterKey names a delimiter for translation: comma, semicolon, tab or other. */
export function delimiterKey(d: string): 'comma' | 'semicolon' | 'tab' | 'other' {
  if (d === ',') return 'comma';
  if (d === ';') return 'semicolon';
  if (d === '\t') return 'tab';
  return 'other';
}

/** formatBytes shows a file size in B, KB or MB. */
export function formatBytes(n: number, locale: string): string {
  const f = (v: number, digits: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(v);
  if (n < 1024) return `${f(n, 0)} B`;
  if (n < 1024 * 1024) return `${f(n / 1024, 1)} KB`;
  return `${f(n / (1024 * 1024), 1)} MB`;
}

/** formatDateTime shows a timestamp as date and time in the given locale; '' for none. */
export function formatDateTime(iso: string | null | undefined, locale: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(d);
}

/** percent turns a 0…1 fraction into a whole percentage, clamped. */
export function percent(fraction: number): number {
  return Math.max(0, Math.min(100, Math.round(fraction * 100)));
}

/** maskSecret shows only a secret's last characters. */
export function maskSecret(end: string, prefix = ''): string {
  return `${prefix}${'•'.repeat(8)}${end}`;
}

/** webhookURL is the address to paste into Stripe or an automation tool. */
export function webhookURL(origin: string, kind: 'stripe' | 'generic'): string {
  return `${origin.replace(/\/+$/, '')}/api/v1/webhooks/${kind}`;
}

/** isLocalOrigin tells whether the app is reached on this computer only. */
export function isLocalOrigin(origin: string): boolean {
  try {
    const h = new URL(origin).hostname;
    return h === 'localhost' || h === '127.0.0.1' || h === '[::1]' || h === '::1';
  } catch {
    return false;
  }
}
