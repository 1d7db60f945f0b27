import type { JobItem } from '@jobpipe/contracts';
import { type OutgoingEvent, parseRawBlobKey, type RawBlobKey, RawBlobKeyError, rawBlobPrefix } from '@jobpipe/shared';
import { JobsRepository } from './adapters/jobs-repository.js';
import type { ParserHandlerConfig, ParserPorts } from './app.js';
import type { RawFormat } from './domain/detect-format.js';
import { type FieldChangeCount, FieldChangeTally } from './domain/field-change-tally.js';
import { changedFields } from './domain/field-changes.js';
import { parseRawBody } from './domain/parse-raw-body.js';
import { PostingRejected } from './domain/rejection.js';
import { outcomeOf, type StoreOutcome, storePosting } from './handlers/store-posting.js';

/** Which stored raw bodies to re-parse. */
export interface ReparseOptions {
  readonly source?: RawFormat;
  /** Only postings last fetched at or after this ISO time (bodies never stored as a job are always included). */
  readonly since?: string;
  /** ISO time used as "fetched at" for bodies that never became a job. */
  readonly now: string;
  /** How many changed jobs to keep as examples per field (default 3). */
  readonly examplesPerField?: number;
  /** Only report what would change: nothing is written or published. */
  readonly dryRun?: boolean;
}

/** What a reparse did (or, dry, would do). */
export interface ReparseReport {
  readonly dryRun: boolean;
  readonly bodies: number;
  readonly outcomes: Readonly<Record<StoreOutcome, number>>;
  readonly rejected: { readonly blobKey: string; readonly reason: string }[];
  /** Per field, the updated jobs whose value changed (most-changed first), with examples of before and after. */
  readonly fieldChanges: readonly FieldChangeCount[];
}

/** A stored raw body: its key and what the key says. */
interface StoredRawBody extends RawBlobKey {
  readonly key: string;
}

/** A key under `raw/` read back, or undefined for a blob that is not a raw body (left alone). */
function readRawKey(key: string): StoredRawBody | undefined {
  try {
    return { key, ...parseRawBlobKey(key) };
  } catch (error) {
    if (error instanceof RawBlobKeyError) return undefined;
    throw error;
  }
}

/**
 * Re-parses stored raw bodies (blob store `raw/` prefix) without re-scraping and stores the results
 * through the same idempotent upsert as job.scraped: unchanged output writes and publishes nothing,
 * changed output (a better parser) updates the job with its job.parsed in one commit. Per posting, the body the
 * job was last parsed from is used; bodies that never became a job are tried too. The report counts, per field,
 * the updated jobs whose value changed, so a user sees what an extractor change did. A dry run reads the
 * same bodies and jobs and decides each outcome as storing would ({@link outcomeOf}), writing nothing.
 */
export async function reparseStoredBodies(
  ports: ParserPorts,
  config: ParserHandlerConfig,
  options: ReparseOptions,
): Promise<ReparseReport> {
  const repository = new JobsRepository(ports.tables, ports.outbox);
  const jobsByKey = new Map<string, JobItem>();
  for await (const job of repository.all()) if (job.rawBlobKey) jobsByKey.set(job.rawBlobKey, job);

  const latest = new Map<string, StoredRawBody>();
  for await (const key of ports.blobs.list(rawBlobPrefix(options.source))) {
    const raw = readRawKey(key);
    if (!raw) continue;
    const posting = `${raw.source}/${raw.externalId}`;
    // The body a job was built from wins over other stored versions of the same posting.
    if (!latest.has(posting) || jobsByKey.has(key)) latest.set(posting, raw);
  }

  const outcomes: Record<StoreOutcome, number> = { new: 0, updated: 0, unchanged: 0, stale: 0 };
  const rejected: { blobKey: string; reason: string }[] = [];
  const tally = new FieldChangeTally(options.examplesPerField ?? 3);
  let bodies = 0;
  const caused = (events: readonly OutgoingEvent[]) => [...events];
  for (const raw of latest.values()) {
    const job = jobsByKey.get(raw.key);
    if (options.since && job && job.lastSeenAt < options.since) continue;
    const body = await ports.blobs.get(raw.key);
    if (!body) continue;
    bodies++;
    const fetchedAt = job?.fetchedAt ?? options.now;
    try {
      const result = parseRawBody({
        body,
        source: raw.source,
        externalId: raw.externalId,
        url: job?.sourceUrl ?? job?.canonicalUrl,
        contentType: raw.contentType,
        seenAt: fetchedAt,
        maxBodyBytes: config.maxBodyBytes,
      });
      for (const posting of result.postings) {
        const stored = await repository.get(posting.job.jobId);
        const origin = { fetchedAt, rawBlobKey: raw.key, ...(job?.sourceUrl ? { sourceUrl: job.sourceUrl } : {}) };
        const outcome = options.dryRun
          ? outcomeOf(stored, posting, origin)
          : await storePosting({ repository, duplicateMinConfidence: config.duplicateMinConfidence, caused }, posting, origin);
        outcomes[outcome]++;
        if (outcome === 'updated' && stored) tally.add(posting.job.jobId, changedFields(stored, posting.job));
      }
    } catch (error) {
      if (!(error instanceof PostingRejected)) throw error;
      rejected.push({ blobKey: raw.key, reason: `${error.code}: ${error.message}` });
    }
  }
  return { dryRun: options.dryRun ?? false, bodies, outcomes, rejected, fieldChanges: tally.counts() };
}
