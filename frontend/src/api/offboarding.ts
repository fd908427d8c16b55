import { apiFetch, client, unwrap } from './client';
import type { components } from './schema';
import { ApiError } from './errors';

type S = components['schemas'];
export type OffboardingBoard = S['OffboardingBoard'];
export type OffboardingSummary = S['OffboardingSummary'];
export type OffboardingChecklist = S['OffboardingChecklist'];
export type OffboardingItem = S['OffboardingItem'];
export type OffboardingItemInput = S['OffboardingItemInput'];
export type OffboardingItemUpdate = S['OffboardingItemUpdate'];
export type OffboardingIntentInput = S['OffboardingIntentInput'];
export type OffboardingLetter = S['OffboardingLetter'];
export type OffboardingSettings = S['OffboardingSettings'];
export type OffboardingTemplate = S['OffboardingTemplate'];
export type OffboardingItemTemplate = S['OffboardingItemTemplate'];
export type OffboardingText = S['OffboardingText'];
export type OffboardingProgress = S['OffboardingProgress'];
export type OwnerRole = OffboardingItemInput['owner_role'];
export type LetterLang = OffboardingChecklist['language'];

/** OWNER_ROLES are the roles a checklist step can belong to. */
export const OWNER_ROLES = ['csm', 'finance', 'support', 'founder'] as const satisfies readonly OwnerRole[];
/** LETTER_LANGS are the languages checklists and letters are written in. */
export const LETTER_LANGS = ['en', 'ru', 'pl'] as const satisfies readonly LetterLang[];

/** BoardQuery filters the offboarding board. */
export interface BoardQuery {
  status?: 'open' | 'done' | 'all';
  owner?: string;
  account_id?: number;
  limit?: number;
  offset?: number;
}

const clean = <T extends object>(q: T): T =>
  Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '' && v !== null)) as T;

/** listOffboarding fetches one page of the board: checklists with progress, overdue first. */
export function listOffboarding(q: BoardQuery) {
  return unwrap(client.GET('/api/v1/offboarding', { params: { query: clean(q) } }));
}

/** getChecklist fetches one checklist with its steps. */
export function getChecklist(id: number) {
  return unwrap(client.GET('/api/v1/offboarding/{id}', { params: { path: { id }, query: { format: 'json' } } }));
}

/** addItem appends a step to a checklist and returns the checklist. */
export function addItem(checklistId: number, input: OffboardingItemInput) {
  return unwrap(client.POST('/api/v1/offboarding/{id}/items', { params: { path: { id: checklistId } }, body: input }));
}

/** updateItem ticks, reassigns, annotates or reschedules a step and returns the checklist. */
export function updateItem(itemId: number, update: OffboardingItemUpdate) {
  return unwrap(client.PATCH('/api/v1/offboarding/items/{id}', { params: { path: { id: itemId } }, body: update }));
}

/** deleteItem removes a step and returns the checklist. */
export function deleteItem(itemId: number) {
  return unwrap(client.DELETE('/api/v1/offboarding/items/{id}', { params: { path: { id: itemId } } }));
}

/** farewellLetter drafts the farewell letter, by default in the checklist's language. */
export function farewellLetter(checklistId: number, lang?: LetterLang, exportLink?: string) {
  return unwrap(
    client.GET('/api/v1/offboarding/{id}/letter', { params: { path: { id: checklistId }, query: clean({ lang, export_link: exportLink }) } }),
  );
}

/** openIntent opens a checklist because a live account's customer intends to leave. */
export function openIntent(accountId: number, input: OffboardingIntentInput) {
  return unwrap(client.POST('/api/v1/accounts/{id}/offboarding', { params: { path: { id: accountId } }, body: input }));
}

/** offboardingSettings fetches the checklist templates and the farewell letter. */
export function offboardingSettings() {
  return unwrap(client.GET('/api/v1/offboarding-settings'));
}

/** saveOffboardingSettings replaces the checklist templates and the farewell letter. */
export function saveOffboardingSettings(set: OffboardingSettings) {
  return unwrap(client.PUT('/api/v1/offboarding-settings', { body: set }));
}

async function blobOf(path: string): Promise<Blob> {
  const res = await apiFetch(path);
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { code?: string; message?: string; fields?: Record<string, string> } | null;
    throw new ApiError(res.status, body?.code ?? 'http_' + res.status, body?.message ?? res.statusText, body?.fields ?? {});
  }
  return res.blob();
}

/** exportChecklist downloads a checklist as PDF or Markdown. */
export function exportChecklist(id: number, format: 'pdf' | 'md'): Promise<Blob> {
  return blobOf(`/api/v1/offboarding/${encodeURIComponent(String(id))}?format=${format}`);
}

/** exportAccountData downloads the ZIP of everything stored about an account. */
export function exportAccountData(accountId: number): Promise<Blob> {
  return blobOf(`/api/v1/accounts/${encodeURIComponent(String(accountId))}/data-export`);
}
