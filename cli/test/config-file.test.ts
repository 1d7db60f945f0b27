import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseConfigFile } from '../src/config/config-file.js';

test('the repository config file is valid', () => {
  const path = join(import.meta.dirname, '..', '..', 'jobpipe.config.yaml');
  const config = parseConfigFile(readFileSync(path, 'utf8'), path);
  assert.ok(config.pipeline.searches.length > 0);
  assert.ok(config.pipeline.tracks.length > 0);
  assert.equal(config.replay.enabled, true);
  assert.deepEqual(config.jobSite, { enabled: true, port: 4020, site: 'jobboard' });
  assert.equal(config.pipeline.sites?.jobboard?.baseUrl, 'http://127.0.0.1:4020', 'the demo job site is a site of the config');
});

test('errors name the file and the field', () => {
  assert.throws(
    () => parseConfigFile('tracks:\n  - titleKeywords: []\n    bodyKeywords: []\n', 'my.yaml'),
    /my\.yaml: \/tracks\/0\/name: is required/,
  );
  assert.throws(() => parseConfigFile('api:\n  port: 99999\n', 'my.yaml'), /my\.yaml: \/api\/port must be a number from 0 to 65535/);
  assert.throws(() => parseConfigFile('searches: [ {', 'my.yaml'), /my\.yaml: not valid YAML/);
  assert.throws(() => parseConfigFile('sites: 3\n', 'my.yaml'), /my\.yaml: \/sites: must be object/);
  assert.throws(() => parseConfigFile('sites:\n  Job_Board: { baseUrl: http://x.test }\n', 'my.yaml'), /my\.yaml: \/sites/);
  assert.throws(
    () => parseConfigFile('jobSite: { enabled: true, site: demo }\n', 'my.yaml'),
    /my\.yaml: \/jobSite\/site is 'demo', but \/sites has no site of that name/,
  );
});

test('an empty file is an error, not "all defaults" (a truncated or wrongly saved file would otherwise run with nothing)', () => {
  for (const text of ['', '\n', '# only a comment\n', '---\n']) {
    assert.throws(() => parseConfigFile(text, 'empty.yaml'), /empty\.yaml: the configuration file is empty/, JSON.stringify(text));
  }
});

test('defaults: replay on, API on port 3000', () => {
  const config = parseConfigFile('api: {}\n', 'minimal.yaml');
  assert.deepEqual(config.api, { port: 3000 });
  assert.equal(config.replay.enabled, true);
  assert.deepEqual(config.pipeline, { tracks: [], searches: [] });
  assert.equal(config.jobSite.enabled, false, 'the demo job site runs only when the file asks for it');
});
