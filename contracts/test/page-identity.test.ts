import assert from 'node:assert/strict';
import { test } from 'node:test';
import { externalIdOfPage } from '../src/page-identity.js';

test('a page id is 32 hex digits of the URL, the same whatever the fragment, different per page', () => {
  assert.equal(externalIdOfPage('https://x.example/jobs/1#apply'), externalIdOfPage('https://x.example/jobs/1'));
  assert.notEqual(externalIdOfPage('https://x.example/jobs/1'), externalIdOfPage('https://x.example/jobs/2'));
  assert.match(externalIdOfPage('https://x.example/jobs/1'), /^[a-f0-9]{32}$/);
});
