import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ArrivalOrder } from '../../src/adapters/arrival-order.js';

test('places are admitted in the order they were taken, each once every earlier one has left', async () => {
  const order = new ArrivalOrder();
  const log: string[] = [];
  const first = order.take();
  const second = order.take();
  const third = order.take();
  const admitted = Promise.all([
    third.admitted.then(() => log.push('third')),
    second.admitted.then(() => log.push('second')),
    first.admitted.then(() => log.push('first')),
  ]);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(log, ['first'], 'the first place is admitted at once; the others wait');
  second.leave(); // a place left before it was admitted (its message failed early) lets no one pass the first
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(log, ['first']);
  first.leave();
  first.leave(); // leaving twice is harmless
  await admitted;
  assert.deepEqual(log, ['first', 'second', 'third']);
});
