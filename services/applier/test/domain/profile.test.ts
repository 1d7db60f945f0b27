import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findAnswer, parseProfile } from '../../src/domain/profile.js';
import { sessionState } from '../../src/domain/stored-session.js';

const profile = parseProfile({
  firstName: 'Ada',
  email: 'ada@example.org',
  yearsExperience: 6,
  resumeBlobKey: 'profile/resume/ada.pdf',
  answers: [{ question: 'Are you legally authorised to work in Singapore?', answer: 'Yes' }],
});

test('reads string fields, the resume and the answer bank from the config profile', () => {
  assert.deepEqual(profile.fields, { firstName: 'Ada', email: 'ada@example.org' });
  assert.equal(profile.resumeFileName, 'ada.pdf');
  assert.throws(() => parseProfile({ firstName: 'Ada' }), /resumeBlobKey/);
  assert.throws(() => parseProfile({ resumeBlobKey: 'r.pdf', answers: [{ question: 'Q' }] }), /answers\[0\]/);
});

test('answers a question worded the same way, whatever the case, spacing or punctuation', () => {
  assert.equal(findAnswer(profile.answers, '  are you legally authorised to work in Singapore  '), 'Yes');
  assert.equal(findAnswer(profile.answers, 'Are you legally authorised to work in Singapore?*'), 'Yes');
});

test('never guesses: a similar but different question has no answer', () => {
  assert.equal(findAnswer(profile.answers, 'Are you legally authorised to work in Malaysia?'), undefined);
  assert.equal(findAnswer(profile.answers, '?'), undefined);
});

test('a stored session is usable until a minute before it expires', () => {
  const now = new Date('2026-03-02T10:00:00Z');
  const stored = (expiresAt: string) => JSON.stringify({ cookies: [{ name: 's', value: 'v' }], expiresAt });
  assert.equal(sessionState(stored('2026-03-02T11:00:00Z'), now, 60).kind, 'usable');
  assert.equal(sessionState(stored('2026-03-02T10:00:30Z'), now, 60).kind, 'expired');
  assert.equal(sessionState(undefined, now, 60).kind, 'missing');
  assert.equal(sessionState('not json', now, 60).kind, 'missing');
});
