import { parse, stringify } from 'yaml';
import type { ReplayServer } from './server.js';

/**
 * A jobpipe config (`jobpipe.config.yaml` text) turned to the stack's own replay source on `replayPort`
 * (the JSON-LD search URLs, written for the default port 4010, name that port too), serving `postings`
 * generated postings, with the API on `apiPort`.
 */
export function withOwnReplay(configText: string, options: { apiPort: number; replayPort: number; postings: number }): string {
  const document = parse(configText) as Record<string, unknown>;
  // The demo's job site is not the replay: its search and the site itself are left out.
  const searches = (document.searches as Record<string, unknown>[])
    .filter((search) => !Array.isArray(search.urls) || (search.urls as string[]).every((url) => url.includes(':4010/')))
    .map((search) =>
      Array.isArray(search.urls)
        ? { ...search, urls: (search.urls as string[]).map((url) => url.replace(':4010/', `:${options.replayPort}/`)) }
        : search,
    );
  return stringify({
    ...document,
    api: { port: options.apiPort },
    replay: { enabled: true, port: options.replayPort, postings: options.postings, faultRate: 0 },
    jobSite: { enabled: false },
    searches,
  });
}

/**
 * A jobpipe config's tracks and scoring with the stack's own replay off and one search per source that
 * reads everything `replay` (a replay server run beside the stack, standing for the outside world) serves.
 */
export function withExternalReplay(configText: string, options: { apiPort: number; replay: ReplayServer }): string {
  const document = parse(configText) as Record<string, unknown>;
  // The replay server is on loopback: the search that names its pages must allow that host.
  const searches = options.replay.scrapeRequests('config').map(({ runId: _runId, requestedBy: _by, searchId, ...search }) => ({
    id: searchId,
    ...search,
    ...(search.urls ? { allowPrivateHosts: [new URL(options.replay.origin).hostname] } : {}),
  }));
  return stringify({ ...document, api: { port: options.apiPort }, replay: { enabled: false }, jobSite: { enabled: false }, searches });
}
