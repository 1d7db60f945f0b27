import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReplayServer } from '@jobpipe/replay';
import { parse, stringify } from 'yaml';
import { type ConfigFile, parseConfigFile } from '../../src/config/config-file.js';
import { REPO_ROOT } from '../../src/config.js';

/** The repository's own config file text (its tracks and scoring are what a user starts with). */
export function repositoryConfigText(): string {
  return readFileSync(join(REPO_ROOT, 'jobpipe.config.yaml'), 'utf8');
}

/**
 * The repository config with the stack's own replay source on `replayPort` (the JSON-LD search URL
 * names that port too), serving `postings` generated postings.
 */
export function ownReplayConfigText(options: { apiPort: number; replayPort: number; postings: number }): string {
  const document = parse(repositoryConfigText()) as Record<string, unknown>;
  const searches = (document.searches as Record<string, unknown>[]).map((search) =>
    Array.isArray(search.urls)
      ? { ...search, urls: (search.urls as string[]).map((url) => url.replace(':4010/', `:${options.replayPort}/`)) }
      : search,
  );
  return stringify({
    ...document,
    api: { port: options.apiPort },
    replay: { enabled: true, port: options.replayPort, postings: options.postings, faultRate: 0 },
    searches,
  });
}

/**
 * The repository's tracks and scoring, with the stack's replay off and one search per source that
 * reads everything `replay` (a replay server the test runs, standing for the outside world) serves.
 */
export function externalReplayConfigText(options: { apiPort: number; replay: ReplayServer }): string {
  const document = parse(repositoryConfigText()) as Record<string, unknown>;
  // The replay server is on loopback: the search that names its pages must allow that host.
  const searches = options.replay.scrapeRequests('config').map(({ runId: _runId, requestedBy: _by, searchId, ...search }) => ({
    id: searchId,
    ...search,
    ...(search.urls ? { allowPrivateHosts: [new URL(options.replay.origin).hostname] } : {}),
  }));
  return stringify({ ...document, api: { port: options.apiPort }, replay: { enabled: false }, searches });
}

/** Parses config text the way `jobpipe up` does (so the test config is validated like a user's). */
export function testConfig(text: string): ConfigFile {
  return parseConfigFile(text, 'test.jobpipe.config.yaml');
}
