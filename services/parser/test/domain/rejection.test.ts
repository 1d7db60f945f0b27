import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PostingRejected } from '../../src/domain/rejection.js';

test('a rejection carries its code and message but no stack frames, and leaves the stack limit as it was', () => {
  const limit = Error.stackTraceLimit;
  const rejection = new PostingRejected('NO_POSTING', 'page has no schema.org JobPosting');
  assert.equal(rejection.rejection, 'NO_POSTING');
  assert.equal(rejection.code, 'NO_POSTING');
  assert.equal(rejection.message, 'page has no schema.org JobPosting');
  assert.equal(rejection.stack, 'PostingRejected: page has no schema.org JobPosting');
  assert.equal(Error.stackTraceLimit, limit);
  assert.match(new Error('other errors keep theirs').stack ?? '', /\n\s+at /);
});
