import { client, unwrap } from './client';
import type { components } from './schema';

type S = components['schemas'];
export type AccountHealth = S['HealthAccountHealth'];
export type HealthPart = S['HealthPart'];
export type HealthScore = S['HealthScore'];
export type HealthSettings = S['HealthSettings'];
export type HealthModel = S['HealthModel'];
export type HealthComponent = S['HealthComponent'];
export type EngagementSettings = S['EngagementSettings'];
export type RecomputeResult = S['HealthRecomputeResult'];
export type HealthOverview = S['HealthOverview'];
export type AtRisk = S['HealthAtRisk'];
export type NpsInput = S['NpsInput'];
export type NpsSummary = S['NpsSummary'];
export type NpsPoint = S['HealthNPSPoint'];
export type Playbook = S['PlaybooksPlaybook'];
export type PlaybookAction = S['PlaybooksAction'];
export type UsageInput = S['UsageSnapshotInput'];

export type HealthClass = HealthScore['class'];
export type ComponentKey = HealthComponent['key'];
export type TrendClass = S['EngagementTrend']['class'];
export type Trigger = Playbook['trigger'];
export type ActionKind = PlaybookAction['kind'];

export const HEALTH_CLASSES = ['good', 'average', 'poor'] as const satisfies readonly HealthClass[];
export const COMPONENT_KEYS = ['engagement_trend', 'login_recency', 'seat_utilisation', 'nps', 'payment', 'csm_sentiment'] as const satisfies readonly ComponentKey[];
export const ACTION_KINDS = ['call', 'email', 'meeting', 'task'] as const satisfies readonly ActionKind[];
export const TRIGGERS = [
  'no_login',
  'usage_drop',
  'nps_detractor',
  'health_poor',
  'payment_overdue',
  'card_expiring',
  'renewal_due',
  'onboarding',
  'anniversary',
  'risk_rose',
] as const satisfies readonly Trigger[];

/** accountHealth fetches an account's live score, breakdown, history, usage and NPS answers. */
export function accountHealth(id: number) {
  return unwrap(client.GET('/api/v1/accounts/{id}/health', { params: { path: { id } } }));
}

/** healthModel fetches the health model and the engagement-trend settings. */
export function healthModel() {
  return unwrap(client.GET('/api/v1/health-model'));
}

/** saveHealthModel replaces the model; the server rescores every account for this week. */
export function saveHealthModel(settings: HealthSettings) {
  return unwrap(client.PUT('/api/v1/health-model', { body: settings }));
}

/** recomputeHealth rescores every live account as of a day (today when omitted). */
export function recomputeHealth(asOf?: string) {
  return unwrap(client.POST('/api/v1/health/recompute', { body: asOf ? { as_of: asOf } : {} }));
}

/** healthOverview fetches the portfolio's health bands, MRR at risk and at-risk accounts. */
export function healthOverview() {
  return unwrap(client.GET('/api/v1/health/overview'));
}

/** saveUsage upserts weekly usage snapshots. */
export function saveUsage(items: UsageInput[]) {
  return unwrap(client.PUT('/api/v1/usage', { body: { items } }));
}

/** addNps records an NPS answer for an account. */
export function addNps(accountId: number, input: NpsInput) {
  return unwrap(client.POST('/api/v1/accounts/{id}/nps', { params: { path: { id: accountId } }, body: input }));
}

/** npsSummary fetches NPS for a period, for everyone or one account. */
export function npsSummary(q: { from?: string; to?: string; account_id?: number } = {}) {
  const query = Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '')) as typeof q;
  return unwrap(client.GET('/api/v1/nps', { params: { query } }));
}

/** deleteNps deletes an NPS answer. */
export async function deleteNps(id: number): Promise<void> {
  await unwrap(client.DELETE('/api/v1/nps/{id}', { params: { path: { id } } }));
}

/** listPlaybooks fetches every trigger's playbook. */
export function listPlaybooks() {
  return unwrap(client.GET('/api/v1/playbooks'));
}

/** savePlaybook replaces one trigger's playbook. */
export function savePlaybook(p: Playbook) {
  return unwrap(client.PUT('/api/v1/playbooks/{trigger}', { params: { path: { trigger: p.trigger } }, body: p }));
}
