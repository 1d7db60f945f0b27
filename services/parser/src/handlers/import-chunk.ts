import { createHash } from 'node:crypto';
import { contracts, type ImportChunkV1, type ImportRow, queueOf } from '@jobpipe/contracts';
import { type BlobStore, type EventHandler, TransientError } from '@jobpipe/shared';
import type { JobsRepository } from '../adapters/jobs-repository.js';
import { extractImportRow } from '../domain/extractors/import-row.js';
import { record } from '../domain/extractors/json-fields.js';
import { normalizePosting } from '../domain/normalize.js';
import { PostingRejected } from '../domain/rejection.js';
import { chunkEntries } from './import-chunk-rows.js';
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

type RejectedImportRow = { rowNumber: number; errors: [string, ...string[]] };

/** Every row of a chunk, refused for one reason (the chunk itself could not be read). */
function wholeChunkRefused(chunk: ImportChunkV1['data'], reason: string): RejectedImportRow[] {
  return Array.from({ length: chunk.rowCount }, (_, i) => ({ rowNumber: chunk.firstRowNumber + i, errors: [brief(reason)] }));
}

/** Receives of an import.chunk before it would be dead-lettered (the parser queue's max receives). */
const LAST_RECEIVE = queueOf('parser')?.maxReceiveCount ?? 1;

/**
 * import.chunk: reads `{ rows: [{ rowNumber, row }] }` from the blob, stores every valid row as a job of
 * source `import`, then publishes `import.chunk-loaded` with how many rows were stored and each row it
 * refused with the reasons (a redelivery stores nothing twice and reports the same again). A chunk that
 * cannot be read (not JSON, no rows array, or its blob still missing on the last receive) is reported
 * with every row refused for that reason, so the import still ends instead of waiting for it forever.
 */
export function importChunkHandler(deps: ImportChunkDependencies): EventHandler<'import.chunk'> {
  return async (event, context) => {
    const chunk = event.detail.data;
    const report = (stored: number, rejectedRows: readonly RejectedImportRow[]) =>
      context.publish([
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
    const body = await deps.blobs.get(chunk.blobKey);
    if (!body) {
      const missing = `import chunk '${chunk.blobKey}' is not in the blob store`;
      if (context.receiveCount >= LAST_RECEIVE) return void (await report(0, wholeChunkRefused(chunk, missing)));
      throw new TransientError('IMPORT_CHUNK_MISSING', `${missing} (yet)`);
    }
    let entries: unknown[];
    try {
      entries = chunkEntries(body, chunk.blobKey, deps.maxBodyBytes);
    } catch (error) {
      if (!(error instanceof PostingRejected)) throw error;
      return void (await report(0, wholeChunkRefused(chunk, `the chunk could not be read: ${error.message}`)));
    }
    const rejectedRows: RejectedImportRow[] = [];
    let stored = 0;
    const registry = contracts();
    const seenAt = event.detail.meta.occurredAt;
    for (const [index, entry] of entries.entries()) {
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
    await report(stored, rejectedRows);
  };
}
