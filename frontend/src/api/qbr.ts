import { apiFetch, client, unwrap } from './client';
import type { components } from './schema';
import { ApiError } from './errors';

type S = components['schemas'];
export type QbrReport = S['QbrReport'];
export type QbrEdited = S['QbrEdited'];
export type QbrSaveInput = S['QbrSaveInput'];
export type QbrBrand = S['QbrBrand'];
export type QbrDueList = S['QbrDueList'];
export type QbrDueLine = S['QbrDueLine'];
export type QbrGoal = S['QbrGoal'];
export type QbrKPI = S['QbrKPI'];
export type QbrExperiment = S['QbrExperiment'];
export type QbrExperimentKPI = S['QbrExperimentKPI'];
export type QbrStatus = QbrDueLine['status'];

/** QbrDueQuery selects a quarter and a page of its QBRs. */
export interface QbrDueQuery {
  quarter?: string;
  status?: QbrStatus;
  limit?: number;
  offset?: number;
}

const clean = <T extends object>(q: T): T =>
  Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '' && v !== null)) as T;

/** listDue lists the accounts whose QBR is due in a quarter, biggest MRR first. */
export function listDue(q: QbrDueQuery) {
  return unwrap(client.GET('/api/v1/qbr', { params: { query: clean(q) } }));
}

/**
 * getReport fetches an account's QBR for a quarter: computed and edited
 * sections; lang is the language of the draft when nothing is saved yet.
 */
export function getReport(accountId: number, quarter: string, lang?: 'en' | 'ru' | 'pl') {
  return unwrap(client.GET('/api/v1/accounts/{id}/qbr', { params: { path: { id: accountId }, query: lang ? { quarter, lang } : { quarter } } }));
}

/** saveReport stores the edited sections as draft or final. */
export function saveReport(accountId: number, quarter: string, input: QbrSaveInput) {
  return unwrap(client.PUT('/api/v1/accounts/{id}/qbr', { params: { path: { id: accountId }, query: { quarter } }, body: input }));
}

/** getBrand fetches the team's name, colour and logo. */
export function getBrand() {
  return unwrap(client.GET('/api/v1/settings/brand'));
}

/** saveBrand replaces the team's name, colour and logo. */
export function saveBrand(brand: QbrBrand) {
  return unwrap(client.PUT('/api/v1/settings/brand', { body: brand }));
}

async function failed(res: Response): Promise<never> {
  const body = (await res.json().catch(() => null)) as { code?: string; message?: string; fields?: Record<string, string> } | null;
  throw new ApiError(res.status, body?.code ?? 'http_' + res.status, body?.message ?? res.statusText, body?.fields ?? {});
}

/** downloadReport fetches the server-rendered PDF or Markdown of a QBR; internal adds the sections for the team only. */
export async function downloadReport(accountId: number, quarter: string, format: 'pdf' | 'md', internal = false): Promise<Blob> {
  const params = new URLSearchParams({ quarter, format });
  if (internal) params.set('internal', 'true');
  let res: Response;
  try {
    res = await apiFetch(`/api/v1/accounts/${accountId}/qbr?${params.toString()}`);
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : String(err));
  }
  if (!res.ok) return failed(res);
  return res.blob();
}

/** Progress is how much of a download has arrived; total is 0 when unknown. */
export interface Progress {
  loaded: number;
  total: number;
}

/**
 * downloadBatch fetches every QBR of the quarter as PDFs in one ZIP,
 * reporting progress as the bytes arrive.
 */
export async function downloadBatch(quarter: string, onProgress: (p: Progress) => void, signal?: AbortSignal): Promise<Blob> {
  let res: Response;
  try {
    res = await apiFetch(`/api/v1/qbr/batch?${new URLSearchParams({ quarter }).toString()}`, { signal });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiError(0, 'network', err instanceof Error ? err.message : String(err));
  }
  if (!res.ok) return failed(res);
  const total = Number(res.headers.get('Content-Length') ?? 0) || 0;
  if (!res.body) {
    const blob = await res.blob();
    onProgress({ loaded: blob.size, total: blob.size });
    return blob;
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  onProgress({ loaded, total });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    onProgress({ loaded, total });
  }
  return new Blob(chunks as BlobPart[], { type: res.headers.get('Content-Type') ?? 'application/zip' });
}
