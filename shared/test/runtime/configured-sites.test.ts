import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configuredSites, siteSections, type TableStore } from '../../src/index.js';

/** A config table holding `sites` as its current config's section (what crm-api's PUT /config stores). */
function configTable(sites: unknown): Pick<TableStore, 'get'> {
  const current = { key: 'current', version: 1, updatedAt: '2026-12-06T00:00:00.000Z', config: { tracks: [], searches: [], sites } };
  return { get: (async () => (sites === undefined ? undefined : current)) as unknown as TableStore['get'] };
}

/** The base URL of every site with a `login` part, by site. */
const parseLogins = (document: unknown) => new Map(siteSections(document, 'login').map(({ site, baseUrl }) => [site, baseUrl]));

const fromFile = new Map([['filed', 'https://filed.example.org']]);

test("a service's sites are the file's and the stored config's, read on each call; the config wins for a site in both", async () => {
  let stored: Record<string, unknown> = { jobboard: { baseUrl: 'http://127.0.0.1:4020', login: { url: '/login' } } };
  const tables = {
    get: (async () => ({ key: 'current', config: { tracks: [], searches: [], sites: stored } })) as unknown as TableStore['get'],
  };
  const sites = configuredSites(tables, fromFile, parseLogins, () => assert.fail('no problem expected'));
  assert.deepEqual(
    [...(await sites())],
    [
      ['filed', 'https://filed.example.org'],
      ['jobboard', 'http://127.0.0.1:4020'],
    ],
  );
  stored = { filed: { baseUrl: 'https://moved.example.org', login: { url: '/in' } } };
  assert.deepEqual([...(await sites())], [['filed', 'https://moved.example.org']], 'a config change is seen on the next call');
});

test('no stored config, or no sites in it: the sites file alone', async () => {
  assert.equal(await configuredSites(configTable(undefined), fromFile, parseLogins, assert.fail)(), fromFile);
  assert.equal(await configuredSites(configTable({}), fromFile, parseLogins, assert.fail)(), fromFile);
});

test('a stored section the parser refuses is reported with its path and left out', async () => {
  const problems: string[] = [];
  const sites = configuredSites(configTable({ broken: { login: {} } }), fromFile, parseLogins, (reason) => problems.push(reason));
  assert.equal(await sites(), fromFile);
  assert.deepEqual(problems, ["the config's sites: sites.broken.baseUrl must be a non-empty string"]);
});
