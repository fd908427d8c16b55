import { client, unwrap } from './client';
import type { Contact, ContactInput, ContactList, PageQuery } from './types';

/** listContacts fetches one page of an account's contacts. */
export function listContacts(accountId: number, query: PageQuery & { q?: string } = {}): Promise<ContactList> {
  return unwrap(client.GET('/api/v1/accounts/{id}/contacts', { params: { path: { id: accountId }, query } }));
}

/** createContact adds a contact to an account. */
export function createContact(accountId: number, input: ContactInput): Promise<Contact> {
  return unwrap(client.POST('/api/v1/accounts/{id}/contacts', { params: { path: { id: accountId } }, body: input }));
}

/** updateContact replaces a contact's fields. */
export function updateContact(id: number, input: ContactInput): Promise<Contact> {
  return unwrap(client.PUT('/api/v1/contacts/{id}', { params: { path: { id } }, body: input }));
}

/** deleteContact deletes a contact. */
export async function deleteContact(id: number): Promise<void> {
  await unwrap(client.DELETE('/api/v1/contacts/{id}', { params: { path: { id } } }));
}
