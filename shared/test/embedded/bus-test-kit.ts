/** Helpers of the embedded transport tests: events to publish, short queues, consumer child processes. */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { contracts, type EventDataMap, QUEUES, type QueueDefinition } from '@jobpipe/contracts';
import { EmbeddedEventPublisher } from '../../src/embedded/embedded-publisher.js';
import type { SqliteBus } from '../../src/embedded/sqlite-bus.js';
import { type Clock, randomIds } from '../../src/ports/clock.js';

/** A valid `job.scraped` payload, numbered. */
export function scrapedData(n: number): EventDataMap['job.scraped'] {
  const id = `job-${n}`;
  return {
    source: 'mcf',
    externalId: id,
    url: `https://api.mycareersfuture.gov.sg/v2/jobs/${id}`,
    blobKey: `raw/mcf/${id}/${'a'.repeat(64)}.json`,
    contentHash: 'a'.repeat(64),
    contentType: 'application/json',
    byteLength: 10,
    fetchedAt: '2026-03-01T09:00:00.000Z',
  };
}

/** The topology's parser queue (job.scraped goes there) with test settings. */
export function parserQueue(overrides: Partial<QueueDefinition> = {}): QueueDefinition {
  return { ...QUEUES.find((queue) => queue.name === 'parser')!, ...overrides };
}

/** A publisher on the bus as the scraper (the producer of job.scraped). */
export function scraperPublisher(bus: SqliteBus, clock: Clock): EmbeddedEventPublisher {
  return new EmbeddedEventPublisher(bus, { producer: 'scraper', registry: contracts(), clock, ids: randomIds });
}

/** A running consumer child process and the JSON lines it prints. */
export interface ConsumerProcess {
  readonly child: ChildProcess;
  /** Resolves with the first printed line that matches. */
  line(matches: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  /** Resolves when the process has exited. */
  readonly exited: Promise<number | null>;
}

const packageDir = join(import.meta.dirname, '..', '..');

/** Starts `fixtures/bus-consumer-process.ts` in its own Node process. */
export function startConsumerProcess(env: Record<string, string>): ConsumerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'bus-consumer-process.ts')], {
    cwd: packageDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: Record<string, unknown>[] = [];
  const waiting: { matches: (line: Record<string, unknown>) => boolean; resolve: (line: Record<string, unknown>) => void }[] = [];
  createInterface({ input: child.stdout! }).on('line', (text) => {
    const line = JSON.parse(text) as Record<string, unknown>;
    lines.push(line);
    for (const waiter of waiting.filter((candidate) => candidate.matches(line))) {
      waiting.splice(waiting.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    line(matches) {
      const seen = lines.find(matches);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiting.push({ matches, resolve });
        exited.then((code) => reject(new Error(`consumer process exited (${code}) before printing the line`)));
      });
    },
  };
}
