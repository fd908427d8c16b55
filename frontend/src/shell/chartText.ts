// A chart's text alternative, built from the same ECharts option that draws
// it: every shown series with its points, so a screen reader (or anyone who
// cannot see the canvas) gets the figures the picture carries.

/** ChartTexts are the translated pieces a description is made of. */
export interface ChartTexts {
  /** series joins a series name and its points, e.g. "Logins: …". */
  series: (name: string, points: string) => string;
  /** point joins one point's label and value, e.g. "Jan: 4". */
  point: (label: string, value: string) => string;
  /** more says how many points were left out. */
  more: (count: number) => string;
}

type Datum = number | string | null | undefined | (number | string | null)[] | { value?: unknown; name?: string };
interface Series {
  name?: string;
  data?: Datum[];
  silent?: boolean;
  tooltip?: { show?: boolean };
}
interface Axis {
  type?: string;
  data?: (string | number)[];
}
/** ChartOption is the part of an ECharts option a description reads. */
export interface ChartOption {
  xAxis?: Axis | Axis[];
  yAxis?: Axis | Axis[];
  series?: Series[];
}

const first = (a: Axis | Axis[] | undefined): Axis | undefined => (Array.isArray(a) ? a[0] : a);

/**
 * describeChart writes "title. series: label: value, …; series: …" for a
 * chart. Series drawn only as decoration (silent, or without a tooltip) are
 * left out; a series longer than maxPoints lists its first points and how
 * many more there are. Numbers are written in the given language.
 */
export function describeChart(option: ChartOption, title: string, lang: string, texts: ChartTexts, maxPoints = 16): string {
  const nf = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  const fmt = (v: unknown): string => (typeof v === 'number' ? nf.format(v) : String(v));
  const categories = first(option.xAxis)?.data ?? first(option.yAxis)?.data ?? [];
  const parts = (option.series ?? [])
    .filter((s) => !s.silent && s.tooltip?.show !== false)
    .map((s, si) => {
      const points: string[] = [];
      (s.data ?? []).forEach((d, i) => {
        let label: unknown = categories[i] ?? i + 1;
        let value: unknown = d;
        if (Array.isArray(d)) [label, value] = [d[0], d[1]];
        else if (d !== null && typeof d === 'object') [label, value] = [d.name ?? label, d.value];
        if (value === null || value === undefined || value === '') return;
        points.push(texts.point(fmt(label), fmt(value)));
      });
      const shown = points.slice(0, maxPoints).join(', ');
      const list = points.length > maxPoints ? `${shown}, ${texts.more(points.length - maxPoints)}` : shown;
      return texts.series(s.name ?? String(si + 1), list);
    });
  return [title, ...parts].filter(Boolean).join('. ');
}
