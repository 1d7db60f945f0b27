/**
 * The embedded runtime's blob store: small bodies as rows of `blobs.sqlite`, big ones as files, and
 * files written before the table existed still read, listed, replaced and deleted.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, test } from 'node:test';
import { tempDir } from '@jobpipe/test-kit';
import { EmbeddedBlobStore, TABLE_BLOB_MAX_BYTES } from '../../src/embedded/embedded-blob-store.js';
import { createEmbeddedPorts, embeddedPaths } from '../../src/embedded/embedded-ports.js';
import { FolderBlobStore } from '../../src/embedded/folder-blob-store.js';
import { SqliteBlobTable } from '../../src/embedded/sqlite-blob-table.js';
import { PermanentError } from '../../src/errors.js';

const dir = tempDir('jobpipe-embedded-blobs-');
after(() => dir.remove());
let stores = 0;
const opened: EmbeddedBlobStore[] = [];
after(() => {
  for (const store of opened) store.close();
});

function newStore(dataDir = join(dir.path, `data-${++stores}`)) {
  const paths = embeddedPaths(dataDir);
  const store = new EmbeddedBlobStore(new SqliteBlobTable(paths.blobTable), new FolderBlobStore(paths.blobs));
  opened.push(store);
  return { dataDir, folder: paths.blobs, store };
}

async function collect(keys: AsyncIterable<string>): Promise<string[]> {
  const all: string[] = [];
  for await (const key of keys) all.push(key);
  return all;
}

async function filesBelow(folder: string): Promise<string[]> {
  if (!existsSync(folder)) return [];
  return (await readdir(folder, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name);
}

const big = (letter: string) => Buffer.alloc(TABLE_BLOB_MAX_BYTES + 1, letter);

test('a raw posting makes no file: small bodies are rows of blobs.sqlite, big ones files below blobs/', async () => {
  const { dataDir, folder, store } = newStore();
  await Promise.all([
    store.put('raw/mcf/abc/1.json', '{"uuid":"abc"}', 'application/json'),
    store.put('screenshots/app-1.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47])),
    store.put('snapshots/analytics.sqlite', big('s')),
  ]);
  assert.deepEqual(await filesBelow(folder), ['analytics.sqlite'], 'only the big body is a file');
  assert.ok(existsSync(join(dataDir, 'blobs.sqlite')));
  assert.equal((await store.get('raw/mcf/abc/1.json'))?.toString('utf8'), '{"uuid":"abc"}');
  assert.deepEqual([...((await store.get('screenshots/app-1.png')) ?? [])], [0x89, 0x50, 0x4e, 0x47]);
  assert.deepEqual(await store.get('snapshots/analytics.sqlite'), big('s'));
  assert.equal(await store.exists('raw/mcf/abc/1.json'), true);
  assert.equal(await store.exists('snapshots/analytics.sqlite'), true);
  assert.equal(await store.exists('raw/mcf/abc'), false);
  assert.equal(await store.get('raw/mcf/missing.json'), undefined);
  assert.deepEqual(await collect(store.list('')), ['raw/mcf/abc/1.json', 'screenshots/app-1.png', 'snapshots/analytics.sqlite']);
  await store.delete('raw/mcf/abc/1.json');
  await store.delete('snapshots/analytics.sqlite');
  assert.equal(await store.exists('raw/mcf/abc/1.json'), false);
  assert.equal(await store.exists('snapshots/analytics.sqlite'), false);
  assert.deepEqual(await collect(store.list('')), ['screenshots/app-1.png']);
});

test("the embedded runtime's ports store a raw posting as a row of blobs.sqlite, not as a file", async () => {
  const dataDir = join(dir.path, 'ports');
  const ports = createEmbeddedPorts({ dataDir, secretKey: undefined }, 'scraper');
  try {
    await ports.blobs.put('raw/greenhouse/123/abc.json', '{"id":123}', 'application/json');
    assert.deepEqual(await filesBelow(embeddedPaths(dataDir).blobs), []);
    assert.equal((await ports.blobs.get('raw/greenhouse/123/abc.json'))?.toString('utf8'), '{"id":123}');
  } finally {
    await ports.close();
  }
  const { store: reopened } = newStore(dataDir);
  assert.equal((await reopened.get('raw/greenhouse/123/abc.json'))?.toString('utf8'), '{"id":123}', 'kept in the data folder');
});

test('another process sees a put once it resolved (a new store on the same data folder)', async () => {
  const { dataDir, store } = newStore();
  await store.put('raw/lever/x/1.json', 'one');
  const { store: reader } = newStore(dataDir);
  assert.equal((await reader.get('raw/lever/x/1.json'))?.toString('utf8'), 'one');
  await store.put('raw/lever/x/1.json', 'two');
  assert.equal((await reader.get('raw/lever/x/1.json'))?.toString('utf8'), 'two', 'replaced');
});

test('list merges rows and files under a prefix, in key order, each key once', async () => {
  const { store } = newStore();
  for (const key of ['raw/mcf/b/2.json', 'raw/mcf/a/1.json', 'raw/mcfx/z.json', 'raw/lever/c/3.json']) await store.put(key, 'x');
  await store.put('raw/mcf/a/big.json', big('b'));
  assert.deepEqual(await collect(store.list('raw/mcf/')), ['raw/mcf/a/1.json', 'raw/mcf/a/big.json', 'raw/mcf/b/2.json']);
  assert.deepEqual(await collect(store.list('raw/mcf')), ['raw/mcf/a/1.json', 'raw/mcf/a/big.json', 'raw/mcf/b/2.json', 'raw/mcfx/z.json']);
  assert.deepEqual(await collect(store.list('nothing/here/')), []);
});

test('files of the earlier layouts are still read, listed and deleted, and a put replaces them', async () => {
  const { folder, store } = newStore();
  await mkdir(join(folder, 'raw', 'mcf', 'nested'), { recursive: true });
  await writeFile(join(folder, 'raw', 'mcf', 'nested', '1.json'), 'one folder per part');
  await writeFile(join(folder, 'raw', 'mcf', 'folded%2F2.json'), 'folded name');
  await writeFile(join(folder, 'raw', 'mcf', 'folded%2F3.json'), 'folded name');
  assert.equal((await store.get('raw/mcf/nested/1.json'))?.toString('utf8'), 'one folder per part');
  assert.equal((await store.get('raw/mcf/folded/2.json'))?.toString('utf8'), 'folded name');
  assert.equal(await store.exists('raw/mcf/folded/3.json'), true);
  await store.put('raw/mcf/new/4.json', 'row');
  assert.deepEqual(await collect(store.list('raw/mcf/')), [
    'raw/mcf/folded/2.json',
    'raw/mcf/folded/3.json',
    'raw/mcf/nested/1.json',
    'raw/mcf/new/4.json',
  ]);

  await store.put('raw/mcf/nested/1.json', 'now a row');
  assert.equal((await store.get('raw/mcf/nested/1.json'))?.toString('utf8'), 'now a row');
  assert.deepEqual((await filesBelow(folder)).sort(), ['folded%2F2.json', 'folded%2F3.json'], 'the replaced file is gone');
  await store.delete('raw/mcf/folded/2.json');
  assert.equal(await store.exists('raw/mcf/folded/2.json'), false);
  assert.deepEqual(await collect(store.list('raw/mcf/')), ['raw/mcf/folded/3.json', 'raw/mcf/nested/1.json', 'raw/mcf/new/4.json']);
});

test('a body growing past the table limit moves to a file, and back to a row when it shrinks', async () => {
  const { folder, store } = newStore();
  await store.put('models/recommender.json', 'small');
  await store.put('models/recommender.json', big('m'));
  assert.deepEqual(await store.get('models/recommender.json'), big('m'));
  assert.deepEqual(await filesBelow(folder), ['recommender.json']);
  await store.put('models/recommender.json', 'small again');
  assert.equal((await store.get('models/recommender.json'))?.toString('utf8'), 'small again');
  assert.deepEqual(await filesBelow(folder), []);
  assert.deepEqual(await collect(store.list('models/')), ['models/recommender.json']);
});

test('putFile stores a file as a row when small, as a copied file when big, and replaces what the key held', async () => {
  const { dataDir, folder, store } = newStore();
  await mkdir(dataDir, { recursive: true });
  const snapshot = join(dataDir, 'analytics.sqlite.build');
  await writeFile(snapshot, big('a'));
  await store.put('analytics/snapshots/s1.sqlite', 'an earlier small body');
  await store.putFile('analytics/snapshots/s1.sqlite', snapshot, 'application/vnd.sqlite3');
  assert.deepEqual(await store.get('analytics/snapshots/s1.sqlite'), big('a'));
  assert.deepEqual(await filesBelow(folder), ['s1.sqlite'], 'the big body is a file');
  assert.ok(existsSync(snapshot), 'the source file stays where it was');
  await writeFile(snapshot, 'small');
  await store.putFile('analytics/snapshots/s1.sqlite', snapshot);
  assert.equal((await store.get('analytics/snapshots/s1.sqlite'))?.toString('utf8'), 'small');
  assert.deepEqual(await filesBelow(folder), [], 'the small body is a row');
  await assert.rejects(store.putFile('../outside.sqlite', snapshot), (error: unknown) => error instanceof PermanentError);
});

test('keys that could leave the store are rejected as permanent errors, small bodies too', async () => {
  const { store } = newStore();
  const permanent = (error: unknown) => error instanceof PermanentError && error.code === 'BLOB_KEY_INVALID';
  for (const key of ['../outside.txt', 'raw/../../etc/passwd', '/etc/passwd', 'raw//double', 'raw/trailing/', '']) {
    await assert.rejects(store.put(key, 'x'), permanent, `put '${key}'`);
    await assert.rejects(store.get(key), permanent, `get '${key}'`);
    await assert.rejects(store.delete(key), permanent, `delete '${key}'`);
  }
  await assert.rejects(collect(store.list('../')), /invalid blob key/);
});

test('kill -9 of a process storing blobs: every put that had resolved is there, whole', { timeout: 60_000 }, async () => {
  const dataDir = join(dir.path, 'killed');
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'blob-writer-process.ts')], {
    env: { ...process.env, JOBPIPE_TEST_DATA_DIR: dataDir, NODE_TEST_CONTEXT: undefined },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  let reported = 0;
  for await (const line of createInterface({ input: child.stdout })) {
    reported = (JSON.parse(line) as { stored: number }).stored;
    if (reported >= 30) break;
  }
  child.kill('SIGKILL');
  await exited;
  const { store } = newStore(dataDir);
  for (let page = 1; page <= reported; page++) {
    for (let i = 0; i < 10; i++) {
      const body = await store.get(`raw/mcf/p${page}-${i}/hash.json`);
      assert.deepEqual(JSON.parse(body?.toString('utf8') ?? 'null'), { page, i, pad: 'x'.repeat(2000) }, `page ${page}, blob ${i}`);
    }
  }
});
