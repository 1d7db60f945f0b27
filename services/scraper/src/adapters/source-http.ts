import { JobpipeError, type Logger } from '@jobpipe/shared';
import Bottleneck from 'bottleneck';
import { gotScraping, type RequestError, type Response } from 'got-scraping';
import CircuitBreaker from 'opossum';
import { retryDelayMs } from '../domain/backoff.js';
import { HostAllowlist } from '../domain/host-allowlist.js';
import type { SourcePolicy } from '../domain/policy.js';
import type { SourceName } from '../domain/sources.js';

/** One request to a source. */
export interface SourceRequest {
  readonly url: string;
  readonly method?: 'GET' | 'POST';
  /** JSON body (POST searches). */
  readonly json?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Validators from the last fetch of this URL; sent when the policy allows conditional requests. */
  readonly validators?: { readonly etag?: string; readonly lastModified?: string };
}

/** What a source answered. */
export type SourceResponse =
  | {
      readonly kind: 'body';
      readonly url: string;
      readonly body: Buffer;
      readonly contentType: string;
      readonly etag?: string;
      readonly lastModified?: string;
    }
  | { readonly kind: 'not-modified'; readonly url: string };

/** Why a request to a source failed, with a stable code; `retriable` says whether a later run may succeed. */
export class SourceRequestError extends JobpipeError {
  constructor(
    code: 'HOST_NOT_ALLOWED' | 'BODY_TOO_LARGE' | 'HTTP_STATUS' | 'CIRCUIT_OPEN' | 'NETWORK' | 'REDIRECT_REFUSED',
    message: string,
    readonly retriable: boolean,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}

/** Errors that say nothing about the source's health, so the circuit breaker ignores them. */
function isCallerFault(error: unknown): boolean {
  return error instanceof SourceRequestError && !error.retriable;
}

/** Observers of a source client's circuit, for logs and metrics. */
export type CircuitListener = (state: 'open' | 'half-open' | 'closed') => void;

/**
 * The only way scraper code reaches a source: got-scraping under the source's policy. Every request
 * passes the host allowlist (redirects too), the circuit breaker (opossum, half-open recovery), the
 * rate limiter (bottleneck: concurrency and requests per second), per-attempt timeouts, a body size
 * cap, and retries with exponential backoff and jitter that honour Retry-After on 429/503.
 */
export class SourceHttp {
  private readonly limiter: Bottleneck;
  private readonly breaker: CircuitBreaker<[SourceRequest, HostAllowlist], SourceResponse>;
  private readonly logger: Logger;
  /**
   * The browser this client passes for (sources whose policy sends browser headers): got-scraping
   * generates its headers once per session token and keeps them, as one browser sends the same headers
   * on every request. Without a token it drew a new browser per request from header-generator's
   * Bayesian network, about 1.6 ms of CPU each (6% of the scraper's CPU in the ingest bench).
   */
  private readonly browserSession = {};

  constructor(
    readonly source: SourceName,
    readonly policy: SourcePolicy,
    readonly allowlist: HostAllowlist,
    logger: Logger,
    onCircuit?: CircuitListener,
  ) {
    this.logger = logger.child({ source });
    this.limiter = new Bottleneck({ maxConcurrent: policy.concurrency, minTime: Math.floor(1000 / policy.requestsPerSecond) });
    this.breaker = new CircuitBreaker(
      (request: SourceRequest, allowlist: HostAllowlist) => this.limiter.schedule(() => this.fetchWithRetries(request, allowlist)),
      {
        timeout: false,
        errorThresholdPercentage: policy.breakerErrorPercentage,
        volumeThreshold: policy.breakerVolumeThreshold,
        resetTimeout: policy.breakerResetMs,
        rollingCountTimeout: Math.max(10_000, policy.breakerResetMs * 2),
        errorFilter: isCallerFault,
      },
    );
    this.breaker.on('open', () => {
      this.logger.warn({ resetMs: policy.breakerResetMs }, 'circuit opened: source failing, pausing requests');
      onCircuit?.('open');
    });
    this.breaker.on('halfOpen', () => {
      this.logger.info({}, 'circuit half-open: trying one request');
      onCircuit?.('half-open');
    });
    this.breaker.on('close', () => {
      this.logger.info({}, 'circuit closed: source recovered');
      onCircuit?.('closed');
    });
  }

  /** Whether the circuit is open (requests are refused without reaching the source). */
  get circuitOpen(): boolean {
    return this.breaker.opened;
  }

  /**
   * This client — its rate limiter and circuit breaker shared — allowing `hosts` besides its own list:
   * what one search may fetch from (its `allowHosts`, put there by the user who added the search).
   */
  withHosts(hosts: readonly string[] | undefined): SourceHttp {
    if (!hosts?.length) return this;
    return Object.create(this, { allowlist: { value: new HostAllowlist([...this.allowlist.list(), ...hosts]) } }) as SourceHttp;
  }

  /** Throws HOST_NOT_ALLOWED unless the URL is http(s) on an allowed host. */
  assertAllowed(url: string): void {
    if (!this.allowlist.allows(url)) {
      throw new SourceRequestError('HOST_NOT_ALLOWED', `${this.source}: refusing ${describeUrl(url)}: host not on the allowlist`, false);
    }
  }

  /** Sends one request (with retries) and returns the body, or not-modified. */
  async request(request: SourceRequest): Promise<SourceResponse> {
    this.assertAllowed(request.url);
    try {
      return await this.breaker.fire(request, this.allowlist);
    } catch (error) {
      if ((error as { code?: string }).code === 'EOPENBREAKER') {
        throw new SourceRequestError('CIRCUIT_OPEN', `${this.source}: circuit open after repeated failures`, true);
      }
      throw error;
    }
  }

  /** Stops the breaker's timers and drops queued requests. */
  async close(): Promise<void> {
    this.breaker.shutdown();
    await this.limiter.stop({ dropWaitingJobs: true });
  }

  private async fetchWithRetries(request: SourceRequest, allowlist: HostAllowlist): Promise<SourceResponse> {
    const { policy } = this;
    const headers: Record<string, string> = { accept: 'application/json, text/html;q=0.9', ...request.headers };
    if (policy.conditionalRequests && request.validators?.etag) headers['if-none-match'] = request.validators.etag;
    if (policy.conditionalRequests && request.validators?.lastModified) headers['if-modified-since'] = request.validators.lastModified;
    let tooLarge = false;
    const call = gotScraping({
      url: request.url,
      method: request.method ?? 'GET',
      ...(request.json === undefined ? {} : { json: request.json }),
      headers,
      useHeaderGenerator: policy.browserHeaders,
      ...(policy.browserHeaders ? { sessionToken: this.browserSession } : {}),
      responseType: 'buffer',
      throwHttpErrors: false,
      https: { rejectUnauthorized: true },
      timeout: { request: policy.timeoutMs },
      followRedirect: (response) => {
        const target = new URL(String(response.headers.location ?? ''), response.url).href;
        if (allowlist.allows(target)) return true;
        this.logger.warn({ to: describeUrl(target) }, 'redirect to a host not on the allowlist refused');
        return false;
      },
      retry: {
        limit: policy.retries,
        // Searches are read-only even when sent as POST (MCF), so they are safe to repeat.
        methods: ['GET', 'POST'],
        calculateDelay: ({ attemptCount, retryAfter, computedValue, error }) => {
          if (computedValue === 0 || attemptCount > policy.retries) return 0;
          const delay = retryDelayMs({
            attempt: attemptCount,
            retryAfterMs: retryAfter,
            baseMs: policy.backoffBaseMs,
            maxMs: policy.backoffMaxMs,
            random: Math.random(),
          });
          this.logger.debug(
            { url: describeUrl(request.url), attempt: attemptCount, status: error.response?.statusCode, code: error.code, delay },
            'retrying',
          );
          return delay ?? 0;
        },
      },
    });
    call.on('downloadProgress', (progress: { transferred: number; total?: number }) => {
      if (progress.transferred > policy.maxBodyBytes || (progress.total ?? 0) > policy.maxBodyBytes) {
        tooLarge = true;
        call.cancel();
      }
    });
    let response: Response<Buffer>;
    try {
      response = (await call) as Response<Buffer>;
    } catch (error) {
      if (tooLarge) {
        throw new SourceRequestError(
          'BODY_TOO_LARGE',
          `${this.source}: body of ${describeUrl(request.url)} exceeds ${policy.maxBodyBytes} bytes`,
          false,
        );
      }
      const code = (error as RequestError).code ?? 'UNKNOWN';
      throw new SourceRequestError('NETWORK', `${this.source}: ${describeUrl(request.url)} failed (${code})`, true, undefined, {
        cause: error,
      });
    }
    return toSourceResponse(this.source, request.url, response);
  }
}

function toSourceResponse(source: SourceName, requested: string, response: Response<Buffer>): SourceResponse {
  const status = response.statusCode;
  if (status === 304) return { kind: 'not-modified', url: response.url };
  if (status >= 300 && status < 400) {
    throw new SourceRequestError('REDIRECT_REFUSED', `${source}: ${describeUrl(requested)} redirected off the allowlist`, false, status);
  }
  if (status < 200 || status >= 300) {
    const retriable = status === 408 || status === 429 || status >= 500;
    throw new SourceRequestError('HTTP_STATUS', `${source}: ${describeUrl(requested)} answered HTTP ${status}`, retriable, status);
  }
  const header = (name: string) => {
    const value = response.headers[name];
    return typeof value === 'string' && value ? value : undefined;
  };
  const etag = header('etag');
  const lastModified = header('last-modified');
  return {
    kind: 'body',
    url: response.url,
    body: response.body,
    contentType: header('content-type') ?? 'application/octet-stream',
    ...(etag ? { etag } : {}),
    ...(lastModified ? { lastModified } : {}),
  };
}

/** A URL for logs and errors: origin and path only (query strings may carry keys or personal data). */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(invalid url)';
  }
}
