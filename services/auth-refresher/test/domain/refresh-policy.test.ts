import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  decideOnRequest,
  isScheduledRefreshDue,
  type RefreshPolicy,
  recordAfterFailure,
  recordAfterSuccess,
  sessionExpiry,
} from '../../src/domain/refresh-policy.js';
import type { SessionRecord } from '../../src/domain/session-record.js';

const policy: RefreshPolicy = { refreshBeforeSeconds: 600, maxFailures: 3, backoffBaseSeconds: 300, backoffMaxSeconds: 3600 };
const now = new Date('2026-03-02T10:00:00.000Z');
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);
const ok = (expiresAt: Date, updatedAt: Date): SessionRecord => ({ ...recordAfterSuccess('board', expiresAt, updatedAt) });

test('a site never logged in to, or with an old session, needs a login', () => {
  assert.equal(decideOnRequest(undefined, now, now).kind, 'login');
  assert.equal(
    decideOnRequest(ok(minutes(60), minutes(-30)), now, now).kind,
    'login',
    'the request is newer than the session: the applier saw it fail',
  );
});

test('a session logged in after the request was made is reported again instead of logging in twice', () => {
  assert.deepEqual(decideOnRequest(ok(minutes(60), minutes(1)), now, minutes(2)), {
    kind: 'already-fresh',
    expiresAt: minutes(60).toISOString(),
  });
  assert.equal(decideOnRequest(ok(minutes(1), minutes(0)), now, minutes(2)).kind, 'login', 'unless it has expired since');
});

test('a site waiting for the user is never logged in to; a backoff is respected', () => {
  const blocked = recordAfterFailure(
    undefined,
    'board',
    { reason: 'wrong-credentials', message: 'rejected', screenshotBlobKey: null },
    now,
    policy,
  );
  assert.equal(decideOnRequest(blocked, minutes(5), minutes(5)).kind, 'needs-user');
  const failed = recordAfterFailure(undefined, 'board', { reason: 'timeout', message: 'slow', screenshotBlobKey: null }, now, policy);
  assert.equal(decideOnRequest(failed, minutes(1), minutes(1)).kind, 'backing-off');
  assert.equal(decideOnRequest(failed, minutes(6), minutes(6)).kind, 'login');
});

test('failures back off exponentially, capped, and block the site after maxFailures', () => {
  const failure = { reason: 'site-error' as const, message: '500', screenshotBlobKey: null };
  const first = recordAfterFailure(undefined, 'board', failure, now, policy);
  assert.deepEqual([first.status, first.failures, first.nextAttemptAt], ['failed', 1, minutes(5).toISOString()]);
  const second = recordAfterFailure(first, 'board', failure, now, policy);
  assert.equal(second.nextAttemptAt, minutes(10).toISOString());
  const third = recordAfterFailure(second, 'board', failure, now, policy);
  assert.deepEqual([third.status, third.reason, third.nextAttemptAt], ['blocked', 'too-many-failures', null]);
  const capped = recordAfterFailure({ ...first, failures: 10 }, 'board', failure, now, { ...policy, maxFailures: 100 });
  assert.equal(capped.nextAttemptAt, minutes(60).toISOString());
});

test('an OTP step without a secret waits for the user as needs-otp', () => {
  const record = recordAfterFailure(
    undefined,
    'board',
    { reason: 'otp-required', message: 'code asked', screenshotBlobKey: 'k.png' },
    now,
    policy,
  );
  assert.deepEqual([record.status, record.screenshotBlobKey], ['needs-otp', 'k.png']);
});

test('the schedule refreshes within refreshBeforeSeconds of expiry, and retries failures after their backoff', () => {
  assert.equal(isScheduledRefreshDue(ok(minutes(30), now), now, policy), false);
  assert.equal(isScheduledRefreshDue(ok(minutes(9), now), now, policy), true);
  assert.equal(isScheduledRefreshDue(undefined, now, policy), false, 'sites nobody asked for are left alone');
  const failed = recordAfterFailure(undefined, 'board', { reason: 'timeout', message: 'slow', screenshotBlobKey: null }, now, policy);
  assert.equal(isScheduledRefreshDue(failed, minutes(4), policy), false);
  assert.equal(isScheduledRefreshDue(failed, minutes(5), policy), true);
});

test('the session expires with its earliest session cookie, or after the fallback lifetime', () => {
  const inOneHour = now.getTime() / 1000 + 3600;
  assert.equal(sessionExpiry([inOneHour + 60, inOneHour], now, 60).toISOString(), minutes(60).toISOString());
  assert.equal(sessionExpiry([undefined], now, 1800).toISOString(), minutes(30).toISOString());
});
