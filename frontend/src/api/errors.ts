/** ApiError is the one error every API call throws: the server's error shape plus the HTTP status. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string>;

  constructor(status: number, code: string, message: string, fields: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
  }

  /** hasFieldErrors tells whether the server named the inputs that are wrong. */
  get hasFieldErrors(): boolean {
    return Object.keys(this.fields).length > 0;
  }
}

/** toApiError turns whatever a call failed with into an ApiError. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new ApiError(0, 'network', message);
}

/**
 * fieldErrorsFor maps the server's `fields` onto form paths: only the keys the
 * form knows (so a Mantine form can show them under the right input). Keys the
 * form does not have are returned in `rest` so the caller can show them elsewhere.
 */
export function fieldErrorsFor<K extends string>(
  err: ApiError,
  known: readonly K[],
): { errors: Partial<Record<K, string>>; rest: Record<string, string> } {
  const errors: Partial<Record<K, string>> = {};
  const rest: Record<string, string> = {};
  for (const [key, msg] of Object.entries(err.fields)) {
    if ((known as readonly string[]).includes(key)) errors[key as K] = msg;
    else rest[key] = msg;
  }
  return { errors, rest };
}
