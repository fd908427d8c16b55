import { readFileSync, writeFileSync } from 'node:fs';
import { DECK_SECTIONS, type DeckSection, INTERNAL_SECTIONS, deckBytes, emptySections, verdictWord } from './build';
import { arrowOf, kpiChangeText, kpiValue } from './kpi';
import { deckTexts } from './texts';
import type { DeckReport } from './types';

const USAGE = 'usage: npm run deck -- report.json out.pptx [--lang en|ru|pl] [--expect expect.json]';

/**
 * expectations are what any rendering of the report must show, in lang: the
 * section titles in order (empty sections left out), every section title
 * there could be, each value KPI's formatted numbers and verdict, and the
 * placeholder texts that must not appear. deck-check compares the deck and
 * the server's PDF against them.
 */
export function expectations(r: DeckReport, lang: string) {
  const tx = deckTexts(lang);
  const titles: Record<DeckSection, string> = {
    summary: tx.summary, usage: tx.usage, health: tx.health, health_breakdown: tx.healthBreakdown, nps: tx.nps, value: tx.value, experiment: tx.experiment,
    goals: tx.goals, partnership: tx.partnership, risks: tx.risks, next_goals: tx.nextGoals,
  };
  const empty = new Set(emptySections(r));
  const keep = new Set<DeckSection>(((r.edited.keep ?? []) as DeckSection[]).filter((k) => k !== 'experiment'));
  const none: Partial<Record<DeckSection, string>> = {
    summary: tx.noSummary, health: tx.noHealth, health_breakdown: tx.noBreakdown, nps: tx.noNps, value: tx.noValue, goals: tx.noGoals, risks: tx.noRisks, next_goals: tx.noNextGoals,
  };
  const cur = r.computed.commercial.currency || r.account.currency || 'USD';
  const kpis = [
    ...r.value.kpis.flatMap((k) => [k.name, kpiValue(k.before, k.unit, lang, cur), kpiValue(k.after, k.unit, lang, cur), kpiChangeText(k.change, k.unit, lang, cur), `${arrowOf(k.change)} ${verdictWord(k.verdict, tx)}`]),
    ...r.value.experiment.flatMap((k) => [k.name, kpiChangeText(k.uplift, k.unit, lang, cur), `${arrowOf(k.uplift)} ${verdictWord(k.verdict, tx)}`]),
  ];
  return {
    // Customer-facing: internal sections are left out, as are empty ones the report does not keep.
    titles: DECK_SECTIONS.filter((k) => (!empty.has(k) || keep.has(k)) && !INTERNAL_SECTIONS.includes(k)).map((k) => titles[k]),
    allTitles: Object.values(titles),
    kpis,
    // A kept empty section says it is empty; every other placeholder is a miss.
    placeholders: [...Object.entries(none).filter(([k]) => !keep.has(k as DeckSection)).map(([, t]) => t!), tx.noSupport],
  };
}

/**
 * main builds a deck from a report JSON file (as GET /api/v1/accounts/{id}/qbr
 * returns it) and writes the .pptx; the language is the report's own unless
 * --lang names another. It returns the process exit code.
 */
export async function main(args: string[]): Promise<number> {
  const rest: string[] = [];
  let lang = '';
  let expect = '';
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--expect') expect = args[++i] ?? '';
    else if (a === '--lang') lang = args[++i] ?? '';
    else if (a.startsWith('--lang=')) lang = a.slice(7);
    else rest.push(a);
  }
  const [input, output] = rest;
  if (!input || !output || (lang && !['en', 'ru', 'pl'].includes(lang))) {
    console.error(USAGE);
    return 2;
  }
  let report: DeckReport;
  try {
    report = JSON.parse(readFileSync(input, 'utf8')) as DeckReport;
  } catch (err) {
    console.error(`cannot read ${input}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  if (!report?.account || !report.computed || !report.edited || !report.value) {
    console.error(`${input} is not a QBR report (GET /api/v1/accounts/{id}/qbr?quarter=…)`);
    return 1;
  }
  const bytes = await deckBytes(report, report.brand, lang || report.language || 'en');
  writeFileSync(output, bytes);
  if (expect) writeFileSync(expect, JSON.stringify(expectations(report, lang || report.language || 'en'), null, 2));
  console.log(`wrote ${output} (${bytes.length} bytes)`);
  return 0;
}
