import type { BlobStore } from '@jobpipe/shared';
import { type EventHandler, parseRawBlobKey, TransientError } from '@jobpipe/shared';
import type { JobsRepository } from '../adapters/jobs-repository.js';
import { parseRawBody } from '../domain/parse-raw-body.js';
import { storePosting } from './store-posting.js';

/** What the job.scraped handler works with. */
export interface JobScrapedDependencies {
  readonly blobs: BlobStore;
  readonly repository: JobsRepository;
  readonly maxBodyBytes: number;
  readonly duplicateMinConfidence: number;
}

/**
 * job.scraped: reads the raw body by its blob key (claim check), parses it with the source's extractor,
 * upserts each posting and publishes job.parsed for new or changed content. A missing blob is retried
 * (it may not be visible yet); a bad body is rejected with the reason (dead-lettered).
 */
export function jobScrapedHandler(deps: JobScrapedDependencies): EventHandler<'job.scraped'> {
  return async (event, context) => {
    const place = deps.repository.arrive();
    try {
      const scraped = event.detail.data;
      // A key outside raw/ (a path escape, another folder) is refused at once: RawBlobKeyError is permanent.
      parseRawBlobKey(scraped.blobKey);
      const body = await deps.blobs.get(scraped.blobKey);
      if (!body) throw new TransientError('RAW_BODY_MISSING', `raw body '${scraped.blobKey}' is not in the blob store (yet)`);
      const result = parseRawBody({
        body,
        source: scraped.source,
        url: scraped.url,
        externalId: scraped.externalId,
        contentType: scraped.contentType,
        seenAt: scraped.fetchedAt,
        maxBodyBytes: deps.maxBodyBytes,
      });
      if (result.rejected.length > 0)
        context.logger.warn({ blobKey: scraped.blobKey, rejected: result.rejected }, 'some postings on the page were unusable');
      // Every posting of the page takes its turn now, in page order and after the pages delivered before
      // this one; postings that cannot be the same job then store concurrently.
      await place.admitted;
      const stores = result.postings.map((posting) =>
        storePosting(
          { repository: deps.repository, duplicateMinConfidence: deps.duplicateMinConfidence, caused: context.caused },
          posting,
          {
            fetchedAt: scraped.fetchedAt,
            rawBlobKey: scraped.blobKey,
            sourceUrl: scraped.url,
            ...(scraped.searchId ? { searchId: scraped.searchId } : {}),
            ...(scraped.runId ? { runId: scraped.runId } : {}),
          },
        ),
      );
      place.leave();
      const outcomes = await Promise.allSettled(stores);
      outcomes.forEach((outcome, i) => {
        if (outcome.status === 'fulfilled')
          context.logger.debug({ jobId: result.postings[i]!.job.jobId, outcome: outcome.value }, 'posting stored');
      });
      const failed = outcomes.find((outcome) => outcome.status === 'rejected');
      if (failed) throw failed.reason;
    } finally {
      place.leave();
    }
  };
}
