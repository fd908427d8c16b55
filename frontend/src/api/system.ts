import { client, unwrap } from './client';
import type { DemoResult, SystemInfo, Summary } from './types';

/** health reports the backend's status, database engine and version. */
export function health(): Promise<SystemInfo> {
  return unwrap(client.GET('/api/v1/system'));
}

/** summary fetches the dashboard's portfolio counts. */
export function summary(): Promise<Summary> {
  return unwrap(client.GET('/api/v1/summary'));
}

/** loadDemo fills an empty database with the sample portfolio. */
export function loadDemo(accounts = 200, seed = 1): Promise<DemoResult> {
  return unwrap(client.POST('/api/v1/demo', { body: { accounts, seed } }));
}

/** timeZone fetches the team's time zone, the machine's default and today in it. */
export function timeZone() {
  return unwrap(client.GET('/api/v1/settings/time-zone'));
}

/** saveTimeZone chooses the team's time zone (an IANA name such as Europe/Warsaw). */
export function saveTimeZone(zone: string) {
  return unwrap(client.PUT('/api/v1/settings/time-zone', { body: { zone } }));
}
