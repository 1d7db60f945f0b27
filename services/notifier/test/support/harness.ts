import type { EventDataMap, JobpipeConfig, NotificationTarget } from '@jobpipe/contracts';
import { createEmbeddedPorts, type Logger, ManualClock, type RuntimePorts, silentLogger } from '@jobpipe/shared';
import { tempDir, testSecretKey } from '@jobpipe/test-kit';
import { notifierContext } from '../../src/app.js';
import type { NotifierContext } from '../../src/use-cases/notifier-context.js';

/** The cockpit address the tests' links point into. */
export const COCKPIT_URL = 'http://127.0.0.1:3000/app';

/** A notifier over embedded ports in a temp folder (items checked against their schemas), with a clock the test moves. */
export interface NotifierHarness {
  readonly ports: RuntimePorts;
  readonly clock: ManualClock;
  readonly context: NotifierContext;
  /** Stores the user's config with these targets (as crm-api would). */
  setTargets(targets: NotificationTarget[], scoring?: JobpipeConfig['scoring']): Promise<void>;
  close(): Promise<void>;
}

export async function startNotifierHarness(logger: Logger = silentLogger): Promise<NotifierHarness> {
  const dir = tempDir('jobpipe-notifier-');
  const clock = new ManualClock(new Date('2026-12-01T09:00:00.000Z'));
  const ports = createEmbeddedPorts({ dataDir: dir.path, secretKey: testSecretKey() }, 'crm-api', { clock });
  const context = notifierContext(ports, { cockpitUrl: COCKPIT_URL, digestListed: 50, sendTimeoutMs: 5000 }, logger);
  let version = 0;
  return {
    ports,
    clock,
    context,
    async setTargets(targets, scoring) {
      version += 1;
      const config: JobpipeConfig = { tracks: [], searches: [], ...(scoring ? { scoring } : {}), notifications: { targets } };
      await ports.tables.put('config', { key: 'current', version, updatedAt: clock.now().toISOString(), config });
    },
    async close() {
      await ports.close();
      dir.remove();
    },
  };
}

/** A `job.scored` of a job with this id and score, as the recommender announces it. */
export function scoredJob(jobId: string, score: number, title = 'Data Platform Engineer'): EventDataMap['job.scored'] {
  return {
    jobId,
    contentHash: 'a'.repeat(64),
    score,
    track: 'data',
    trackScore: score,
    modelProbability: null,
    modelVersion: null,
    filteredBy: null,
    reasons: [
      { kind: 'title', text: 'title matches "data platform"', points: 30 },
      { kind: 'salary', text: 'salary below the floor', points: -5 },
      { kind: 'body', text: 'skills: kafka, spark', points: 12 },
    ],
    scoredAt: '2026-12-01T08:59:00.000Z',
    job: {
      title,
      company: 'Harborview Clinics',
      canonicalUrl: `https://boards.greenhouse.io/harborview/jobs/${jobId.split(':')[1]}`,
      source: 'greenhouse',
      locations: ['Singapore'],
      remote: false,
    },
  };
}
