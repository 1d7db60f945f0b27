/**
 * One behaviour suite for every adapter of the ItemStore port (SQLite embedded, DynamoDB through
 * lib-dynamodb). It uses only the port and the real table definitions, so each adapter proves the same
 * DynamoDB semantics: keys, conditional writes, queries on tables and indexes, cursors, scans, batches.
 *
 * `makeStore` must return an EMPTY store each time it is called (every test gets its own).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Item, ItemStore, Page } from '../../src/ports/tables.js';
import { collect } from '../../src/tables/async-items.js';
import { TypedTableStore } from '../../src/tables/typed-tables.js';

/** Builds a fresh, empty store and a way to close it. */
export type MakeTableStore = () => Promise<{ store: ItemStore; close(): Promise<void> }>;

async function withStore(makeStore: MakeTableStore, body: (store: ItemStore) => Promise<void>): Promise<void> {
  const { store, close } = await makeStore();
  try {
    await body(store);
  } finally {
    await close();
  }
}

/** Follows cursors to the end, checking that no page is larger than asked for. */
async function allPages<T extends Item>(
  limit: number,
  read: (cursor: string | undefined) => Promise<Page<T>>,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await read(cursor);
    assert.ok(page.items.length <= limit, `a page holds at most ${limit} items, got ${page.items.length}`);
    items.push(...page.items);
    cursor = page.cursor;
    pages++;
    assert.ok(pages < 1000, 'pagination terminates');
  } while (cursor !== undefined);
  return { items, pages };
}

const day = (n: number) => `2026-03-${String(n).padStart(2, '0')}T09:00:00.000Z`;

function job(id: string, source: string, lastSeenAt: string, extra: Item = {}): Item {
  return { jobId: id, source, lastSeenAt, title: `Data engineer ${id}`, ...extra };
}

function change(jobId: string, changeId: string, stage = 'screened'): Item {
  return { jobId, changeId, stage, at: changeId.slice(0, 24) };
}

/** Registers the ItemStore behaviour tests for one adapter. */
export function tableStoreSuite(name: string, makeStore: MakeTableStore): void {
  describe(`ItemStore contract: ${name}`, () => {
    describe('items by key', () => {
      test('put then get returns the item as written, nested values included', () =>
        withStore(makeStore, async (store) => {
          const item = job('mcf:1', 'mcf', day(1), {
            salary: { min: 5000, max: 7000.5, currency: 'SGD', stated: true },
            skills: ['sql', 'python'],
            remote: false,
            expiresAt: null,
          });
          assert.equal(await store.put('jobs', item), true);
          assert.deepEqual(await store.get('jobs', { jobId: 'mcf:1' }), item);
        }));

      test('get of a missing key is undefined', () =>
        withStore(makeStore, async (store) => {
          assert.equal(await store.get('jobs', { jobId: 'nowhere:1' }), undefined);
        }));

      test('an unconditional put replaces the whole item (no merge)', () =>
        withStore(makeStore, async (store) => {
          await store.put('jobs', job('mcf:1', 'mcf', day(1), { note: 'first' }));
          await store.put('jobs', job('mcf:1', 'mcf', day(2)));
          assert.deepEqual(await store.get('jobs', { jobId: 'mcf:1' }), job('mcf:1', 'mcf', day(2)));
        }));

      test('a table with a sort key keeps one item per (partition, sort) pair', () =>
        withStore(makeStore, async (store) => {
          await store.put('crmHistory', change('mcf:1', `${day(1)}#a`, 'new'));
          await store.put('crmHistory', change('mcf:1', `${day(2)}#b`, 'screened'));
          await store.put('crmHistory', change('mcf:2', `${day(1)}#a`, 'applied'));
          assert.equal((await store.get('crmHistory', { jobId: 'mcf:1', changeId: `${day(1)}#a` }))?.stage, 'new');
          assert.equal((await store.get('crmHistory', { jobId: 'mcf:1', changeId: `${day(2)}#b` }))?.stage, 'screened');
          assert.equal((await store.get('crmHistory', { jobId: 'mcf:2', changeId: `${day(1)}#a` }))?.stage, 'applied');
        }));

      test('delete removes the item; deleting a missing key is not an error', () =>
        withStore(makeStore, async (store) => {
          await store.put('jobs', job('mcf:1', 'mcf', day(1)));
          await store.delete('jobs', { jobId: 'mcf:1' });
          assert.equal(await store.get('jobs', { jobId: 'mcf:1' }), undefined);
          await store.delete('jobs', { jobId: 'mcf:1' });
          await store.delete('crmHistory', { jobId: 'mcf:1', changeId: 'x' });
        }));

      test('delete on a sort-keyed table removes only that pair', () =>
        withStore(makeStore, async (store) => {
          await store.put('crmHistory', change('mcf:1', `${day(1)}#a`));
          await store.put('crmHistory', change('mcf:1', `${day(2)}#b`));
          await store.delete('crmHistory', { jobId: 'mcf:1', changeId: `${day(1)}#a` });
          assert.equal(await store.get('crmHistory', { jobId: 'mcf:1', changeId: `${day(1)}#a` }), undefined);
          assert.ok(await store.get('crmHistory', { jobId: 'mcf:1', changeId: `${day(2)}#b` }));
        }));

      test('an item without its key attributes is rejected', () =>
        withStore(makeStore, async (store) => {
          await assert.rejects(store.put('jobs', { title: 'no key' }));
          await assert.rejects(store.put('crmHistory', { jobId: 'mcf:1', stage: 'new' }));
        }));

      test('an unknown table is rejected', () =>
        withStore(makeStore, async (store) => {
          await assert.rejects(store.get('no-such-table', { id: 'x' }));
        }));
    });

    describe('conditional writes', () => {
      test('notExists: the first writer wins, the second writes nothing', () =>
        withStore(makeStore, async (store) => {
          assert.equal(await store.put('jobs', job('mcf:1', 'mcf', day(1), { title: 'first' }), { kind: 'notExists' }), true);
          assert.equal(await store.put('jobs', job('mcf:1', 'mcf', day(2), { title: 'second' }), { kind: 'notExists' }), false);
          assert.equal((await store.get('jobs', { jobId: 'mcf:1' }))?.title, 'first');
        }));

      test('notExists on a sort-keyed table looks at the exact (partition, sort) pair', () =>
        withStore(makeStore, async (store) => {
          assert.equal(await store.put('crmHistory', change('mcf:1', 'a'), { kind: 'notExists' }), true);
          assert.equal(await store.put('crmHistory', change('mcf:1', 'b'), { kind: 'notExists' }), true);
          assert.equal(await store.put('crmHistory', change('mcf:1', 'a', 'applied'), { kind: 'notExists' }), false);
        }));

      test('eq on a version number: optimistic concurrency', () =>
        withStore(makeStore, async (store) => {
          await store.put('config', { key: 'current', version: 1, value: 'a' });
          const bump = (expected: number, value: string) =>
            store.put(
              'config',
              { key: 'current', version: expected + 1, value },
              {
                kind: 'compare',
                attribute: 'version',
                op: 'eq',
                value: expected,
                orNotExists: false,
              },
            );
          assert.equal(await bump(1, 'b'), true);
          assert.equal(await bump(1, 'stale'), false, 'a writer holding version 1 loses after the bump');
          assert.deepEqual(await store.get('config', { key: 'current' }), { key: 'current', version: 2, value: 'b' });
        }));

      test('eq on a string and on a boolean', () =>
        withStore(makeStore, async (store) => {
          await store.put('sessions', { site: 'mcf', status: 'ok', locked: false });
          const onString = { kind: 'compare', attribute: 'status', op: 'eq', value: 'ok', orNotExists: false } as const;
          assert.equal(await store.put('sessions', { site: 'mcf', status: 'failed', locked: false }, onString), true);
          assert.equal(await store.put('sessions', { site: 'mcf', status: 'blocked', locked: false }, onString), false);
          const onBoolean = { kind: 'compare', attribute: 'locked', op: 'eq', value: false, orNotExists: false } as const;
          assert.equal(await store.put('sessions', { site: 'mcf', status: 'ok', locked: true }, onBoolean), true);
          assert.equal(await store.put('sessions', { site: 'mcf', status: 'ok', locked: true }, onBoolean), false);
          assert.equal((await store.get('sessions', { site: 'mcf' }))?.locked, true);
        }));

      test('ne holds when the value differs, fails when equal', () =>
        withStore(makeStore, async (store) => {
          await store.put('applications', { applicationId: 'a1', jobId: 'mcf:1', status: 'submitted', requestedAt: day(1) });
          const notSubmitted = { kind: 'compare', attribute: 'status', op: 'ne', value: 'submitted', orNotExists: false } as const;
          assert.equal(
            await store.put('applications', { applicationId: 'a1', jobId: 'mcf:1', status: 'failed', requestedAt: day(1) }, notSubmitted),
            false,
          );
          const notFailed = { kind: 'compare', attribute: 'status', op: 'ne', value: 'failed', orNotExists: false } as const;
          assert.equal(
            await store.put('applications', { applicationId: 'a1', jobId: 'mcf:1', status: 'failed', requestedAt: day(1) }, notFailed),
            true,
          );
        }));

      test('lt, le, gt, ge compare numbers', () =>
        withStore(makeStore, async (store) => {
          await store.put('scores', { jobId: 'mcf:1', score: 50 });
          const put = (op: 'lt' | 'le' | 'gt' | 'ge', value: number) =>
            store.put('scores', { jobId: 'mcf:1', score: 50 }, { kind: 'compare', attribute: 'score', op, value, orNotExists: false });
          assert.equal(await put('lt', 60), true, '50 < 60');
          assert.equal(await put('lt', 50), false, 'not 50 < 50');
          assert.equal(await put('le', 50), true, '50 <= 50');
          assert.equal(await put('le', 49), false, 'not 50 <= 49');
          assert.equal(await put('gt', 40), true, '50 > 40');
          assert.equal(await put('gt', 50), false, 'not 50 > 50');
          assert.equal(await put('ge', 50), true, '50 >= 50');
          assert.equal(await put('ge', 51), false, 'not 50 >= 51');
          // Numbers compare as numbers, not as text ('9' > '10' as strings).
          await store.put('scores', { jobId: 'mcf:2', score: 9 });
          assert.equal(
            await store.put(
              'scores',
              { jobId: 'mcf:2', score: 10 },
              { kind: 'compare', attribute: 'score', op: 'lt', value: 10, orNotExists: false },
            ),
            true,
          );
        }));

      test('a compare condition fails on a missing item unless orNotExists', () =>
        withStore(makeStore, async (store) => {
          const condition = { kind: 'compare', attribute: 'version', op: 'eq', value: 1 } as const;
          assert.equal(await store.put('config', { key: 'a', version: 2 }, { ...condition, orNotExists: false }), false);
          assert.equal(await store.get('config', { key: 'a' }), undefined, 'nothing written');
          assert.equal(await store.put('config', { key: 'a', version: 2 }, { ...condition, orNotExists: true }), true);
          assert.deepEqual(await store.get('config', { key: 'a' }), { key: 'a', version: 2 });
        }));

      test('orNotExists also covers an existing item that lacks the compared attribute', () =>
        withStore(makeStore, async (store) => {
          await store.put('jobs', { jobId: 'mcf:1', source: 'mcf', title: 'no timestamp yet' });
          const condition = { kind: 'compare', attribute: 'lastSeenAt', op: 'lt', value: day(5) } as const;
          assert.equal(await store.put('jobs', job('mcf:1', 'mcf', day(5)), { ...condition, orNotExists: false }), false);
          assert.equal(await store.put('jobs', job('mcf:1', 'mcf', day(5)), { ...condition, orNotExists: true }), true);
        }));

      test('last writer wins by timestamp: an older or equal write is refused, a newer one lands', () =>
        withStore(makeStore, async (store) => {
          const write = (updatedAt: string, stage: string) =>
            store.put(
              'crm',
              { jobId: 'mcf:1', stage, updatedAt },
              {
                kind: 'compare',
                attribute: 'updatedAt',
                op: 'lt',
                value: updatedAt,
                orNotExists: true,
              },
            );
          assert.equal(await write(day(10), 'screened'), true, 'first write creates the item');
          assert.equal(await write(day(9), 'new'), false, 'an older write (arriving late) is refused');
          assert.equal(await write(day(10), 'applied'), false, 'an equal timestamp does not overwrite');
          assert.equal(await write(day(11), 'applied'), true, 'a newer write lands');
          assert.deepEqual(await store.get('crm', { jobId: 'mcf:1' }), { jobId: 'mcf:1', stage: 'applied', updatedAt: day(11) });
        }));

      test('concurrent notExists writers: exactly one wins', () =>
        withStore(makeStore, async (store) => {
          const results = await Promise.all(
            Array.from({ length: 10 }, (_, i) => store.put('idempotencyKeys', { key: 'api-key#request-1', by: i }, { kind: 'notExists' })),
          );
          assert.equal(results.filter(Boolean).length, 1);
        }));
    });

    describe('queries', () => {
      async function seedHistory(store: ItemStore): Promise<void> {
        const items = [
          change('mcf:1', `${day(1)}#001`, 'new'),
          change('mcf:1', `${day(2)}#002`, 'screened'),
          change('mcf:1', `${day(2)}#003`, 'shortlisted'),
          change('mcf:1', `${day(4)}#004`, 'applied'),
          change('mcf:1', `note#${day(3)}`, 'note'),
          change('mcf:2', `${day(2)}#001`, 'new'),
        ];
        for (const item of items) await store.put('crmHistory', item);
      }
      const changeIds = (page: Page<Item>) => page.items.map((item) => item.changeId);

      test('by partition: only that partition, in ascending sort-key order', () =>
        withStore(makeStore, async (store) => {
          await seedHistory(store);
          const page = await store.query('crmHistory', { partitionValue: 'mcf:1' });
          assert.deepEqual(changeIds(page), [`${day(1)}#001`, `${day(2)}#002`, `${day(2)}#003`, `${day(4)}#004`, `note#${day(3)}`]);
          assert.equal(page.cursor, undefined);
          assert.deepEqual((await store.query('crmHistory', { partitionValue: 'nowhere' })).items, []);
        }));

      test('descending reverses the sort-key order', () =>
        withStore(makeStore, async (store) => {
          await seedHistory(store);
          const page = await store.query('crmHistory', { partitionValue: 'mcf:1', descending: true });
          assert.deepEqual(changeIds(page), [`note#${day(3)}`, `${day(4)}#004`, `${day(2)}#003`, `${day(2)}#002`, `${day(1)}#001`]);
        }));

      test('sortBeginsWith selects a prefix', () =>
        withStore(makeStore, async (store) => {
          await seedHistory(store);
          assert.deepEqual(changeIds(await store.query('crmHistory', { partitionValue: 'mcf:1', sortBeginsWith: 'note#' })), [
            `note#${day(3)}`,
          ]);
          assert.deepEqual(changeIds(await store.query('crmHistory', { partitionValue: 'mcf:1', sortBeginsWith: day(2).slice(0, 10) })), [
            `${day(2)}#002`,
            `${day(2)}#003`,
          ]);
          assert.deepEqual((await store.query('crmHistory', { partitionValue: 'mcf:1', sortBeginsWith: 'zzz' })).items, []);
        }));

      test('sortFrom and sortTo are inclusive bounds, alone or together', () =>
        withStore(makeStore, async (store) => {
          await seedHistory(store);
          assert.deepEqual(changeIds(await store.query('crmHistory', { partitionValue: 'mcf:1', sortFrom: `${day(2)}#003` })), [
            `${day(2)}#003`,
            `${day(4)}#004`,
            `note#${day(3)}`,
          ]);
          assert.deepEqual(changeIds(await store.query('crmHistory', { partitionValue: 'mcf:1', sortTo: `${day(2)}#002` })), [
            `${day(1)}#001`,
            `${day(2)}#002`,
          ]);
          assert.deepEqual(
            changeIds(
              await store.query('crmHistory', {
                partitionValue: 'mcf:1',
                sortFrom: `${day(2)}#002`,
                sortTo: `${day(4)}#004`,
                descending: true,
              }),
            ),
            [`${day(4)}#004`, `${day(2)}#003`, `${day(2)}#002`],
          );
        }));

      test('a secondary index: query by its partition, ordered by its sort key', () =>
        withStore(makeStore, async (store) => {
          await store.put('jobs', job('mcf:1', 'mcf', day(3)));
          await store.put('jobs', job('mcf:2', 'mcf', day(1)));
          await store.put('jobs', job('gh:1', 'greenhouse', day(2)));
          await store.put('jobs', job('mcf:3', 'mcf', day(2)));
          const ids = (page: Page<Item>) => page.items.map((item) => item.jobId);
          assert.deepEqual(ids(await store.query('jobs', { index: 'bySource', partitionValue: 'mcf' })), ['mcf:2', 'mcf:3', 'mcf:1']);
          assert.deepEqual(ids(await store.query('jobs', { index: 'bySource', partitionValue: 'mcf', descending: true })), [
            'mcf:1',
            'mcf:3',
            'mcf:2',
          ]);
          assert.deepEqual(ids(await store.query('jobs', { index: 'bySource', partitionValue: 'mcf', sortFrom: day(2) })), [
            'mcf:3',
            'mcf:1',
          ]);
          const full = await store.query('jobs', { index: 'bySource', partitionValue: 'greenhouse' });
          assert.deepEqual(full.items, [job('gh:1', 'greenhouse', day(2))], 'index queries return whole items');
        }));

      test('an index follows updates and skips items without its key (sparse index)', () =>
        withStore(makeStore, async (store) => {
          await store.put('jobs', job('mcf:1', 'mcf', day(1), { dedupeKey: 'acme|data engineer' }));
          await store.put('jobs', job('gh:1', 'greenhouse', day(2), { dedupeKey: 'acme|data engineer' }));
          await store.put('jobs', job('gh:2', 'greenhouse', day(2)));
          const dupes = await store.query('jobs', { index: 'byDedupeKey', partitionValue: 'acme|data engineer' });
          assert.deepEqual(
            dupes.items.map((item) => item.jobId),
            ['gh:1', 'mcf:1'],
          );
          await store.put('jobs', job('mcf:1', 'mcf', day(3), { dedupeKey: 'acme|analyst' }));
          const after = await store.query('jobs', { index: 'byDedupeKey', partitionValue: 'acme|data engineer' });
          assert.deepEqual(
            after.items.map((item) => item.jobId),
            ['gh:1'],
            'the old index entry is gone after the update',
          );
          await store.delete('jobs', { jobId: 'gh:1' });
          assert.deepEqual((await store.query('jobs', { index: 'byDedupeKey', partitionValue: 'acme|data engineer' })).items, []);
          await store.put('jobs', { jobId: 'gh:3', source: 'greenhouse', title: 'never seen' });
          assert.deepEqual(
            (await store.query('jobs', { index: 'bySource', partitionValue: 'greenhouse' })).items.map((item) => item.jobId),
            ['gh:2'],
            'an item without the index sort key is not in the index',
          );
        }));

      test('an unknown index is rejected', () =>
        withStore(makeStore, async (store) => {
          await assert.rejects(store.query('jobs', { index: 'byNothing', partitionValue: 'x' }));
        }));

      test('cursor pagination over many pages returns every item once, in order', () =>
        withStore(makeStore, async (store) => {
          const items = Array.from({ length: 23 }, (_, i) => change('mcf:1', `${day(1)}#${String(i).padStart(3, '0')}`));
          await store.putMany('crmHistory', items);
          await store.put('crmHistory', change('mcf:2', `${day(1)}#000`));
          const { items: read, pages } = await allPages(5, (cursor) =>
            store.query('crmHistory', { partitionValue: 'mcf:1', limit: 5, ...(cursor ? { cursor } : {}) }),
          );
          assert.ok(pages >= 5, `23 items at 5 per page take at least 5 pages (got ${pages})`);
          assert.deepEqual(
            read.map((item) => item.changeId),
            items.map((item) => item.changeId),
          );
          const backwards = await allPages(7, (cursor) =>
            store.query('crmHistory', { partitionValue: 'mcf:1', limit: 7, descending: true, ...(cursor ? { cursor } : {}) }),
          );
          assert.deepEqual(
            backwards.items.map((item) => item.changeId),
            items.map((item) => item.changeId).reverse(),
          );
        }));

      test('cursor pagination on an index, with a range condition', () =>
        withStore(makeStore, async (store) => {
          const jobs = Array.from({ length: 30 }, (_, i) =>
            job(
              `mcf:${String(i).padStart(2, '0')}`,
              i % 3 === 0 ? 'greenhouse' : 'mcf',
              `2026-03-01T00:00:${String(i).padStart(2, '0')}.000Z`,
            ),
          );
          await store.putMany('jobs', jobs);
          const expected = jobs.filter((item) => item.source === 'mcf' && String(item.lastSeenAt) >= '2026-03-01T00:00:05.000Z');
          const { items, pages } = await allPages(4, (cursor) =>
            store.query('jobs', {
              index: 'bySource',
              partitionValue: 'mcf',
              sortFrom: '2026-03-01T00:00:05.000Z',
              limit: 4,
              ...(cursor ? { cursor } : {}),
            }),
          );
          assert.ok(pages > 1);
          assert.deepEqual(
            items.map((item) => item.jobId),
            expected.map((item) => item.jobId),
          );
        }));
    });

    describe('scan and batches', () => {
      test('scan pages through the whole table, each item once', () =>
        withStore(makeStore, async (store) => {
          const items = Array.from({ length: 37 }, (_, i) => ({ key: `k${String(i).padStart(2, '0')}`, value: i }));
          await store.putMany('scrapeState', items);
          await store.put('config', { key: 'other-table' });
          const { items: read, pages } = await allPages(10, (cursor) =>
            store.scan('scrapeState', { limit: 10, ...(cursor ? { cursor } : {}) }),
          );
          assert.ok(pages >= 4, `37 items at 10 per page take at least 4 pages (got ${pages})`);
          const byKey = (a: Item, b: Item) => String(a.key).localeCompare(String(b.key));
          assert.deepEqual([...read].sort(byKey), items);
        }));

      test('scanAll and queryAll (the typed store over the adapter) follow every cursor, in order', () =>
        withStore(makeStore, async (store) => {
          const states = Array.from({ length: 37 }, (_, i) => ({ key: `http#https://jobs.example/${String(i).padStart(2, '0')}` }));
          await store.putMany('scrapeState', states);
          const history = Array.from({ length: 23 }, (_, i) => change('mcf:1', `${day(1)}#${String(i).padStart(3, '0')}`));
          await store.putMany('crmHistory', [...history, change('mcf:2', `${day(1)}#000`)]);
          const tables = new TypedTableStore(store);
          const scanned = await collect(tables.scanAll('scrapeState', { pageSize: 10 }));
          assert.deepEqual(
            scanned.map((item) => item.key).sort(),
            states.map((item) => item.key),
          );
          const queried = await collect(tables.queryAll('crmHistory', { partitionValue: 'mcf:1', limit: 5, descending: true }));
          assert.deepEqual(
            queried.map((item) => item.changeId),
            history.map((item) => item.changeId).reverse(),
          );
          assert.deepEqual(await collect(tables.scanAll('apiKeys')), []);
        }));

      test('scanPages (the typed store over the adapter) yields every item once, in pages of at most pageSize, none empty', () =>
        withStore(makeStore, async (store) => {
          const states = Array.from({ length: 25 }, (_, i) => ({ key: `http#https://jobs.example/${String(i).padStart(2, '0')}` }));
          await store.putMany('scrapeState', states);
          const tables = new TypedTableStore(store);
          const pages = await collect(tables.scanPages('scrapeState', { pageSize: 10 }));
          assert.ok(
            pages.every((page) => page.length > 0 && page.length <= 10),
            `page sizes ${pages.map((page) => page.length).join(', ')}`,
          );
          assert.deepEqual(
            pages
              .flat()
              .map((item) => item.key)
              .sort(),
            states.map((item) => item.key),
          );
          assert.deepEqual(await collect(tables.scanPages('apiKeys')), []);
        }));

      test('scan of an empty table is one empty page', () =>
        withStore(makeStore, async (store) => {
          const page = await store.scan('apiKeys');
          assert.deepEqual(page.items, []);
          assert.equal(page.cursor, undefined);
        }));

      test('putMany writes more items than one backend batch holds, replacing existing ones', () =>
        withStore(makeStore, async (store) => {
          await store.put('imports', { importId: 'i1', part: '0007', rows: 'old' });
          const items = Array.from({ length: 60 }, (_, i) => ({ importId: 'i1', part: String(i).padStart(4, '0'), rows: i }));
          await store.putMany('imports', items);
          const { items: read } = await allPages(100, (cursor) =>
            store.query('imports', { partitionValue: 'i1', limit: 100, ...(cursor ? { cursor } : {}) }),
          );
          assert.deepEqual(read, items);
          await store.putMany('imports', []);
        }));

      test('deleteMany removes many items (more than one backend batch), missing keys included', () =>
        withStore(makeStore, async (store) => {
          const items = Array.from({ length: 30 }, (_, i) => ({ importId: 'i2', part: String(i).padStart(4, '0') }));
          await store.putMany('imports', items);
          await store.deleteMany('imports', [...items.slice(0, 28), { importId: 'i2', part: 'absent' }]);
          const { items: left } = await store.query('imports', { partitionValue: 'i2' });
          assert.deepEqual(left, items.slice(28));
        }));
    });

    describe('transactions', () => {
      test('transact writes items of several tables together', () =>
        withStore(makeStore, async (store) => {
          const written = await store.transact([
            { table: 'crm', item: { jobId: 'mcf:1', stage: 'screened', version: 1 }, condition: { kind: 'notExists' } },
            { table: 'crmHistory', item: change('mcf:1', `${day(1)}#a`) },
          ]);
          assert.equal(written, true);
          assert.equal((await store.get('crm', { jobId: 'mcf:1' }))?.stage, 'screened');
          assert.ok(await store.get('crmHistory', { jobId: 'mcf:1', changeId: `${day(1)}#a` }));
        }));

      test('one failed condition writes nothing at all', () =>
        withStore(makeStore, async (store) => {
          await store.put('crm', { jobId: 'mcf:1', stage: 'screened', version: 2 });
          const written = await store.transact([
            { table: 'crmHistory', item: change('mcf:1', `${day(2)}#b`) },
            {
              table: 'crm',
              item: { jobId: 'mcf:1', stage: 'applied', version: 2 },
              condition: { kind: 'compare', attribute: 'version', op: 'eq', value: 1, orNotExists: false },
            },
          ]);
          assert.equal(written, false);
          assert.equal((await store.get('crm', { jobId: 'mcf:1' }))?.stage, 'screened');
          assert.equal(await store.get('crmHistory', { jobId: 'mcf:1', changeId: `${day(2)}#b` }), undefined);
        }));

      test('more than 100 writes are refused before anything is written', () =>
        withStore(makeStore, async (store) => {
          const writes = Array.from({ length: 101 }, (_, i) => ({ table: 'apiKeys', item: { keyHash: `k${i}` } }));
          await assert.rejects(store.transact(writes), /at most 100 writes/);
          assert.deepEqual((await store.scan('apiKeys')).items, []);
        }));
    });
  });
}
