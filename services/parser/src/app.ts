import { defineHandlers, defineService, type Logger, type ServicePorts, wipeRequestedHandler } from '@jobpipe/shared';
import { JobsRepository } from './adapters/jobs-repository.js';
import { PARSER_ENV_SCHEMA, type ParserConfig, readParserConfig } from './config.js';
import { closeRequestedHandler } from './handlers/close-requested.js';
import { importChunkHandler } from './handlers/import-chunk.js';
import { importCompletedHandler } from './handlers/import-completed.js';
import { jobScrapedHandler } from './handlers/job-scraped.js';
import { scrapeFinishedHandler } from './handlers/scrape-finished.js';

/**
 * The ports the parser needs (a subset of its ServicePorts, so tests can pass plain embedded ports): the
 * outbox commits each job with its job.parsed; it writes only the `jobs` table; the clock dates its wipe.completed.
 */
export type ParserPorts = Pick<ServicePorts<'parser'>, 'tables' | 'blobs' | 'outbox' | 'clock'>;

/** Settings the handlers use (ParserConfig satisfies it). */
export type ParserHandlerConfig = Pick<ParserConfig, 'maxBodyBytes' | 'duplicateMinConfidence'>;

/**
 * The parser's composition root: builds the jobs repository over the given ports and returns the
 * handler table (`job.scraped@1`, `import.chunk@1`, `import.completed@1`: a full import closes what it
 * left out, `scrape.finished@1`: the lifecycle sweep, `job.close-requested@1`: the user closes or reopens a job,
 * `wipe.requested@1`: every job goes, whatever the scope).
 */
export function createParserHandlers(ports: ParserPorts, config: ParserHandlerConfig, logger: Logger) {
  const repository = new JobsRepository(ports.tables, ports.outbox);
  const deps = { blobs: ports.blobs, repository, maxBodyBytes: config.maxBodyBytes, duplicateMinConfidence: config.duplicateMinConfidence };
  logger.debug({ maxBodyBytes: config.maxBodyBytes }, 'parser handlers ready');
  return defineHandlers({
    'job.scraped@1': jobScrapedHandler(deps),
    'import.chunk@1': importChunkHandler(deps),
    'import.completed@1': importCompletedHandler(deps),
    'scrape.finished@1': scrapeFinishedHandler(deps),
    'job.close-requested@1': closeRequestedHandler(deps),
    'wipe.requested@1': wipeRequestedHandler('parser', ports.clock, async () => ({ jobs: await repository.wipe() })),
  });
}

/** The parser service, as every entry starts it (process, Lambda, `jobpipe run --once`, tests). */
export const parserService = defineService({
  name: 'parser',
  envSchema: PARSER_ENV_SCHEMA,
  readConfig: readParserConfig,
  build: (ports, config, logger) => ({ handlers: createParserHandlers(ports, config, logger) }),
});
