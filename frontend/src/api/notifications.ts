import { client, unwrap } from './client';
import type { components } from './schema';

type S = components['schemas'];
export type NotifySettings = S['NotifySettings'];
export type Endpoint = S['NotifyEndpoint'];
export type EndpointInput = S['NotifyEndpointInput'];
export type EndpointSaved = S['NotifyEndpointSaved'];
export type Delivery = S['NotifyDelivery'];
export type DeliveryList = S['NotifyDeliveryList'];
export type EventType = EndpointInput['events'][number];
export type MessageFormat = EndpointInput['format'];

/** EVENT_TYPES are the events an endpoint can take, in the order Settings lists them. */
export const EVENT_TYPES: readonly EventType[] = ['task.created', 'health.poor', 'churn.logged', 'referral.converted', 'digest'];

/** getNotifySettings returns the notification language and digest hour. */
export function getNotifySettings() {
  return unwrap(client.GET('/api/v1/settings/notifications'));
}

/** saveNotifySettings changes the notification language and digest hour. */
export function saveNotifySettings(body: NotifySettings) {
  return unwrap(client.PUT('/api/v1/settings/notifications', { body }));
}

/** listEndpoints lists the notification endpoints (never their secrets). */
export function listEndpoints() {
  return unwrap(client.GET('/api/v1/settings/notifications/endpoints'));
}

/** createEndpoint adds an endpoint; a generated secret comes back once. */
export function createEndpoint(body: EndpointInput) {
  return unwrap(client.POST('/api/v1/settings/notifications/endpoints', { body }));
}

/** updateEndpoint changes an endpoint; a rotated secret comes back once. */
export function updateEndpoint(id: number, body: EndpointInput) {
  return unwrap(client.PUT('/api/v1/settings/notifications/endpoints/{id}', { params: { path: { id } }, body }));
}

/** deleteEndpoint removes an endpoint and its delivery log. */
export async function deleteEndpoint(id: number) {
  await unwrap(client.DELETE('/api/v1/settings/notifications/endpoints/{id}', { params: { path: { id } } }));
}

/** sendTest sends a signed test message to an endpoint now. */
export function sendTest(id: number) {
  return unwrap(client.POST('/api/v1/settings/notifications/endpoints/{id}/test', { params: { path: { id } } }));
}

/** sendDigestNow queues today's digest at once. */
export function sendDigestNow() {
  return unwrap(client.POST('/api/v1/settings/notifications/digest'));
}

/** listDeliveries pages the delivery log, newest first. */
export function listDeliveries(query: { limit: number; offset: number; endpoint_id?: number; status?: Delivery['status'] }) {
  return unwrap(client.GET('/api/v1/settings/notifications/deliveries', { params: { query } }));
}
