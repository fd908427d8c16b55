import { apiFetch, authHeaders, client, unwrap, UNAUTHORIZED_EVENT } from './client';
import type { components } from './schema';
import { ApiError } from './errors';

type S = components['schemas'];
export type Catalog = S['ImporterCatalog'];
export type KindFields = S['ImporterKindFields'];
export type PresetInfo = S['ImporterPresetInfo'];
export type Preview = S['ImporterPreview'];
export type ImportReport = S['ImporterReport'];
export type RowError = S['ImporterRowError'];
export type ImportRun = S['ImporterRun'];
export type SavedMapping = S['ImporterSavedMapping'];
export type MappingInput = S['ImporterMappingInput'];
export type Token = S['TokensToken'];
export type CreatedToken = S['TokensCreated'];
export type TokenInput = S['TokensInput'];
export type SecretsView = S['SecretsView'];
export type SecretsPatch = S['SecretsPatch'];

export type ImportKind = KindFields['kind'];
export type PresetName = PresetInfo['name'];
export type AccountKey = NonNullable<MappingInput['account_key']>;

export const KINDS: readonly ImportKind[] = ['accounts', 'contacts', 'usage', 'nps', 'churn'];
export const PRESETS: readonly PresetName[] = ['hubspot', 'salesforce', 'pipedrive', 'stripe', 'generic'];
export const ACCOUNT_KEYS: readonly AccountKey[] = ['external_id', 'domain', 'name', 'id'];

/** ImportOptions are the options part of an import request. */
export interface ImportOptions {
  preset: PresetName;
  mapping: Record<string, string>;
  account_key?: AccountKey;
  dry_run: boolean;
  file_name?: string;
  /** Accounts only: all (default) or valid (write the valid rows, return the rejected ones). */
  mode?: ImportMode;
  /** Accounts only: how rows find existing accounts. */
  match?: MatchRule;
  /** The currency of amounts when the file has no currency column. */
  currency?: string;
  /** Value tables (field → code → stored value), e.g. from a saved mapping. */
  values?: Record<string, Record<string, string>>;
}

export type ImportMode = 'all' | 'valid';
export type MatchRule = 'external_id' | 'domain' | 'name';
export const MATCH_RULES: readonly MatchRule[] = ['external_id', 'domain', 'name'];
export type ImportWarning = S['ImporterWarning'];

/** undoImport reverts an accounts import; a 409 names what blocks it. */
export function undoImport(id: number) {
  return unwrap(client.POST('/api/v1/imports/{id}/undo', { params: { path: { id } } }));
}

/** getCatalog fetches each kind's fields and each preset's column mapping. */
export function getCatalog() {
  return unwrap(client.GET('/api/v1/import-presets'));
}

/** INSPECT_BYTES is how much of a file is sent to detect its header. */
export const INSPECT_BYTES = 256 * 1024;

async function readJSON(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

function toError(status: number, statusText: string, body: unknown): ApiError {
  if (status === 401 && typeof window !== 'undefined') window.dispatchEvent(new CustomEvent(UNAUTHORIZED_EVENT));
  if (body && typeof body === 'object' && 'code' in body && 'message' in body) {
    const b = body as { code: string; message: string; fields?: Record<string, string> };
    return new ApiError(status, b.code, b.message, b.fields ?? {});
  }
  return new ApiError(status, 'http_' + status, statusText || 'Request failed');
}

/** inspectFile detects a file's encoding, delimiter and header from its start. */
export async function inspectFile(file: Blob): Promise<Preview> {
  const form = new FormData();
  const partial = file.size > INSPECT_BYTES;
  form.append('file', partial ? file.slice(0, INSPECT_BYTES) : file, 'head.csv');
  form.append('partial', String(partial));
  let res: Response;
  try {
    res = await apiFetch('/api/v1/import-inspect', { method: 'POST', body: form });
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : String(err));
  }
  const body = await readJSON(res);
  if (!res.ok) throw toError(res.status, res.statusText, body);
  return body as Preview;
}

function isReport(v: unknown): v is ImportReport {
  return typeof v === 'object' && v !== null && 'kind' in v && 'errors' in v && 'rows' in v;
}

/**
 * runImport uploads a file for a dry run or an import. onProgress receives
 * the uploaded fraction (0…1). A report with bad rows is returned, not thrown.
 */
export function runImport(kind: ImportKind, file: File, options: ImportOptions, onProgress?: (fraction: number) => void): Promise<ImportReport> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${window.location.origin}/api/v1/import/${kind}`);
    for (const [k, v] of Object.entries(authHeaders())) xhr.setRequestHeader(k, v);
    xhr.responseType = 'text';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(e.total > 0 ? e.loaded / e.total : 1);
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      if ((xhr.status >= 200 && xhr.status < 300) || (xhr.status === 422 && isReport(body))) resolve(body as ImportReport);
      else reject(toError(xhr.status, xhr.statusText, body));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'The server could not be reached.'));
    const form = new FormData();
    form.append('file', file, file.name);
    form.append('options', JSON.stringify({ ...options, file_name: options.file_name ?? file.name }));
    xhr.send(form);
  });
}

/** listImports fetches the import history, newest first. */
export function listImports() {
  return unwrap(client.GET('/api/v1/imports'));
}

/** listMappings fetches the saved column mappings. */
export function listMappings() {
  return unwrap(client.GET('/api/v1/import-mappings'));
}

/** saveMapping stores a mapping by name (replacing one of the same name and kind). */
export function saveMapping(input: MappingInput) {
  return unwrap(client.POST('/api/v1/import-mappings', { body: input }));
}

/** deleteMapping forgets a saved mapping. */
export function deleteMapping(id: number) {
  return unwrap(client.DELETE('/api/v1/import-mappings/{id}', { params: { path: { id } } }));
}

/** listTokens fetches the API tokens (never their secrets). */
export function listTokens() {
  return unwrap(client.GET('/api/v1/tokens'));
}

/** createToken creates a token; the answer holds its secret, shown once. */
export function createToken(input: TokenInput) {
  return unwrap(client.POST('/api/v1/tokens', { body: input }));
}

/** revokeToken revokes a token for good. */
export function revokeToken(id: number) {
  return unwrap(client.DELETE('/api/v1/tokens/{id}', { params: { path: { id } } }));
}

/** getWebhookSecrets tells which webhook secrets are set. */
export function getWebhookSecrets() {
  return unwrap(client.GET('/api/v1/settings/webhooks'));
}

/** patchWebhookSecrets replaces one secret and keeps the other. */
export function patchWebhookSecrets(patch: SecretsPatch) {
  return unwrap(client.PATCH('/api/v1/settings/webhooks', { body: patch }));
}
