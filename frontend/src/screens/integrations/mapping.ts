import type { Catalog, ImportKind, PresetName, SavedMapping } from '../../api/integrations';

/** Mapping says which of the file's columns holds each ChurnDesk field ('' = none). */
export type Mapping = Record<string, string>;

/** fieldsOf lists a kind's fields, required first. */
export function fieldsOf(catalog: Catalog | undefined, kind: ImportKind): { field: string; required: boolean }[] {
  const k = catalog?.kinds.find((x) => x.kind === kind);
  if (!k) return [];
  return [...k.required.map((field) => ({ field, required: true })), ...k.optional.map((field) => ({ field, required: false }))];
}

/** presetMapping is the column a preset reads for each field of a kind. */
export function presetMapping(catalog: Catalog | undefined, preset: PresetName, kind: ImportKind): Mapping {
  return { ...(catalog?.presets.find((p) => p.name === preset)?.mappings[kind] ?? {}) };
}

/** normalise makes headers comparable: lower case, letters and digits only. */
export function normalise(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/[^a-z0-9\u0400-\u04ff]+/g, '');
}

/** Words people put in headers for each field, beyond the field's own name. */
const SYNONYMS: Record<string, string[]> = {
  external_id: ['id', 'externalid', 'recordid', 'customerid', 'accountid', 'crmid'],
  name: ['name', 'company', 'companyname', 'accountname', 'organization', 'organisation', 'customer', 'firma', 'nazwa', 'компания', 'название'],
  domain: ['domain', 'website', 'web', 'url', 'domena', 'домен', 'сайт'],
  mrr: ['mrr', 'monthlyrevenue', 'amount'],
  currency: ['currency', 'waluta', 'валюта'],
  seats: ['seats', 'users', 'licenses', 'quantity'],
  owner: ['owner', 'csm', 'accountowner', 'companyowner'],
  account: ['account', 'accountid', 'company', 'domain', 'customer'],
  email: ['email', 'emailaddress', 'mail'],
  week_start: ['week', 'weekstart', 'weekof'],
  active_users: ['activeusers', 'users', 'wau'],
  score: ['score', 'nps', 'npsscore', 'rating'],
  responded_on: ['date', 'respondedon', 'responsedate', 'submittedat'],
  churn_date: ['churndate', 'cancelledon', 'canceledat', 'enddate'],
  comment: ['comment', 'feedback', 'reason'],
};

/**
 * autoMap fills a mapping for a file's header: the preset's column when the
 * file has it, otherwise a column whose name matches the field. Each column
 * is used once.
 */
export function autoMap(header: string[], fields: string[], preset: Mapping): Mapping {
  const byNorm = new Map<string, string>();
  for (const h of header) if (!byNorm.has(normalise(h))) byNorm.set(normalise(h), h);
  const used = new Set<string>();
  const out: Mapping = {};
  for (const f of fields) {
    const p = preset[f];
    const col = p ? byNorm.get(normalise(p)) : undefined;
    if (col && !used.has(col)) {
      out[f] = col;
      used.add(col);
    } else out[f] = '';
  }
  for (const f of fields) {
    if (out[f]) continue;
    for (const cand of [normalise(f), ...(SYNONYMS[f] ?? [])]) {
      const col = byNorm.get(cand);
      if (col && !used.has(col)) {
        out[f] = col;
        used.add(col);
        break;
      }
    }
  }
  return out;
}

/** applySaved lays a saved mapping over a header: columns the file lacks stay empty. */
export function applySaved(header: string[], fields: string[], saved: Pick<SavedMapping, 'mapping'>): Mapping {
  const byNorm = new Map(header.map((h) => [normalise(h), h] as const));
  const out: Mapping = {};
  for (const f of fields) out[f] = byNorm.get(normalise(saved.mapping[f] ?? '')) ?? '';
  return out;
}

/** missingRequired lists required fields no column is chosen for. */
export function missingRequired(mapping: Mapping, fields: { field: string; required: boolean }[]): string[] {
  return fields.filter((f) => f.required && !mapping[f.field]).map((f) => f.field);
}

/** duplicateColumns lists columns chosen for more than one field. */
export function duplicateColumns(mapping: Mapping): string[] {
  const seen = new Map<string, number>();
  for (const col of Object.values(mapping)) if (col) seen.set(col, (seen.get(col) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([c]) => c);
}

/**
 * requestMapping is the mapping to send: every field of the kind, '' for the
 * ones left empty so that a preset's column the user cleared is not read.
 */
export function requestMapping(mapping: Mapping, fields: string[]): Mapping {
  const out: Mapping = {};
  for (const f of fields) out[f] = mapping[f] ?? '';
  return out;
}

/** savableMapping keeps only the chosen columns, for saving by name. */
export function savableMapping(mapping: Mapping): Mapping {
  return Object.fromEntries(Object.entries(mapping).filter(([, c]) => c));
}

/** sampleOf returns the first sample value of a column, for showing next to the choice. */
export function sampleOf(header: string[], sample: string[][], column: string): string {
  const i = header.indexOf(column);
  if (i < 0) return '';
  for (const row of sample) if (row[i]?.trim()) return row[i]!.trim();
  return '';
}

/** mappingFieldErrors picks the server's "mapping.<field>" errors, by field. */
export function mappingFieldErrors(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) if (k.startsWith('mapping.')) out[k.slice('mapping.'.length)] = v;
  return out;
}
