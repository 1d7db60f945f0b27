import assert from 'node:assert/strict';
import { test } from 'node:test';
import { error as seleniumErrors } from 'selenium-webdriver';
import { ApplyStop, isBrowserFailure, isStepTimeout, withDeadline } from '../../src/adapters/apply-stop.js';

test("tells selenium-webdriver's browser failures and step timeouts apart by their names, without loading selenium", () => {
  assert.equal(isBrowserFailure(new seleniumErrors.NoSuchSessionError('invalid session id')), true);
  assert.equal(isBrowserFailure(new seleniumErrors.SessionNotCreatedError('chrome failed to start')), true);
  assert.equal(isBrowserFailure(new Error('connect ECONNREFUSED 127.0.0.1:9515')), true);
  assert.equal(isBrowserFailure(new seleniumErrors.NoSuchElementError('no such element')), false);
  assert.equal(isBrowserFailure('ECONNREFUSED'), false);

  assert.equal(isStepTimeout(new seleniumErrors.TimeoutError('wait timed out')), true);
  assert.equal(isStepTimeout(new seleniumErrors.ScriptTimeoutError('script timed out')), true);
  assert.equal(isStepTimeout(new seleniumErrors.NoSuchSessionError('invalid session id')), false);
  assert.equal(isStepTimeout(new ApplyStop('timeout', 'filling the form took too long', false)), false);
});

test('a phase that outlives its deadline stops with a timeout the user need not act on', async () => {
  const never = new Promise<never>(() => undefined);
  await assert.rejects(withDeadline(never, 20, 'filling the form'), (error: unknown) => {
    assert.ok(error instanceof ApplyStop);
    assert.equal(error.code, 'timeout');
    assert.equal(error.needsUser, false);
    assert.match(error.message, /filling the form took longer than 20 ms/);
    return true;
  });
  assert.equal(await withDeadline(Promise.resolve('done'), 1000, 'opening the apply page'), 'done');
});
