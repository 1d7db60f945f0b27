/**
 * The inbox end to end on the embedded stack: a rejection arrives in a real IMAP mailbox (Dovecot), the
 * inbox classifies and matches it, crm-api turns its `email.classified` into a pending proposal, and
 * accepting the proposal through the API moves the job, with the email's event as the move's cause.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { BusEvent } from '@jobpipe/contracts';
import { buildCrmApi, type CrmApiApp, type CrmApiConfig, createApiKey, crmApiService } from '@jobpipe/crm-api';
import { inboxService } from '@jobpipe/inbox';
import { type RunningService, silentLogger, startService } from '@jobpipe/shared';
import { tempDir, testSecretKey } from '@jobpipe/test-kit';
import { plainMessage, startDovecot, type TestImapServer } from '@jobpipe/test-kit/imap';

const dir = tempDir('jobpipe-inbox-e2e-');
const secretKey = testSecretKey();
let server: TestImapServer;
let crmApi: RunningService<CrmApiConfig, CrmApiApp>;
let inbox: RunningService;
let api: Awaited<ReturnType<typeof buildCrmApi>>;
let headers: Record<string, string>;

async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

before(async () => {
  server = await startDovecot();
  const env = {
    JOBPIPE_DATA_DIR: dir.path,
    JOBPIPE_SECRET_KEY: secretKey,
    JOBPIPE_LOG_LEVEL: 'silent',
    JOBPIPE_API_PORT: '0',
    JOBPIPE_INBOX_MAILBOXES: JSON.stringify([
      { name: 'personal', host: server.host, port: server.port, tls: false, user: server.user, watch: true },
    ]),
  };
  crmApi = await startService(crmApiService, { env, logger: silentLogger });
  api = await buildCrmApi(crmApi.built.context);
  headers = { 'x-api-key': (await createApiKey(crmApi.ports.tables, crmApi.ports.clock, { name: 'e2e' })).key };
  // The job the user applied to, as the parser stored it, moved to applied through the API.
  await crmApi.ports.tables.put('jobs', {
    jobId: 'lever:7f2c9a10',
    source: 'lever',
    title: 'Platform Engineer',
    company: 'Kestrel Payments',
    canonicalUrl: 'https://jobs.lever.co/kestrel/7f2c9a10',
  });
  for (const to of ['screened', 'shortlisted', 'applied'])
    assert.equal((await api.inject({ method: 'POST', url: '/jobs/lever%3A7f2c9a10/stage', headers, payload: { to } })).statusCode, 200);
  await crmApi.ports.secrets().put('inbox/personal', server.password);
  inbox = await startService(inboxService, { env, logger: silentLogger });
  await eventually(async () => ((await inbox.ports.tables.get('inbox', { key: 'cursor#personal' })) ? true : undefined), 'the watcher');
});

after(async () => {
  await inbox?.stop();
  await api?.close();
  await crmApi?.stop();
  await server?.stop();
  dir.remove();
});

test('a rejection arrives, a proposal appears, accepting it closes the job with the email as its cause', async () => {
  await server.deliver(
    plainMessage({
      from: 'Hannah Moreau <hannah.moreau@kestrelpay.com>',
      subject: 'Your application for Platform Engineer',
      text: 'Hi Alex,\n\nThank you for taking the time to interview with us. Unfortunately we have decided not to move forward with your application.\n\nKind regards,\nHannah',
      messageId: '<decision-7f2c@kestrelpay.com>',
    }),
  );
  const proposal = await eventually(async () => {
    const { items } = (await api.inject({ method: 'GET', url: '/proposals?status=pending', headers })).json() as {
      items: { proposalId: string; jobId: string; proposedBy: string; change: { to?: string }; cause?: { eventId: string } }[];
    };
    return items.find((item) => item.proposedBy === 'inbox');
  }, 'the inbox proposal');
  assert.equal(proposal.jobId, 'lever:7f2c9a10');
  assert.equal(proposal.change.to, 'closed');
  assert.equal((await crmApi.ports.tables.get<{ stage: string }>('crm', { jobId: 'lever:7f2c9a10' }))?.stage, 'applied');

  const accepted = await api.inject({ method: 'POST', url: `/proposals/${proposal.proposalId}/accept`, headers });
  assert.equal(accepted.statusCode, 200, accepted.body);
  assert.equal((await crmApi.ports.tables.get<{ stage: string }>('crm', { jobId: 'lever:7f2c9a10' }))?.stage, 'closed');
  // The move reaches the other services' queues naming the email's event as its cause.
  const sheetsQueue = crmApi.ports.consumer('sheets-bridge');
  const move = await eventually(async () => {
    for (const message of await sheetsQueue.receive(10, 200)) {
      const event = JSON.parse(message.body) as BusEvent<'crm.stage-changed'>;
      if (event['detail-type'] === 'crm.stage-changed' && event.detail.data.to === 'closed') return event;
    }
    return undefined;
  }, 'the crm.stage-changed of the accepted move');
  assert.equal(move.detail.meta.causationId, proposal.cause?.eventId);
  assert.equal(move.detail.data.changedBy, 'user');
});
