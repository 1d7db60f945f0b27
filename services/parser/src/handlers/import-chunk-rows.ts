import { decodeBody } from '../domain/body-decoding.js';
import { list, record } from '../domain/extractors/json-fields.js';
import { parseJsonBody } from '../domain/json-body.js';
import { PostingRejected } from '../domain/rejection.js';

/**
 * The entries (`{ rowNumber, row }`) of an import chunk's blob, `{ "rows": [...] }` as crm-api writes
 * it; a PostingRejected when the body is not JSON, too large, or has no `rows` array.
 */
export function chunkEntries(body: Buffer, blobKey: string, maxBodyBytes: number): unknown[] {
  const document = record(parseJsonBody(decodeBody(body, 'json', maxBodyBytes)));
  if (!document || !Array.isArray(document.rows)) throw new PostingRejected('NO_POSTING', `import chunk '${blobKey}' has no "rows" array`);
  return list(document.rows);
}
