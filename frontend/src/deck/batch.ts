import JSZip from 'jszip';
import { deckBytes } from './build';
import { qbrFileName } from './fileName';
import type { DeckReport } from './types';

/** DeckBatchSource is one account of a batch: its id and name, and how to get its report. */
export interface DeckBatchSource {
  id: number;
  name: string;
  report: () => Promise<DeckReport>;
}

/**
 * deckZip builds a customer-facing deck per account (in each report's own
 * language) into one ZIP, named by the one QBR file-name rule (two accounts
 * of one name are told apart by their id, as the server's PDF batch does),
 * with a results.txt line per account — id, name, file, error, tab-separated
 * — in the server's format. An account whose deck fails is listed, not fatal.
 * onProgress is told how many accounts are done.
 */
export async function deckZip(quarter: string, sources: DeckBatchSource[], onProgress?: (done: number) => void, signal?: AbortSignal): Promise<Uint8Array> {
  const zip = new JSZip();
  const used = new Set<string>();
  const results: string[] = [];
  let done = 0;
  for (const s of sources) {
    if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
    let file = qbrFileName({ id: s.id, name: s.name }, quarter, 'pptx');
    if (used.has(file)) file = qbrFileName({ id: s.id, name: `${s.name} ${s.id}` }, quarter, 'pptx');
    used.add(file);
    let error = '';
    try {
      const r = await s.report();
      zip.file(file, await deckBytes(r, r.brand, r.language), { binary: true });
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
      file = '';
    }
    results.push([s.id, s.name.replace(/[\t\n]/g, ' '), file, error.replace(/[\t\n]/g, ' ')].join('\t'));
    onProgress?.(++done);
  }
  zip.file('results.txt', results.join('\n') + '\n');
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
