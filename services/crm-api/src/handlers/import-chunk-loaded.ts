import type { EventHandler } from '@jobpipe/shared';
import type { CrmApiContext } from '../context.js';
import { recordChunkLoaded } from '../use-cases/imports.js';

/** `import.chunk-loaded`: records what the parser stored and refused of one chunk (once per chunk). */
export function handleImportChunkLoaded(context: CrmApiContext): EventHandler<'import.chunk-loaded'> {
  return async (event) => {
    await recordChunkLoaded(context, event.detail.data);
  };
}
