import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, test } from 'node:test';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, NoSuchKey, NotFound, PutObjectCommand } from '@aws-sdk/client-s3';
import { tempDir } from '@jobpipe/test-kit';
import { mockClient } from 'aws-sdk-client-mock';
import { createS3Client } from '../../src/aws/aws-clients.js';
import { S3BlobStore } from '../../src/aws/s3-blob-store.js';
import { testCredentials } from './aws-test-kit.js';

const client = createS3Client({ region: 'us-east-1', endpoint: 'http://127.0.0.1:4566', credentials: testCredentials });
const s3 = mockClient(client);
const store = new S3BlobStore(client, 'jp-blobs');

beforeEach(() => s3.reset());

describe('S3 blob store', () => {
  test('the client checksums only where S3 requires it and uses path-style on a custom endpoint', async () => {
    assert.equal(await client.config.requestChecksumCalculation(), 'WHEN_REQUIRED');
    assert.equal(await client.config.responseChecksumValidation(), 'WHEN_REQUIRED');
    assert.equal(client.config.forcePathStyle, true);
  });

  test('put stores the body with its content type in the bucket', async () => {
    s3.on(PutObjectCommand).resolves({});
    await store.put('raw/mcf/1/a.json', '{"uuid":"1"}', 'application/json');
    assert.deepEqual(s3.commandCalls(PutObjectCommand)[0]?.args[0].input, {
      Bucket: 'jp-blobs',
      Key: 'raw/mcf/1/a.json',
      Body: '{"uuid":"1"}',
      ContentType: 'application/json',
    });
  });

  test('putFile puts the bytes of a local file with its content type', async () => {
    s3.on(PutObjectCommand).resolves({});
    const dir = tempDir('jobpipe-s3-put-file-');
    try {
      const path = join(dir.path, 'snapshot.sqlite');
      await writeFile(path, 'SQLite format 3\0');
      await store.putFile('analytics/snapshots/s1.sqlite', path, 'application/vnd.sqlite3');
      const input = s3.commandCalls(PutObjectCommand)[0]?.args[0].input;
      assert.deepEqual(
        [input?.Bucket, input?.Key, input?.ContentType],
        ['jp-blobs', 'analytics/snapshots/s1.sqlite', 'application/vnd.sqlite3'],
      );
      assert.equal(Buffer.from(input?.Body as Uint8Array).toString('utf8'), 'SQLite format 3\0');
    } finally {
      dir.remove();
    }
  });

  test('get returns the bytes, or undefined for a missing key; exists likewise', async () => {
    const bytes = new TextEncoder().encode('<html>é</html>');
    s3.on(GetObjectCommand, { Key: 'raw/jsonld/1/a.html' }).resolves({ Body: { transformToByteArray: async () => bytes } as never });
    s3.on(GetObjectCommand, { Key: 'missing' }).rejects(new NoSuchKey({ message: 'no such key', $metadata: { httpStatusCode: 404 } }));
    assert.equal((await store.get('raw/jsonld/1/a.html'))?.toString('utf8'), '<html>é</html>');
    assert.equal(await store.get('missing'), undefined);
    s3.on(HeadObjectCommand, { Key: 'there' }).resolves({});
    s3.on(HeadObjectCommand, { Key: 'missing' }).rejects(new NotFound({ message: 'not found', $metadata: { httpStatusCode: 404 } }));
    assert.equal(await store.exists('there'), true);
    assert.equal(await store.exists('missing'), false);
  });

  test('an error other than "missing" is not hidden', async () => {
    s3.on(GetObjectCommand).rejects(new Error('AccessDenied'));
    await assert.rejects(store.get('raw/x'), /AccessDenied/);
  });

  test('list follows ListObjectsV2 continuation tokens', async () => {
    s3.on(ListObjectsV2Command)
      .resolvesOnce({ Contents: [{ Key: 'raw/a' }, { Key: 'raw/b' }], IsTruncated: true, NextContinuationToken: 'page-2' })
      .resolvesOnce({ Contents: [{ Key: 'raw/c' }], IsTruncated: false });
    const keys: string[] = [];
    for await (const key of store.list('raw/')) keys.push(key);
    assert.deepEqual(keys, ['raw/a', 'raw/b', 'raw/c']);
    const inputs = s3.commandCalls(ListObjectsV2Command).map((call) => call.args[0].input);
    assert.deepEqual(inputs, [
      { Bucket: 'jp-blobs', Prefix: 'raw/' },
      { Bucket: 'jp-blobs', Prefix: 'raw/', ContinuationToken: 'page-2' },
    ]);
  });
});
