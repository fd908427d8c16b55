import type { components } from './schema';

type Schemas = components['schemas'];

export type Account = Schemas['Account'];
export type AccountInput = Schemas['AccountInput'];
export type AccountList = Schemas['AccountList'];
export type Contact = Schemas['Contact'];
export type ContactInput = Schemas['ContactInput'];
export type ContactList = Schemas['ContactList'];
export type Facets = Schemas['Facets'];
export type Summary = Schemas['Summary'];
export type Health = Schemas['Health'];
export type SystemInfo = Schemas['System'];
export type DemoResult = Schemas['DemoResult'];

export type AccountStatus = Account['status'];
export type Segment = Account['segment'];
export type ContactRole = Contact['role'];

export const STATUSES = ['trial', 'onboarding', 'active', 'churned'] as const satisfies readonly AccountStatus[];
export const SEGMENTS = ['smb', 'mid_market', 'enterprise'] as const satisfies readonly Segment[];
export const ROLES = ['champion', 'decision_maker', 'user', 'billing'] as const satisfies readonly ContactRole[];

/** AccountFilter narrows the account list; empty values do not filter. */
export interface AccountFilter {
  q?: string;
  status?: AccountStatus;
  owner?: string;
  segment?: Segment;
  health?: 'good' | 'average' | 'poor';
  crm_source?: string;
  external_id?: string;
}

/** PageQuery selects a sorted page: sort is a field name, `-` prefix for descending. */
export interface PageQuery {
  limit?: number;
  offset?: number;
  sort?: string;
}
