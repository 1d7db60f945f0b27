import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ReplayServer, withExternalReplay, withOwnReplay } from '@jobpipe/replay';
import { parse, stringify } from 'yaml';
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

/**
 * The repository config with only its demo job site: the stack's test job site on `jobSitePort` (the
 * config's site and its search moved there), the replay off, the API on `apiPort`.
 */
export function demoJobSiteConfigText(options: { apiPort: number; jobSitePort: number }): string {
  const document = parse(repositoryConfigText()) as {
    jobSite: { site: string };
    sites: Record<string, { baseUrl: string }>;
    searches: { id: string; urls?: string[] }[];
  };
  const origin = `http://127.0.0.1:${options.jobSitePort}`;
  const site = document.jobSite.site;
  const searches = document.searches
    .filter((search) => search.urls?.some((url) => url.startsWith(document.sites[site]!.baseUrl)))
    .map((search) => ({ ...search, urls: search.urls!.map((url) => origin + new URL(url).pathname) }));
  return stringify({
    ...document,
    api: { port: options.apiPort },
    replay: { enabled: false },
    jobSite: { ...document.jobSite, port: options.jobSitePort },
    sites: { ...document.sites, [site]: { ...document.sites[site], baseUrl: origin } },
    searches,
  });
}
