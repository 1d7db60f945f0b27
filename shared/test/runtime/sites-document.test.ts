import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '@jobpipe/test-kit';
import { ConfigError, readSitesFile, siteSections } from '../../src/index.js';

const document = {
  sites: {
    jobboard: { baseUrl: 'https://jobs.example.org', login: { url: '/login', cookies: ['sid'] }, apply: { formSelector: 'form' } },
    'public-board': { baseUrl: 'https://board.example.org' },
  },
};

test("each service reads its own part of every site that has one, with the site's base URL", () => {
  const login = siteSections(document, 'login');
  assert.deepEqual(
    login.map(({ site, baseUrl, section }) => [site, baseUrl, section.path]),
    [['jobboard', 'https://jobs.example.org', 'sites.jobboard.login']],
  );
  assert.equal(login[0]!.section.text('url'), '/login');
  assert.deepEqual(
    login[0]!.section.list('cookies').map((cookie) => cookie.asText()),
    ['sid'],
  );
  assert.equal(login[0]!.section.optionalText('missing'), undefined);
  assert.equal(siteSections({ sites: {} }, 'apply').length, 0);
});

test('a bad value is named by its path in the document', () => {
  assert.throws(() => siteSections([], 'login'), /^Error: sites document must be an object$/);
  assert.throws(() => siteSections({}, 'login'), /^Error: sites must be an object$/);
  assert.throws(() => siteSections({ sites: { a: 'x' } }, 'login'), /^Error: sites\.a must be an object$/);
  assert.throws(() => siteSections({ sites: { a: { login: {} } } }, 'login'), /^Error: sites\.a\.baseUrl must be a non-empty string$/);
  assert.throws(() => siteSections({ sites: { a: { baseUrl: 'x', login: [] } } }, 'login'), /^Error: sites\.a\.login must be an object$/);
  const [login] = siteSections({ sites: { a: { baseUrl: 'x', login: { url: ' ', cookies: 'sid', list: [1] } } } }, 'login');
  assert.throws(() => login!.section.text('url'), /^Error: sites\.a\.login\.url must be a non-empty string$/);
  assert.throws(() => login!.section.list('cookies'), /^Error: sites\.a\.login\.cookies must be a list$/);
  assert.throws(() => login!.section.list('list')[0]!.asText(), /^Error: sites\.a\.login\.list\[0\] must be a non-empty string$/);
});

test('a sites file is read with the parser given; no file means no sites; a broken file names its variable', (t) => {
  const { path: dir, remove } = tempDir('sites-document-');
  t.after(remove);
  const good = join(dir, 'sites.json');
  writeFileSync(good, JSON.stringify(document));
  const parse = (doc: unknown) => new Map(siteSections(doc, 'login').map((entry) => [entry.site, entry.baseUrl]));
  assert.deepEqual([...readSitesFile('JOBPIPE_X_SITES_FILE', good, parse)], [['jobboard', 'https://jobs.example.org']]);
  assert.equal(readSitesFile('JOBPIPE_X_SITES_FILE', undefined, parse).size, 0);
  const broken = join(dir, 'broken.json');
  writeFileSync(broken, '{"sites": ');
  assert.throws(
    () => readSitesFile('JOBPIPE_X_SITES_FILE', broken, parse),
    (error: unknown) => error instanceof ConfigError && error.message.startsWith(`JOBPIPE_X_SITES_FILE='${broken}': `),
  );
  assert.throws(() => readSitesFile('JOBPIPE_X_SITES_FILE', join(dir, 'absent.json'), parse), ConfigError);
});
