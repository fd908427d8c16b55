import { readFileSync, writeFileSync } from 'node:fs';
import { deckBytes } from './build';
import type { DeckReport } from './types';

const USAGE = 'usage: npm run deck -- report.json out.pptx [--lang en|ru|pl]';

/**
 * main builds a deck from a report JSON file (as GET /api/v1/accounts/{id}/qbr
 * returns it) and writes the .pptx; the language is the report's own unless
 * --lang names another. It returns the process exit code.
 */
export async function main(args: string[]): Promise<number> {
  const rest: string[] = [];
  let lang = '';
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--lang') lang = args[++i] ?? '';
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
  console.log(`wrote ${output} (${bytes.length} bytes)`);
  return 0;
}
