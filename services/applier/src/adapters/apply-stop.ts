import type { FailureCode } from '../domain/application-record.js';

/** A stop on the way through the form, with the reason and whether the user must act. */
export class ApplyStop extends Error {
  constructor(
    readonly code: FailureCode | 'login-required',
    message: string,
    readonly needsUser: boolean,
    readonly question?: string,
  ) {
    super(message);
  }
}

/**
 * Runs one phase of an application (open, fill, submit) under a deadline, so a browser that stops
 * answering cannot hold the worker: the phase fails with `timeout` and the caller drops the browser.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ApplyStop('timeout', `${what} took longer than ${ms} ms`, false)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Names of selenium-webdriver's errors, which set `name` to their class name. Read by name so this
 * module (and the applier until its first application) does not load selenium-webdriver.
 */
const BROWSER_GONE = new Set(['NoSuchSessionError', 'SessionNotCreatedError']);
const STEP_TIMED_OUT = new Set(['TimeoutError', 'ScriptTimeoutError']);

/** Whether an error means the browser itself failed (rather than the page). */
export function isBrowserFailure(error: unknown): boolean {
  return (
    error instanceof Error &&
    (BROWSER_GONE.has(error.name) ||
      /ECONNREFUSED|ECONNRESET|session deleted|disconnected|not reachable|target window already closed/i.test(error.message))
  );
}

/** Whether an error is a browser step that ran out of time. */
export function isStepTimeout(error: unknown): boolean {
  return error instanceof Error && STEP_TIMED_OUT.has(error.name);
}
