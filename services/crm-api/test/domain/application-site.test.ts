import assert from 'node:assert/strict';
import { test } from 'node:test';
import { siteOfApplyUrl } from '../../src/domain/application-site.js';

const sites = {
  jobboard: { baseUrl: 'http://127.0.0.1:4020' },
  acme: { baseUrl: 'https://careers.acme.example/' },
};

test("an application goes to the configured site on its URL's origin, else to the URL's host name", () => {
  assert.equal(siteOfApplyUrl(sites, 'http://127.0.0.1:4020/jobs/data-engineer-101'), 'jobboard');
  assert.equal(siteOfApplyUrl(sites, 'https://careers.acme.example/jobs/7?ref=x'), 'acme');
  // Same host, another port (the replay beside the job site): another origin, so not the job site.
  assert.equal(siteOfApplyUrl(sites, 'http://127.0.0.1:4010/careers/1'), '127.0.0.1');
  assert.equal(siteOfApplyUrl(undefined, 'https://boards.example.org/a'), 'boards.example.org');
});
