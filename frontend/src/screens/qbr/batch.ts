import JSZip from 'jszip';

/** BatchLine is one account's result in a batch export. */
export interface BatchLine {
  accountId: number;
  name: string;
  file: string;
  error: string;
}

/** parseResults reads the batch ZIP's results.txt: account id, name, file, error, tab-separated. */
export function parseResults(text: string): BatchLine[] {
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [id = '', name = '', file = '', ...error] = l.split('\t');
      return { accountId: Number(id), name, file, error: error.join('\t').trim() };
    });
}

/**
 * readBatch opens a batch ZIP and returns its per-account results; an account
 * whose file is missing from the ZIP counts as failed.
 */
export async function readBatch(zip: Blob | ArrayBuffer | Uint8Array): Promise<BatchLine[]> {
  const z = await JSZip.loadAsync(zip);
  const results = z.file('results.txt');
  if (!results) return [];
  return parseResults(await results.async('string')).map((l) => (l.error || (l.file && z.file(l.file)) ? l : { ...l, error: l.error || 'missing' }));
}

/** formatBytes writes a size as "1.2 MB" in the given locale. */
export function formatBytes(n: number, lang: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${new Intl.NumberFormat(lang, { maximumFractionDigits: i === 0 ? 0 : 1 }).format(v)} ${units[i]}`;
}
