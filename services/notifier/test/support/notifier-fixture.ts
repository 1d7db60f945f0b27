import { after, afterEach, before, beforeEach } from 'node:test';
import { type NotifierHarness, startNotifierHarness } from './harness.js';
import { type SmtpSink, startSmtpSink } from './smtp-sink.js';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.js';

/** What a suite of notifier tests works with: the local receivers (one per suite) and a fresh notifier per test. */
export interface NotifierFixture {
  receiver: WebhookReceiver;
  smtp: SmtpSink;
  h: NotifierHarness;
}

/**
 * Registers the suite's hooks (call it inside `describe`): a webhook receiver and an SMTP server started
 * before the suite and closed after it, emptied before each test, which gets a notifier of its own.
 */
export function notifierFixture(): NotifierFixture {
  const fixture = {} as NotifierFixture;
  before(async () => {
    fixture.receiver = await startWebhookReceiver();
    fixture.smtp = await startSmtpSink();
  });
  after(async () => {
    await fixture.receiver.close();
    await fixture.smtp.close();
  });
  beforeEach(async () => {
    fixture.receiver.received.length = 0;
    fixture.smtp.messages.length = 0;
    fixture.h = await startNotifierHarness();
  });
  afterEach(() => fixture.h.close());
  return fixture;
}
