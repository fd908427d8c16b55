// Colour contrast as WCAG 2.1 defines it: relative luminance of sRGB colours
// and the ratio (L1 + 0.05) / (L2 + 0.05). AA asks 4.5:1 for body text.

/** RGB is a colour as red, green, blue channels 0–255. */
export type RGB = [number, number, number];

/** AA_TEXT is the contrast WCAG 2.1 AA requires for normal-size text. */
export const AA_TEXT = 4.5;

/** parseColor reads '#rgb', '#rrggbb' or 'rgb(r, g, b)' into channels. */
export function parseColor(color: string): RGB {
  const c = color.trim();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(c);
  if (hex) {
    const h = hex[1]!.length === 3 ? [...hex[1]!].map((x) => x + x).join('') : hex[1]!;
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as RGB;
  }
  const rgb = /^rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)/i.exec(c);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  throw new Error(`not a colour: ${color}`);
}

/** toHex writes channels as '#rrggbb', rounding and clamping each. */
export function toHex(c: RGB): string {
  return '#' + c.map((v) => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, '0')).join('');
}

/** relativeLuminance is WCAG's luminance of a colour, 0 (black) to 1 (white). */
export function relativeLuminance(color: string | RGB): number {
  const [r, g, b] = (typeof color === 'string' ? parseColor(color) : color).map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as RGB;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** contrastRatio is WCAG's contrast between two colours, 1 to 21, whichever is lighter. */
export function contrastRatio(a: string | RGB, b: string | RGB): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** mix blends colour a over b with a's weight (0–1): mix(teal, white, 0.3) is a 30 % teal tint. */
export function mix(a: string | RGB, b: string | RGB, weight: number): RGB {
  const x = typeof a === 'string' ? parseColor(a) : a;
  const y = typeof b === 'string' ? parseColor(b) : b;
  return [0, 1, 2].map((i) => x[i]! * weight + y[i]! * (1 - weight)) as RGB;
}

/**
 * readableTextOn picks, of the candidate text colours, the one with the
 * highest contrast on the background. With black and white as candidates
 * every background reaches at least 4.58:1.
 */
export function readableTextOn(background: string | RGB, candidates: string[] = ['#000000', '#ffffff']): string {
  let best = candidates[0]!;
  for (const c of candidates) if (contrastRatio(c, background) > contrastRatio(best, background)) best = c;
  return best;
}

/**
 * ensureContrast returns the colour itself when it already reaches min on
 * every background, else the nearest shade of it, mixed towards black (or
 * white when the backgrounds are dark) in 2 % steps, that does.
 */
export function ensureContrast(color: string, backgrounds: string[], min = AA_TEXT): string {
  const ok = (c: RGB) => backgrounds.every((bg) => contrastRatio(c, bg) >= min);
  const start = parseColor(color);
  if (ok(start)) return toHex(start);
  const darkBackgrounds = backgrounds.every((bg) => relativeLuminance(bg) < 0.18);
  const towards = darkBackgrounds ? '#ffffff' : '#000000';
  for (let step = 1; step <= 50; step++) {
    const c = mix(towards, start, step * 0.02);
    if (ok(c)) return toHex(c);
  }
  return towards;
}
