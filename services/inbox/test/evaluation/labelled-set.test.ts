import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EMAIL_CLASSES } from '../../src/domain/email.js';
import { readLabelledSet } from '../../src/evaluation/labelled-set.js';

describe('the labelled inbox set', () => {
  it('holds at least 300 messages, at least 50 of each class, from many senders', () => {
    const messages = readLabelledSet();
    assert.ok(messages.length >= 300, `${messages.length} messages`);
    for (const emailClass of EMAIL_CLASSES) {
      const count = messages.filter((message) => message.label === emailClass).length;
      assert.ok(count >= 50, `${emailClass}: ${count}`);
    }
    const senderDomains = new Set(messages.map((message) => message.email.from.address.split('@')[1]));
    assert.ok(senderDomains.size >= 40, `${senderDomains.size} sender domains`);
    for (const ats of ['greenhouse-mail.io', 'hire.lever.co', 'myworkday.com', 'ashbyhq.com', 'smartrecruiters.com'])
      assert.ok(
        messages.some((message) => message.email.from.address.endsWith(ats)),
        ats,
      );
  });

  it('refuses an unknown label, a missing sender and a repeated id, naming the message', () => {
    const good = { id: 'x1', label: 'rejection', from: { address: 'a@b.c' }, subject: 's', text: 't' };
    assert.throws(() => readLabelledSet([{ ...good, label: 'spam' }]), /x1: unknown label "spam"/);
    assert.throws(() => readLabelledSet([{ ...good, from: {} }]), /x1: no from.address/);
    assert.throws(() => readLabelledSet([good, good]), /x1 appears twice/);
  });
});
