import { createHash } from 'node:crypto';

/**
 * The `externalId` of a posting known only by its page URL (JSON-LD pages): the first 32 hex digits of the
 * SHA-256 of the URL without its fragment, so it is stable, path-safe (it becomes a blob-key segment) and
 * the same for the scraper that publishes it and for anything that has to predict it (the replay source).
 */
export function externalIdOfPage(url: string): string {
  const canonical = new URL(url);
  canonical.hash = '';
  return createHash('sha256').update(canonical.href).digest('hex').slice(0, 32);
}
