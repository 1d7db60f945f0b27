/** Longest reason the sync status keeps. */
const MAX_REASON = 500;

/** What might carry a secret in an error's text, and what it is replaced by. */
const SECRET_SHAPES: readonly [RegExp, string][] = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, '[private key]'],
  [/"private_key"\s*:\s*"[^"]*"/g, '"private_key":"[removed]"'],
  [/\bBearer\s+[\w.~+/=-]+/gi, 'Bearer [removed]'],
  [/\bya29\.[\w.-]+/g, '[access token]'],
  [/\beyJ[\w-]+\.[\w-]+\.[\w-]+/g, '[token]'],
  [/\b(access_token|refresh_token|client_secret|assertion|key|token)=[^&\s"']+/gi, '$1=[removed]'],
  // A URL's query string may carry a key or token: the address is kept, the query is not.
  [/(https?:\/\/[^\s?#"']+)\?[^\s"']*/g, '$1?[query removed]'],
];

/**
 * Why a sync failed, in words a user can act on, without secrets: keys, tokens and URL query strings
 * are removed from the error's message (a Google client error can quote a request), and it is cut to
 * 500 characters.
 */
export function syncErrorReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const cleaned = SECRET_SHAPES.reduce((reason, [shape, replacement]) => reason.replace(shape, replacement), text).trim();
  const reason = cleaned || 'the sync failed without a message';
  return reason.length > MAX_REASON ? `${reason.slice(0, MAX_REASON - 1)}…` : reason;
}
