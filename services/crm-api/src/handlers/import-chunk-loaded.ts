import type { EventHandler } from '@jobpipe/shared';
import type { CrmApiContext } from '../context.js';
import { announceIfLoaded, recordChunkLoaded } from '../use-cases/imports.js';

/**
 * `import.chunk-loaded`: records what the parser stored and refused of one chunk (once per chunk); the
 * last chunk's report of a finished import announces `import.completed`.
 */
export function handleImportChunkLoaded(context: CrmApiContext): EventHandler<'import.chunk-loaded'> {
  return async (event, { publish }) => {
    await recordChunkLoaded(context, event.detail.data);
    await announceIfLoaded(context, event.detail.data.importId, publish);
  };
}
