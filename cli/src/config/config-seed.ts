import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { JobpipeConfig } from '@jobpipe/contracts';

/** The fingerprint of the pipeline config a file states (its tracks, searches, scoring, ...). */
export function pipelineHash(pipeline: JobpipeConfig): string {
  return createHash('sha256').update(JSON.stringify(pipeline)).digest('hex');
}

/**
 * Whether the config file should be written over the stored config: only into an empty store, or when
 * the file itself changed since it was last seeded. Otherwise the stored config — with the user's
 * changes through the API — stays as it is.
 */
export function fileShouldSeed(fileHash: string, lastSeededHash: string | undefined, storedVersion: number): boolean {
  return storedVersion === 0 || fileHash !== lastSeededHash;
}

/** Which version of the config file was last seeded, kept beside the installation's data. */
export class SeedRecord {
  constructor(private readonly path: string) {}

  /** The hash of the pipeline config last seeded, or undefined when none was recorded. */
  lastSeededHash(): string | undefined {
    try {
      const record = JSON.parse(readFileSync(this.path, 'utf8')) as { pipelineSha256?: unknown };
      return typeof record.pipelineSha256 === 'string' ? record.pipelineSha256 : undefined;
    } catch {
      return undefined;
    }
  }

  /** Records that the pipeline config with this hash is now seeded. */
  remember(hash: string, at: Date): void {
    writeFileSync(this.path, `${JSON.stringify({ pipelineSha256: hash, seededAt: at.toISOString() })}\n`);
  }
}
