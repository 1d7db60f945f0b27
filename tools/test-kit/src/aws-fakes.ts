/**
 * @jobpipe/test-kit/aws-fakes — AWS stand-ins for tests of the aws adapters: DynamoDB (dynalite, in
 * memory, speaking its wire protocol, with TransactWriteItems added by a front) and an S3 bucket played on a mocked S3 client.
 */
import { GetObjectCommand, HeadObjectCommand, NoSuchKey, NotFound, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { startLocalAws } from './local-aws/index.js';

/**
 * Starts DynamoDB on 127.0.0.1: dynalite (tables ACTIVE as soon as created) behind the front that adds
 * TransactWriteItems (see `DynamoFront`), so the transactions of the aws adapters run for real.
 */
export async function startDynalite(): Promise<{ endpoint: string; close(): Promise<void> }> {
  const aws = await startLocalAws();
  return { endpoint: aws.endpoint, close: () => aws.close() };
}

/**
 * Plays S3's side of PutObject, GetObject and HeadObject on a mocked S3 client, objects kept in memory
 * by `<bucket>/<key>` (a missing key answers NoSuchKey / NotFound as S3 does). Pass the objects of
 * another stub to let two clients share one S3. Returns the objects.
 */
export function playS3Buckets(s3: AwsClientStub<S3Client>, objects = new Map<string, Uint8Array>()): Map<string, Uint8Array> {
  const keyOf = (input: { Bucket?: string | undefined; Key?: string | undefined }) => `${input.Bucket}/${input.Key}`;
  const missing = { $metadata: { httpStatusCode: 404 } };
  s3.on(PutObjectCommand).callsFake((input) => {
    const body = input.Body as Uint8Array | string;
    objects.set(keyOf(input), typeof body === 'string' ? new TextEncoder().encode(body) : new Uint8Array(body));
    return {};
  });
  s3.on(GetObjectCommand).callsFake((input) => {
    const body = objects.get(keyOf(input));
    if (!body) throw new NoSuchKey({ message: 'The specified key does not exist.', ...missing });
    return { Body: { transformToByteArray: async () => body } };
  });
  s3.on(HeadObjectCommand).callsFake((input) => {
    if (!objects.has(keyOf(input))) throw new NotFound({ message: 'Not Found', ...missing });
    return { ContentLength: objects.get(keyOf(input))!.byteLength };
  });
  return objects;
}
