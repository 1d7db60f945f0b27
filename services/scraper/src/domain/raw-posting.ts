import { createHash } from 'node:crypto';
import type { RawContentType } from '@jobpipe/contracts';

/** One posting's raw body as a source sent it, ready to be stored. */
export interface FetchedPosting {
  readonly externalId: string;
  /** Where the body came from (the detail URL, or the search URL with a fragment). */
  readonly url: string;
  readonly body: Buffer;
  readonly contentType: RawContentType;
  /**
   * What identifies the posting's content when the body holds search-specific noise (a relevance
   * rank): hashed instead of the body so a re-ranked but unchanged posting is not published again.
   */
  readonly hashedContent?: string;
  /** Validators the server sent with the body, kept for the next conditional request. */
  readonly etag?: string;
  readonly lastModified?: string;
}

/** Hex SHA-256 of a body. */
export function sha256Hex(content: Buffer | string): string {
  return createHash('sha256').update(content).digest('hex');
}

/** The content hash of a fetched posting. */
export function contentHashOf(posting: Pick<FetchedPosting, 'body' | 'hashedContent'>): string {
  return sha256Hex(posting.hashedContent ?? posting.body);
}
