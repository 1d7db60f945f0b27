import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type AwsClients, createAwsClients } from '../../src/aws/aws-clients.js';
import { ensureTables } from '../../src/aws/bootstrap-storage.js';
import { DynamoTableStore } from '../../src/aws/dynamo-table-store.js';
import { countAwsRequests } from '../../src/aws/request-counter.js';
import { silentLogger } from '../../src/ports/logger.js';
import { GatheringTurn } from '../../src/runtime/gathering-turn.js';
import { startDynalite, testCredentials } from './aws-test-kit.js';

let dynalite: Awaited<ReturnType<typeof startDynalite>>;
const opened: AwsClients[] = [];
let installations = 0;

before(async () => {
  dynalite = await startDynalite();
});
after(async () => {
  for (const clients of opened) clients.destroy();
  await dynalite.close();
});

/** A store over freshly bootstrapped tables on clients of its own, and the count of the requests sent from now on. */
async function freshStore() {
  const clients = createAwsClients({ region: 'us-east-1', endpoint: dynalite.endpoint, credentials: testCredentials });
  opened.push(clients);
  const prefix = `gather${++installations}`;
  const tableName = (table: string) => `${prefix}-${table}`;
  await ensureTables(clients.dynamo, tableName, silentLogger);
  const store = new DynamoTableStore({ documents: clients.documents, tableName });
  return { store, count: countAwsRequests(clients) };
}

const job = (n: number, extra: Record<string, unknown> = {}) => ({ jobId: `greenhouse:${n}`, title: `job ${n}`, ...extra });

test("the commits and conditional puts of a turn's handlers go out as one TransactWriteItems, each with its own answer", async () => {
  const { store, count } = await freshStore();
  const results = await GatheringTurn.settleTogether([
    () => store.transact([{ table: 'jobs', item: job(1), condition: { kind: 'notExists' } }]),
    () => store.transact([{ table: 'jobs', item: job(2) }]),
    () => store.put('jobs', job(3), { kind: 'notExists' }),
  ]);
  assert.deepEqual(
    results.map((result) => result.status === 'fulfilled' && result.value),
    [true, true, true],
  );
  assert.deepEqual(Object.fromEntries(count.byOperation()), { 'DynamoDB.TransactWriteItems': 1 });
  assert.deepEqual(await store.get('jobs', { jobId: 'greenhouse:3' }), job(3));
});

test('a failed condition answers false to its commit alone; the others are written once, together', async () => {
  const { store, count } = await freshStore();
  await store.put('jobs', job(1, { title: 'stored before' }));
  const results = await GatheringTurn.settleTogether([
    () => store.transact([{ table: 'jobs', item: job(1), condition: { kind: 'notExists' } }]),
    () => store.transact([{ table: 'jobs', item: job(2), condition: { kind: 'notExists' } }]),
    () => store.put('jobs', job(3), { kind: 'notExists' }),
  ]);
  assert.deepEqual(
    results.map((result) => result.status === 'fulfilled' && result.value),
    [false, true, true],
  );
  assert.equal((await store.get('jobs', { jobId: 'greenhouse:1' }))?.title, 'stored before');
  assert.deepEqual(await store.get('jobs', { jobId: 'greenhouse:2' }), job(2));
  assert.equal(count.total('DynamoDB.TransactWriteItems'), 2, 'the cancelled transaction, then the two others together');
});

test('a commit DynamoDB refuses fails alone: the other commits of the turn are written', async () => {
  const { store } = await freshStore();
  const oversized = job(2, { descriptionHtml: 'x'.repeat(410 * 1024) });
  const results = await GatheringTurn.settleTogether([
    () => store.transact([{ table: 'jobs', item: job(1) }]),
    () => store.transact([{ table: 'jobs', item: oversized }]),
    () => store.transact([{ table: 'jobs', item: job(3) }]),
  ]);
  assert.equal(results[0]!.status, 'fulfilled');
  assert.equal(results[1]!.status, 'rejected', 'an item over 400 KB is refused');
  assert.equal(results[2]!.status, 'fulfilled');
  assert.deepEqual(await store.get('jobs', { jobId: 'greenhouse:1' }), job(1));
  assert.deepEqual(await store.get('jobs', { jobId: 'greenhouse:3' }), job(3));
  assert.equal(await store.get('jobs', { jobId: 'greenhouse:2' }), undefined);
});

test('commits writing the same item go out in separate transactions, in the order asked; gets of a turn go out as one BatchGetItem', async () => {
  const { store, count } = await freshStore();
  await store.putMany('jobs', [job(1), job(2)]);
  const reads = await GatheringTurn.settleTogether([
    () => store.get('jobs', { jobId: 'greenhouse:1' }),
    () => store.get('jobs', { jobId: 'greenhouse:2' }),
  ]);
  assert.deepEqual(
    reads.map((result) => result.status === 'fulfilled' && result.value),
    [job(1), job(2)],
  );
  const writes = await GatheringTurn.settleTogether([
    () => store.transact([{ table: 'jobs', item: job(5, { title: 'first' }) }]),
    () => store.transact([{ table: 'jobs', item: job(5, { title: 'second' }) }]),
    () => store.transact([{ table: 'jobs', item: job(6) }]),
  ]);
  assert.ok(writes.every((result) => result.status === 'fulfilled' && result.value));
  assert.equal((await store.get('jobs', { jobId: 'greenhouse:5' }))?.title, 'second');
  assert.deepEqual(Object.fromEntries(count.byOperation().filter(([operation]) => operation !== 'DynamoDB.BatchWriteItem')), {
    'DynamoDB.BatchGetItem': 1,
    'DynamoDB.TransactWriteItems': 2,
    'DynamoDB.GetItem': 1,
  });
});
