import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PermanentError, parseRawBlobKey, RawBlobKeyError, rawBlobKey, rawBlobPrefix } from '../../src/index.js';

const hash = 'ab'.repeat(32);

test('a raw body key is built from its parts and read back into the same parts', () => {
  const parts = { source: 'greenhouse', externalId: 'acme/4012', contentHash: hash, contentType: 'text/html' } as const;
  const key = rawBlobKey(parts);
  assert.equal(key, `raw/greenhouse/acme/4012/${hash}.html`);
  assert.deepEqual(parseRawBlobKey(key), parts);
  assert.deepEqual(parseRawBlobKey(`raw/mcf/123/${hash}.json`), {
    source: 'mcf',
    externalId: '123',
    contentHash: hash,
    contentType: 'application/json',
  });
  assert.equal(rawBlobPrefix('lever'), 'raw/lever/');
  assert.equal(rawBlobPrefix(), 'raw/');
});

test('a key that could leave the raw folder is refused with a permanent error, built or read', () => {
  for (const externalId of ['..', '../../etc/passwd', 'a/../b', './a', 'a//b', '/abs', 'a\\..\\b', 'a\u0000b']) {
    assert.throws(
      () => rawBlobKey({ source: 'mcf', externalId, contentHash: hash, contentType: 'application/json' }),
      (error: unknown) => error instanceof RawBlobKeyError && error instanceof PermanentError && error.code === 'RAW_BLOB_KEY_INVALID',
      externalId,
    );
  }
  for (const key of [
    `raw/mcf/../../secrets/${hash}.json`,
    `raw/mcf/a/../${hash}.json`,
    `raw/mcf//${hash}.json`,
    `raw/mcf/a\\..\\b/${hash}.json`,
  ]) {
    assert.throws(() => parseRawBlobKey(key), RawBlobKeyError, key);
  }
});

test('a key of another shape says what is wrong with it', () => {
  assert.throws(() => parseRawBlobKey(`imports/x/${hash}.json`), /is not a raw body key/);
  assert.throws(() => parseRawBlobKey(`raw/monster/1/${hash}.json`), /names no known source 'monster'/);
  assert.throws(() => parseRawBlobKey('raw/mcf/1/0000.json'), /does not end in <sha256>\.json, <sha256>\.html or <sha256>\.xml/);
  assert.throws(() => parseRawBlobKey(`raw/mcf/1/${hash}.txt`), /does not end in/);
  assert.throws(
    () => rawBlobKey({ source: 'mcf', externalId: '1', contentHash: 'nope', contentType: 'application/json' }),
    /content hash 'nope' is not a hex SHA-256/,
  );
});

test('an XML body (a Personio position) is stored as .xml and read back as XML', () => {
  const key = rawBlobKey({ source: 'personio', externalId: '1620418', contentHash: hash, contentType: 'application/xml' });
  assert.equal(key, `raw/personio/1620418/${hash}.xml`);
  assert.equal(parseRawBlobKey(key).contentType, 'application/xml');
});
