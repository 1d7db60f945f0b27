import { randomUUID } from 'node:crypto';
import type { JobpipeConfig } from '@jobpipe/contracts';
import { type EventPublisher, eventForScheduledRequest, type Logger, type ScheduledRequest } from '@jobpipe/shared';
import { Cron } from 'croner';

/** The embedded scheduler: fires each search on its cron schedule, and the ETL rebuild nightly. */
export class EmbeddedScheduler {
  private readonly jobs: Cron[] = [];

  constructor(
    private readonly publisher: EventPublisher,
    private readonly logger: Logger,
  ) {}

  /** Schedules every search (default daily at 06:00) and a nightly ETL rebuild. */
  start(config: JobpipeConfig, etlCron = '30 23 * * *'): void {
    for (const search of config.searches) {
      this.jobs.push(new Cron(search.schedule ?? '0 6 * * *', () => void this.fire({ kind: 'scrape', search })));
    }
    this.jobs.push(new Cron(etlCron, () => void this.fire({ kind: 'etl' })));
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
    for (const job of this.jobs) job.stop();
  }
}
