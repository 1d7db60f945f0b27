import { type BlobStore, defineHandlers, type Logger, type Outbox, type TableStore } from '@jobpipe/shared';
import { JobsRepository } from './adapters/jobs-repository.js';
import type { ParserConfig } from './config.js';
import { importChunkHandler } from './handlers/import-chunk.js';
import { jobScrapedHandler } from './handlers/job-scraped.js';

/** The ports the parser needs (a subset of RuntimePorts, so tests can pass plain embedded ports). */
export interface ParserPorts {
  readonly tables: TableStore;
  readonly blobs: BlobStore;
  /** Commits each job with its job.parsed. */
  readonly outbox: Outbox;
}

/** Settings the handlers use (ParserConfig satisfies it). */
export type ParserHandlerConfig = Pick<ParserConfig, 'maxBodyBytes' | 'duplicateMinConfidence'>;

/**
 * The parser's composition root: builds the jobs repository over the given ports and returns the
 * handler table (`job.scraped@1`, `import.chunk@1`) for startService, a Lambda wrapper or a test.
 */
export function createParserHandlers(ports: ParserPorts, config: ParserHandlerConfig, logger: Logger) {
  const repository = new JobsRepository(ports.tables, ports.outbox);
  const deps = { blobs: ports.blobs, repository, maxBodyBytes: config.maxBodyBytes, duplicateMinConfidence: config.duplicateMinConfidence };
  logger.debug({ maxBodyBytes: config.maxBodyBytes }, 'parser handlers ready');
  return defineHandlers({
    'job.scraped@1': jobScrapedHandler(deps),
    'import.chunk@1': importChunkHandler(deps),
  });
}
