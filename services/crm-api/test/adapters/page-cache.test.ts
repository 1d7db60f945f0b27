import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PageCache } from '../../src/adapters/page-cache.js';

const page = (json: string) => ({ json });

test('a page is kept from the second time its query is asked, and still after the pages are forgotten', () => {
  const cache = new PageCache(1000);
  cache.offer('a', page('[1]'));
  assert.equal(cache.get('a'), undefined, 'asked once: not kept');
  cache.offer('a', page('[1]'));
  assert.deepEqual(cache.get('a'), page('[1]'));
  cache.clear();
  assert.equal(cache.get('a'), undefined, 'forgotten');
  cache.offer('a', page('[2]'));
  assert.deepEqual(cache.get('a'), page('[2]'), 'a query asked before is kept at its next asking');
});

test('the oldest pages go first when the JSON kept would pass the bound; a page over it alone is not kept', () => {
  const cache = new PageCache(10);
  for (const key of ['a', 'b', 'c', 'big']) cache.offer(key, page(''));
  cache.offer('a', page('[1,2]'));
  cache.offer('b', page('[3,4]'));
  cache.offer('c', page('[5,6]'));
  assert.equal(cache.get('a'), undefined, 'the oldest made room');
  assert.deepEqual([cache.get('b'), cache.get('c')], [page('[3,4]'), page('[5,6]')]);
  cache.offer('big', page('[1,2,3,4,5,6]'));
  assert.equal(cache.get('big'), undefined);
  assert.deepEqual(cache.get('c'), page('[5,6]'), 'and it evicted nothing');
});
