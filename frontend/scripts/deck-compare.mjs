// deck-compare checks that a deck and the server's document (both read back
// with pdftotext -layout) tell the same story: the section titles in the same
// order, every value KPI's formatted numbers and verdict, and no placeholder
// text. Usage: node deck-compare.mjs expect.json deck.txt doc-layout.txt doc-raw.txt label
// (the document's layout text gives its headings, its raw text the table cells).
import { readFileSync } from 'node:fs';

const [expectFile, deckFile, docFile, docRawFile, label] = process.argv.slice(2);
const want = JSON.parse(readFileSync(expectFile, 'utf8'));
const flat = (s) => s.replace(/\s+/g, ' ');
const deck = readFileSync(deckFile, 'utf8');
const doc = readFileSync(docFile, 'utf8');
const docRaw = readFileSync(docRawFile, 'utf8');
let fail = 0;
const check = (ok, what) => {
  console[ok ? 'log' : 'error'](`${ok ? 'ok  ' : 'MISS'} [${label}] ${what}`);
  if (!ok) fail = 1;
};

// The deck: each slide after the title and the agenda starts with its section's title.
const deckTitles = deck
  .split('\f')
  .slice(2)
  .map((page) => page.split('\n').map((l) => l.trim()).find(Boolean) ?? '')
  .filter((l) => l);
// The document: headings are lines that are exactly a section title.
const docTitles = doc
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => want.allTitles.includes(l));
// A long title may wrap on its slide: its first line is the start of the title.
const firstWords = (titles) => titles.map((t) => want.allTitles.find((a) => t.startsWith(a) || a.startsWith(t)) ?? t);
check(JSON.stringify(firstWords(deckTitles)) === JSON.stringify(want.titles), `deck sections in order: ${firstWords(deckTitles).join(' | ')}`);
check(JSON.stringify(docTitles) === JSON.stringify(want.titles), `document sections in order: ${docTitles.join(' | ')}`);
for (const k of want.kpis) {
  check(flat(deck).includes(flat(k)), `deck shows ${k}`);
  check(flat(docRaw).includes(flat(k)), `document shows ${k}`);
}
for (const p of want.placeholders) {
  check(!flat(deck).includes(p) && !flat(docRaw).includes(p), `no placeholder “${p}”`);
}
process.exit(fail);
