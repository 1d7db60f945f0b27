/** The source's own word on whether a posting is open: MCF `status.jobStatus`, SmartRecruiters `active`, Workable `state`. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JobScrapedV1 } from '@jobpipe/contracts';
import { parseRawBody } from '../../../src/index.js';
import { fixtureBytes, SEEN_AT } from '../../fixtures.js';

function statusOf(source: JobScrapedV1['data']['source'], fixture: string, url: string) {
  const { postings } = parseRawBody({ body: fixtureBytes(fixture), source, url, seenAt: SEEN_AT });
  assert.equal(postings.length, 1, fixture);
  return postings[0]!.sourceStatus;
}

test('a posting its source marks closed reads as closed; one it lists as published or active, as open', () => {
  const mcf = 'https://api.mycareersfuture.gov.sg/v2/jobs/';
  assert.equal(statusOf('mcf', 'mcf/job-detail-closed.json', `${mcf}5d2e8f1a7c3b4e9d0a6f2c8b1e4d7a93`), 'closed');
  assert.equal(statusOf('mcf', 'mcf/job-detail-agency-no-years.json', `${mcf}9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a49`), 'open');

  const smartrecruiters = 'https://api.smartrecruiters.com/v1/companies/HarborviewClinics/postings/';
  assert.equal(
    statusOf('smartrecruiters', 'smartrecruiters/posting-744000091239077-closed.json', `${smartrecruiters}744000091239077`),
    'closed',
  );
  assert.equal(statusOf('smartrecruiters', 'smartrecruiters/posting-744000091234501.json', `${smartrecruiters}744000091234501`), 'open');

  const workable = 'https://apply.workable.com/api/v2/accounts/marlow-biolabs/jobs/';
  assert.equal(statusOf('workable', 'workable/job-5E19C0B38A-closed.json', `${workable}5E19C0B38A`), 'closed');
  assert.equal(statusOf('workable', 'workable/job-7B2E90F4C1.json', `${workable}7B2E90F4C1`), 'open');
});

test('a source that states no status (a Greenhouse board, a Workable widget) leaves it unsaid', () => {
  const greenhouse = parseRawBody({
    body: fixtureBytes('greenhouse/board-jobs-content.json'),
    source: 'greenhouse',
    url: 'https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true',
    seenAt: SEEN_AT,
  }).postings;
  assert.ok(greenhouse.length > 0);
  assert.ok(greenhouse.every((posting) => posting.sourceStatus === undefined));
  const widget = parseRawBody({
    body: fixtureBytes('workable/widget-marlow-biolabs.json'),
    source: 'workable',
    url: 'https://apply.workable.com/api/v1/widget/accounts/marlow-biolabs',
    seenAt: SEEN_AT,
  }).postings;
  assert.ok(widget.length > 0);
  assert.ok(widget.every((posting) => posting.sourceStatus === undefined));
});
