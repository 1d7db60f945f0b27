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
  /** Boards (Greenhouse boards, Lever companies, …) served, per source whose searches name boards. */
  readonly boards: Readonly<Partial<Record<SourceName, readonly string[]>>>;
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
  const usajobsKey = options.usajobsKey ?? 'replay-key';
  const dataset = buildDataset({
    postings: options.postings ?? 50,
    broken: options.broken ?? 0,
    includeRecordings: options.includeRecordings ?? true,
    seed: options.seed ?? 42,
    ...(options.today ? { today: options.today } : {}),
    usajobsKey,
    workdayLargeBoards: options.workdayLargeBoards ?? [],
    ...(options.boards ? { boards: options.boards } : {}),
  });
  const faults = new FaultPlan(options.faults);
  const requests: ReplayRequestRecord[] = [];
  const state: RouteState = { dataset, origin: '', empty: new Set() };

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
    const headers: Record<string, string> = { ...answer.headers, 'content-type': answer.contentType };
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
  const boards = Object.fromEntries(
    [...dataset.sources].filter(([, source]) => source.boards.length > 0).map(([name, source]) => [name, source.boards]),
  ) as Partial<Record<SourceName, readonly string[]>>;
  const served = [...dataset.sources];

  return {
    baseUrls: Object.fromEntries(served.map(([name]) => [name, origin])) as Record<SourceName, string>,
    origin,
    postings: dataset.postings,
    boards,
    searchPageUrl: `${origin}/careers/search`,
    requests,
    faults,
    scrapeRequests(runId) {
      return served.map(([source, served]) => ({
        runId,
        requestedBy: 'cli' as const,
        searchId: `replay-${source}`,
        source,
        ...served.search(origin),
      }));
    },
    scraperEnv() {
      return {
        ...Object.assign({}, ...served.map(([, source]) => source.scraperEnv(origin))),
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
      dataset.sources.get(source)!.touch(externalId);
    },
    close() {
      return new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
