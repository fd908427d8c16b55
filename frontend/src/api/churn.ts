import { apiFetch, client, unwrap } from './client';
import type { components } from './schema';
import { ApiError } from './errors';

type S = components['schemas'];
export type ChurnRecord = S['ChurnRecord'];
export type ChurnInput = S['ChurnInput'];
export type ChurnSettings = S['ChurnSettings'];
export type Metrics = S['RetentionMetrics'];
export type Figure = S['RetentionFigure'];
export type Curves = S['RetentionCurves'];
export type CohortTable = S['RetentionCohortTable'];
export type AuditEntry = S['ChurnAuditEntry'];
export type ChurnReason = S['ChurnReason'];
export type ChurnQuestion = S['ChurnQuestion'];
export type ChurnLabels = S['ChurnLabels'];
export type Slice = S['RetentionSlice'];
export type Members = S['RetentionMembers'];
export type CurvePoint = S['RetentionPoint'];
export type Revenue = S['RetentionRevenue'];
export type NpsFigure = S['NpsFigure'];

/** MemberSet names one of a period's customer sets behind a figure. */
export type MemberSet = 'start' | 'end' | 'new' | 'lost' | 'preventable' | 'unavoidable';
export const MEMBER_SETS: readonly MemberSet[] = ['start', 'end', 'new', 'lost', 'preventable', 'unavoidable'];

/** ChurnQuery filters the churn log. */
export interface ChurnQuery {
  q?: string;
  reason?: string;
  from?: string;
  to?: string;
  preventable?: 'true' | 'false';
  /** flags_differ keeps records whose preventable or voluntary flag differs from ('true') or follows ('false') their reason's default. */
  flags_differ?: 'true' | 'false';
  owner?: string;
  account_id?: number;
  limit?: number;
  offset?: number;
  sort?: string;
}

const clean = <T extends object>(q: T): T =>
  Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '' && v !== null)) as T;

/** listChurn fetches one page of the churn log. */
export function listChurn(q: ChurnQuery) {
  return unwrap(client.GET('/api/v1/churn-records', { params: { query: clean(q) } }));
}

/** getChurn fetches one churn record. */
export function getChurn(id: number) {
  return unwrap(client.GET('/api/v1/churn-records/{id}', { params: { path: { id } } }));
}

/** logChurn records an account's churn and exit interview. */
export function logChurn(accountId: number, input: ChurnInput) {
  return unwrap(client.POST('/api/v1/accounts/{id}/churn', { params: { path: { id: accountId } }, body: input }));
}

/** updateChurn replaces a churn record's fields. */
export function updateChurn(id: number, input: ChurnInput) {
  return unwrap(client.PUT('/api/v1/churn-records/{id}', { params: { path: { id } }, body: input }));
}

/** deleteChurn deletes a churn record. */
export async function deleteChurn(id: number): Promise<void> {
  await unwrap(client.DELETE('/api/v1/churn-records/{id}', { params: { path: { id } } }));
}

/** churnAudit fetches a record's audit trail. */
export function churnAudit(id: number) {
  return unwrap(client.GET('/api/v1/churn-records/{id}/audit', { params: { path: { id } } }));
}

/** reactivate brings a churned account back. */
export async function reactivate(accountId: number, date: string, mrr: number): Promise<void> {
  await unwrap(client.POST('/api/v1/accounts/{id}/reactivate', { params: { path: { id: accountId } }, body: { date, mrr } }));
}

/** churnSettings fetches the reason list and the exit-interview questions. */
export function churnSettings() {
  return unwrap(client.GET('/api/v1/churn-settings'));
}

/** PeriodQuery names a period and what is known as of. */
export interface PeriodQuery {
  from?: string;
  to?: string;
  as_of?: string;
}

/** metrics fetches the period's retention figures. */
export function metrics(q: PeriodQuery) {
  return unwrap(client.GET('/api/v1/metrics', { params: { query: clean(q) } }));
}

/** members lists the customers counted in a figure. */
export function members(q: PeriodQuery & { set: MemberSet }) {
  return unwrap(client.GET('/api/v1/metrics/members', { params: { query: clean({ ...q, limit: 200 }) } }));
}

/** retentionCurve fetches the Kaplan–Meier curve(s). */
export function retentionCurve(q: { as_of?: string; group_by?: 'segment' | 'plan' | 'channel' }) {
  return unwrap(client.GET('/api/v1/retention/curve', { params: { query: clean(q) } }));
}

/** cohorts fetches the monthly cohort table. */
export function cohorts(q: { as_of?: string }) {
  return unwrap(client.GET('/api/v1/retention/cohorts', { params: { query: clean(q) } }));
}

/** exportChurn downloads the filtered churn log as CSV or XLSX. */
export async function exportChurn(format: 'csv' | 'xlsx', q: ChurnQuery): Promise<Blob> {
  const params = new URLSearchParams(Object.entries(clean({ ...q, format })).map(([k, v]) => [k, String(v)]));
  const res = await apiFetch('/api/v1/churn-records/export?' + params.toString());
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { code?: string; message?: string; fields?: Record<string, string> } | null;
    throw new ApiError(res.status, body?.code ?? 'http_' + res.status, body?.message ?? res.statusText, body?.fields ?? {});
  }
  return res.blob();
}
