import { client, unwrap } from './client';
import type { components } from './schema';

type S = components['schemas'];
export type Task = S['PlaybooksTask'];

/** tasks lists tasks: open and due by a day, or all. */
export function tasks(q: { status?: 'open' | 'done' | 'snoozed' | 'all'; owner?: string; due_by?: string; account_id?: number; limit?: number }) {
  return unwrap(client.GET('/api/v1/tasks', { params: { query: Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '')) } }));
}

/** updateTask marks a task done or open, snoozes it or reassigns it. */
export function updateTask(id: number, body: { status?: 'open' | 'done' | 'snoozed'; snoozed_until?: string; owner?: string }) {
  return unwrap(client.PATCH('/api/v1/tasks/{id}', { params: { path: { id } }, body }));
}

/** evaluateTriggers runs every trigger now. */
export function evaluateTriggers() {
  return unwrap(client.POST('/api/v1/triggers/evaluate', { body: {} }));
}

/** recentFirings lists the latest trigger occurrences. */
export function recentFirings() {
  return unwrap(client.GET('/api/v1/triggers/recent'));
}
