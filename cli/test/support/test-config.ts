import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ReplayServer, withExternalReplay, withOwnReplay } from '@jobpipe/replay';
import { type ConfigFile, parseConfigFile } from '../../src/config/config-file.js';
import { REPO_ROOT } from '../../src/config.js';

/** The repository's own config file text (its tracks and scoring are what a user starts with). */
export function repositoryConfigText(): string {
  return readFileSync(join(REPO_ROOT, 'jobpipe.config.yaml'), 'utf8');
}

/** The repository config with the stack's own replay source on `replayPort`, serving `postings` generated postings. */
export function ownReplayConfigText(options: { apiPort: number; replayPort: number; postings: number }): string {
  return withOwnReplay(repositoryConfigText(), options);
}

/** The repository's tracks and scoring, reading everything `replay` (a replay server the test runs) serves. */
export function externalReplayConfigText(options: { apiPort: number; replay: ReplayServer }): string {
  return withExternalReplay(repositoryConfigText(), options);
}

/** Parses config text the way `jobpipe up` does (so the test config is validated like a user's). */
export function testConfig(text: string): ConfigFile {
  return parseConfigFile(text, 'test.jobpipe.config.yaml');
}
