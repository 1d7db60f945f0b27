import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { type ReplayServer, startReplayServer } from '@jobpipe/replay';
import { silentLogger } from '@jobpipe/shared';
import { SourceHttp, type SourceRequestError } from '../../src/adapters/source-http.js';
import { HostAllowlist } from '../../src/domain/host-allowlist.js';
import { withOverrides } from '../../src/domain/policy.js';
import { DEFAULT_POLICIES } from '../../src/sources/registry.js';

let replay: ReplayServer;
before(async () => {
  replay = await startReplayServer({ postings: 5, includeRecordings: false, faults: { rate: 0, retryAfterSeconds: 1 } });
});
after(() => replay.close());

const fast = withOverrides(DEFAULT_POLICIES.mcf, { requestsPerSecond: 1000, backoffBaseMs: 20, retries: 3 });
const client = (policy = fast) => new SourceHttp('mcf', policy, new HostAllowlist([new URL(replay.origin).host]), silentLogger);
const firstUuid = () => replay.postings.find((posting) => posting.source === 'mcf')!.externalId;

test('503 and 429 with Retry-After: waits at least that long each time, then succeeds', async () => {
  const http = client();
  const path = `/v2/jobs/${firstUuid()}`;
  replay.faults.inject(path, 'unavailable', 1);
  replay.faults.inject(path, 'throttle', 1);
  const response = await http.request({ url: `${replay.origin}${path}` });
  assert.equal(response.kind, 'body');
  const attempts = replay.requests.filter((request) => request.path === path);
  assert.deepEqual(
    attempts.map((attempt) => attempt.status),
    [503, 429, 200],
  );
  assert.ok(attempts[1]!.at - attempts[0]!.at >= 950, 'the retry after 503 came after the Retry-After second');
  assert.ok(attempts[2]!.at - attempts[1]!.at >= 950, 'the retry after 429 came after the Retry-After second');
  await http.close();
});

test('500s and truncated bodies are retried through', async () => {
  const http = client();
  const path = `/v2/jobs/${firstUuid()}`;
  replay.faults.inject(path, 'truncate', 1);
  replay.faults.inject(path, 'error', 1);
  const before = replay.requests.length;
  const response = await http.request({ url: `${replay.origin}${path}` });
  assert.equal(response.kind, 'body');
  assert.doesNotThrow(() => JSON.parse(response.kind === 'body' ? response.body.toString() : ''));
  assert.deepEqual(
    replay.requests.slice(before).map((request) => request.fault ?? request.status),
    ['truncate', 'error', 200],
  );
  await http.close();
});

test('retries are bounded: a source that keeps failing gives a retriable error', async () => {
  const http = client(withOverrides(fast, { retries: 2 }));
  const path = `/v2/jobs/${firstUuid()}`;
  replay.faults.inject(path, 'error', 3);
  await assert.rejects(http.request({ url: `${replay.origin}${path}` }), (error: SourceRequestError) => {
    assert.equal(error.code, 'HTTP_STATUS');
    assert.equal(error.status, 500);
    assert.equal(error.retriable, true);
    return true;
  });
  await http.close();
});

test('the circuit opens after repeated failures, refuses without calling, and recovers half-open', async () => {
  const policy = withOverrides(fast, { retries: 0, breakerVolumeThreshold: 3, breakerErrorPercentage: 50, breakerResetMs: 300 });
  const states: string[] = [];
  const http = new SourceHttp('mcf', policy, new HostAllowlist([new URL(replay.origin).host]), silentLogger, (state) => states.push(state));
  const url = `${replay.origin}/v2/jobs/${firstUuid()}`;
  replay.faults.inject('/v2/jobs/', 'unavailable', 3);
  for (let i = 0; i < 3; i++) await assert.rejects(http.request({ url }));
  assert.equal(http.circuitOpen, true);
  const seen = replay.requests.length;
  await assert.rejects(http.request({ url }), (error: SourceRequestError) => error.code === 'CIRCUIT_OPEN' && error.retriable);
  assert.equal(replay.requests.length, seen, 'an open circuit does not reach the source');
  await new Promise((resolve) => setTimeout(resolve, 400));
  const response = await http.request({ url });
  assert.equal(response.kind, 'body');
  assert.equal(http.circuitOpen, false);
  assert.deepEqual(states, ['open', 'half-open', 'closed']);
  await http.close();
});

test('hosts off the allowlist are refused before any request, redirects to them too', async () => {
  const http = client();
  const seen = replay.requests.length;
  await assert.rejects(http.request({ url: 'http://169.254.169.254/latest/meta-data/' }), (error: SourceRequestError) => {
    return error.code === 'HOST_NOT_ALLOWED' && !error.retriable;
  });
  assert.equal(replay.requests.length, seen);
  const redirector = createServer((_request, response) => response.writeHead(302, { location: 'http://169.254.169.254/' }).end());
  await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(redirector.address() as AddressInfo).port}`;
  const redirected = new SourceHttp('mcf', fast, new HostAllowlist([host]), silentLogger);
  await assert.rejects(redirected.request({ url: `http://${host}/job` }), (error: SourceRequestError) => error.code === 'REDIRECT_REFUSED');
  redirector.close();
  await Promise.all([http.close(), redirected.close()]);
});

test('bodies over the size cap are refused', async () => {
  const http = client(withOverrides(fast, { maxBodyBytes: 200 }));
  await assert.rejects(
    http.request({ url: `${replay.origin}/v2/jobs/${firstUuid()}` }),
    (error: SourceRequestError) => error.code === 'BODY_TOO_LARGE',
  );
  await http.close();
});

test('conditional requests: a known ETag gets 304 and no body', async () => {
  const http = client();
  const url = `${replay.origin}/v2/jobs/${firstUuid()}`;
  const first = await http.request({ url });
  assert.equal(first.kind, 'body');
  assert.ok(first.kind === 'body' && first.etag);
  const second = await http.request({ url, validators: { etag: first.kind === 'body' ? first.etag : '' } });
  assert.equal(second.kind, 'not-modified');
  await http.close();
});

test('browser headers: every request of one client passes for the same browser, as a real one does', async () => {
  const http = new SourceHttp(
    'jsonld',
    withOverrides(DEFAULT_POLICIES.jsonld, { requestsPerSecond: 1000 }),
    new HostAllowlist([new URL(replay.origin).host]),
    silentLogger,
  );
  assert.equal(DEFAULT_POLICIES.jsonld.browserHeaders, true);
  const path = `/v2/jobs/${firstUuid()}`;
  const before = replay.requests.length;
  for (let i = 0; i < 6; i++) await http.request({ url: `${replay.origin}${path}` });
  const sent = replay.requests.slice(before).map(({ headers }) => {
    const { 'user-agent': userAgent, 'accept-language': acceptLanguage, 'sec-ch-ua': clientHints } = headers;
    return { userAgent, acceptLanguage, clientHints };
  });
  assert.equal(sent.length, 6);
  assert.match(String(sent[0]!.userAgent), /Mozilla\/5\.0/, 'a browser user agent');
  for (const headers of sent) assert.deepEqual(headers, sent[0], 'the same browser on every request');
  await http.close();
});
