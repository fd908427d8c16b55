import { client, unwrap } from './client';
import type { components } from './schema';

type S = components['schemas'];
export type Task = S['PlaybooksTask'];
export type Firing = S['PlaybooksFiring'];
export type TodayPage = S['PlaybooksTodayPage'];
export type TodayGroupKey = S['PlaybooksTodayGroup']['key'];

function defined<T extends object>(q: T): T {
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '' && v !== null)) as T;
}

/** tasks lists tasks: open and due by a day, or all. */
export function tasks(q: { status?: 'open' | 'done' | 'snoozed' | 'held' | 'all'; owner?: string; due_by?: string; account_id?: number; limit?: number; offset?: number }) {
  return unwrap(client.GET('/api/v1/tasks', { params: { query: defined(q) } }));
}

/** today reads one page of the Today inbox (one group, or all three) with every group's count. */
export function today(q: TodayQuery) {
  return unwrap(client.GET('/api/v1/today', { params: { query: defined(q) as never } }));
}

/** TodayQuery selects a page of the Today inbox. */
export interface TodayQuery {
  group?: TodayGroupKey;
  owner?: string;
  trigger?: string;
  account?: string;
  account_id?: number;
  limit?: number;
  offset?: number;
}

/** updateTask marks a task done or open, snoozes it or reassigns it. */
export function updateTask(id: number, body: { status?: 'open' | 'done' | 'snoozed'; snoozed_until?: string; owner?: string }) {
  return unwrap(client.PATCH('/api/v1/tasks/{id}', { params: { path: { id } }, body }));
}

/** evaluateTriggers runs every trigger now. */
export function evaluateTriggers() {
  return unwrap(client.POST('/api/v1/triggers/evaluate', { body: {} }));
}

/** recentFirings lists the latest trigger occurrences, every account's or one account's. */
export function recentFirings(q: { account_id?: number; limit?: number } = {}) {
  return unwrap(client.GET('/api/v1/triggers/recent', { params: { query: defined(q) } }));
}

/** owners lists every known owner: the team's members and the accounts' owners. */
export function owners() {
  return unwrap(client.GET('/api/v1/owners'));
}

/** team reads the team's members. */
export function team() {
  return unwrap(client.GET('/api/v1/settings/team'));
}

/** saveTeam replaces the team's members. */
export function saveTeam(members: string[]) {
  return unwrap(client.PUT('/api/v1/settings/team', { body: { members } }));
}
