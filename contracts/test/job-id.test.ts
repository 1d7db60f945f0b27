import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jobIdOf, sourceOfJobId } from '../src/index.js';

test('a job id joins source and external id, and gives its source back', () => {
  assert.equal(jobIdOf('greenhouse', 'acme/4012'), 'greenhouse:acme/4012');
  assert.equal(sourceOfJobId('greenhouse:acme/4012'), 'greenhouse');
  assert.equal(sourceOfJobId('usajobs:a:b'), 'usajobs', 'only the first colon separates');
});

test('an id without a source part has no source', () => {
  assert.equal(sourceOfJobId('no-colon'), undefined);
  assert.equal(sourceOfJobId(':123'), undefined);
});
