import { createHash } from 'node:crypto';
import { contracts, type ImportRow } from '@jobpipe/contracts';
import { type BlobStore, type EventHandler, TransientError } from '@jobpipe/shared';
import type { JobsRepository } from '../adapters/jobs-repository.js';
import { decodeBody } from '../domain/body-decoding.js';
import { extractImportRow } from '../domain/extractors/import-row.js';
import { list, record } from '../domain/extractors/json-fields.js';
import { parseJsonBody } from '../domain/json-body.js';
import { normalizePosting } from '../domain/normalize.js';
import { PostingRejected } from '../domain/rejection.js';
import { storePosting } from './store-posting.js';

/** What the import.chunk handler works with. */
export interface ImportChunkDependencies {
  readonly blobs: BlobStore;
  readonly repository: JobsRepository;
  readonly maxBodyBytes: number;
  readonly duplicateMinConfidence: number;
}

/** An imported row's external id: its own, or a hash of its URL (so re-importing the same URL updates the same job). */
export function importExternalId(row: ImportRow): string {
  return row.externalId ?? createHash('sha256').update(row.url).digest('hex').slice(0, 32);
}

/**
 * import.chunk: reads `{ rows: [{ rowNumber, row }] }` from the blob, stores every valid row as a job of
 * source `import`, then rejects the chunk naming the invalid rows, if any (the valid ones are stored;
 * a redrive stores nothing twice).
 */
export function importChunkHandler(deps: ImportChunkDependencies): EventHandler<'import.chunk'> {
  return async (event, context) => {
    const chunk = event.detail.data;
    const body = await deps.blobs.get(chunk.blobKey);
    if (!body) throw new TransientError('IMPORT_CHUNK_MISSING', `import chunk '${chunk.blobKey}' is not in the blob store (yet)`);
    const document = record(parseJsonBody(decodeBody(body, 'json', deps.maxBodyBytes)));
    if (!document || !Array.isArray(document.rows))
      throw new PostingRejected('NO_POSTING', `import chunk '${chunk.blobKey}' has no "rows" array`);
    const invalid: string[] = [];
    const registry = contracts();
    const seenAt = event.detail.meta.occurredAt;
    for (const [index, entry] of list(document.rows).entries()) {
      const rowNumber = record(entry)?.rowNumber ?? chunk.firstRowNumber + index;
      const row = record(entry)?.row;
      const validation = registry.validateDefinition('import-row', row);
      if (!validation.ok) {
        invalid.push(`row ${String(rowNumber)}: ${validation.errors.join(', ')}`);
        continue;
      }
      try {
        const importRow = row as unknown as ImportRow;
        const posting = normalizePosting(extractImportRow(importRow, importExternalId(importRow)), { source: 'import', seenAt });
        await storePosting(
          { repository: deps.repository, duplicateMinConfidence: deps.duplicateMinConfidence, caused: context.caused },
          posting,
          {
            fetchedAt: seenAt,
          },
        );
      } catch (error) {
        if (!(error instanceof PostingRejected)) throw error;
        invalid.push(`row ${String(rowNumber)}: ${error.message}`);
      }
    }
    if (invalid.length > 0) {
      throw new PostingRejected(
        'IMPORT_ROWS_INVALID',
        `import ${chunk.importId} chunk ${chunk.chunkIndex}: ${invalid.length} row(s) not imported: ${invalid.join('; ').slice(0, 2000)}`,
      );
    }
  };
}
