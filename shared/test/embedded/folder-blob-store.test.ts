import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { tempDir } from '@jobpipe/test-kit';
import { FolderBlobStore } from '../../src/embedded/folder-blob-store.js';
import { PermanentError } from '../../src/errors.js';

const dir = tempDir('jobpipe-blobs-');
after(() => dir.remove());
let stores = 0;
const newStore = () => {
  const root = join(dir.path, `store-${++stores}`);
  return { root, store: new FolderBlobStore(root) };
};

async function collect(keys: AsyncIterable<string>): Promise<string[]> {
  const all: string[] = [];
  for await (const key of keys) all.push(key);
  return all;
}

async function filesBelow(folder: string): Promise<string[]> {
  return (await readdir(folder, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name);
}

test('put, get, exists and delete round-trip text and bytes', async () => {
  const { store } = newStore();
  await store.put('raw/mcf/abc/1.json', '{"uuid":"abc"}', 'application/json');
  await store.put('screenshots/app-1.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
  assert.equal((await store.get('raw/mcf/abc/1.json'))?.toString('utf8'), '{"uuid":"abc"}');
  assert.deepEqual([...((await store.get('screenshots/app-1.png')) ?? [])], [0x89, 0x50, 0x4e, 0x47]);
  assert.equal(await store.exists('raw/mcf/abc/1.json'), true);
  assert.equal(await store.exists('raw/mcf/abc'), false, 'a folder is not a blob');
  assert.equal(await store.get('raw/mcf/missing.json'), undefined);
  await store.delete('raw/mcf/abc/1.json');
  assert.equal(await store.exists('raw/mcf/abc/1.json'), false);
  await store.delete('raw/mcf/abc/1.json');
});

test('a put replaces atomically: concurrent readers see the old body or the new one, never a part', async () => {
  const { root, store } = newStore();
  const size = 2 * 1024 * 1024;
  const bodies = ['a', 'b'].map((letter) => Buffer.alloc(size, letter));
  await store.put('snapshots/analytics.sqlite', bodies[0]!);
  const torn: string[] = [];
  const writes = (async () => {
    for (let i = 1; i <= 12; i++) await store.put('snapshots/analytics.sqlite', bodies[i % 2]!);
  })();
  const reads = (async () => {
    for (let i = 0; i < 40; i++) {
      const body = await store.get('snapshots/analytics.sqlite');
      if (!body || body.length !== size || !(body.every((byte) => byte === body[0]) as boolean)) {
        torn.push(`read ${i}: ${body?.length ?? 'missing'} bytes`);
      }
    }
  })();
  await Promise.all([writes, reads]);
  assert.deepEqual(torn, []);
  assert.deepEqual(await filesBelow(root), ['analytics.sqlite'], 'no temporary files left behind');
});

test('putFile copies a file in as the blob, replacing the old body whole, and leaves the file in place', async () => {
  const { root, store } = newStore();
  const source = join(dir.path, `snapshot-${stores}.sqlite`);
  await writeFile(source, Buffer.alloc(3 * 1024 * 1024, 'n'));
  await store.put('analytics/snapshots/s1.sqlite', 'old');
  await store.putFile('analytics/snapshots/s1.sqlite', source, 'application/vnd.sqlite3');
  assert.deepEqual(await store.get('analytics/snapshots/s1.sqlite'), Buffer.alloc(3 * 1024 * 1024, 'n'));
  assert.deepEqual(await filesBelow(root), ['s1.sqlite'], 'no temporary files left behind');
  assert.deepEqual(await readFile(source), Buffer.alloc(3 * 1024 * 1024, 'n'), 'the source is untouched');
  await assert.rejects(store.putFile('analytics/snapshots/s2.sqlite', join(dir.path, 'missing.sqlite')), { code: 'ENOENT' });
  assert.equal(await store.exists('analytics/snapshots/s2.sqlite'), false);
});

test('list yields the keys under a prefix, in key order', async () => {
  const { store } = newStore();
  for (const key of ['raw/mcf/b/2.json', 'raw/mcf/a/1.json', 'raw/mcfx/z.json', 'raw/lever/c/3.json', 'analytics/snap.sqlite']) {
    await store.put(key, 'x');
  }
  assert.deepEqual(await collect(store.list('raw/mcf/')), ['raw/mcf/a/1.json', 'raw/mcf/b/2.json']);
  assert.deepEqual(await collect(store.list('raw/mcf')), ['raw/mcf/a/1.json', 'raw/mcf/b/2.json', 'raw/mcfx/z.json']);
  assert.deepEqual(await collect(store.list('raw/')), ['raw/lever/c/3.json', 'raw/mcf/a/1.json', 'raw/mcf/b/2.json', 'raw/mcfx/z.json']);
  assert.equal((await collect(store.list(''))).length, 5);
  assert.deepEqual(await collect(store.list('nothing/here/')), []);
});

async function foldersBelow(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(entry.parentPath, entry.name).slice(folder.length + 1))
    .sort();
}

test("a key's parts past the second make no folders: every posting's raw body goes in its source's folder", async () => {
  const { root, store } = newStore();
  for (const key of ['raw/mcf/a/1.json', 'raw/mcf/b/2.json', 'raw/workday/acme/job/Austin/Engineer_R1/3.json', 'runs/mcf/s%201/r1.json']) {
    await store.put(key, key);
    assert.equal((await store.get(key))?.toString('utf8'), key, key);
    assert.equal(await store.exists(key), true, key);
  }
  assert.deepEqual(await foldersBelow(root), ['raw', 'raw/mcf', 'raw/workday', 'runs', 'runs/mcf']);
  assert.deepEqual(await collect(store.list('raw/workday/acme/')), ['raw/workday/acme/job/Austin/Engineer_R1/3.json']);
  assert.deepEqual(await collect(store.list('runs/')), ['runs/mcf/s%201/r1.json']);
  await store.delete('raw/mcf/a/1.json');
  assert.equal(await store.get('raw/mcf/a/1.json'), undefined);
  assert.deepEqual(await collect(store.list('raw/mcf/')), ['raw/mcf/b/2.json']);
});

test('a key too long for one file name keeps a folder per part, and reads back', async () => {
  const { store } = newStore();
  const key = `raw/usajobs/${'x'.repeat(150)}/${'y'.repeat(100)}.json`;
  await store.put(key, 'long');
  assert.equal((await store.get(key))?.toString('utf8'), 'long');
  assert.deepEqual(await collect(store.list('raw/usajobs/')), [key]);
});

test('blobs an earlier version wrote, one folder per key part, are still read, listed, replaced and deleted', async () => {
  const { root, store } = newStore();
  await mkdir(join(root, 'raw', 'mcf', 'old'), { recursive: true });
  await writeFile(join(root, 'raw', 'mcf', 'old', '1.json'), 'before');
  assert.equal((await store.get('raw/mcf/old/1.json'))?.toString('utf8'), 'before');
  assert.equal(await store.exists('raw/mcf/old/1.json'), true);
  await store.put('raw/mcf/new/2.json', 'now');
  assert.deepEqual(await collect(store.list('raw/mcf/')), ['raw/mcf/new/2.json', 'raw/mcf/old/1.json']);
  await store.put('raw/mcf/old/1.json', 'after');
  assert.equal((await store.get('raw/mcf/old/1.json'))?.toString('utf8'), 'after', 'the new body wins');
  assert.deepEqual(await collect(store.list('raw/mcf/old')), ['raw/mcf/old/1.json'], 'listed once');
  await store.delete('raw/mcf/old/1.json');
  assert.equal(await store.exists('raw/mcf/old/1.json'), false, 'both copies deleted');
});

test('a put after its folder was removed makes the folder again', async () => {
  const { root, store } = newStore();
  await store.put('raw/mcf/a/1.json', 'first');
  await rm(join(root, 'raw'), { recursive: true });
  await store.put('raw/mcf/b/2.json', 'second');
  assert.equal((await store.get('raw/mcf/b/2.json'))?.toString('utf8'), 'second');
});

test('keys that could leave the store folder are rejected as permanent errors (dead-lettered at once, not retried)', async () => {
  const { store } = newStore();
  const permanent = (error: unknown) =>
    error instanceof PermanentError && error.code === 'BLOB_KEY_INVALID' && /invalid blob key/.test(error.message);
  for (const key of ['../outside.txt', 'raw/../../etc/passwd', '/etc/passwd', 'raw//double', 'raw/trailing/', '']) {
    await assert.rejects(store.put(key, 'x'), permanent, `put '${key}'`);
    await assert.rejects(store.get(key), permanent, `get '${key}'`);
  }
  await assert.rejects(collect(store.list('../')), /invalid blob key/);
});
