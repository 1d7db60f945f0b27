import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createEmbeddedPorts } from '@jobpipe/shared';
import { tempDir } from '@jobpipe/test-kit';
import { runJobpipe } from './support/cli-process.js';

const dir = tempDir('jobpipe-cli-dlq-');
after(() => dir.remove());
const runtime = { dataDir: dir.path, secretKey: undefined };
let deadIds: string[] = [];

const jobpipe = (...args: string[]) => runJobpipe(dir.path, ...args);

function scraped(n: number) {
  return {
    detailType: 'job.scraped' as const,
    data: {
      source: 'mcf' as const,
      externalId: `job-${n}`,
      url: `https://api.mycareersfuture.gov.sg/v2/jobs/job-${n}`,
      blobKey: `raw/mcf/job-${n}/${'c'.repeat(64)}.json`,
      contentHash: 'c'.repeat(64),
      contentType: 'application/json' as const,
      byteLength: 10,
      fetchedAt: '2026-03-01T09:00:00.000Z',
    },
  };
}

function parserDepth() {
  const ports = createEmbeddedPorts(runtime, 'scheduler');
  const depth = ports.deadLetters.depth('parser');
  return depth.finally(() => ports.close());
}

before(async () => {
  const scraper = createEmbeddedPorts(runtime, 'scraper');
  const [first, second] = await scraper.publisher.publish([scraped(1), scraped(2)]);
  const parser = scraper.consumer('parser');
  for (const message of await parser.receive(10, 0)) {
    await parser.deadLetter(message, `PARSE_FAILED: no JSON-LD JobPosting in ${JSON.parse(message.body).detail.data.externalId}`);
  }
  await scraper.close();
  deadIds = [`${first}:parser`, `${second}:parser`];
});

test('dlq list shows each dead letter with its detail-type and reason', () => {
  const { code, stdout } = jobpipe('dlq', 'list', 'parser');
  assert.equal(code, 0);
  assert.match(stdout, /job\.scraped/);
  assert.match(stdout, /PARSE_FAILED: no JSON-LD JobPosting in job-1/);
  assert.match(stdout, /2 dead letter\(s\) on parser-dlq/);
  const json = JSON.parse(jobpipe('dlq', 'list', 'parser-dlq', '--json').stdout) as { messageId: string; reason: string }[];
  assert.deepEqual(
    json.map((letter) => letter.messageId),
    deadIds,
  );
});

test('dlq list with a smaller limit says how many there are in all', () => {
  const { code, stdout } = jobpipe('dlq', 'list', 'parser', '--limit', '1');
  assert.equal(code, 0);
  assert.match(stdout, /showing the oldest 1 of 2 dead letter\(s\) on parser-dlq/);
});

test('dlq show prints the reason and the whole event', () => {
  const { code, stdout } = jobpipe('dlq', 'show', 'parser', deadIds[1]!);
  assert.equal(code, 0);
  assert.match(stdout, /reason: +PARSE_FAILED: no JSON-LD JobPosting in job-2/);
  assert.match(stdout, /"externalId": "job-2"/);
  assert.match(stdout, /receives: +1/);
});

test('dlq show of an unknown id and any command on an unknown queue fail with a clear error', () => {
  const missing = jobpipe('dlq', 'show', 'parser', 'no-such-id');
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no dead letter 'no-such-id' on parser-dlq/);
  const unknown = jobpipe('dlq', 'list', 'parsr');
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /error: unknown queue 'parsr' \(known: scraper, parser, /);
});

test('dlq redrive --id moves that message back; redrive moves the rest', async () => {
  const one = jobpipe('dlq', 'redrive', 'parser', '--id', deadIds[0]!);
  assert.equal(one.code, 0);
  assert.match(one.stdout, /moved 1 message\(s\) from parser-dlq back to parser/);
  assert.deepEqual(await parserDepth(), { ready: 1, inFlight: 0, deadLettered: 1 });

  const rest = jobpipe('dlq', 'redrive', 'parser');
  assert.match(rest.stdout, /moved 1 message\(s\)/);
  assert.deepEqual(await parserDepth(), { ready: 2, inFlight: 0, deadLettered: 0 });
  assert.match(jobpipe('dlq', 'list', 'parser').stdout, /parser-dlq is empty/);
});
