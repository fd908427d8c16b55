import { client, unwrap } from './client';
import type { Account, AccountFilter, AccountInput, AccountList, Facets, PageQuery } from './types';

function clean<T extends object>(q: T): T {
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '' && v !== null)) as T;
}

/** listAccounts fetches one sorted, filtered page of accounts. */
export function listAccounts(query: AccountFilter & PageQuery = {}): Promise<AccountList> {
  return unwrap(client.GET('/api/v1/accounts', { params: { query: clean(query) } }));
}

/** getAccount fetches one account. */
export function getAccount(id: number): Promise<Account> {
  return unwrap(client.GET('/api/v1/accounts/{id}', { params: { path: { id } } }));
}

/** createAccount creates an account; 422 carries per-field messages. */
export function createAccount(input: AccountInput): Promise<Account> {
  return unwrap(client.POST('/api/v1/accounts', { body: input }));
}

/** updateAccount replaces an account's fields. */
export function updateAccount(id: number, input: AccountInput): Promise<Account> {
  return unwrap(client.PUT('/api/v1/accounts/{id}', { params: { path: { id } }, body: input }));
}

/** deleteAccount deletes an account with its contacts and history. */
export async function deleteAccount(id: number): Promise<void> {
  await unwrap(client.DELETE('/api/v1/accounts/{id}', { params: { path: { id } } }));
}

/** facets fetches the values the list filters offer. */
export function facets(): Promise<Facets> {
  return unwrap(client.GET('/api/v1/accounts/facets'));
}

/** exportAccountsCsv downloads the whole filtered list as CSV text. */
export function exportAccountsCsv(filter: AccountFilter = {}): Promise<string> {
  return unwrap(
    client.GET('/api/v1/accounts/export', {
      params: { query: clean({ format: 'csv' as const, ...filter }) },
      parseAs: 'text',
    }),
  ) as Promise<string>;
}
