import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ApplicationRecord } from '../../src/domain/application-record.js';
import { checkGuards } from '../../src/domain/guards.js';

const now = new Date('2026-03-02T15:00:00.000Z');
const guards = { dailyCap: 2, jobWindowDays: 365, companyWindowDays: 30 };
const request = {
  applicationId: 'new',
  jobId: 'board:j-9',
  applyUrl: 'https://jobs.example/j-9',
  site: 'board',
  company: 'Acme',
  dryRun: false,
  requestedAt: now.toISOString(),
};

function attempt(id: string, jobId: string, company: string, at: string | null): ApplicationRecord {
  return {
    applicationId: id,
    jobId,
    site: 'board',
    company,
    applyUrl: 'https://jobs.example/x',
    dryRun: false,
    requestedAt: at ?? now.toISOString(),
    status: at ? 'submitted' : 'dry-run',
    version: 3,
    sessionWaits: 0,
    submitAttemptedAt: at,
    outcome: null,
    outcomePublished: true,
    updatedAt: now.toISOString(),
  };
}

test('allows a first application', () => {
  assert.equal(checkGuards(request, [], now, guards), undefined);
});

test('the daily cap counts submissions of the same UTC day only', () => {
  const today = [attempt('a', 'board:j-1', 'B', '2026-03-02T01:00:00Z'), attempt('b', 'board:j-2', 'C', '2026-03-02T09:00:00Z')];
  assert.equal(checkGuards(request, today, now, guards)?.code, 'daily-cap');
  const yesterday = [attempt('a', 'board:j-1', 'B', '2026-03-01T23:59:00Z'), attempt('b', 'board:j-2', 'C', '2026-03-02T09:00:00Z')];
  assert.equal(checkGuards(request, yesterday, now, guards), undefined);
});

test('dry runs and failures before the submit do not count', () => {
  const notAttempted = [
    attempt('a', 'board:j-9', 'Acme', null),
    attempt('b', 'board:j-9', 'Acme', null),
    attempt('c', 'board:j-9', 'Acme', null),
  ];
  assert.equal(checkGuards(request, notAttempted, now, guards), undefined);
});

test('once per job within its window, once per company (any spelling) within its window', () => {
  assert.equal(checkGuards(request, [attempt('a', 'board:j-9', 'Other', '2025-06-01T00:00:00Z')], now, guards)?.code, 'duplicate-job');
  assert.equal(
    checkGuards(request, [attempt('a', 'board:j-9', 'Other', '2025-03-01T00:00:00Z')], now, guards),
    undefined,
    'a year later is allowed',
  );
  const refusal = checkGuards(request, [attempt('a', 'board:j-1', ' ACME ', '2026-02-20T00:00:00Z')], now, guards);
  assert.equal(refusal?.code, 'duplicate-company');
  assert.match(refusal!.message, /board:j-1/);
  assert.equal(checkGuards(request, [attempt('a', 'board:j-1', 'Acme', '2026-01-20T00:00:00Z')], now, guards), undefined, 'after 30 days');
});

test('the request itself is not a duplicate of itself (a redelivery)', () => {
  assert.equal(checkGuards(request, [attempt('new', 'board:j-9', 'Acme', '2026-03-02T14:00:00Z')], now, guards), undefined);
});
