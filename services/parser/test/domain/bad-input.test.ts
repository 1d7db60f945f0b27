import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { PermanentError } from '@jobpipe/shared';
import { PostingRejected, parseRawBody, type RawBodyInput, type RejectionCode } from '../../src/index.js';
import { FIXTURES, fixtureBytes, fixtureJson, SEEN_AT } from '../fixtures.js';

function rejection(input: Omit<RawBodyInput, 'seenAt'>): PostingRejected {
  try {
    parseRawBody({ ...input, seenAt: SEEN_AT });
  } catch (error) {
    assert.ok(error instanceof PostingRejected, `expected a PostingRejected, got ${String(error)}`);
    assert.ok(error instanceof PermanentError, 'a rejection is permanent: it goes to the DLQ, not back to the queue');
    return error;
  }
  assert.fail('the body was accepted');
}

function assertRejected(input: Omit<RawBodyInput, 'seenAt'>, code: RejectionCode, mentions: RegExp): void {
  const error = rejection(input);
  assert.equal(error.code, code, error.message);
  assert.match(error.message, mentions);
}

const greenhouseJob = () =>
  structuredClone(fixtureJson<{ jobs: Record<string, unknown>[] }>('greenhouse/board-jobs-content.json').jobs[0]!);

test('truncated JSON is named as truncated', () => {
  const body = fixtureBytes('mcf/job-detail-data-engineer.json').subarray(0, 900);
  assertRejected({ body, source: 'mcf' }, 'JSON_TRUNCATED', /truncated JSON/);
  assertRejected({ body: '{"uuid": "abc", "title": "Data Eng', source: 'mcf' }, 'JSON_TRUNCATED', /never closes/);
});

test('a body that is not JSON at all is named as invalid JSON', () => {
  assertRejected({ body: '<html><body>Service Unavailable</body></html>', source: 'greenhouse' }, 'JSON_INVALID', /not valid JSON/);
});

test('an HTML page without a posting says so', () => {
  assertRejected(
    { body: '<html><head><title>Jobs</title></head><body><p>No openings</p></body></html>', source: 'jsonld' },
    'NO_POSTING',
    /no JSON-LD/,
  );
  assertRejected({ body: fixtureBytes('jsonld/no-posting.html') }, 'NO_POSTING', /no schema\.org JobPosting/);
});

test('a JSON-LD block that is not JSON is named in the reason', () => {
  const page = '<html><head><script type="application/ld+json">{"@type": "JobPosting", "title": </script></head></html>';
  assertRejected({ body: page, source: 'jsonld' }, 'NO_POSTING', /block 1/);
});

test('invalid UTF-8 is an encoding error, not mojibake', () => {
  const body = Buffer.concat([
    Buffer.from('{"uuid":"x","title":"Ing'),
    Buffer.from([0xe9, 0x6e]),
    Buffer.from('ieur","postedCompany":{"name":"A"}}'),
  ]);
  assertRejected({ body, source: 'mcf' }, 'BODY_ENCODING', /not valid UTF-8/);
  assertRejected({ body: Buffer.from([0xc3, 0x28, 0xa0, 0xa1]), source: 'jsonld' }, 'BODY_ENCODING', /UTF-8/);
});

test('a charset the parser cannot decode is named', () => {
  const page = '<html><head><meta charset="x-klingon"></head><body></body></html>';
  assertRejected({ body: page, source: 'jsonld' }, 'BODY_ENCODING', /x-klingon/);
});

test('binary data is refused', () => {
  assertRejected({ body: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]), source: 'jsonld' }, 'BODY_ENCODING', /NUL|binary/);
});

test('a 10 MB page is refused by size before it is read', () => {
  const body = Buffer.alloc(10 * 1024 * 1024, 0x20);
  assertRejected({ body, source: 'jsonld' }, 'BODY_TOO_LARGE', /10485760 bytes, over the 5242880-byte limit/);
});

test('an empty body is refused', () => {
  assertRejected({ body: Buffer.alloc(0), source: 'lever' }, 'BODY_EMPTY', /empty/);
});

test('missing required fields are each named', () => {
  const job = greenhouseJob();
  delete job.title;
  delete job.company_name;
  delete job.absolute_url;
  assertRejected(
    { body: JSON.stringify(job), source: 'greenhouse' },
    'MISSING_FIELDS',
    /'6136160004' lacks required field\(s\): title, company, url/,
  );

  const noUrl = { id: 'abc', text: 'Engineer', categories: { location: 'Berlin' } };
  assertRejected({ body: JSON.stringify(noUrl), source: 'lever' }, 'MISSING_FIELDS', /company, url/);

  const page = '<script type="application/ld+json">{"@context":"https://schema.org","@type":"JobPosting","title":"Cook"}</script>';
  assertRejected({ body: page, source: 'jsonld', url: 'https://diner.example/jobs/cook' }, 'MISSING_FIELDS', /company/);
});

test('JSON of another source, or of no source, is refused with what it is', () => {
  assertRejected(
    { body: fixtureBytes('mcf/search-3results.json'), source: 'greenhouse' },
    'UNKNOWN_FORMAT',
    /MCF \/v2\/search response, not a greenhouse posting/,
  );
  assertRejected({ body: '{"status": "ok"}' }, 'UNKNOWN_FORMAT', /not a posting of any known source/);
  assertRejected(
    { body: '{"status": "ok"}', source: 'usajobs' },
    'MISSING_FIELDS',
    /lacks required field\(s\): title, company, external id, url/,
  );
  assertRejected({ body: '[1, 2, 3]', source: 'lever' }, 'NO_POSTING', /Lever postings array holds no posting/);
  assertRejected({ body: '{"results": [], "_links": {}}' }, 'NO_POSTING', /holds no posting/);
});

test('no truncation of any fixture crashes the parser: each either parses or is rejected with a reason', () => {
  const files = readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' }).filter(
    (file) => /\.(json|html|xml)$/.test(file) && !file.endsWith('biome.json'),
  );
  assert.ok(files.length >= 10);
  for (const file of files) {
    const bytes = fixtureBytes(file);
    for (let cut = 0; cut < bytes.length; cut += Math.max(1, Math.floor(bytes.length / 60))) {
      try {
        parseRawBody({ body: bytes.subarray(0, cut), url: 'https://example.org/job', seenAt: SEEN_AT });
      } catch (error) {
        assert.ok(error instanceof PostingRejected, `${join('fixtures', file)} cut at ${cut}: ${String(error)}`);
        assert.ok(error.message.length > 10);
      }
    }
  }
});
