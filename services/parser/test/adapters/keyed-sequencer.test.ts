import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KeyedSequencer } from '../../src/adapters/keyed-sequencer.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('tasks of one key run one at a time in order; tasks sharing no key overlap', async () => {
  const sequencer = new KeyedSequencer();
  const log: string[] = [];
  const task = (name: string) => async () => {
    log.push(`${name} start`);
    await tick();
    log.push(`${name} end`);
    return name;
  };
  const results = await Promise.all([sequencer.run(['a'], task('a1')), sequencer.run(['b'], task('b1')), sequencer.run(['a'], task('a2'))]);
  assert.deepEqual(results, ['a1', 'b1', 'a2']);
  assert.ok(log.indexOf('b1 start') < log.indexOf('a1 end'), 'b1 overlaps a1');
  assert.ok(log.indexOf('a2 start') > log.indexOf('a1 end'), 'a2 waits for a1');
});

test('a task with several keys waits for the previous task of each, and a failure does not block the next', async () => {
  const sequencer = new KeyedSequencer();
  const log: string[] = [];
  const failing = sequencer.run(['a'], async () => {
    await tick();
    log.push('a failed');
    throw new Error('boom');
  });
  const other = sequencer.run(['b'], async () => {
    await tick();
    await tick();
    log.push('b done');
  });
  const both = sequencer.run(['a', 'b'], async () => {
    log.push('a+b ran');
  });
  await assert.rejects(failing, /boom/);
  await Promise.all([other, both]);
  assert.deepEqual(log, ['a failed', 'b done', 'a+b ran']);
});
