import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseApplySites } from '../../src/domain/apply-site.js';
import { jobSiteApply } from '../support/harness.js';

test('reads the apply settings of every site that has them', () => {
  const sites = parseApplySites({ sites: { jobboard: jobSiteApply('http://127.0.0.1:4010'), other: { baseUrl: 'https://example.org' } } });
  assert.deepEqual([...sites.keys()], ['jobboard']);
  const site = sites.get('jobboard')!;
  assert.deepEqual(
    site.fields.map((field) => [field.profileField, field.optional]),
    [
      ['firstName', false],
      ['lastName', false],
      ['email', false],
      ['phone', true],
      ['country', false],
    ],
  );
  assert.equal(site.questions?.containerSelector, '.screening-question');
});

test('names the bad value of a broken sites file', () => {
  const good = jobSiteApply('http://127.0.0.1:4010');
  assert.throws(
    () => parseApplySites({ sites: { jobboard: { ...good, apply: { ...good.apply, fields: [{ selector: '#x' }] } } } }),
    /fields\[0\]\.profileField/,
  );
  assert.throws(() => parseApplySites({ sites: { jobboard: { ...good, apply: { ...good.apply, submitSelector: 3 } } } }), /submitSelector/);
});
