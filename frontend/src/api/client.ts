import createClient from 'openapi-fetch';
import type { paths } from './schema';
import { ApiError } from './errors';

function origin(): string {
  if (typeof window !== 'undefined' && window.location && /^https?:|^wails:/.test(window.location.origin)) {
    return window.location.origin;
  }
  return 'http://localhost';
}

/**
 * client is the typed HTTP client of the ChurnDesk API. fetch is looked up at
 * call time so tests can replace it at the HTTP boundary.
 */
export const client = createClient<paths>({
  baseUrl: origin(),
  fetch: (req: Request) => globalThis.fetch(req),
});

interface Result<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

function isErrorBody(v: unknown): v is { code: string; message: string; fields?: Record<string, string> } {
  return typeof v === 'object' && v !== null && 'code' in v && 'message' in v;
}

/** unwrap returns the data of a successful call or throws an ApiError. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  let res: Result<T>;
  try {
    res = await call;
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : String(err));
  }
  if (res.response.ok) return res.data as T;
  const body = res.error;
  if (isErrorBody(body)) {
    throw new ApiError(res.response.status, body.code, body.message, body.fields ?? {});
  }
  throw new ApiError(res.response.status, 'http_' + res.response.status, res.response.statusText || 'Request failed');
}
