import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, test } from 'node:test';
import { type BusEvent, contracts, type EventDataMap } from '@jobpipe/contracts';
import { createEmbeddedPorts, type EventPublisher, ManualClock, type OutgoingEvent, processMessage, silentLogger } from '@jobpipe/shared';
import { busEvent, tempDir } from '@jobpipe/test-kit';
import { createSheetsBridgeHandlers, type SheetsBridgeService } from '../../src/app.js';
import { readSheetsBridgeConfig } from '../../src/config.js';
import { localHarness, realHarness, realSheetSkipReason, type SheetHarness } from '../fixtures/sheet-harness.js';

class RecordingPublisher implements EventPublisher {
  readonly published: OutgoingEvent[] = [];
  async publish(events: readonly OutgoingEvent[]): Promise<string[]> {
    this.published.push(...events);
    return events.map(() => randomUUID());
  }
}

const scored = (n: number, title: string, company = 'Acme'): EventDataMap['job.scored'] => ({
  jobId: `mcf:${n}`,
  contentHash: 'a'.repeat(64),
  score: 50 + n,
  track: 'data-eng',
  trackScore: 50,
  modelProbability: null,
  modelVersion: null,
  filteredBy: null,
  reasons: [],
  scoredAt: '2026-03-01T00:00:00.000Z',
  job: { title, company, canonicalUrl: `https://jobs.example.com/${n}`, source: 'mcf' },
});

const stageChanged = (
  jobId: string,
  from: EventDataMap['crm.stage-changed']['from'],
  to: EventDataMap['crm.stage-changed']['to'],
  changedAt: string,
) => busEvent('crm.stage-changed', { jobId, from, to, closedReason: null, changedAt, changedBy: 'user' });

function suite(makeHarness: () => Promise<SheetHarness>) {
  const dir = tempDir('jobpipe-sheets-');
  const clock = new ManualClock(new Date('2026-03-10T12:00:00.000Z'));
  const ports = createEmbeddedPorts({ dataDir: dir.path, secretKey: 'a test passphrase of length' }, 'sheets-bridge', { clock });
  const publisher = new RecordingPublisher();
  let harness: SheetHarness;
  let bridge: SheetsBridgeService;

  const deliver = (events: readonly BusEvent[]) =>
    Promise.all(
      events.map((event) =>
        processMessage(
          { messageId: randomUUID(), receiptHandle: randomUUID(), body: JSON.stringify(event), receiveCount: 1 },
          { registry: contracts(), handlers: bridge.handlers, publisher, logger: silentLogger },
        ),
      ),
    );
  const rowOf = async (jobId: string) => {
    const cells = await harness.cells();
    const index = cells.findIndex((row) => row[0] === jobId);
    return { number: index + 1, cells: cells[index] ?? [] };
  };

  before(async () => {
    harness = await makeHarness();
  });
  beforeEach(async () => {
    await harness.reset();
    await ports.secrets().put('sheets-bridge/google-credentials', harness.credentialsJson);
    publisher.published.length = 0;
    const config = readSheetsBridgeConfig({
      JOBPIPE_DATA_DIR: dir.path,
      JOBPIPE_SHEETS_SPREADSHEET_ID: harness.spreadsheetId,
      ...(harness.rootUrl ? { JOBPIPE_SHEETS_ROOT_URL: harness.rootUrl } : {}),
      JOBPIPE_SHEETS_FLUSH_MS: '20',
      JOBPIPE_SHEETS_BACKOFF_MS: '10',
    });
    bridge = await createSheetsBridgeHandlers({ ...ports, publisher }, config, silentLogger);
  });
  after(async () => {
    await harness.stop();
    await ports.close();
    dir.remove();
  });

  test('push: scored jobs become rows in one batch, written RAW, formulas neutralized', async () => {
    const outcomes = await deliver([
      busEvent('job.scored', scored(1, 'Data Engineer'), 'recommender'),
      busEvent('job.scored', scored(2, '=HYPERLINK("http://evil.example","click")', '+Evil Corp'), 'recommender'),
      busEvent('job.scored', scored(3, '@SUM(A1)'), 'recommender'),
    ]);
    assert.deepEqual(
      outcomes.map((outcome) => outcome.kind),
      ['ack', 'ack', 'ack'],
    );
    const cells = await harness.cells();
    assert.deepEqual(cells[0], [
      'id',
      'title',
      'company',
      'score',
      'stage',
      'link',
      'notes',
      'application',
      'updated-at',
      'sync (do not edit)',
    ]);
    assert.equal(cells.length, 4);
    const evil = (await rowOf('mcf:2')).cells;
    assert.equal(evil[1], '\'=HYPERLINK("http://evil.example","click")');
    assert.equal(evil[2], "'+Evil Corp");
    assert.equal(evil[3], 52, 'scores are numbers');
    assert.equal((await rowOf('mcf:3')).cells[1], "'@SUM(A1)");
    if (harness.fake) {
      const writes = harness.fake.writes();
      assert.equal(writes.length, 2, 'one header write and one append for the whole batch');
      for (const write of writes) assert.equal(write.body?.valueInputOption ?? write.query.get('valueInputOption'), 'RAW');
    }
  });

  test('a stage and note edited in the sheet become one crm.stage-changed, and are not echoed back', async () => {
    await deliver([busEvent('job.scored', scored(1, 'Data Engineer'), 'recommender')]);
    await deliver([stageChanged('mcf:1', null, 'new', '2026-03-10T11:00:00.000Z')]);
    const row = await rowOf('mcf:1');
    assert.equal(row.cells[4], 'new');

    await harness.edit(row.number, 5, 'shortlisted');
    await harness.edit(row.number, 7, '=1+1 call them');
    await bridge.sync!.cycle();
    assert.equal(publisher.published.length, 1);
    const [event] = publisher.published;
    assert.equal(event!.detailType, 'crm.stage-changed');
    assert.deepEqual(event!.data, {
      jobId: 'mcf:1',
      from: 'new',
      to: 'shortlisted',
      closedReason: null,
      changedAt: clock.now().toISOString(),
      changedBy: 'sheet',
      note: '=1+1 call them',
    });
    assert.equal((await rowOf('mcf:1')).cells[6], "'=1+1 call them", "the user's text is neutralized too");

    await bridge.sync!.cycle();
    assert.equal(publisher.published.length, 1, 'the next poll sees no new edit');
    const writesBefore = harness.fake?.writes().length;
    await deliver([busEvent('crm.stage-changed', event!.data as EventDataMap['crm.stage-changed'], 'sheets-bridge')]);
    if (harness.fake) assert.equal(harness.fake.writes().length, writesBefore, 'its own event coming back writes nothing');
    assert.equal(publisher.published.length, 1);
  });

  test('last writer wins: an older CRM change loses to a sheet edit, a newer one replaces it', async () => {
    await deliver([stageChanged('mcf:1', null, 'new', '2026-03-10T11:00:00.000Z')]);
    await harness.edit((await rowOf('mcf:1')).number, 5, 'applied');
    await bridge.sync!.cycle();
    await deliver([stageChanged('mcf:1', 'new', 'screened', '2026-03-10T11:30:00.000Z')]);
    assert.equal((await rowOf('mcf:1')).cells[4], 'applied', 'the change made before the sheet edit was seen loses');
    await deliver([stageChanged('mcf:1', 'applied', 'interviewing', '2026-03-10T13:00:00.000Z')]);
    assert.equal((await rowOf('mcf:1')).cells[4], 'interviewing');
    assert.equal(publisher.published.length, 1, 'only the sheet edit became an event');
  });

  test('a 429 is retried after its Retry-After, and the write lands', async (t) => {
    if (!harness.fake) return t.skip('throttling can only be injected on the local server');
    const start = harness.fake.requests.length;
    harness.fake.throttleNext(1, 1);
    const [outcome] = await deliver([busEvent('job.scored', scored(4, 'Platform Engineer'), 'recommender')]);
    assert.equal(outcome!.kind, 'ack');
    const requests = harness.fake.requests.slice(start);
    assert.deepEqual(
      requests.map((request) => request.status),
      [429, 200, 200, 200, 200],
      'the first request (the tab check: the spreadsheet is opened at the first sync) was throttled once and retried; then the rows were read, the header and the row written',
    );
    assert.equal(requests[0]!.path, requests[1]!.path, 'the same request was retried');
    assert.equal((await rowOf('mcf:4')).cells[1], 'Platform Engineer');
  });
}

describe('sheets-bridge against a local Sheets v4 server', () => suite(localHarness));

const realSkip = realSheetSkipReason(process.env);
describe('sheets-bridge against a real spreadsheet', { skip: realSkip }, () => suite(async () => realHarness(process.env)));
