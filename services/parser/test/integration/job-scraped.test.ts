import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { createEmbeddedPorts, EmbeddedBusSender, PermanentError, silentLogger, standaloneHandlerContext } from '@jobpipe/shared';
import { busEvent } from '@jobpipe/test-kit';
import { createParserHandlers } from '../../src/index.js';
import { fixtureBytes, fixtureJson } from '../fixtures.js';
import { parserStack } from './harness.js';

const stack = parserStack();
after(() => stack.close());

const usajobs = fixtureJson<{ SearchResult: { SearchResultItems: { MatchedObjectId: string }[] } }>('usajobs/search-2items.json')
  .SearchResult.SearchResultItems;

test('the same job.scraped delivered twice stores one item and publishes one job.parsed', async () => {
  const body = JSON.stringify(usajobs[0]);
  const url = 'https://data.usajobs.gov/api/search?Keyword=policy#437787500';
  await stack.scrape('usajobs', '437787500', body, url);
  await stack.scrape('usajobs', '437787500', body, url);
  await stack.drain();

  const jobs = (await stack.jobs()).filter((job) => job.jobId === 'usajobs:437787500');
  assert.equal(jobs.length, 1);
  assert.match(jobs[0]!.descriptionHtml, /^<h3>Summary<\/h3><p>The U\.S\. Department of the Interior/);
  assert.equal(jobs[0]!.rawBlobKey?.startsWith('raw/usajobs/437787500/'), true);
  const events = (await stack.parsedEvents()).filter((event) => event.detail.data.job.jobId === 'usajobs:437787500');
  assert.equal(events.length, 1);
  assert.equal(events[0].detail.data.change, 'new');
  assert.equal(events[0].detail.data.duplicateOf, null);
  assert.equal('descriptionHtml' in events[0].detail.data.job, false, 'the sanitized HTML stays in the table');
  assert.equal(events[0].detail.data.job.contentHash, jobs[0]!.contentHash);
});

test('changed content updates the item, keeps firstSeenAt, moves lastSeenAt and publishes "updated"', async () => {
  const changed = structuredClone(usajobs[0]) as unknown as { MatchedObjectDescriptor: { PositionTitle: string } };
  changed.MatchedObjectDescriptor.PositionTitle = 'Senior Policy Analyst (Tribal Climate)';
  await stack.scrape(
    'usajobs',
    '437787500',
    JSON.stringify(changed),
    'https://data.usajobs.gov/api/search#437787500',
    '2026-07-22T08:00:00.000Z',
  );
  await stack.drain();
  const [job] = (await stack.jobs()).filter((item) => item.jobId === 'usajobs:437787500');
  assert.equal(job!.title, 'Senior Policy Analyst (Tribal Climate)');
  assert.equal(job!.firstSeenAt, '2026-07-20T08:00:00.000Z');
  assert.equal(job!.lastSeenAt, '2026-07-22T08:00:00.000Z');
  const events = await stack.parsedEvents();
  assert.equal(events.length, 1);
  assert.equal(events[0].detail.data.change, 'updated');
});

test('an older body arriving late does not overwrite newer content', async () => {
  await stack.scrape(
    'usajobs',
    '437787500',
    JSON.stringify(usajobs[0]),
    'https://data.usajobs.gov/api/search#437787500',
    '2026-07-21T08:00:00.000Z',
  );
  await stack.drain();
  const [job] = (await stack.jobs()).filter((item) => item.jobId === 'usajobs:437787500');
  assert.equal(job!.title, 'Senior Policy Analyst (Tribal Climate)');
  assert.deepEqual(await stack.parsedEvents(), []);
});

test('a bad body ends in the DLQ with the reason; a missing blob is retried, not dead-lettered', async () => {
  await stack.scrape(
    'mcf',
    'broken-1',
    fixtureBytes('mcf/job-detail-data-engineer.json').subarray(0, 700),
    'https://api.mycareersfuture.gov.sg/v2/jobs/broken-1',
  );
  await stack.scraper.publisher.publish([
    {
      detailType: 'job.scraped',
      data: {
        source: 'lever',
        externalId: 'not-stored',
        url: 'https://api.lever.co/v0/postings/northwind/not-stored',
        blobKey: `raw/lever/not-stored/${'0'.repeat(64)}.json`,
        contentHash: '0'.repeat(64),
        contentType: 'application/json',
        byteLength: 10,
        fetchedAt: '2026-07-20T08:00:00.000Z',
      },
    },
  ]);
  await stack.drain();
  const dead = await stack.deadLetters();
  assert.equal(dead.length, 1);
  assert.match(dead[0]!.reason, /JSON_TRUNCATED: body is truncated JSON/);
  const depth = await stack.parser.deadLetters.depth('parser');
  assert.equal(depth.inFlight + depth.ready, 1, 'the missing-blob message waits for a retry');
});

test('a job stored while the bus is down is announced once when it is back; a redelivery announces nothing more', async () => {
  const data = await stack.scrape('usajobs', '437080900', JSON.stringify(usajobs[1]), 'https://data.usajobs.gov/api/search#437080900');
  let busDown = true;
  const parser = createEmbeddedPorts({ dataDir: stack.dir.path, secretKey: undefined }, 'parser', {
    clock: stack.clock,
    logger: silentLogger,
    sender: (bus) => {
      const real = new EmbeddedBusSender(bus);
      return {
        send: async (events) => {
          if (busDown) throw new Error('bus unavailable');
          await real.send(events);
        },
      };
    },
  });
  try {
    const handler = createParserHandlers(parser, { maxBodyBytes: 1_000_000, duplicateMinConfidence: 0.75 }, silentLogger)['job.scraped@1'];
    const event = busEvent('job.scraped', data, 'scraper');
    await handler(event, standaloneHandlerContext(parser.publisher.publish.bind(parser.publisher)));
    assert.ok(
      (await stack.jobs()).some((job) => job.jobId === 'usajobs:437080900'),
      'the job is stored',
    );
    assert.deepEqual(await stack.parsedEvents(), [], 'nothing reached the bus');

    busDown = false;
    await handler(event, standaloneHandlerContext(parser.publisher.publish.bind(parser.publisher), { receiveCount: 2 }));
    await parser.flushEvents();
    const announced = (await stack.parsedEvents()).filter((parsed) => parsed.detail.data.job.jobId === 'usajobs:437080900');
    assert.equal(announced.length, 1);
    await stack.drain();
  } finally {
    await parser.close();
  }
});

test('a job.scraped whose blob key leaves raw/ is refused with a permanent error, before any read', async () => {
  const handler = createParserHandlers(stack.parser, { maxBodyBytes: 1_000_000, duplicateMinConfidence: 0.75 }, silentLogger)[
    'job.scraped@1'
  ];
  const event = busEvent(
    'job.scraped',
    {
      source: 'mcf',
      externalId: 'escape',
      url: 'https://api.mycareersfuture.gov.sg/v2/jobs/escape',
      blobKey: `raw/mcf/../../secrets/${'a'.repeat(64)}.json`,
      contentHash: 'a'.repeat(64),
      contentType: 'application/json',
      byteLength: 10,
      fetchedAt: '2026-07-20T08:00:00.000Z',
    },
    'scraper',
  );
  await assert.rejects(
    handler(
      event,
      standaloneHandlerContext(async () => []),
    ),
    (error: unknown) => error instanceof PermanentError && error.code === 'RAW_BLOB_KEY_INVALID' && /'\.\.' segment/.test(error.message),
  );
});
