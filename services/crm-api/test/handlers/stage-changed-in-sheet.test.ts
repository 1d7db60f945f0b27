import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { EventDataMap } from '@jobpipe/contracts';
import { PermanentError, standaloneHandlerContext } from '@jobpipe/shared';
import { busEvent } from '@jobpipe/test-kit';
import { crmRecordOf, historyOf } from '../../src/use-cases/crm.js';
import { feedScored, scoredData, startTestApi, type TestApi } from '../helpers.js';

let api: TestApi;
before(async () => {
  api = await startTestApi();
  await feedScored(api, scoredData('greenhouse:1'), scoredData('greenhouse:2'));
});
after(() => api.close());

function fromSheet(data: Partial<EventDataMap['crm.stage-changed']>) {
  const event = busEvent(
    'crm.stage-changed',
    {
      jobId: 'greenhouse:1',
      from: 'new',
      to: 'screened',
      closedReason: null,
      changedAt: '2026-03-01T12:30:00.000Z',
      changedBy: 'sheet',
      ...data,
    },
    'sheets-bridge',
  );
  return api.handlers['crm.stage-changed@1'](
    event,
    standaloneHandlerContext((events) => api.ports.publisher.publish(events)),
  );
}

test('a stage edited in the sheet reaches the CRM with its history, without being published again', async () => {
  const publishedBefore = api.published('crm.stage-changed').length;
  await fromSheet({ note: 'edited in the sheet' });
  const record = await crmRecordOf(api.context, 'greenhouse:1');
  assert.equal(record?.stage, 'screened');
  const history = await historyOf(api.context, 'greenhouse:1');
  assert.equal(history.at(-1)?.by, 'sheet');
  assert.equal(api.published('crm.stage-changed').length, publishedBefore);
});

test('a redelivered or older sheet change leaves the CRM as it is (last writer wins)', async () => {
  await fromSheet({ note: 'edited in the sheet' });
  await fromSheet({ to: 'closed', closedReason: 'not-interested', changedAt: '2026-03-01T11:00:00.000Z' });
  assert.equal((await crmRecordOf(api.context, 'greenhouse:1'))?.stage, 'screened');
  assert.equal((await historyOf(api.context, 'greenhouse:1')).filter((entry) => entry.kind === 'stage').length, 1);
});

test("crm-api's own changes are not applied twice", async () => {
  await fromSheet({ jobId: 'greenhouse:2', to: 'shortlisted', changedBy: 'user', changedAt: '2026-03-01T13:00:00.000Z' });
  assert.equal(await crmRecordOf(api.context, 'greenhouse:2'), undefined);
});

test('an illegal transition from the sheet is parked with the reason', async () => {
  await assert.rejects(
    fromSheet({ jobId: 'greenhouse:2', to: 'offer', changedAt: '2026-03-01T13:00:00.000Z' }),
    (error: unknown) => error instanceof PermanentError && /sheet change refused/.test(error.message),
  );
});
