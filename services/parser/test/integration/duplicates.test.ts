import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { fixtureJson } from '../fixtures.js';
import { parserStack } from './harness.js';

const stack = parserStack();
after(() => stack.close());

const lever = fixtureJson<Record<string, unknown>[]>('lever/postings-mode-json.json');

function jsonLdPage(posting: object): string {
  return `<!doctype html><html><head><script type="application/ld+json">${JSON.stringify(posting)}</script></head><body></body></html>`;
}

/** The stored canonical job and its copy, once checked that the copy, and only the copy, links to the canonical job. */
async function linkedPair(canonicalId: string, copyId: string) {
  const jobs = await stack.jobs();
  const canonical = jobs.find((job) => job.jobId === canonicalId)!;
  const copy = jobs.find((job) => job.jobId === copyId)!;
  assert.equal(canonical.canonicalJobId, undefined);
  assert.equal(copy.canonicalJobId, canonical.jobId);
  return { canonical, copy };
}

test('the same job on Lever and on the company page is linked to one canonical job with a confidence', async () => {
  await stack.scrape(
    'lever',
    '5d3c1f7a-9b2e-4c8d-a6f0-1e2d3c4b5a69',
    JSON.stringify(lever[0]),
    'https://api.lever.co/v0/postings/northwind/5d3c1f7a-9b2e-4c8d-a6f0-1e2d3c4b5a69',
  );
  await stack.drain();
  stack.clock.advance(60_000);
  const page = jsonLdPage({
    '@context': 'https://schema.org',
    '@type': 'JobPosting',
    title: 'Staff Platform Engineer',
    hiringOrganization: { '@type': 'Organization', name: 'Northwind, Inc.' },
    jobLocation: {
      '@type': 'Place',
      address: { '@type': 'PostalAddress', addressLocality: 'San Francisco', addressRegion: 'CA', addressCountry: 'US' },
    },
    description: '<p>Northwind is looking for a Staff Platform Engineer to lead our Kubernetes platform.</p>',
    datePosted: '2026-07-15',
  });
  await stack.scrape(
    'jsonld',
    'northwind-careers-staff-platform',
    page,
    'https://northwind.example/careers/staff-platform-engineer',
    stack.clock.now().toISOString(),
  );
  await stack.drain();

  const { canonical, copy } = await linkedPair('lever:5d3c1f7a-9b2e-4c8d-a6f0-1e2d3c4b5a69', 'jsonld:northwind-careers-staff-platform');
  assert.equal(copy.dedupeKey, canonical.dedupeKey);
  assert.ok(copy.duplicateConfidence! >= 0.8 && copy.duplicateConfidence! < 1, String(copy.duplicateConfidence));

  const events = await stack.parsedEvents();
  const copyEvent = events.find((event) => event.detail.data.job.jobId === copy.jobId);
  assert.deepEqual(copyEvent.detail.data.duplicateOf, { jobId: canonical.jobId, confidence: copy.duplicateConfidence });
});

test('a third copy links to the same canonical job, not to the second copy', async () => {
  const repost = {
    ...lever[0],
    id: 'ffff0000-1111-4222-8333-444455556666',
    hostedUrl: 'https://jobs.lever.co/northwind/ffff0000-1111-4222-8333-444455556666',
  };
  stack.clock.advance(60_000);
  await stack.scrape(
    'lever',
    'ffff0000-1111-4222-8333-444455556666',
    JSON.stringify(repost),
    'https://api.lever.co/v0/postings/northwind/ffff0000-1111-4222-8333-444455556666',
    stack.clock.now().toISOString(),
  );
  await stack.drain();
  const third = (await stack.jobs()).find((job) => job.jobId === 'lever:ffff0000-1111-4222-8333-444455556666')!;
  assert.equal(third.canonicalJobId, 'lever:5d3c1f7a-9b2e-4c8d-a6f0-1e2d3c4b5a69');
  assert.equal(third.duplicateConfidence, 1, 'same key and the same description text');
});

test('near-identical text under another title and place is linked by its text fingerprint', async () => {
  const text =
    'We are looking for an engineer to own our billing platform end to end. You will design ledgers, reconcile payments with our ' +
    'providers every night, and build the APIs our finance team relies on. We work in TypeScript on Node.js with PostgreSQL.';
  const first = jsonLdPage({
    '@context': 'https://schema.org',
    '@type': 'JobPosting',
    title: 'Billing Engineer',
    hiringOrganization: 'Ledgerly',
    jobLocation: { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: 'Austin', addressCountry: 'US' } },
    description: `<p>${text}</p>`,
  });
  const second = jsonLdPage({
    '@context': 'https://schema.org',
    '@type': 'JobPosting',
    title: 'Software Engineer, Payments',
    hiringOrganization: 'Ledgerly Recruiting Partners',
    jobLocation: { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: 'Remote', addressCountry: 'US' } },
    description: `<div>${text.toUpperCase()}</div>`,
  });
  stack.clock.advance(60_000);
  await stack.scrape('jsonld', 'ledgerly-billing', first, 'https://ledgerly.example/jobs/billing', stack.clock.now().toISOString());
  await stack.drain();
  stack.clock.advance(60_000);
  await stack.scrape('jsonld', 'agency-ledgerly-payments', second, 'https://agency.example/jobs/4471', stack.clock.now().toISOString());
  await stack.drain();
  const copy = (await stack.jobs()).find((job) => job.jobId === 'jsonld:agency-ledgerly-payments')!;
  assert.equal(copy.canonicalJobId, 'jsonld:ledgerly-billing');
  assert.equal(copy.duplicateConfidence, 1);
});

test('different jobs at the same company are not linked', async () => {
  stack.clock.advance(60_000);
  await stack.scrape(
    'lever',
    '0a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d',
    JSON.stringify(lever[1]),
    'https://api.lever.co/v0/postings/northwind/0a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d',
    stack.clock.now().toISOString(),
  );
  await stack.drain();
  const job = (await stack.jobs()).find((item) => item.jobId === 'lever:0a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d')!;
  assert.equal(job.canonicalJobId, undefined);
  const events = (await stack.parsedEvents()).filter((event) => event.detail.data.job.jobId === job.jobId);
  assert.equal(events[0].detail.data.duplicateOf, null);
});

test('two copies of one job in the same received batch are linked: the second sees the first one stored', async () => {
  const posting = (url: string) =>
    jsonLdPage({
      '@context': 'https://schema.org',
      '@type': 'JobPosting',
      title: 'Site Reliability Engineer',
      hiringOrganization: { '@type': 'Organization', name: 'Fernpay B.V.' },
      jobLocation: { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: 'Amsterdam', addressCountry: 'NL' } },
      description: '<p>Fernpay is hiring a Site Reliability Engineer to run our payment platform on Kubernetes.</p>',
      datePosted: '2026-07-16',
      url,
    });
  const first = 'https://fernpay.example/careers/sre';
  const second = 'https://jobs.board.example/fernpay/sre';
  // The first body takes longer to read than the second: delivery order must still decide.
  const blobs = stack.parser.blobs;
  const read = blobs.get.bind(blobs);
  blobs.get = async (key) => {
    if (key.startsWith('raw/jsonld/fernpay-sre/')) await new Promise((resolve) => setTimeout(resolve, 50));
    return read(key);
  };
  await stack.scrape('jsonld', 'fernpay-sre', posting(first), first, stack.clock.now().toISOString());
  await stack.scrape('jsonld', 'board-fernpay-sre', posting(second), second, stack.clock.now().toISOString());
  await stack.drain();

  await linkedPair('jsonld:fernpay-sre', 'jsonld:board-fernpay-sre');
  assert.deepEqual(await stack.deadLetters(), []);
});
