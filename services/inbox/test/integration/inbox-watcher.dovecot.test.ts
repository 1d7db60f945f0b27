import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BusEvent, InboxMessageItem } from '@jobpipe/contracts';
import { createEmbeddedPorts, type RuntimePorts, readRuntimeConfig, startService } from '@jobpipe/shared';
import { exampleTableItem, recordingLogger, tempDir, testSecretKey } from '@jobpipe/test-kit';
import { invitationMessage, plainMessage, startDovecot, type TestImapServer } from '@jobpipe/test-kit/imap';
import { inboxService } from '../../src/app.js';
import { forgetMessages } from '../../src/use-cases/forget-messages.js';

const ics = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'interview-invite.ics'), 'utf8');

async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('the inbox watches a real IMAP server (Dovecot) in IDLE', () => {
  const dir = tempDir('jobpipe-inbox-');
  const secretKey = testSecretKey();
  const logLines: string[] = [];
  let server: TestImapServer;
  let ports: RuntimePorts;
  let service: Awaited<ReturnType<typeof startService>>;
  const env = () => ({
    JOBPIPE_DATA_DIR: dir.path,
    JOBPIPE_SECRET_KEY: secretKey,
    JOBPIPE_LOG_LEVEL: 'silent',
    JOBPIPE_INBOX_RECONNECT_SECONDS: '1',
    JOBPIPE_INBOX_MAILBOXES: JSON.stringify([
      { name: 'personal', host: server.host, port: server.port, tls: false, user: server.user, watch: true },
      { name: 'work', host: server.host, port: server.port, tls: false, user: 'nobody', watch: false },
    ]),
  });
  const stored = (messageId: string) =>
    ports.tables.get('inbox', { key: `message#personal#${messageId}` }) as Promise<InboxMessageItem | undefined>;

  before(async () => {
    server = await startDovecot();
    ports = await createEmbeddedPorts(readRuntimeConfig(env()), 'crm-api');
    await ports.secrets().put('inbox/personal', server.password);
    await ports.tables.put(
      'jobs',
      exampleTableItem('jobs', 'valid-basic', {
        jobId: 'greenhouse:4021',
        source: 'greenhouse',
        externalId: '4021',
        title: 'Senior Data Engineer',
        company: 'Northwind Analytics',
        canonicalUrl: 'https://boards.greenhouse.io/northwind/jobs/4021',
      }),
    );
    await ports.tables.put(
      'crm',
      exampleTableItem('crm', 'valid-basic', { jobId: 'greenhouse:4021', stage: 'applied', updatedAt: '2026-11-30T10:00:00.000Z' }),
    );
    // Mail that was there before the inbox first connected is not read (no `since`).
    await server.deliver(
      plainMessage({ from: 'old@example.com', subject: 'Old news', text: 'Before jobpipe.', messageId: '<old@example.com>' }),
    );
    service = await startService(inboxService, { env: env(), logger: recordingLogger(logLines) });
    await eventually(
      async () => ((await ports.tables.get('inbox', { key: 'cursor#personal' })) ? true : undefined),
      'the first connection',
    );
  });

  after(async () => {
    await service?.stop();
    await ports?.close();
    await server?.stop();
    dir.remove();
  });

  it('takes in a rejection as it arrives: classified, matched to the application, announced without its body', async () => {
    await server.deliver(
      plainMessage({
        from: 'Northwind Analytics <no-reply@us.greenhouse-mail.io>',
        subject: 'Your application for Senior Data Engineer',
        text: 'Hi Alex,\n\nThank you for your interest in Northwind Analytics. After careful consideration we have decided not to move forward with your application.\n\nBest regards,\nNorthwind Recruiting',
        messageId: '<rejection-4021@us.greenhouse-mail.io>',
      }),
    );
    const item = await eventually(() => stored('<rejection-4021@us.greenhouse-mail.io>'), 'the rejection');
    assert.equal(item.emailClass, 'rejection');
    assert.equal(item.jobId, 'greenhouse:4021');
    assert.deepEqual(item.matchedBy, ['company-name', 'job-title', 'ats-sender']);
    assert.match(item.text, /decided not to move forward/);
    const [message] = await ports.consumer('crm-api').receive(10, 2000);
    const event = JSON.parse(message!.body) as BusEvent<'email.classified'>;
    assert.equal(event['detail-type'], 'email.classified');
    assert.equal(event.source, 'jobpipe.inbox');
    assert.deepEqual(
      { ...event.detail.data, confidence: undefined },
      {
        messageId: '<rejection-4021@us.greenhouse-mail.io>',
        mailbox: 'personal',
        emailClass: 'rejection',
        confidence: undefined,
        decidedBy: 'model',
        receivedAt: '2026-12-07T09:15:00.000Z',
        jobId: 'greenhouse:4021',
        matchedBy: ['company-name', 'job-title', 'ats-sender'],
        interviewAt: null,
      },
    );
    assert.doesNotMatch(message!.body, /move forward|Northwind Recruiting|Your application for/);
    await ports.consumer('crm-api').ack([message!]);
    assert.equal(await stored('<old@example.com>'), undefined);
  });

  it('reads the interview time from an .ics invitation, and ties a reply to the thread of a matched message', async () => {
    await server.deliver(
      invitationMessage({
        from: 'Jonas Schmidt <calendar-noreply@example-calendar.com>',
        subject: 'Invitation: Interview',
        messageId: '<invite-7731@example-calendar.com>',
        ics,
      }),
    );
    await server.deliver(
      plainMessage({
        from: 'Priya <priya@gmail.com>',
        subject: 'Re: your application',
        text: 'Hi Alex, one more thing from me - could you send your portfolio?',
        messageId: '<reply-1@gmail.com>',
        inReplyTo: '<rejection-4021@us.greenhouse-mail.io>',
      }),
    );
    const invitation = await eventually(() => stored('<invite-7731@example-calendar.com>'), 'the invitation');
    assert.equal(invitation.emailClass, 'interview-invitation');
    assert.equal(invitation.decidedBy, 'rule');
    assert.equal(invitation.interviewAt, '2026-12-10T14:00:00.000Z');
    const reply = await eventually(() => stored('<reply-1@gmail.com>'), 'the reply');
    assert.equal(reply.jobId, 'greenhouse:4021');
    assert.deepEqual(reply.matchedBy, ['thread']);
  });

  it('watches only the mailboxes that opted in, and never writes a password to the logs', () => {
    assert.ok(logLines.some((line) => line.includes('watching mailbox') && line.includes('personal')));
    assert.ok(!logLines.some((line) => line.includes('"work"')));
    assert.ok(!logLines.some((line) => line.includes(server.password)));
  });

  it('forgets the stored messages on request, keeping the cursor so nothing is read again', async () => {
    const deleted = await forgetMessages(ports.tables, 'personal');
    assert.equal(deleted, 3);
    assert.equal(await stored('<rejection-4021@us.greenhouse-mail.io>'), undefined);
    assert.ok(await ports.tables.get('inbox', { key: 'cursor#personal' }));
    assert.equal(await forgetMessages(ports.tables, null), 0);
  });
});
