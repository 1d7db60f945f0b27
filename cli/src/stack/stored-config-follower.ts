import type { JobpipeConfig } from '@jobpipe/contracts';
import type { Logger } from '@jobpipe/shared';
import type { CrmApiClient } from './api-client.js';
import type { StoredConfig } from './config-seeding.js';

/**
 * Follows the stored config through the API and calls `onChange` with each new version, so the
 * embedded scheduler runs what the user saved through `PUT /config`, not only what the file said at
 * start. It asks `GET /config` (one local request every few seconds): the CLI process consumes no
 * queue, and the API is the config's one owner.
 */
export class StoredConfigFollower {
  private version: number;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly api: CrmApiClient,
    initial: StoredConfig,
    private readonly onChange: (config: JobpipeConfig) => void,
    private readonly logger: Logger,
  ) {
    this.version = initial.version;
  }

  /** Checks every `intervalMs` until stopped. */
  start(intervalMs = 10_000): void {
    this.timer = setInterval(() => void this.check(), intervalMs);
    this.timer.unref();
  }

  /** Reads the stored config once; returns true when it changed and `onChange` was called. */
  async check(): Promise<boolean> {
    try {
      const stored = await this.api.request<StoredConfig>('GET', '/config');
      if (stored.version === this.version) return false;
      this.version = stored.version;
      this.onChange(stored.config);
      this.logger.info({ version: stored.version }, 'the stored config changed: schedules follow it');
      return true;
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'could not read the stored config; keeping the schedules');
      return false;
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
