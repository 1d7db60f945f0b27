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

/** A reason cut to the length the event allows. */
const brief = (reason: string): string => (reason.length > 500 ? `${reason.slice(0, 497)}...` : reason);

/**
 * import.chunk: reads `{ rows: [{ rowNumber, row }] }` from the blob, stores every valid row as a job of
 * source `import`, then publishes `import.chunk-loaded` with how many rows were stored and each row it
 * refused with the reasons (a redelivery stores nothing twice and reports the same again).
 */
export function importChunkHandler(deps: ImportChunkDependencies): EventHandler<'import.chunk'> {
  return async (event, context) => {
    const chunk = event.detail.data;
    const body = await deps.blobs.get(chunk.blobKey);
    if (!body) throw new TransientError('IMPORT_CHUNK_MISSING', `import chunk '${chunk.blobKey}' is not in the blob store (yet)`);
    const document = record(parseJsonBody(decodeBody(body, 'json', deps.maxBodyBytes)));
    if (!document || !Array.isArray(document.rows))
      throw new PostingRejected('NO_POSTING', `import chunk '${chunk.blobKey}' has no "rows" array`);
    const rejectedRows: { rowNumber: number; errors: [string, ...string[]] }[] = [];
    let stored = 0;
    const registry = contracts();
    const seenAt = event.detail.meta.occurredAt;
    for (const [index, entry] of list(document.rows).entries()) {
      const stated = record(entry)?.rowNumber;
      const rowNumber = typeof stated === 'number' && Number.isInteger(stated) && stated >= 1 ? stated : chunk.firstRowNumber + index;
      const row = record(entry)?.row;
      const validation = registry.validateDefinition('import-row', row);
      if (!validation.ok) {
        const [first = 'is not a valid import row', ...more] = validation.errors;
        rejectedRows.push({ rowNumber, errors: [brief(first), ...more.slice(0, 19).map(brief)] });
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
        stored++;
      } catch (error) {
        if (!(error instanceof PostingRejected)) throw error;
        rejectedRows.push({ rowNumber, errors: [brief(error.message)] });
      }
    }
    // Reported, not dead-lettered: the import's progress is final only when every row landed or was refused.
    await context.publish([
      {
        detailType: 'import.chunk-loaded',
        data: {
          importId: chunk.importId,
          chunkIndex: chunk.chunkIndex,
          rowCount: chunk.rowCount,
          stored,
          rejectedRows: rejectedRows.slice(0, 1000),
        },
      },
    ]);
  };
}
