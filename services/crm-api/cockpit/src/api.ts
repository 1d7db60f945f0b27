/** An error answer of the API: its status, stable code and the message meant for a person. */
export class ApiFailure extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly details: unknown,
  ) {
    super(message);
  }
}

/** What a call needs besides its path. */
export interface ApiRequest {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly body?: unknown;
}

/** A client of crm-api with one key: JSON in and out, error answers thrown as {@link ApiFailure}. */
export interface Api {
  readonly key: string;
  call<T>(path: string, request?: ApiRequest): Promise<T>;
  /** A binary answer (an evidence screenshot) as an object URL the page can show; revoke it when done. */
  objectUrl(path: string): Promise<string>;
}

/** The API client of a key. */
export function apiWithKey(key: string): Api {
  return {
    key,
    async call<T>(path: string, request: ApiRequest = {}): Promise<T> {
      const headers: Record<string, string> = { 'X-API-Key': key, Accept: 'application/json' };
      if (request.body !== undefined) headers['Content-Type'] = 'application/json';
      const response = await fetch(path, {
        method: request.method ?? 'GET',
        headers,
        ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
      });
      const body = (await response.json().catch(() => ({}))) as { message?: string; error?: string; details?: unknown };
      if (!response.ok) {
        throw new ApiFailure(body.message ?? `${path} answered ${response.status}`, response.status, body.error ?? 'error', body.details);
      }
      return body as T;
    },
    async objectUrl(path: string): Promise<string> {
      const response = await fetch(path, { headers: { 'X-API-Key': key } });
      if (!response.ok) throw new ApiFailure(`${path} answered ${response.status}`, response.status, 'error', null);
      return URL.createObjectURL(await response.blob());
    },
  };
}

/** A query string from filter values, leaving out empty ones; arrays repeat their name. */
export function queryString(values: Record<string, string | number | boolean | readonly string[] | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) for (const item of value) params.append(name, item);
    else params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** What to show a person for a failed call: the API's own words, or the error's. */
export function failureMessage(failure: unknown): string {
  return failure instanceof Error ? failure.message : String(failure);
}
