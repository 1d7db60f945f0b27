import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { externalIdOfPage } from '@jobpipe/contracts';
import { buildDataset, type DatasetOptions, type ReplayPosting } from './dataset.js';
import { type FaultKind, type FaultOptions, FaultPlan } from './faults.js';
import { type ReplayAnswer, type RouteState, route } from './routes.js';
import type { ScrapeRequest, SourceName } from './scrape-request.js';

/** Options of the replay server. */
export interface ReplayServerOptions extends Partial<DatasetOptions> {
  /** Port on 127.0.0.1 (0, the default, picks a free one). */
  readonly port?: number;
  readonly faults?: FaultOptions;
  /** The USAJOBS key the replay accepts (default `replay-key`). */
  readonly usajobsKey?: string;
}

/** One request the replay answered. */
export interface ReplayRequestRecord {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly fault?: FaultKind;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly at: number;
}

/** A running replay server. */
export interface ReplayServer {
  /** Base URL per source (one server serves every source at its real paths). */
  readonly baseUrls: Readonly<Record<SourceName, string>>;
  readonly origin: string;
  /** Every posting served, with whether it is deliberately broken. */
  readonly postings: readonly ReplayPosting[];
  /** Greenhouse boards and Lever companies served. */
  readonly boards: { readonly greenhouse: readonly string[]; readonly lever: readonly string[] };
  /** The JSON-LD search page (follow `a.job-link`). */
  readonly searchPageUrl: string;
  /** Requests answered so far, oldest first. */
  readonly requests: ReplayRequestRecord[];
  /** The faults; `faults.rate` may be changed while running. */
  readonly faults: FaultPlan;
  /** One scrape.requested payload per source that reads everything the replay serves. */
  scrapeRequests(runId: string): ScrapeRequest[];
  /** Environment for `readScraperConfig` pointing every source here, with fast local policies. */
  scraperEnv(): Record<string, string>;
  /** Makes a source answer with zero postings (or stop doing so), as when an API changes. */
  setEmpty(source: SourceName, empty: boolean): void;
  /** Changes one posting's content, as when an employer edits it. */
  touch(source: SourceName, externalId: string): void;
  close(): Promise<void>;
}

const etagOf = (body: string) => `"${createHash('sha1').update(body).digest('hex').slice(0, 20)}"`;

/**
 * Starts the replay server on 127.0.0.1: recorded real responses plus a seeded generator of N more
 * postings in each source's real format, served at each source's real paths with ETag/Last-Modified
 * validators, and optional transport faults the scraper must retry through.
 */
export async function startReplayServer(options: ReplayServerOptions = {}): Promise<ReplayServer> {
  const dataset = buildDataset({
    postings: options.postings ?? 50,
    broken: options.broken ?? 0,
    includeRecordings: options.includeRecordings ?? true,
    seed: options.seed ?? 42,
  });
  const faults = new FaultPlan(options.faults);
  const requests: ReplayRequestRecord[] = [];
  const pageDates = new Map([...dataset.pages.keys()].map((path) => [path, 'Wed, 01 Jul 2026 00:00:00 GMT']));
  const state: RouteState = { dataset, origin: '', usajobsKey: options.usajobsKey ?? 'replay-key', empty: new Set(), pageDates };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      handle(request, response, Buffer.concat(chunks).toString('utf8')).catch(() => response.destroy());
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse, body: string): Promise<void> {
    const url = new URL(request.url ?? '/', state.origin);
    const path = `${url.pathname}${url.search}`;
    const fault = faults.next(path);
    const record = (status: number) =>
      requests.push({
        method: request.method ?? 'GET',
        path,
        status,
        headers: request.headers,
        at: Date.now(),
        ...(fault ? { fault } : {}),
      });
    if (fault === 'error') {
      record(500);
      response.writeHead(500, { 'content-type': 'application/json' }).end('{"message":"Internal Server Error"}');
      return;
    }
    if (fault === 'throttle' || fault === 'unavailable') {
      const status = fault === 'throttle' ? 429 : 503;
      record(status);
      response.writeHead(status, { 'retry-after': String(faults.retryAfterSeconds), 'content-type': 'text/plain' }).end('try again later');
      return;
    }
    if (fault === 'slow') await new Promise((resolve) => setTimeout(resolve, faults.slowMs));
    const answer = route({ method: request.method ?? 'GET', url, headers: request.headers, body }, state);
    send(request, response, answer, fault, record);
  }

  function send(
    request: IncomingMessage,
    response: ServerResponse,
    answer: ReplayAnswer,
    fault: FaultKind | undefined,
    record: (status: number) => void,
  ) {
    const headers: Record<string, string> = { 'content-type': answer.contentType };
    if (answer.status === 200 && answer.cacheable) {
      const etag = etagOf(answer.body);
      headers.etag = etag;
      if (answer.lastModified) headers['last-modified'] = answer.lastModified;
      const since = request.headers['if-modified-since'];
      const unchangedSince = answer.lastModified && since && Date.parse(since) >= Date.parse(answer.lastModified);
      if (request.headers['if-none-match'] === etag || (!request.headers['if-none-match'] && unchangedSince)) {
        record(304);
        response.writeHead(304, headers).end();
        return;
      }
    }
    const bytes = Buffer.from(answer.body);
    headers['content-length'] = String(bytes.length);
    record(answer.status);
    response.writeHead(answer.status, headers);
    if (fault === 'truncate' && bytes.length > 1) {
      // Half the promised bytes, then the connection drops: a transport fault, not a bad posting.
      response.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => response.socket?.destroy());
      return;
    }
    response.end(bytes);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  (state as { origin: string }).origin = origin;
  for (const posting of dataset.postings) {
    if (posting.source === 'jsonld' && posting.path) posting.externalId = externalIdOfPage(`${origin}${posting.path}`);
  }
  const boards = { greenhouse: [...dataset.greenhouseBoards.keys()], lever: [...dataset.leverCompanies.keys()] };
  const searchPageUrl = `${origin}/careers/search`;

  return {
    baseUrls: { mcf: origin, usajobs: origin, greenhouse: origin, lever: origin, jsonld: origin },
    origin,
    postings: dataset.postings,
    boards,
    searchPageUrl,
    requests,
    faults,
    scrapeRequests(runId) {
      const common = { runId, requestedBy: 'cli' as const };
      return [
        { ...common, searchId: 'replay-mcf', source: 'mcf', keywords: 'software engineer' },
        { ...common, searchId: 'replay-usajobs', source: 'usajobs', keywords: 'data', location: 'Washington, District of Columbia' },
        { ...common, searchId: 'replay-greenhouse', source: 'greenhouse', boards: boards.greenhouse },
        { ...common, searchId: 'replay-lever', source: 'lever', boards: boards.lever },
        { ...common, searchId: 'replay-jsonld', source: 'jsonld', urls: [searchPageUrl], followLinks: 'a.job-link' },
      ];
    },
    scraperEnv() {
      const host = new URL(origin).host;
      return {
        JOBPIPE_SCRAPER_MCF_BASE_URL: origin,
        JOBPIPE_SCRAPER_USAJOBS_BASE_URL: origin,
        JOBPIPE_SCRAPER_GREENHOUSE_BASE_URL: origin,
        JOBPIPE_SCRAPER_LEVER_BASE_URL: origin,
        JOBPIPE_SCRAPER_JSONLD_ALLOWED_HOSTS: host,
        JOBPIPE_SCRAPER_USAJOBS_EMAIL: 'replay@jobpipe.invalid',
        JOBPIPE_SCRAPER_USAJOBS_API_KEY: state.usajobsKey,
        // A local server needs no politeness: fast limits, short backoff (Retry-After is still honoured).
        JOBPIPE_SCRAPER_POLICY: JSON.stringify({
          concurrency: 16,
          requestsPerSecond: 2000,
          backoffBaseMs: 20,
          breakerResetMs: 2000,
          retries: 6,
        }),
      };
    },
    setEmpty(source, empty) {
      if (empty) state.empty.add(source);
      else state.empty.delete(source);
    },
    touch(source, externalId) {
      touchPosting(state, source, externalId);
    },
    close() {
      return new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

/** Appends a sentence to one posting's description (and moves a page's Last-Modified). */
function touchPosting(state: RouteState, source: SourceName, externalId: string): void {
  const { dataset } = state;
  const note = ' Updated: the team grew.';
  const edit = (item: Record<string, unknown> | undefined, field: string) => {
    if (!item) throw new Error(`replay has no ${source} posting ${externalId}`);
    item[field] = `${String(item[field] ?? '')}${note}`;
  };
  if (source === 'mcf') {
    const detail = dataset.mcfDetails.get(externalId);
    if (!detail) throw new Error(`replay has no mcf posting ${externalId}`);
    const parsed = JSON.parse(detail) as Record<string, unknown>;
    edit(parsed, 'description');
    dataset.mcfDetails.set(externalId, JSON.stringify(parsed));
  } else if (source === 'usajobs') {
    const item = dataset.usajobsItems.find((candidate) => String(candidate.MatchedObjectId) === externalId);
    edit(item?.MatchedObjectDescriptor as Record<string, unknown> | undefined, 'QualificationSummary');
  } else if (source === 'greenhouse') {
    edit(
      [...dataset.greenhouseBoards.values()].flat().find((job) => String(job.id) === externalId),
      'content',
    );
  } else if (source === 'lever') {
    edit(
      [...dataset.leverCompanies.values()].flat().find((posting) => posting.id === externalId),
      'descriptionPlain',
    );
  } else {
    const posting = dataset.postings.find((candidate) => candidate.source === 'jsonld' && candidate.externalId === externalId);
    const html = posting?.path ? dataset.pages.get(posting.path) : undefined;
    if (!posting?.path || html === undefined) throw new Error(`replay has no jsonld page ${externalId}`);
    dataset.pages.set(posting.path, html.replace('</body>', `<p>${note}</p></body>`));
    // Strictly later than the last date served, whatever this machine's clock says.
    const previous = Date.parse(state.pageDates.get(posting.path) ?? '') || 0;
    state.pageDates.set(posting.path, new Date(Math.max(Date.now(), previous + 1000)).toUTCString());
  }
}
