import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EventDataMap } from '@jobpipe/contracts';
import { inboxProposalFor } from '../../src/domain/inbox-proposal.js';

const email = (data: Partial<EventDataMap['email.classified']>): EventDataMap['email.classified'] => ({
  messageId: '<m@x>',
  mailbox: 'personal',
  emailClass: 'other',
  confidence: 0.8,
  decidedBy: 'model',
  receivedAt: '2026-03-01T11:59:00.000Z',
  jobId: 'greenhouse:1',
  matchedBy: ['company-domain'],
  interviewAt: null,
  ...data,
});

test('each class proposes the next step the pipeline allows from where the job stands', () => {
  const to = (emailClass: EventDataMap['email.classified']['emailClass'], stage: Parameters<typeof inboxProposalFor>[1]) => {
    const change = inboxProposalFor(email({ emailClass }), stage);
    return change?.kind === 'stage-change' ? change.to : change?.kind;
  };
  assert.equal(to('rejection', 'interviewing'), 'closed');
  assert.equal(to('interview-invitation', 'applied'), 'interviewing');
  assert.equal(to('assessment', 'applied'), 'interviewing');
  assert.equal(to('application-received', 'shortlisted'), 'applied');
  assert.equal(to('application-received', 'interviewing'), undefined);
  assert.equal(to('rejection', 'closed'), undefined);
  assert.equal(to('recruiter-outreach', 'applied'), undefined);
  assert.equal(to('other', 'applied'), undefined);
});

test('an interview time the stage cannot take as a move becomes a note', () => {
  const change = inboxProposalFor(
    email({ emailClass: 'interview-invitation', interviewAt: '2026-03-05T14:00:00.000Z', confidence: 0.99 }),
    'interviewing',
  );
  assert.deepEqual(change, { kind: 'note', note: 'Email: interview invitation (99%), interview at 2026-03-05T14:00:00.000Z' });
});
