import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyEmail, RULE_CONFIDENCE } from '../../src/domain/classify-email.js';
import { loadEmailModel, trainEmailModel } from '../../src/domain/email-model.js';
import { readLabelledSet } from '../../src/evaluation/labelled-set.js';

describe('classifyEmail', () => {
  const model = loadEmailModel(trainEmailModel(readLabelledSet()));

  it('reads a rejection written in words the set does not use as a rejection, with graded confidence', () => {
    const result = classifyEmail(model, {
      from: { address: 'no-reply@hire.lever.co', name: 'Acme' },
      subject: 'Your application to Acme',
      text: 'Hi Alex, thank you for your interest. Unfortunately we have decided not to move forward with your application. We wish you the best of luck.',
    });
    assert.equal(result.emailClass, 'rejection');
    assert.equal(result.decidedBy, 'model');
    assert.ok(result.confidence > 0.5 && result.confidence < 1, String(result.confidence));
  });

  it('tells an invitation from an application confirmation that mentions interviews', () => {
    const invitation = classifyEmail(model, {
      from: { address: 'jane@acme.example' },
      subject: 'Interview for Data Engineer',
      text: 'We would like to invite you to a video interview next week. Please pick a time that works for you.',
    });
    const confirmation = classifyEmail(model, {
      from: { address: 'no-reply@us.greenhouse-mail.io' },
      subject: 'Thank you for applying to Acme',
      text: 'We have received your application for Data Engineer. If we decide to move forward, we will contact you to schedule an interview.',
    });
    assert.equal(invitation.emailClass, 'interview-invitation');
    assert.equal(confirmation.emailClass, 'application-received');
  });

  it('takes a calendar invitation as an interview invitation whatever the words', () => {
    const result = classifyEmail(model, {
      from: { address: 'calendar@acme.example' },
      subject: 'Updated invitation',
      text: 'Thursday',
      invitation: { start: '2026-12-10T15:00:00.000Z' },
    });
    assert.deepEqual(result, { emailClass: 'interview-invitation', confidence: RULE_CONFIDENCE, decidedBy: 'rule' });
  });

  it('refuses to train without an example of every class', () => {
    const onlyRejections = readLabelledSet().filter((message) => message.label === 'rejection');
    assert.throws(() => trainEmailModel(onlyRejections), /without examples of: application-received/);
  });
});
