import { PermanentError, TransientError, unsafeUrlReason } from '@jobpipe/shared';

/** How long a Retry-After may ask the queue to wait (the queue's own backoff goes no longer). */
const MAX_RETRY_AFTER_SECONDS = 300;

/** One JSON POST to a webhook. */
export interface WebhookPost {
  /** The target's name (what errors say; the URL may carry a token and is never said). */
  readonly target: string;
  readonly url: string;
  readonly body: unknown;
  /** The notification's id, sent as `Idempotency-Key` so a receiver can drop a repeat. */
  readonly idempotencyKey: string;
  readonly allowPrivateHosts: readonly string[];
  readonly timeoutMs: number;
}

function retryAfterSeconds(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = /^\d+$/.test(header.trim()) ? Number(header) : (Date.parse(header) - Date.now()) / 1000;
  return Number.isFinite(seconds) ? Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, Math.ceil(seconds))) : undefined;
}

function networkFailure(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'timed out';
  const code = (error as { cause?: { code?: unknown } }).cause?.code;
  return typeof code === 'string' ? code : 'network error';
}

/**
 * POSTs the body as JSON. The URL must pass the SSRF check (http(s), a public host or one the target
 * allows); redirects are not followed (a redirect could lead to a host the check never saw). 2xx is
 * success; 408, 429 and 5xx (and no answer) are worth another try, 429/503 after their Retry-After; any
 * other answer is permanent.
 */
export async function postWebhook(post: WebhookPost): Promise<void> {
  const refused = unsafeUrlReason(post.url, post.allowPrivateHosts, "list the host in the target's allowPrivateHosts to allow it");
  if (refused) throw new PermanentError('WEBHOOK_URL_REFUSED', `target '${post.target}': the webhook URL ${refused}`);
  let response: Response;
  try {
    response = await fetch(post.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'jobpipe-notifier', 'idempotency-key': post.idempotencyKey },
      body: JSON.stringify(post.body),
      redirect: 'manual',
      signal: AbortSignal.timeout(post.timeoutMs),
    });
  } catch (error) {
    throw new TransientError('WEBHOOK_UNREACHABLE', `target '${post.target}': the webhook could not be reached (${networkFailure(error)})`);
  }
  await response.body?.cancel();
  if (response.ok) return;
  const status = response.status;
  if (status === 408 || status === 429 || status >= 500) {
    throw new TransientError(
      'WEBHOOK_FAILED',
      `target '${post.target}': the webhook answered ${status}`,
      retryAfterSeconds(response.headers.get('retry-after')),
    );
  }
  if (status >= 300 && status < 400)
    throw new PermanentError(
      'WEBHOOK_REDIRECTED',
      `target '${post.target}': the webhook answered ${status} (a redirect); give its final URL`,
    );
  throw new PermanentError('WEBHOOK_REFUSED', `target '${post.target}': the webhook answered ${status}`);
}
