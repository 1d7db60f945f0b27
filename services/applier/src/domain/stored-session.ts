/** One cookie of a stored session (as the auth-refresher captured it). */
export interface SessionCookie {
  readonly name: string;
  readonly value: string;
  readonly path?: string;
  readonly secure?: boolean;
  readonly httpOnly?: boolean;
  readonly expiry?: number;
}

/** The state of a site's stored session for an application. */
export type SessionState =
  | { readonly kind: 'usable'; readonly cookies: readonly SessionCookie[] }
  | { readonly kind: 'missing' }
  | { readonly kind: 'expired' };

/**
 * Reads the session the auth-refresher keeps under `site/<site>/session` (JSON `{ cookies, expiresAt }`).
 * A session that expires within `marginSeconds` counts as expired: it could run out mid-form.
 */
export function sessionState(raw: string | undefined, now: Date, marginSeconds: number): SessionState {
  if (!raw) return { kind: 'missing' };
  let parsed: { cookies?: unknown; expiresAt?: unknown };
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { kind: 'missing' };
  }
  if (!Array.isArray(parsed.cookies) || parsed.cookies.length === 0 || typeof parsed.expiresAt !== 'string') return { kind: 'missing' };
  if (Date.parse(parsed.expiresAt) - now.getTime() <= marginSeconds * 1000) return { kind: 'expired' };
  return { kind: 'usable', cookies: parsed.cookies as SessionCookie[] };
}
