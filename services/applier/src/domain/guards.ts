import type { ApplicationRecord, ApplicationRequest, FailureCode } from './application-record.js';

/** The rules that keep automatic applications polite. */
export interface ApplyGuards {
  /** Real submissions per UTC day. */
  readonly dailyCap: number;
  /** Days during which a job is applied to at most once. */
  readonly jobWindowDays: number;
  /** Days during which a company gets at most one application. */
  readonly companyWindowDays: number;
}

/** Why a request may not be submitted. */
export interface GuardRefusal {
  readonly code: Extract<FailureCode, 'daily-cap' | 'duplicate-job' | 'duplicate-company'>;
  readonly message: string;
}

const DAY_MS = 86_400_000;

function sameCompany(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * Checks a real (not dry-run) request against the other applications: the daily cap, once per job and
 * once per company within their windows. Only attempted submissions count (dry runs and failures
 * before the submit do not).
 */
export function checkGuards(
  request: ApplicationRequest,
  others: readonly ApplicationRecord[],
  now: Date,
  guards: ApplyGuards,
): GuardRefusal | undefined {
  const attempted = others.filter((other) => other.applicationId !== request.applicationId && other.submitAttemptedAt);
  const attemptedAt = (other: ApplicationRecord) => Date.parse(other.submitAttemptedAt!);
  const today = now.toISOString().slice(0, 10);
  const todayCount = attempted.filter((other) => other.submitAttemptedAt!.slice(0, 10) === today).length;
  if (todayCount >= guards.dailyCap) {
    return {
      code: 'daily-cap',
      message: `the daily cap of ${guards.dailyCap} applications is reached for ${today} (UTC); ask again tomorrow`,
    };
  }
  const sameJob = attempted.find(
    (other) => other.jobId === request.jobId && now.getTime() - attemptedAt(other) < guards.jobWindowDays * DAY_MS,
  );
  if (sameJob) return { code: 'duplicate-job', message: `already applied to ${request.jobId} (application ${sameJob.applicationId})` };
  const sameEmployer = attempted.find(
    (other) => sameCompany(other.company, request.company) && now.getTime() - attemptedAt(other) < guards.companyWindowDays * DAY_MS,
  );
  if (sameEmployer) {
    return {
      code: 'duplicate-company',
      message: `already applied to ${request.company} within ${guards.companyWindowDays} days (application ${sameEmployer.applicationId} for ${sameEmployer.jobId})`,
    };
  }
  return undefined;
}
