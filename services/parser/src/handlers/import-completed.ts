import { contracts, type ImportRow, jobIdOf } from '@jobpipe/contracts';
import { type BlobStore, type EventHandler, PermanentError } from '@jobpipe/shared';
import type { JobsRepository } from '../adapters/jobs-repository.js';
import { record } from '../domain/extractors/json-fields.js';
import { lifecycleAfterFullImport } from '../domain/full-import.js';
import { PostingRejected } from '../domain/rejection.js';
import { applyLifecycle } from './apply-lifecycle.js';
import { importExternalId } from './import-chunk.js';
import { chunkEntries } from './import-chunk-rows.js';

/** What the full-import sweep works with. */
export interface ImportCompletedDependencies {
  readonly blobs: BlobStore;
  readonly repository: JobsRepository;
  readonly maxBodyBytes: number;
}

/**
 * The job ids a full import holds: every valid row of every chunk. A chunk that is gone or unreadable
 * means the import's whole set is unknown, so nothing may be closed: a PermanentError (dead letter with
 * the reason) instead.
 */
async function importedJobIds(deps: ImportCompletedDependencies, chunkBlobKeys: readonly string[]): Promise<Set<string>> {
  const registry = contracts();
  const ids = new Set<string>();
  for (const blobKey of chunkBlobKeys) {
    const body = await deps.blobs.get(blobKey);
    if (!body) throw new PermanentError('IMPORT_CHUNK_MISSING', `full import not applied: chunk '${blobKey}' is not in the blob store`);
    let entries: unknown[];
    try {
      entries = chunkEntries(body, blobKey, deps.maxBodyBytes);
    } catch (error) {
      if (!(error instanceof PostingRejected)) throw error;
      throw new PermanentError('IMPORT_CHUNK_UNREADABLE', `full import not applied: ${error.message}`);
    }
    for (const entry of entries) {
      const row = record(entry)?.row;
      if (registry.validateDefinition('import-row', row).ok) ids.add(jobIdOf('import', importExternalId(row as unknown as ImportRow)));
    }
  }
  return ids;
}

/**
 * `import.completed`: a full import is the whole set of imported jobs, so every imported job it left out
 * closes (`job.closed`, `left-out-of-full-import`) and every one it holds that an earlier full import
 * closed reopens; an incremental import, or one that sent no rows, changes nothing. Redelivered, it
 * finds nothing left to change.
 */
export function importCompletedHandler(deps: ImportCompletedDependencies): EventHandler<'import.completed'> {
  return async (event, context) => {
    const { importId, mode, chunkBlobKeys, completedAt } = event.detail.data;
    if (mode !== 'full' || chunkBlobKeys.length === 0) return;
    const held = await importedJobIds(deps, chunkBlobKeys);
    const jobs = await deps.repository.ofSource('import');
    const decide = (job: (typeof jobs)[number]) => lifecycleAfterFullImport(job, held.has(job.jobId), importId, completedAt);
    const outcome = await applyLifecycle(deps.repository, jobs, decide, context.caused);
    context.logger.info({ importId, held: held.size, ...outcome }, 'full import applied to the imported jobs');
  };
}
