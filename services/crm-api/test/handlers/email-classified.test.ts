import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { BusEvent, EventDataMap } from '@jobpipe/contracts';
import { PermanentError, standaloneHandlerContext } from '@jobpipe/shared';
import { busEvent } from '@jobpipe/test-kit';
import { inboxProposalId } from '../../src/handlers/email-classified.js';
import { changeStage, crmRecordOf } from '../../src/use-cases/crm.js';
import { listProposals } from '../../src/use-cases/proposals.js';
import { feedScored, scoredData, startTestApi, type TestApi } from '../helpers.js';

let api: TestApi;
before(async () => {
  api = await startTestApi();
  await feedScored(api, scoredData('greenhouse:1'), scoredData('greenhouse:2'));
  for (const to of ['screened', 'shortlisted', 'applied'] as const) await changeStage(api.context, { jobId: 'greenhouse:1', to });
});
after(() => api.close());

function classified(data: Partial<EventDataMap['email.classified']> = {}): BusEvent<'email.classified'> {
  return busEvent(
    'email.classified',
    {
      messageId: '<rejection-1@us.greenhouse-mail.io>',
      mailbox: 'personal',
      emailClass: 'rejection',
      confidence: 0.93,
      decidedBy: 'model',
      receivedAt: '2026-03-01T11:59:00.000Z',
      jobId: 'greenhouse:1',
      matchedBy: ['company-name', 'ats-sender'],
      interviewAt: null,
      ...data,
    },
    'inbox',
  );
}

const handle = (event: BusEvent<'email.classified'>) =>
  api.handlers['email.classified@1'](
    event,
    standaloneHandlerContext((events) => api.ports.publisher.publish(events)),
  );

const stageChangedEvents = () =>
  api.ports.bus.publishedEvents('crm.stage-changed').map((message) => JSON.parse(message.body) as BusEvent<'crm.stage-changed'>);

test('a rejection email matched to an application becomes one pending proposal by the inbox; the CRM does not move', async () => {
  const event = classified();
  await handle(event);
  await handle(event);
  const pending = (await listProposals(api.context, 'pending', 100)).filter((proposal) => proposal.proposedBy === 'inbox');
  assert.equal(pending.length, 1);
  assert.deepEqual(pending[0]!.change, { kind: 'stage-change', to: 'closed', closedReason: 'rejected', note: 'Email: rejection (93%)' });
  assert.equal(pending[0]!.proposalId, inboxProposalId('personal', '<rejection-1@us.greenhouse-mail.io>'));
  assert.deepEqual(pending[0]!.cause, {
    eventId: event.detail.meta.eventId,
    correlationId: event.detail.meta.correlationId,
    messageId: '<rejection-1@us.greenhouse-mail.io>',
  });
  assert.equal((await crmRecordOf(api.context, 'greenhouse:1'))?.stage, 'applied');
});

test('accepting moves the job with the email as the cause of crm.stage-changed; undo moves it back, once', async () => {
  const proposalId = inboxProposalId('personal', '<rejection-1@us.greenhouse-mail.io>');
  const accepted = await api.app.inject({ method: 'POST', url: `/proposals/${proposalId}/accept`, headers: api.auth });
  assert.equal(accepted.statusCode, 200, accepted.body);
  assert.equal(accepted.json().proposal.undoTo, 'applied');
  assert.equal((await crmRecordOf(api.context, 'greenhouse:1'))?.stage, 'closed');
  const proposal = (await listProposals(api.context, 'accepted', 100)).find((candidate) => candidate.proposalId === proposalId)!;
  const move = stageChangedEvents().at(-1)!;
  assert.equal(move.detail.data.to, 'closed');
  assert.equal(move.detail.meta.causationId, proposal.cause!.eventId);
  assert.equal(move.detail.meta.correlationId, proposal.cause!.correlationId);

  const undone = await api.app.inject({ method: 'POST', url: `/proposals/${proposalId}/undo`, headers: api.auth });
  assert.equal(undone.statusCode, 200, undone.body);
  assert.equal(undone.json().proposal.status, 'undone');
  assert.equal((await crmRecordOf(api.context, 'greenhouse:1'))?.stage, 'applied');
  const back = stageChangedEvents().at(-1)!;
  assert.deepEqual([back.detail.data.from, back.detail.data.to], ['closed', 'applied']);
  assert.equal(back.detail.meta.causationId, proposal.cause!.eventId);
  const again = await api.app.inject({ method: 'POST', url: `/proposals/${proposalId}/undo`, headers: api.auth });
  assert.equal(again.statusCode, 409);
  assert.equal(again.json().error, 'proposal_not_undoable');
});

test('undo refuses when the job has moved since the accepted change', async () => {
  const event = classified({
    messageId: '<invite-1@example.com>',
    emailClass: 'interview-invitation',
    decidedBy: 'rule',
    interviewAt: '2026-03-05T14:00:00.000Z',
  });
  await handle(event);
  const proposalId = inboxProposalId('personal', '<invite-1@example.com>');
  assert.equal((await api.app.inject({ method: 'POST', url: `/proposals/${proposalId}/accept`, headers: api.auth })).statusCode, 200);
  await changeStage(api.context, { jobId: 'greenhouse:1', to: 'offer' });
  const undo = await api.app.inject({ method: 'POST', url: `/proposals/${proposalId}/undo`, headers: api.auth });
  assert.equal(undo.statusCode, 409);
  assert.equal(undo.json().error, 'stage_changed_since');
  assert.equal((await crmRecordOf(api.context, 'greenhouse:1'))?.stage, 'offer');
});

test('unmatched mail and outreach propose nothing; an unknown job is parked with the reason', async () => {
  const before = (await listProposals(api.context, 'pending', 100)).length;
  await handle(classified({ messageId: '<a@x>', jobId: null, matchedBy: [] }));
  await handle(classified({ messageId: '<b@x>', jobId: 'greenhouse:2', emailClass: 'recruiter-outreach' }));
  assert.equal((await listProposals(api.context, 'pending', 100)).length, before);
  await assert.rejects(
    handle(classified({ messageId: '<c@x>', jobId: 'greenhouse:404' })),
    (error: unknown) => error instanceof PermanentError && /email proposal refused/.test(error.message),
  );
});
