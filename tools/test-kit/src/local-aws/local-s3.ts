import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

interface StoredObject {
  readonly body: Buffer;
  readonly contentType: string;
  readonly etag: string;
  readonly lastModified: Date;
}

const xmlEscape = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * An in-memory S3 answering path-style REST requests (`/<bucket>/<key>`): CreateBucket, HeadBucket,
 * PutObject, GetObject, HeadObject, DeleteObject and ListObjectsV2, with S3's XML errors (`NoSuchKey`,
 * `NoSuchBucket`, `BucketAlreadyOwnedByYou`). Uploads must be plain bodies: the clients of
 * `createS3Client` send checksums only where S3 requires them, so no `aws-chunked` encoding reaches it.
 * For tests and the bench; never part of a production package.
 */
export class LocalS3 {
  private readonly buckets = new Map<string, Map<string, StoredObject>>();

  /** Answers one S3 request. */
  answer(request: IncomingMessage, response: ServerResponse, body: Buffer): ServerResponse {
    const url = new URL(request.url ?? '/', 'http://s3.local');
    const [, bucketName = '', ...keyParts] = url.pathname.split('/');
    const key = decodeURIComponent(keyParts.join('/'));
    const method = request.method ?? 'GET';
    const bucket = this.buckets.get(bucketName);
    const fail = (status: number, code: string, message: string) => {
      response.writeHead(status, { 'content-type': 'application/xml' });
      // HEAD answers carry no body; the SDK reads the status alone.
      return response.end(
        method === 'HEAD'
          ? undefined
          : `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message><Resource>${xmlEscape(url.pathname)}</Resource></Error>`,
      );
    };
    if (String(request.headers['content-encoding'] ?? '').includes('aws-chunked')) {
      return fail(501, 'NotImplemented', 'this local S3 takes plain bodies only (aws-chunked uploads are not implemented)');
    }
    if (!bucketName) return fail(400, 'InvalidBucketName', 'a bucket name is required (path-style addressing)');
    if (key === '') {
      if (method === 'PUT') {
        if (bucket)
          return fail(409, 'BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.');
        this.buckets.set(bucketName, new Map());
        return response.writeHead(200, { location: `/${bucketName}` }).end();
      }
      if (!bucket) return fail(404, 'NoSuchBucket', 'The specified bucket does not exist');
      if (method === 'HEAD') return response.writeHead(200).end();
      if (method === 'GET' && url.searchParams.get('list-type') === '2') return this.list(bucketName, bucket, url.searchParams, response);
      return fail(501, 'NotImplemented', `this local S3 does not implement ${method} on a bucket`);
    }
    if (!bucket) return fail(404, 'NoSuchBucket', 'The specified bucket does not exist');
    const stored = bucket.get(key);
    switch (method) {
      case 'PUT': {
        const etag = `"${createHash('md5').update(body).digest('hex')}"`;
        bucket.set(key, {
          body,
          contentType: String(request.headers['content-type'] ?? 'application/octet-stream'),
          etag,
          lastModified: new Date(),
        });
        return response.writeHead(200, { etag }).end();
      }
      case 'GET':
      case 'HEAD': {
        if (!stored)
          return method === 'HEAD' ? fail(404, 'NotFound', 'Not Found') : fail(404, 'NoSuchKey', 'The specified key does not exist.');
        response.writeHead(200, {
          'content-type': stored.contentType,
          'content-length': stored.body.length,
          etag: stored.etag,
          'last-modified': stored.lastModified.toUTCString(),
        });
        return response.end(method === 'GET' ? stored.body : undefined);
      }
      case 'DELETE':
        bucket.delete(key);
        return response.writeHead(204).end();
      default:
        return fail(405, 'MethodNotAllowed', `${method} is not allowed on an object`);
    }
  }

  private list(name: string, bucket: Map<string, StoredObject>, query: URLSearchParams, response: ServerResponse): ServerResponse {
    const prefix = query.get('prefix') ?? '';
    const max = Math.min(1000, Number(query.get('max-keys') ?? 1000));
    const after = query.get('continuation-token') ?? query.get('start-after') ?? '';
    const keys = [...bucket.keys()].filter((key) => key.startsWith(prefix) && key > after).sort();
    const page = keys.slice(0, max);
    const truncated = keys.length > page.length;
    const contents = page
      .map((key) => {
        const stored = bucket.get(key)!;
        return `<Contents><Key>${xmlEscape(key)}</Key><LastModified>${stored.lastModified.toISOString()}</LastModified><ETag>${xmlEscape(stored.etag)}</ETag><Size>${stored.body.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`;
      })
      .join('');
    const next = truncated ? `<NextContinuationToken>${xmlEscape(page.at(-1)!)}</NextContinuationToken>` : '';
    return response
      .writeHead(200, { 'content-type': 'application/xml' })
      .end(
        `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${xmlEscape(name)}</Name><Prefix>${xmlEscape(prefix)}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>${max}</MaxKeys><IsTruncated>${truncated}</IsTruncated>${contents}${next}</ListBucketResult>`,
      );
  }
}
