import createClient from 'openapi-fetch';
import i18n from 'i18next';
import type { paths } from './schema';
import { ApiError } from './errors';

function origin(): string {
  if (typeof window !== 'undefined' && window.location && /^https?:|^wails:/.test(window.location.origin)) {
    return window.location.origin;
  }
  return 'http://localhost';
}

/** TOKEN_KEY and USER_KEY keep this browser's API token and the user's name. */
export const TOKEN_KEY = 'churndesk.token';
export const USER_KEY = 'churndesk.user';

function stored(key: string): string {
  try {
    return localStorage.getItem(key) ?? '';
  } catch {
    return '';
  }
}

/** CLIENT_HEADER marks calls from ChurnDesk's own pages; the server requires it on uploads. */
export const CLIENT_HEADER = 'X-ChurnDesk-Client';

/**
 * authHeaders are sent with every call: the API token for a shared server
 * (none is needed on this computer), the name the audit trail records and
 * the header a page on another web site cannot send without the server's
 * consent (which it never gives), so uploads are known to come from here,
 * and the interface language.
 */
export function authHeaders(): Record<string, string> {
  // The server writes task titles, reasons and documents in the app's language.
  const headers: Record<string, string> = { [CLIENT_HEADER]: 'app', 'Accept-Language': i18n.language || 'en' };
  const token = stored(TOKEN_KEY);
  const user = stored(USER_KEY);
  if (token) headers.Authorization = `Bearer ${token}`;
  // Header values must be ASCII: the name travels percent-encoded.
  if (user) headers['X-ChurnDesk-User'] = encodeURIComponent(user);
  return headers;
}

/**
 * client is the typed HTTP client of the ChurnDesk API. fetch is looked up at
 * call time so tests can replace it at the HTTP boundary.
 */
export const client = createClient<paths>({
  baseUrl: origin(),
  fetch: (req: Request) => {
    for (const [k, v] of Object.entries(authHeaders())) req.headers.set(k, v);
    return globalThis.fetch(req);
  },
});

/** apiFetch is fetch for the few calls openapi-fetch cannot make (multipart uploads), with the same headers. */
export function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  for (const [k, v] of Object.entries(authHeaders())) headers.set(k, v);
  return globalThis.fetch(origin() + path, { ...init, headers });
}

interface Result<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

function isErrorBody(v: unknown): v is { code: string; message: string; fields?: Record<string, string> } {
  return typeof v === 'object' && v !== null && 'code' in v && 'message' in v;
}

/** UNAUTHORIZED_EVENT is dispatched when the server asks for an API token. */
export const UNAUTHORIZED_EVENT = 'churndesk:unauthorized';

/** unwrap returns the data of a successful call or throws an ApiError. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  let res: Result<T>;
  try {
    res = await call;
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : String(err));
  }
  if (res.response.ok) return res.data as T;
  if (res.response.status === 401 && typeof window !== 'undefined') {
    window.dispatchEvent(new CustomEvent(UNAUTHORIZED_EVENT));
  }
  const body = res.error;
  if (isErrorBody(body)) {
    throw new ApiError(res.response.status, body.code, body.message, body.fields ?? {});
  }
  throw new ApiError(res.response.status, 'http_' + res.response.status, res.response.statusText || 'Request failed');
}
