import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import {
  CreateEventBusCommand,
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  ResourceAlreadyExistsException,
} from '@aws-sdk/client-eventbridge';
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { type LocalAws, startLocalAws } from '../src/local-aws/index.js';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
let aws: LocalAws;
let sqs: SQSClient;
let eventBridge: EventBridgeClient;
let dynamo: DynamoDBClient;
let s3: S3Client;

before(async () => {
  aws = await startLocalAws();
  const settings = { region: aws.region, endpoint: aws.endpoint, credentials };
  sqs = new SQSClient(settings);
  eventBridge = new EventBridgeClient(settings);
  dynamo = new DynamoDBClient(settings);
  s3 = new S3Client({
    ...settings,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
});
after(async () => {
  for (const client of [sqs, eventBridge, dynamo, s3]) client.destroy();
  await aws.close();
});

async function queue(name: string): Promise<string> {
  return (await sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl!;
}

describe('local SQS (JSON protocol, real SDK client)', () => {
  test('sends, receives with MD5s the client checks, hides in-flight messages and deletes in a batch', async () => {
    const url = await queue('sqs-basics');
    assert.equal((await sqs.send(new GetQueueUrlCommand({ QueueName: 'sqs-basics' }))).QueueUrl, url);
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: 'één',
        MessageAttributes: { reason: { DataType: 'String', StringValue: 'why' } },
      }),
    );
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: 'a', MessageBody: 'two' },
          { Id: 'b', MessageBody: 'three' },
        ],
      }),
    );
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: 10,
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
        MessageAttributeNames: ['All'],
      }),
    );
    assert.deepEqual(
      Messages.map((message) => message.Body),
      ['één', 'two', 'three'],
    );
    assert.equal(Messages[0]?.Attributes?.ApproximateReceiveCount, '1');
    assert.equal(Messages[0]?.MessageAttributes?.reason?.StringValue, 'why');
    assert.deepEqual(
      (await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }))).Messages ?? [],
      [],
      'in flight: hidden',
    );
    const deleted = await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          ...Messages.map((message, i) => ({ Id: String(i), ReceiptHandle: message.ReceiptHandle! })),
          { Id: 'bad', ReceiptHandle: 'not-a-handle' },
        ],
      }),
    );
    assert.deepEqual(
      deleted.Successful?.map((entry) => entry.Id),
      ['0', '1', '2'],
    );
    assert.equal(deleted.Failed?.[0]?.Id, 'bad');
    assert.equal(deleted.Failed?.[0]?.Code, 'ReceiptHandleIsInvalid');
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
    assert.equal(Attributes?.ApproximateNumberOfMessages, '0');
    assert.equal(Attributes?.ApproximateNumberOfMessagesNotVisible, '0');
  });

  test('a long poll answers as soon as a message arrives; a released message comes back with its receive count', async () => {
    const url = await queue('sqs-long-poll');
    const started = Date.now();
    const polling = sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 5, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }),
    );
    setTimeout(() => void sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'late' })), 200);
    const [message] = (await polling).Messages ?? [];
    assert.equal(message?.Body, 'late');
    assert.ok(Date.now() - started < 2000, 'answered on arrival, not after the 5 s wait');
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: 0 }));
    const [again] =
      (await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }))).Messages ??
      [];
    assert.equal(again?.MessageId, message.MessageId);
    assert.equal(again?.Attributes?.ApproximateReceiveCount, '2');
  });

  test('the redrive policy moves a message received maxReceiveCount times to its dead-letter queue', async () => {
    const deadLetters = await queue('sqs-redrive-dlq');
    const url = await queue('sqs-redrive');
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: deadLetters, AttributeNames: ['QueueArn'] }));
    await sqs.send(
      new SetQueueAttributesCommand({
        QueueUrl: url,
        Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Attributes?.QueueArn, maxReceiveCount: 1 }) },
      }),
    );
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'poison' }));
    const [first] = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages ?? [];
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: first?.ReceiptHandle, VisibilityTimeout: 0 }));
    assert.deepEqual((await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages ?? [], []);
    const [moved] = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: deadLetters }))).Messages ?? [];
    assert.equal(moved?.MessageId, first?.MessageId);
  });

  test('an unknown queue is QueueDoesNotExist, a bad argument a 4xx that names it', async () => {
    await assert.rejects(sqs.send(new GetQueueUrlCommand({ QueueName: 'nowhere' })), QueueDoesNotExist);
    const url = await queue('sqs-errors');
    await assert.rejects(
      sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 11 })),
      (error: Error & { $metadata?: { httpStatusCode?: number } }) => {
        assert.equal(error.$metadata?.httpStatusCode, 400);
        assert.match(error.message, /MaxNumberOfMessages/);
        return true;
      },
    );
  });
});

describe('local EventBridge', () => {
  test('PutEvents delivers each event, in the envelope EventBridge sends, to the queues of the rules it matches', async () => {
    await eventBridge.send(new CreateEventBusCommand({ Name: 'bus-a' }));
    await assert.rejects(eventBridge.send(new CreateEventBusCommand({ Name: 'bus-a' })), ResourceAlreadyExistsException);
    const url = await queue('eb-target');
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
    const pattern = { source: [{ prefix: 'inst.' }], 'detail-type': ['job.parsed', 'job.scored'] };
    await eventBridge.send(new PutRuleCommand({ Name: 'to-target', EventBusName: 'bus-a', EventPattern: JSON.stringify(pattern) }));
    await eventBridge.send(
      new PutTargetsCommand({ Rule: 'to-target', EventBusName: 'bus-a', Targets: [{ Id: 'q', Arn: Attributes?.QueueArn }] }),
    );
    const time = new Date('2026-03-01T09:00:00.000Z');
    const output = await eventBridge.send(
      new PutEventsCommand({
        Entries: [
          { EventBusName: 'bus-a', Source: 'inst.parser', DetailType: 'job.parsed', Detail: '{"n":1}', Time: time },
          { EventBusName: 'bus-a', Source: 'other.parser', DetailType: 'job.parsed', Detail: '{"n":2}' },
          { EventBusName: 'bus-a', Source: 'inst.parser', DetailType: 'job.scraped', Detail: '{"n":3}' },
          { EventBusName: 'bus-a', Source: 'inst.parser', DetailType: 'job.scored', Detail: 'not json' },
        ],
      }),
    );
    assert.equal(output.FailedEntryCount, 1);
    assert.equal(output.Entries?.[3]?.ErrorCode, 'MalformedDetail');
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    assert.equal(Messages.length, 1, 'only the entry of the installation and a subscribed detail-type');
    const envelope = JSON.parse(Messages[0]!.Body!);
    assert.deepEqual(envelope, {
      version: '0',
      id: output.Entries?.[0]?.EventId,
      'detail-type': 'job.parsed',
      source: 'inst.parser',
      account: '000000000000',
      time: '2026-03-01T09:00:00Z',
      region: 'us-east-1',
      resources: [],
      detail: { n: 1 },
    });
  });

  test('more than 10 entries is a ValidationException', async () => {
    const entries = Array.from({ length: 11 }, () => ({ Source: 's', DetailType: 'd', Detail: '{}' }));
    await assert.rejects(eventBridge.send(new PutEventsCommand({ Entries: entries })), { name: 'ValidationException' });
  });
});

describe('DynamoDB front (dynalite with TransactWriteItems)', () => {
  before(async () => {
    await dynamo.send(
      new CreateTableCommand({
        TableName: 'txn-items',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  });
  const get = async (id: string) =>
    (await dynamo.send(new GetItemCommand({ TableName: 'txn-items', Key: { id: { S: id } }, ConsistentRead: true }))).Item;

  test('a transaction writes every item', async () => {
    await dynamo.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: 'txn-items', Item: { id: { S: 'a' }, n: { N: '1' } }, ConditionExpression: 'attribute_not_exists(id)' } },
          { Put: { TableName: 'txn-items', Item: { id: { S: 'b' }, n: { N: '2' } } } },
        ],
      }),
    );
    assert.deepEqual(await get('a'), { id: { S: 'a' }, n: { N: '1' } });
    assert.deepEqual(await get('b'), { id: { S: 'b' }, n: { N: '2' } });
  });

  test('one failed condition cancels the whole transaction, with a reason per item, and nothing stays written', async () => {
    await dynamo.send(new PutItemCommand({ TableName: 'txn-items', Item: { id: { S: 'kept' }, n: { N: '7' } } }));
    const error = await dynamo
      .send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: 'txn-items', Item: { id: { S: 'new' } } } },
            {
              Update: {
                TableName: 'txn-items',
                Key: { id: { S: 'kept' } },
                UpdateExpression: 'SET n = :n',
                ExpressionAttributeValues: { ':n': { N: '8' } },
              },
            },
            { ConditionCheck: { TableName: 'txn-items', Key: { id: { S: 'absent' } }, ConditionExpression: 'attribute_exists(id)' } },
          ],
        }),
      )
      .catch((thrown: unknown) => thrown);
    assert.ok(error instanceof TransactionCanceledException, String(error));
    assert.deepEqual(
      error.CancellationReasons?.map((reason) => reason.Code),
      ['None', 'None', 'ConditionalCheckFailed'],
    );
    assert.equal(await get('new'), undefined);
    assert.deepEqual(await get('kept'), { id: { S: 'kept' }, n: { N: '7' } });
    assert.equal(await get('absent'), undefined, 'a condition check leaves no item behind');
  });

  test('two operations on one item are a ValidationException', async () => {
    const put = { Put: { TableName: 'txn-items', Item: { id: { S: 'twice' } } } };
    await assert.rejects(dynamo.send(new TransactWriteItemsCommand({ TransactItems: [put, put] })), { name: 'ValidationException' });
  });
});

describe('local S3 (path-style REST)', () => {
  test('puts, gets and heads objects; a missing key is NoSuchKey / NotFound', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'blobs' }));
    await s3.send(new PutObjectCommand({ Bucket: 'blobs', Key: 'raw/a b.html', Body: '<p>hi</p>', ContentType: 'text/html' }));
    const object = await s3.send(new GetObjectCommand({ Bucket: 'blobs', Key: 'raw/a b.html' }));
    assert.equal(await object.Body?.transformToString(), '<p>hi</p>');
    assert.equal(object.ContentType, 'text/html');
    await s3.send(new PutObjectCommand({ Bucket: 'blobs', Key: 'raw/b.html', Body: 'b' }));
    await s3.send(new PutObjectCommand({ Bucket: 'blobs', Key: 'other/c.html', Body: 'c' }));
    const first = await s3.send(new ListObjectsV2Command({ Bucket: 'blobs', Prefix: 'raw/', MaxKeys: 1 }));
    assert.deepEqual(
      first.Contents?.map((object) => object.Key),
      ['raw/a b.html'],
    );
    const second = await s3.send(
      new ListObjectsV2Command({ Bucket: 'blobs', Prefix: 'raw/', ContinuationToken: first.NextContinuationToken }),
    );
    assert.deepEqual(
      second.Contents?.map((object) => object.Key),
      ['raw/b.html'],
    );
    assert.equal(second.IsTruncated, false);
    await assert.rejects(s3.send(new GetObjectCommand({ Bucket: 'blobs', Key: 'missing' })), NoSuchKey);
    await assert.rejects(s3.send(new HeadObjectCommand({ Bucket: 'blobs', Key: 'missing' })), NotFound);
  });
});
