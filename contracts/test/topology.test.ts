import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DETAIL_TYPES, eventSchemaFiles, PRODUCERS, QUEUES, SERVICE_NAMES } from '../src/index.js';

test('every detail-type has a schema and every schema folder is a known detail-type', () => {
  const withSchema = new Set(eventSchemaFiles().map((file) => file.detailType));
  assert.deepEqual([...withSchema].sort(), [...DETAIL_TYPES].sort());
});

test('every subscribed detail-type has a producer, and every produced one a subscriber', () => {
  const produced = new Set(Object.values(PRODUCERS).flat());
  const consumed = new Set(QUEUES.flatMap((queue) => queue.subscriptions));
  for (const type of consumed) assert.ok(produced.has(type), `${type} is consumed but nobody produces it`);
  for (const type of produced) assert.ok(consumed.has(type), `${type} is produced but no queue subscribes to it`);
});

test('queues are unique, one per consuming service, within SQS limits', () => {
  assert.equal(new Set(QUEUES.map((queue) => queue.name)).size, QUEUES.length);
  for (const queue of QUEUES) {
    assert.ok((SERVICE_NAMES as readonly string[]).includes(queue.consumer));
    assert.ok(queue.batchSize >= 1 && queue.batchSize <= 10, `${queue.name} batch size`);
    assert.ok(queue.visibilityTimeoutSeconds >= 1 && queue.visibilityTimeoutSeconds <= 43200, `${queue.name} visibility`);
    assert.ok(queue.maxReceiveCount >= 1 && queue.maxReceiveCount <= 1000, `${queue.name} max receives`);
  }
});
