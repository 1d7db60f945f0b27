import { randomUUID } from 'node:crypto';
import type { JobpipeConfig } from '@jobpipe/contracts';
import {
  DEFAULT_DIGEST_CRON,
  type EventPublisher,
  eventForScheduledRequest,
  type Logger,
  type ScheduledRequest,
  type SearchConfig,
} from '@jobpipe/shared';
import { Cron } from 'croner';

/** Daily at 06:00, for a search that names no schedule. */
const DEFAULT_SEARCH_CRON = '0 6 * * *';

/**
 * The embedded scheduler: fires each search of the current config on its cron schedule, the ETL
 * rebuild nightly and the notifier's digest daily. `follow` replaces the search and digest schedules
 * whenever the stored config changes.
 */
export class EmbeddedScheduler {
  private searchJobs: { search: SearchConfig; cron: Cron }[] = [];
  private etlJob: Cron | undefined;
  private digestJob: Cron | undefined;

  constructor(
    private readonly publisher: EventPublisher,
    private readonly logger: Logger,
  ) {}

  /** Schedules every search of `config` and a nightly ETL rebuild. */
  start(config: JobpipeConfig, etlCron = '30 23 * * *'): void {
    this.follow(config);
    this.etlJob = new Cron(etlCron, () => void this.fire({ kind: 'etl' }));
  }

  /** Replaces the search and digest schedules with those of `config` (searches added, removed or retimed). */
  follow(config: JobpipeConfig): void {
    for (const job of this.searchJobs) job.cron.stop();
    this.searchJobs = config.searches.map((search) => ({
      search,
      cron: new Cron(search.schedule ?? DEFAULT_SEARCH_CRON, () => void this.fire({ kind: 'scrape', search })),
    }));
    this.digestJob?.stop();
    this.digestJob = this.digestCron(config.notifications?.digestSchedule ?? DEFAULT_DIGEST_CRON);
  }

  /** The digest's daily job (UTC); a schedule croner cannot read is reported and the default used instead. */
  private digestCron(expression: string): Cron {
    const fire = () => void this.fire({ kind: 'digest' });
    try {
      return new Cron(expression, { timezone: 'UTC' }, fire);
    } catch (error) {
      this.logger.error({ digestSchedule: expression, err: (error as Error).message }, 'digest schedule unreadable; using the default');
      return new Cron(DEFAULT_DIGEST_CRON, { timezone: 'UTC' }, fire);
    }
  }

  /** The searches scheduled now, with their cron expressions. */
  scheduledSearches(): { id: string; cron: string }[] {
    return this.searchJobs.map(({ search }) => ({ id: search.id, cron: search.schedule ?? DEFAULT_SEARCH_CRON }));
  }

  /** Fires every scheduled search now (the first scrape at start). */
  async fireAllSearches(): Promise<void> {
    for (const { search } of this.searchJobs) await this.fire({ kind: 'scrape', search });
  }

  /** Fires a request now (also used for the first scrape at start). */
  async fire(request: ScheduledRequest): Promise<string[]> {
    try {
      const ids = await this.publisher.publish([eventForScheduledRequest(request, `run-${randomUUID()}`, new Date())]);
      this.logger.info(
        { request: request.kind, ...(request.kind === 'scrape' ? { searchId: request.search.id } : {}) },
        'scheduled request published',
      );
      return ids;
    } catch (error) {
      this.logger.error({ err: (error as Error).message }, 'scheduled request failed');
      return [];
    }
  }

  stop(): void {
    for (const job of this.searchJobs) job.cron.stop();
    this.searchJobs = [];
    this.etlJob?.stop();
    this.digestJob?.stop();
  }
}
