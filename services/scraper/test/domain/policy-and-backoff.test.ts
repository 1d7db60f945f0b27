import assert from 'node:assert/strict';
import { test } from 'node:test';
import { retryDelayMs } from '../../src/domain/backoff.js';
import { HostAllowlist } from '../../src/domain/host-allowlist.js';
import { withOverrides } from '../../src/domain/policy.js';
import { contentHashOf } from '../../src/domain/raw-posting.js';
import { isSourceDrift } from '../../src/domain/run-stats.js';
import { DEFAULT_POLICIES } from '../../src/sources/registry.js';

test('backoff doubles per attempt with jitter up to the same again, capped', () => {
  const base = { retryAfterMs: undefined, baseMs: 100, maxMs: 1000 };
  assert.equal(retryDelayMs({ ...base, attempt: 1, random: 0 }), 100);
  assert.equal(retryDelayMs({ ...base, attempt: 2, random: 0 }), 200);
  assert.equal(retryDelayMs({ ...base, attempt: 3, random: 0.5 }), 600);
  assert.equal(retryDelayMs({ ...base, attempt: 10, random: 0.9 }), 1000);
});

test('Retry-After wins over the backoff, and a wait longer than the cap means give up', () => {
  assert.equal(retryDelayMs({ attempt: 1, retryAfterMs: 3000, baseMs: 100, maxMs: 5000, random: 0.9 }), 3000);
  assert.equal(retryDelayMs({ attempt: 1, retryAfterMs: 60_000, baseMs: 100, maxMs: 5000, random: 0 }), undefined);
});

test('the allowlist matches host and port exactly, wildcards only subdomains, and only http(s) without credentials', () => {
  const allowlist = new HostAllowlist(['api.lever.co', '127.0.0.1:8080', '*.greenhouse.io']);
  assert.ok(allowlist.allows('https://api.lever.co/v0/postings/x'));
  assert.ok(allowlist.allows('http://127.0.0.1:8080/jobs'));
  assert.ok(allowlist.allows('https://boards-api.greenhouse.io/v1/boards/x/jobs'));
  assert.ok(!allowlist.allows('http://127.0.0.1:8081/jobs'), 'another local port');
  assert.ok(!allowlist.allows('http://169.254.169.254/latest/meta-data/'), 'cloud metadata');
  assert.ok(!allowlist.allows('https://api.lever.co.evil.example/'));
  assert.ok(!allowlist.allows('https://greenhouse.io.evil.example/'));
  assert.ok(!allowlist.allows('file:///etc/passwd'));
  assert.ok(!allowlist.allows('https://user:pw@api.lever.co/'));
  assert.ok(!allowlist.allows('not a url'));
});

test('policies are data: overrides replace fields and nonsense is refused', () => {
  const policy = withOverrides(DEFAULT_POLICIES.mcf, { concurrency: 9 });
  assert.equal(policy.concurrency, 9);
  assert.equal(policy.retries, DEFAULT_POLICIES.mcf.retries);
  assert.throws(() => withOverrides(DEFAULT_POLICIES.mcf, { concurrency: 0 }));
  assert.throws(() => withOverrides(DEFAULT_POLICIES.mcf, { timeoutMs: -1 }));
});

test('the content hash of a body is its hex SHA-256', () => {
  assert.equal(contentHashOf({ body: Buffer.from('{}') }), '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
});

test('drift is zero postings after a run that found at least the minimum', () => {
  assert.equal(isSourceDrift(40, 0, 5), true);
  assert.equal(isSourceDrift(4, 0, 5), false);
  assert.equal(isSourceDrift(undefined, 0, 5), false, 'first run ever');
  assert.equal(isSourceDrift(40, 3, 5), false);
});
