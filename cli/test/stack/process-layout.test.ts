import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SERVICE_NAMES } from '@jobpipe/contracts';
import { DEFAULT_LAYOUT, parseProcessLayout } from '../../src/stack/process-layout.js';

test('the named layouts: grouped is the default, separate gives each service a process, one puts all in one', () => {
  assert.equal(parseProcessLayout('grouped'), DEFAULT_LAYOUT);
  assert.deepEqual(
    parseProcessLayout('separate'),
    SERVICE_NAMES.map((service) => [service]),
  );
  assert.deepEqual(parseProcessLayout('one'), [SERVICE_NAMES]);
});

test('every service is in exactly one process of the default layout', () => {
  assert.deepEqual(DEFAULT_LAYOUT.flat().sort(), [...SERVICE_NAMES].sort());
});

test('an explicit layout groups the named services; the services left out each get a process', () => {
  const layout = parseProcessLayout('etl+applier, parser+recommender');
  assert.deepEqual(layout.slice(0, 2), [
    ['etl', 'applier'],
    ['parser', 'recommender'],
  ]);
  assert.deepEqual(layout.slice(2).flat().sort(), ['auth-refresher', 'crm-api', 'inbox', 'notifier', 'scraper', 'sheets-bridge']);
  assert.ok(layout.slice(2).every((group) => group.length === 1));
});

test('an unknown or repeated service is refused with a message naming it', () => {
  assert.throws(() => parseProcessLayout('etl+mailer'), /'mailer' is not a service/);
  assert.throws(() => parseProcessLayout('etl+applier,etl'), /'etl' is named twice/);
});
